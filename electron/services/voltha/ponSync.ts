// One poll of a VOLTHA core: ListDevices and the OLTs' ports, mirrored into the cache, and the
// alarms that follow from what changed. Alarms are reconciled as a desired state (which devices
// are down right now) against the open ones, so a missed poll or a restart never leaves a stale
// alarm open or raises one twice. ONUs behind an OLT that is itself down or unreachable do not
// raise their own alarms: the OLT's alarm already says why (one alarm, not sixteen thousand).
import type { PonAdminState, PonConnectStatus, PonOperStatus, PonPortType } from '../../../shared/domain/voltha';
import { HEALTH, type PonDeviceRow, type PonPortRow, type PonRepository } from '../cache/repositories/ponRepository';
import type { AlarmWriter } from './ponAlarms';
import type { VolthaDevice, VolthaPort } from './protoTypes';
import type { VolthaClient } from './volthaClient';

export interface PollResult {
  olts: number;
  onus: number;
  changed: number;
  alarmsRaised: number;
  alarmsCleared: number;
  elapsedMs: number;
  error: string | null;
}

const PENDING_OPER = new Set<PonOperStatus>(['DISCOVERED', 'ACTIVATING', 'TESTING', 'RECONCILING', 'REBOOTED']);

export function healthOf(d: { adminState: PonAdminState; operStatus: PonOperStatus; connectStatus: PonConnectStatus }): number {
  if (d.adminState === 'DISABLED') return HEALTH.disabled;
  if (d.connectStatus === 'UNREACHABLE') return HEALTH.down;
  if (d.operStatus === 'ACTIVE') return HEALTH.active;
  if (d.adminState === 'PREPROVISIONED' || d.adminState === 'DOWNLOADING_IMAGE' || PENDING_OPER.has(d.operStatus)) return HEALTH.pending;
  return HEALTH.down;
}

export function rowOf(d: VolthaDevice): PonDeviceRow {
  const row = {
    id: d.id,
    kind: d.root ? ('olt' as const) : ('onu' as const),
    type: d.type,
    parentId: d.parent_id,
    parentPortNo: d.parent_port_no,
    serialNumber: d.serial_number,
    vendor: d.vendor,
    model: d.model,
    hostAndPort: d.host_and_port ?? d.ipv4_address ?? d.ipv6_address ?? '',
    adminState: d.admin_state,
    operStatus: d.oper_status,
    connectStatus: d.connect_status,
    reason: d.reason,
    health: 0,
  };
  row.health = healthOf(row);
  return row;
}

function portRow(deviceId: string, p: VolthaPort): PonPortRow {
  return { deviceId, portNo: p.port_no, label: p.label, type: p.type as PonPortType, adminState: p.admin_state, operStatus: p.oper_status };
}

const COMPARED: readonly (keyof PonDeviceRow)[] = ['kind', 'type', 'parentId', 'parentPortNo', 'serialNumber', 'vendor', 'model', 'hostAndPort', 'adminState', 'operStatus', 'connectStatus', 'reason'];

function differs(a: PonDeviceRow, b: PonDeviceRow): boolean {
  return COMPARED.some((k) => a[k] !== b[k]);
}

/** Runs `fn` over items with at most `limit` in flight. */
async function eachLimited<T>(items: readonly T[], limit: number, fn: (t: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const item = items[next++] as T;
      await fn(item);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}

export interface DesiredAlarm {
  /** voltha:<endpoint>[:<device>] */
  source: string;
  kind: 'voltha_unreachable' | 'olt_unreachable' | 'olt_down' | 'onu_down';
  severity: 'critical' | 'major';
  message: string;
  oltSerial?: string;
  oltHostAndPort?: string;
}

/** The alarms the mirror calls for right now. */
export function desiredAlarms(endpointId: string, endpointName: string, devices: readonly PonDeviceRow[]): DesiredAlarm[] {
  const olts = new Map(devices.filter((d) => d.kind === 'olt').map((d) => [d.id, d]));
  const out: DesiredAlarm[] = [];
  for (const d of devices) {
    if (d.health !== HEALTH.down) continue;
    const source = `voltha:${endpointId}:${d.id}`;
    if (d.kind === 'olt') {
      const unreachable = d.connectStatus === 'UNREACHABLE';
      out.push({
        source,
        kind: unreachable ? 'olt_unreachable' : 'olt_down',
        severity: 'critical',
        message: `OLT ${d.serialNumber || d.id} (${d.hostAndPort}) on ${endpointName} is ${unreachable ? 'unreachable' : `${d.operStatus.toLowerCase()}`}${d.reason ? `: ${d.reason}` : ''}`,
        oltSerial: d.serialNumber,
        oltHostAndPort: d.hostAndPort,
      });
      continue;
    }
    const olt = olts.get(d.parentId);
    // correlation: an ONU behind a down, disabled or unknown OLT is covered by the OLT's state
    if (!olt || olt.health === HEALTH.down || olt.health === HEALTH.disabled || olt.health === HEALTH.pending) continue;
    out.push({
      source,
      kind: 'onu_down',
      severity: 'major',
      message: `ONU ${d.serialNumber} on OLT ${olt.serialNumber || olt.id} PON ${d.parentPortNo} is ${d.operStatus.toLowerCase()}${d.reason ? ` (${d.reason})` : ''}`,
      oltSerial: olt.serialNumber,
      oltHostAndPort: olt.hostAndPort,
    });
  }
  return out;
}

export async function pollEndpoint(
  client: VolthaClient,
  repo: PonRepository,
  alarms: AlarmWriter,
  endpoint: { id: string; name: string },
): Promise<PollResult> {
  const started = performance.now();
  let devices: VolthaDevice[];
  try {
    devices = await client.devices();
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    const r = alarms.reconcile(`voltha:${endpoint.id}`, true, [
      { source: `voltha:${endpoint.id}`, kind: 'voltha_unreachable', severity: 'critical', message: `VOLTHA ${endpoint.name} cannot be polled: ${message}` },
    ]);
    return { olts: 0, onus: 0, changed: 0, alarmsRaised: r.raised, alarmsCleared: r.cleared, elapsedMs: performance.now() - started, error: message };
  }
  const rows = devices.map(rowOf);
  const ports = new Map<string, PonPortRow[]>();
  const olts = rows.filter((r) => r.kind === 'olt');
  await eachLimited(olts, 4, async (olt) => {
    try {
      ports.set(olt.id, (await client.ports(olt.id)).map((p) => portRow(olt.id, p)));
    } catch {
      // an OLT deleted between the two calls, or one whose ports the core cannot list right now:
      // keep its last known ports rather than failing the whole poll
    }
  });

  const before = repo.snapshot(endpoint.id);
  const upserts = rows.filter((r) => {
    const prev = before.get(r.id);
    return !prev || differs(prev, r);
  });
  const seen = new Set(rows.map((r) => r.id));
  const removed = [...before.keys()].filter((id) => !seen.has(id));
  let raised = 0;
  let cleared = 0;
  repo.applyPoll(endpoint.id, upserts, removed, ports, Date.now(), () => {
    const desired = desiredAlarms(endpoint.id, endpoint.name, rows);
    // the core answered: its own unreachable alarm (source without a device) clears too
    const r = alarms.reconcile(`voltha:${endpoint.id}`, false, desired);
    raised = r.raised;
    cleared = r.cleared;
  });
  return {
    olts: olts.length,
    onus: rows.length - olts.length,
    changed: upserts.length + removed.length,
    alarmsRaised: raised,
    alarmsCleared: cleared,
    elapsedMs: performance.now() - started,
    error: null,
  };
}
