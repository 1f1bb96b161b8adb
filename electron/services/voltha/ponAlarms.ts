// Raises and clears PON alarms in the (synced) alarms table, each change with its outbox entry.
// Callers hand over the alarms that should be open now; this reconciles them with the open ones.
import type Database from 'better-sqlite3';
import { ChangeRecorder } from '../cache/repositories/outboxWriter';
import type { TenantScope } from '../cache/repositories/scope';
import { uuidv7 } from '../util/uuidv7';
import type { DesiredAlarm } from './ponSync';

export class AlarmWriter {
  private readonly changes: ChangeRecorder;

  constructor(
    private readonly sqlite: Database.Database,
    private readonly scope: TenantScope,
  ) {
    this.changes = new ChangeRecorder(sqlite);
  }

  /**
   * `prefix` is `voltha:<endpoint>`. With `endpointOnly`, only the endpoint's own alarm is
   * considered (the core could not be asked about its devices, so their alarms stay as they are).
   */
  reconcile(prefix: string, endpointOnly: boolean, desired: readonly DesiredAlarm[]): { raised: number; cleared: number } {
    const t = this.scope.tenantId;
    const open = (
      endpointOnly
        ? this.sqlite.prepare('SELECT id, source, kind, version FROM alarms WHERE tenant_id = ? AND cleared_at IS NULL AND deleted_at IS NULL AND source = ?').all(t, prefix)
        : this.sqlite
            .prepare(`SELECT id, source, kind, version FROM alarms WHERE tenant_id = ? AND cleared_at IS NULL AND deleted_at IS NULL AND (source = ? OR source LIKE ? ESCAPE '\\')`)
            .all(t, prefix, `${prefix.replace(/[\\%_]/g, (c) => `\\${c}`)}:%`)
    ) as { id: string; source: string; kind: string; version: number }[];
    const key = (source: string, kind: string): string => `${source}|${kind}`;
    const want = new Map(desired.map((d) => [key(d.source, d.kind), d]));
    const have = new Set(open.map((o) => key(o.source, o.kind)));
    const now = Date.now();
    let cleared = 0;
    const clear = this.sqlite.prepare('UPDATE alarms SET cleared_at = ?, updated_at = ? WHERE id = ? AND tenant_id = ?');
    for (const o of open) {
      if (want.has(key(o.source, o.kind))) continue;
      clear.run(now, now, o.id, t);
      this.changes.record(this.scope, 'alarms', o.id, 'update', o.version, { clearedAt: now }, now);
      cleared++;
    }
    let raised = 0;
    const insert = this.sqlite.prepare(
      `INSERT INTO alarms (id, tenant_id, version, updated_at, device_id, severity, kind, message, source, raised_at)
       VALUES (?, ?, 0, ?, ?, ?, ?, ?, ?, ?)`,
    );
    for (const [k, d] of want) {
      if (have.has(k)) continue;
      const id = uuidv7();
      const deviceId = this.inventoryDevice(d);
      insert.run(id, t, now, deviceId, d.severity, d.kind, d.message, d.source, now);
      this.changes.record(this.scope, 'alarms', id, 'insert', 0, { deviceId, severity: d.severity, kind: d.kind, message: d.message, source: d.source, raisedAt: now }, now);
      raised++;
    }
    return { raised, cleared };
  }

  /** The OLT in the inventory (by serial, else by management address) the alarm belongs to. */
  private inventoryDevice(d: DesiredAlarm): string | null {
    if (!d.oltSerial && !d.oltHostAndPort) return null;
    const host = (d.oltHostAndPort ?? '').replace(/:\d+$/, '');
    const row = this.sqlite
      .prepare(`SELECT id FROM devices WHERE tenant_id = ? AND deleted_at IS NULL AND ((? <> '' AND serial = ?) OR (? <> '' AND mgmt_address = ?)) LIMIT 1`)
      .get(this.scope.tenantId, d.oltSerial ?? '', d.oltSerial ?? '', host, host) as { id: string } | undefined;
    return row?.id ?? null;
  }
}
