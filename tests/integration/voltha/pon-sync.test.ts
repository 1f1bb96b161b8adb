// The VOLTHA client and the PON mirror against the simulator (the only VOLTHA peer that can run
// here; it speaks voltha.VolthaService over real gRPC): provisioning, ONU lifecycle, the core's
// errors, alarms from polling, and the subscriber link by ONU serial.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startVolthaSimulator, type VolthaSimulator } from '../../../electron/services/voltha/simulator/index';
import { openTempConsole } from '../../helpers/tempWorkspace';
import type { NocError } from '../../../shared/ipc/errors';

type Console = ReturnType<typeof openTempConsole>;
const CTX = { host: 'cli' } as const;

async function until<T>(what: string, fn: () => Promise<T | undefined>, timeoutMs = 15_000): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const v = await fn();
    if (v !== undefined) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

function openAlarms(noc: Console, kind?: string): { kind: string; severity: string; message: string; source: string }[] {
  return noc.workspace.sqlite
    .prepare(`SELECT kind, severity, message, source FROM alarms WHERE cleared_at IS NULL AND (? IS NULL OR kind = ?) ORDER BY raised_at`)
    .all(kind ?? null, kind ?? null) as { kind: string; severity: string; message: string; source: string }[];
}

async function rejection(p: Promise<unknown>): Promise<NocError> {
  try {
    await p;
  } catch (err) {
    return err as NocError;
  }
  throw new Error('expected a rejection');
}

describe('VOLTHA client and PON mirror against the simulator', () => {
  let sim: VolthaSimulator;
  let noc: Console;
  let endpointId: string;

  beforeAll(async () => {
    sim = await startVolthaSimulator({ olts: 2, pons: 2, onus: 4, provisioned: false, stepMs: 100, port: 0 });
    noc = openTempConsole();
    endpointId = (await noc.dispatcher.call('voltha.endpoints.save', { name: 'lab', address: sim.address }, CTX)).id;
  }, 30_000);

  afterAll(async () => {
    noc?.dispose();
    await sim?.stop();
  });

  afterEach(() => {
    sim.stopFlapping();
    sim.setLatency(0);
  });

  const refresh = () => noc.dispatcher.call('voltha.refresh', { endpointId }, CTX);
  const onus = (filter: 'all' | 'down' | 'active' | 'disabled' = 'all') => noc.dispatcher.call('voltha.onus.list', { endpointId, filter }, CTX);

  it('pre-provisions and enables an OLT, then its ONUs appear and activate', async () => {
    const olt = await noc.dispatcher.call('voltha.preprovision', { endpointId, hostAndPort: sim.oltAddresses[0] ?? '', type: 'openolt' }, CTX);
    expect(olt).toMatchObject({ kind: 'olt', adminState: 'PREPROVISIONED', hostAndPort: sim.oltAddresses[0] });
    await noc.dispatcher.call('voltha.device.action', { endpointId, id: olt.id, action: 'enable' }, CTX);
    const active = await until('8 active ONUs', async () => {
      await refresh();
      const r = await onus('active');
      return r.total === 8 ? r : undefined;
    });
    expect(active.items.every((o) => o.parentId === olt.id && o.operStatus === 'ACTIVE')).toBe(true);
    const tree = await noc.dispatcher.call('voltha.tree', { endpointId }, CTX);
    expect(tree).toHaveLength(1);
    expect(tree[0]?.olt).toMatchObject({ id: olt.id, adminState: 'ENABLED', operStatus: 'ACTIVE', connectStatus: 'REACHABLE' });
    expect(tree[0]?.onuCounts).toEqual({ total: 8, active: 8, down: 0, disabled: 0 });
    expect(tree[0]?.ponPorts.map((p) => p.onuCounts.total)).toEqual([4, 4]);
    expect(openAlarms(noc)).toEqual([]);
  });

  it('disables, enables and reboots an ONU, and deletes one', async () => {
    const [onu, other] = (await onus('active')).items;
    if (!onu || !other) throw new Error('no ONUs');
    await noc.dispatcher.call('voltha.device.action', { endpointId, id: onu.id, action: 'disable' }, CTX);
    const disabled = await until('ONU disabled', async () => {
      await refresh();
      const r = await onus('disabled');
      return r.items.find((o) => o.id === onu.id);
    });
    expect(disabled.adminState).toBe('DISABLED');

    // like VOLTHA's core, disabling a disabled device is a no-op, not an error
    const again = await noc.dispatcher.call('voltha.device.action', { endpointId, id: onu.id, action: 'disable' }, CTX);
    expect(again.device?.adminState).toBe('DISABLED');

    await noc.dispatcher.call('voltha.device.action', { endpointId, id: onu.id, action: 'enable' }, CTX);
    await until('ONU active again', async () => {
      await refresh();
      return (await onus('active')).items.find((o) => o.id === onu.id);
    });

    await noc.dispatcher.call('voltha.device.action', { endpointId, id: onu.id, action: 'reboot' }, CTX);
    // the ONU drops off (rebooting, then gone from the PON) before it comes back
    const rebooting = await until('ONU rebooting', async () => {
      const live = await noc.dispatcher.call('voltha.device.get', { endpointId, id: onu.id }, CTX);
      return live.live && live.device.operStatus !== 'ACTIVE' ? live.device : undefined;
    });
    expect(['rebooting', 'stopping-openomci']).toContain(rebooting.reason);
    await until('ONU back after reboot', async () => {
      await refresh();
      return (await onus('active')).items.find((o) => o.id === onu.id);
    });

    await noc.dispatcher.call('voltha.device.action', { endpointId, id: other.id, action: 'delete' }, CTX);
    await refresh();
    expect((await onus()).items.some((o) => o.id === other.id)).toBe(false);
    const gone = await rejection(noc.dispatcher.call('voltha.device.action', { endpointId, id: other.id, action: 'enable' }, CTX));
    expect(gone.code).toBe('NOT_FOUND');
  });

  it('an invalid transition gives the specific error: enabling an enabled OLT', async () => {
    const [tree] = await noc.dispatcher.call('voltha.tree', { endpointId }, CTX);
    const err = await rejection(noc.dispatcher.call('voltha.device.action', { endpointId, id: tree?.olt.id ?? '', action: 'enable' }, CTX));
    expect(err.code).toBe('CONFLICT');
    expect(err.message).toMatch(/^Cannot enable OLT \S+: the device is in state ENABLED \(oper ACTIVE, reachable\)/);
  });

  it('an unreachable OLT raises one critical alarm (its ONUs do not pile on) and recovery clears it', async () => {
    sim.setOltReachable(sim.oltAddresses[0] ?? '', false);
    await until('OLT unreachable alarm', async () => {
      await refresh();
      return openAlarms(noc, 'olt_unreachable').length === 1 ? true : undefined;
    });
    expect(openAlarms(noc, 'olt_unreachable')[0]).toMatchObject({ severity: 'critical' });
    expect(openAlarms(noc, 'onu_down')).toEqual([]);
    const [tree] = await noc.dispatcher.call('voltha.tree', { endpointId }, CTX);
    expect(tree?.olt.connectStatus).toBe('UNREACHABLE');

    sim.setOltReachable(sim.oltAddresses[0] ?? '', true);
    await until('alarm cleared', async () => {
      await refresh();
      return openAlarms(noc).length === 0 ? true : undefined;
    });
    const cleared = noc.workspace.sqlite.prepare("SELECT count(*) AS n FROM alarms WHERE kind = 'olt_unreachable' AND cleared_at IS NOT NULL").get() as { n: number };
    expect(cleared.n).toBe(1);
  });

  it('ONUs going down raise ONU alarms, cleared when they come back; alarms reach the outbox', async () => {
    // the OLT's outage in the test before made the core drop its ONUs: wait for their rediscovery
    await until('the ONUs rediscovered and active', async () => {
      await refresh();
      const r = await onus('all');
      return r.total >= 7 && r.items.every((o) => o.operStatus === 'ACTIVE') ? true : undefined;
    });
    sim.flapOnus(2, { periodMs: 100_000 });
    const down = await until('2 ONU alarms', async () => {
      await refresh();
      const a = openAlarms(noc, 'onu_down');
      return a.length === 2 ? a : undefined;
    });
    expect(down[0]?.message).toMatch(/^ONU \S+ on OLT/);
    const downList = await onus('all');
    expect(downList.items.slice(0, 2).every((o) => o.operStatus !== 'ACTIVE')).toBe(true); // down first
    sim.stopFlapping();
    await until('ONU alarms cleared', async () => {
      await refresh();
      return openAlarms(noc, 'onu_down').length === 0 ? true : undefined;
    });
    const outbox = noc.workspace.sqlite.prepare("SELECT count(*) AS n FROM outbox WHERE table_name = 'alarms'").get() as { n: number };
    expect(outbox.n).toBeGreaterThanOrEqual(4);
  });

  it('links ONUs to subscribers by serial', async () => {
    const [first] = (await onus('all')).items;
    if (!first) throw new Error('no ONU');
    const tenant = noc.workspace.scope().tenantId;
    noc.workspace.sqlite
      .prepare(
        `INSERT INTO subscribers (id, tenant_id, version, updated_at, account_no, name, status, radius_username, onu_serial, activated_at)
         VALUES ('0190a0a0-0000-7000-8000-0000000000aa', ?, 0, 0, 'A0000001', 'Ada Lovelace', 'active', 'ada', ?, 0)`,
      )
      .run(tenant, first.serialNumber);
    const r = await noc.dispatcher.call('voltha.onus.list', { endpointId, search: 'Lovelace' }, CTX);
    expect(r.items).toHaveLength(1);
    expect(r.items[0]).toMatchObject({ serialNumber: first.serialNumber, subscriberName: 'Ada Lovelace', subscriberAccount: 'A0000001' });
  });

  it('a slow core hits the deadline with a clear error', async () => {
    const slow = await noc.dispatcher.call('voltha.endpoints.save', { name: 'slow', address: sim.address, deadlineMs: 300 }, CTX);
    sim.setLatency(1000);
    const r = await noc.dispatcher.call('voltha.refresh', { endpointId: slow.id }, CTX);
    expect(r.error).toMatch(/did not answer ListDevices in time/);
    expect(openAlarms(noc, 'voltha_unreachable')).toHaveLength(1);
    sim.setLatency(0);
    const ok = await noc.dispatcher.call('voltha.refresh', { endpointId: slow.id }, CTX);
    expect(ok.error).toBeNull();
    expect(openAlarms(noc, 'voltha_unreachable')).toHaveLength(0);
  });

  it('an endpoint where nothing listens says so', async () => {
    const dead = await noc.dispatcher.call('voltha.endpoints.save', { name: 'dead', address: '127.0.0.1:9', deadlineMs: 2000 }, CTX);
    const r = await noc.dispatcher.call('voltha.refresh', { endpointId: dead.id }, CTX);
    expect(r.error).toMatch(/unreachable/);
    await noc.dispatcher.call('voltha.endpoints.delete', { id: dead.id }, CTX);
  });
});
