// The PON mirror: OLTs, ONUs and OLT ports as the last VOLTHA poll saw them, the endpoints list
// (synced), and reads for the PON page that join ONUs to subscribers by serial and OLTs to the
// inventory by serial or management address. Every statement is scoped to the tenant.
import type Database from 'better-sqlite3';
import type { OnuFilter, PonAdminState, PonConnectStatus, PonOperStatus, PonPortType } from '../../../../shared/domain/voltha';
import { NocError } from '../../../../shared/ipc/errors';
import type { PonDevice, VolthaEndpoint } from '../../../../shared/ipc/volthaSchemas';
import { uuidv7 } from '../../util/uuidv7';
import { withBusyRetry } from '../busyRetry';
import { ChangeRecorder } from './outboxWriter';
import type { TenantScope } from './scope';

/** Sort order of the PON page: down first, then in transition, disabled, healthy. */
export const HEALTH = { down: 0, pending: 1, disabled: 2, active: 3 } as const;

export interface PonDeviceRow {
  id: string;
  kind: 'olt' | 'onu';
  type: string;
  parentId: string;
  parentPortNo: number;
  serialNumber: string;
  vendor: string;
  model: string;
  hostAndPort: string;
  adminState: PonAdminState;
  operStatus: PonOperStatus;
  connectStatus: PonConnectStatus;
  reason: string;
  health: number;
}

export interface PonPortRow {
  deviceId: string;
  portNo: number;
  label: string;
  type: PonPortType;
  adminState: PonAdminState;
  operStatus: PonOperStatus;
}

export interface EndpointFields {
  name: string;
  address: string;
  tls: boolean;
  deadlineMs: number;
  pollIntervalMs: number;
}

const DEVICE_COLUMNS = `p.endpoint_id AS endpointId, p.id, p.kind, p.type, p.parent_id AS parentId, p.parent_port_no AS parentPortNo,
  p.serial_number AS serialNumber, p.vendor, p.model, p.host_and_port AS hostAndPort, p.admin_state AS adminState,
  p.oper_status AS operStatus, p.connect_status AS connectStatus, p.reason, p.changed_at AS changedAt`;

// ONUs → subscribers by serial; OLTs → inventory by serial, else by the host of host_and_port.
const SUBSCRIBER_JOIN = `
  LEFT JOIN subscribers s ON p.kind = 'onu' AND s.tenant_id = p.tenant_id AND s.onu_serial = p.serial_number AND s.deleted_at IS NULL`;
const DEVICE_JOINS = `${SUBSCRIBER_JOIN}
  LEFT JOIN devices d ON d.id = CASE WHEN p.kind = 'olt' THEN (
    SELECT d2.id FROM devices d2 WHERE d2.tenant_id = p.tenant_id AND d2.deleted_at IS NULL
      AND ((p.serial_number <> '' AND d2.serial = p.serial_number)
        OR d2.mgmt_address = rtrim(rtrim(p.host_and_port, '0123456789'), ':'))
    LIMIT 1) END`;
// (the CASE keeps SQLite from running the inventory lookup for every ONU before ORDER BY/OFFSET)

const DEVICE_SELECT = `SELECT ${DEVICE_COLUMNS}, d.id AS inventoryDeviceId, d.name AS inventoryDeviceName,
  s.id AS subscriberId, s.name AS subscriberName, s.account_no AS subscriberAccount FROM pon_devices p ${DEVICE_JOINS}`;

export class PonRepository {
  private readonly changes: ChangeRecorder;

  constructor(
    private readonly sqlite: Database.Database,
    private readonly scope: TenantScope,
  ) {
    this.changes = new ChangeRecorder(sqlite);
  }

  // ── endpoints ──────────────────────────────────────────────────────────────────────────────

  endpoints(): Omit<VolthaEndpoint, 'lastPollAt' | 'lastError' | 'version'>[] {
    return (
      this.sqlite
        .prepare(
          `SELECT id, name, address, tls, deadline_ms AS deadlineMs, poll_interval_ms AS pollIntervalMs FROM voltha_endpoints
           WHERE tenant_id = ? AND deleted_at IS NULL ORDER BY name, id`,
        )
        .all(this.scope.tenantId) as (Omit<VolthaEndpoint, 'lastPollAt' | 'lastError' | 'version' | 'tls'> & { tls: number })[]
    ).map((r) => ({ ...r, tls: r.tls === 1 }));
  }

  endpoint(id: string): Omit<VolthaEndpoint, 'lastPollAt' | 'lastError' | 'version'> | undefined {
    return this.endpoints().find((e) => e.id === id);
  }

  saveEndpoint(fields: EndpointFields, id?: string): string {
    const now = Date.now();
    return withBusyRetry(() =>
      this.sqlite.transaction(() => {
        if (id === undefined) {
          const newId = uuidv7();
          this.sqlite
            .prepare(
              `INSERT INTO voltha_endpoints (id, tenant_id, version, updated_at, name, address, tls, deadline_ms, poll_interval_ms)
               VALUES (?, ?, 0, ?, ?, ?, ?, ?, ?)`,
            )
            .run(newId, this.scope.tenantId, now, fields.name, fields.address, fields.tls ? 1 : 0, fields.deadlineMs, fields.pollIntervalMs);
          this.changes.record(this.scope, 'voltha_endpoints', newId, 'insert', 0, { ...fields }, now);
          return newId;
        }
        const cur = this.sqlite.prepare('SELECT version FROM voltha_endpoints WHERE id = ? AND tenant_id = ? AND deleted_at IS NULL').get(id, this.scope.tenantId) as
          | { version: number }
          | undefined;
        if (!cur) throw new NocError('NOT_FOUND', 'That VOLTHA endpoint no longer exists.');
        this.sqlite
          .prepare('UPDATE voltha_endpoints SET updated_at = ?, name = ?, address = ?, tls = ?, deadline_ms = ?, poll_interval_ms = ? WHERE id = ? AND tenant_id = ?')
          .run(now, fields.name, fields.address, fields.tls ? 1 : 0, fields.deadlineMs, fields.pollIntervalMs, id, this.scope.tenantId);
        this.changes.record(this.scope, 'voltha_endpoints', id, 'update', cur.version, { ...fields }, now);
        return id;
      })(),
    );
  }

  deleteEndpoint(id: string): boolean {
    return withBusyRetry(() =>
      this.sqlite.transaction(() => {
        const cur = this.sqlite.prepare('SELECT version FROM voltha_endpoints WHERE id = ? AND tenant_id = ? AND deleted_at IS NULL').get(id, this.scope.tenantId) as
          | { version: number }
          | undefined;
        if (!cur) return false;
        const now = Date.now();
        this.sqlite.prepare('UPDATE voltha_endpoints SET deleted_at = ?, updated_at = ? WHERE id = ? AND tenant_id = ?').run(now, now, id, this.scope.tenantId);
        this.sqlite.prepare('DELETE FROM pon_devices WHERE tenant_id = ? AND endpoint_id = ?').run(this.scope.tenantId, id);
        this.sqlite.prepare('DELETE FROM pon_ports WHERE tenant_id = ? AND endpoint_id = ?').run(this.scope.tenantId, id);
        this.changes.record(this.scope, 'voltha_endpoints', id, 'delete', cur.version, {}, now);
        return true;
      })(),
    );
  }

  // ── mirror ─────────────────────────────────────────────────────────────────────────────────

  /** The mirror of one endpoint as stored, by VOLTHA id (for diffing a new poll against). */
  snapshot(endpointId: string): Map<string, PonDeviceRow> {
    const rows = this.sqlite
      .prepare(
        `SELECT id, kind, type, parent_id AS parentId, parent_port_no AS parentPortNo, serial_number AS serialNumber, vendor, model,
           host_and_port AS hostAndPort, admin_state AS adminState, oper_status AS operStatus, connect_status AS connectStatus, reason, health
         FROM pon_devices WHERE tenant_id = ? AND endpoint_id = ?`,
      )
      .all(this.scope.tenantId, endpointId) as PonDeviceRow[];
    return new Map(rows.map((r) => [r.id, r]));
  }

  /**
   * Writes a poll's result: inserts new devices, updates changed ones, deletes vanished ones, and
   * replaces the ports of the OLTs polled. `fn` runs inside the same transaction (alarms).
   */
  applyPoll(endpointId: string, upserts: readonly PonDeviceRow[], removed: readonly string[], ports: ReadonlyMap<string, readonly PonPortRow[]>, now: number, fn: () => void): void {
    const t = this.scope.tenantId;
    const upsert = this.sqlite.prepare(
      `INSERT INTO pon_devices (tenant_id, endpoint_id, id, kind, type, parent_id, parent_port_no, serial_number, vendor, model, host_and_port,
         admin_state, oper_status, connect_status, reason, health, seen_at, changed_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT(endpoint_id, id) DO UPDATE SET kind = excluded.kind, type = excluded.type, parent_id = excluded.parent_id,
         parent_port_no = excluded.parent_port_no, serial_number = excluded.serial_number, vendor = excluded.vendor, model = excluded.model,
         host_and_port = excluded.host_and_port, admin_state = excluded.admin_state, oper_status = excluded.oper_status,
         connect_status = excluded.connect_status, reason = excluded.reason, health = excluded.health, seen_at = excluded.seen_at,
         changed_at = excluded.changed_at`,
    );
    const del = this.sqlite.prepare('DELETE FROM pon_devices WHERE tenant_id = ? AND endpoint_id = ? AND id = ?');
    const delPorts = this.sqlite.prepare('DELETE FROM pon_ports WHERE tenant_id = ? AND endpoint_id = ? AND device_id = ?');
    const insPort = this.sqlite.prepare(
      `INSERT INTO pon_ports (tenant_id, endpoint_id, device_id, port_no, label, type, admin_state, oper_status) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    withBusyRetry(() =>
      this.sqlite.transaction(() => {
        for (const d of upserts) {
          upsert.run(t, endpointId, d.id, d.kind, d.type, d.parentId, d.parentPortNo, d.serialNumber, d.vendor, d.model, d.hostAndPort,
            d.adminState, d.operStatus, d.connectStatus, d.reason, d.health, now, now);
        }
        for (const id of removed) {
          del.run(t, endpointId, id);
          delPorts.run(t, endpointId, id);
        }
        for (const [deviceId, list] of ports) {
          delPorts.run(t, endpointId, deviceId);
          for (const p of list) insPort.run(t, endpointId, deviceId, p.portNo, p.label, p.type, p.adminState, p.operStatus);
        }
        fn();
      })(),
    );
  }

  device(endpointId: string, id: string): PonDevice | undefined {
    return this.sqlite.prepare(`${DEVICE_SELECT} WHERE p.tenant_id = ? AND p.endpoint_id = ? AND p.id = ?`).get(this.scope.tenantId, endpointId, id) as
      | PonDevice
      | undefined;
  }

  olts(endpointId?: string): PonDevice[] {
    return this.sqlite
      .prepare(`${DEVICE_SELECT} WHERE p.tenant_id = ? AND p.kind = 'olt' AND (? IS NULL OR p.endpoint_id = ?) ORDER BY p.serial_number, p.id`)
      .all(this.scope.tenantId, endpointId ?? null, endpointId ?? null) as PonDevice[];
  }

  ports(endpointId: string, deviceId: string): PonPortRow[] {
    return this.sqlite
      .prepare(
        `SELECT device_id AS deviceId, port_no AS portNo, label, type, admin_state AS adminState, oper_status AS operStatus FROM pon_ports
         WHERE tenant_id = ? AND endpoint_id = ? AND device_id = ? ORDER BY port_no`,
      )
      .all(this.scope.tenantId, endpointId, deviceId) as PonPortRow[];
  }

  /** ONU counts by OLT and PON port: { health → n } per (olt, port). */
  onuCounts(endpointId?: string): { endpointId: string; parentId: string; parentPortNo: number; health: number; n: number }[] {
    return this.sqlite
      .prepare(
        `SELECT endpoint_id AS endpointId, parent_id AS parentId, parent_port_no AS parentPortNo, health, count(*) AS n FROM pon_devices
         WHERE tenant_id = ? AND kind = 'onu' AND (? IS NULL OR endpoint_id = ?) GROUP BY endpoint_id, parent_id, parent_port_no, health`,
      )
      .all(this.scope.tenantId, endpointId ?? null, endpointId ?? null) as { endpointId: string; parentId: string; parentPortNo: number; health: number; n: number }[];
  }

  onus(q: { endpointId?: string | undefined; oltId?: string | undefined; portNo?: number | undefined; filter: OnuFilter; search?: string | undefined; offset: number; limit: number }): {
    items: PonDevice[];
    total: number;
  } {
    const where = [`p.tenant_id = ?`, `p.kind = 'onu'`];
    const args: unknown[] = [this.scope.tenantId];
    if (q.endpointId) {
      where.push('p.endpoint_id = ?');
      args.push(q.endpointId);
    }
    if (q.oltId) {
      where.push('p.parent_id = ?');
      args.push(q.oltId);
    }
    if (q.portNo !== undefined) {
      where.push('p.parent_port_no = ?');
      args.push(q.portNo);
    }
    const health = { all: null, down: HEALTH.down, active: HEALTH.active, disabled: HEALTH.disabled }[q.filter];
    if (health !== null) {
      where.push('p.health = ?');
      args.push(health);
    }
    if (q.search) {
      const like = `%${q.search.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
      where.push(`(p.serial_number LIKE ? ESCAPE '\\' OR p.id LIKE ? ESCAPE '\\' OR s.name LIKE ? ESCAPE '\\' OR s.account_no LIKE ? ESCAPE '\\')`);
      args.push(like, like, like, like);
    }
    const w = where.join(' AND ');
    const total = (this.sqlite.prepare(`SELECT count(*) AS n FROM pon_devices p ${q.search ? SUBSCRIBER_JOIN : ''} WHERE ${w}`).get(...args) as { n: number }).n;
    // ONUs are never inventory devices: only the subscriber join, so a deep page stays an index walk
    const items = this.sqlite
      .prepare(
        `SELECT ${DEVICE_COLUMNS}, NULL AS inventoryDeviceId, NULL AS inventoryDeviceName, s.id AS subscriberId, s.name AS subscriberName,
           s.account_no AS subscriberAccount FROM pon_devices p ${SUBSCRIBER_JOIN} WHERE ${w} ORDER BY p.health, p.serial_number, p.id LIMIT ? OFFSET ?`,
      )
      .all(...args, q.limit, q.offset) as PonDevice[];
    return { items, total };
  }
}
