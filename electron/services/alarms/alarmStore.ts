// SQL over the synced `alarms` table for one tenant. Every write goes with its outbox entry
// (ChangeRecorder) inside one transaction, so sync never misses a raise, repeat, ack or clear.
// Rows written by VOLTHA's AlarmWriter (no dedup_key, count 1, last_seen_at NULL) read the same.
import type Database from 'better-sqlite3';
import type { ParsedRequestOf, ResponseOf } from '../../../shared/ipc/schemas';
import { ChangeRecorder } from '../cache/repositories/outboxWriter';
import type { TenantScope } from '../cache/repositories/scope';
import { uuidv7 } from '../util/uuidv7';
import type { AlarmRaise } from './alarmService';

export type Alarm = ResponseOf<'alarms.get'>;
export type AlarmListRequest = ParsedRequestOf<'alarms.list'>;

interface AlarmRow {
  id: string;
  version: number;
  deviceId: string | null;
  deviceName: string | null;
  severity: Alarm['severity'];
  kind: string;
  message: string;
  source: string;
  raisedAt: number;
  lastSeenAt: number | null;
  count: number;
  ackedAt: number | null;
  ackedBy: string | null;
  ackNote: string | null;
  clearedAt: number | null;
}

const SELECT = `SELECT a.id, a.version, a.device_id AS deviceId, d.name AS deviceName, a.severity, a.kind, a.message, a.source,
  a.raised_at AS raisedAt, a.last_seen_at AS lastSeenAt, a.count, a.acked_at AS ackedAt, a.acked_by AS ackedBy,
  a.ack_note AS ackNote, a.cleared_at AS clearedAt
  FROM alarms a LEFT JOIN devices d ON d.id = a.device_id`;

function toAlarm(r: AlarmRow): Alarm {
  return {
    id: r.id,
    deviceId: r.deviceId,
    deviceName: r.deviceName,
    severity: r.severity,
    kind: r.kind,
    message: r.message,
    source: r.source,
    state: r.clearedAt !== null ? 'cleared' : r.ackedAt !== null ? 'acked' : 'open',
    raisedAt: r.raisedAt,
    lastSeenAt: r.lastSeenAt ?? r.raisedAt,
    count: r.count,
    ackedAt: r.ackedAt,
    ackedBy: r.ackedBy,
    ackNote: r.ackNote,
    clearedAt: r.clearedAt,
  };
}

const likePrefix = (s: string): string => `${s.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

export class AlarmStore {
  private readonly changes: ChangeRecorder;

  constructor(
    private readonly sqlite: Database.Database,
    private readonly scope: () => TenantScope,
  ) {
    this.changes = new ChangeRecorder(sqlite);
  }

  get(id: string): Alarm | null {
    const row = this.sqlite.prepare(`${SELECT} WHERE a.tenant_id = ? AND a.id = ? AND a.deleted_at IS NULL`).get(this.scope().tenantId, id) as AlarmRow | undefined;
    return row ? toAlarm(row) : null;
  }

  /** Inserts a new alarm, or bumps count and last_seen_at of the open one with the same key. */
  raise(a: AlarmRaise, now = Date.now()): { id: string; created: boolean } {
    const scope = this.scope();
    return this.sqlite.transaction(() => {
      const open = this.sqlite
        .prepare('SELECT id, version, count FROM alarms WHERE tenant_id = ? AND dedup_key = ? AND cleared_at IS NULL AND deleted_at IS NULL ORDER BY raised_at DESC LIMIT 1')
        .get(scope.tenantId, a.dedupKey) as { id: string; version: number; count: number } | undefined;
      if (open) {
        const count = open.count + 1;
        this.sqlite
          .prepare('UPDATE alarms SET count = ?, last_seen_at = ?, message = ?, version = version + 1, updated_at = ? WHERE id = ?')
          .run(count, now, a.message, now, open.id);
        this.changes.record(scope, 'alarms', open.id, 'update', open.version, { count, lastSeenAt: now, message: a.message }, now);
        return { id: open.id, created: false };
      }
      const id = uuidv7();
      this.sqlite
        .prepare(
          `INSERT INTO alarms (id, tenant_id, version, updated_at, device_id, severity, kind, message, source, raised_at, dedup_key, count, last_seen_at)
           VALUES (?, ?, 0, ?, ?, ?, ?, ?, ?, ?, ?, 1, ?)`,
        )
        .run(id, scope.tenantId, now, a.deviceId, a.severity, a.kind, a.message, a.source, now, a.dedupKey, now);
      this.changes.record(
        scope,
        'alarms',
        id,
        'insert',
        0,
        { deviceId: a.deviceId, severity: a.severity, kind: a.kind, message: a.message, source: a.source, raisedAt: now, dedupKey: a.dedupKey, count: 1, lastSeenAt: now },
        now,
      );
      return { id, created: true };
    })();
  }

  /** Clears the open alarms with this key; returns their ids. */
  clearByKey(dedupKey: string, now = Date.now()): string[] {
    const scope = this.scope();
    return this.sqlite.transaction(() => {
      const open = this.sqlite
        .prepare('SELECT id, version FROM alarms WHERE tenant_id = ? AND dedup_key = ? AND cleared_at IS NULL AND deleted_at IS NULL')
        .all(scope.tenantId, dedupKey) as { id: string; version: number }[];
      for (const o of open) this.writeClear(scope, o, now);
      return open.map((o) => o.id);
    })();
  }

  /** Clears one alarm by id; false when it was already cleared. */
  clearById(id: string, now = Date.now()): boolean {
    const scope = this.scope();
    return this.sqlite.transaction(() => {
      const row = this.activeRow(scope, id);
      if (!row) return false;
      this.writeClear(scope, row, now);
      return true;
    })();
  }

  /** Records who acknowledged an active alarm, when, and why; false when there is none to ack. */
  acknowledge(id: string, note: string, now = Date.now()): boolean {
    const scope = this.scope();
    return this.sqlite.transaction(() => {
      const row = this.activeRow(scope, id);
      if (!row) return false;
      this.sqlite
        .prepare('UPDATE alarms SET acked_at = ?, acked_by = ?, ack_note = ?, version = version + 1, updated_at = ? WHERE id = ?')
        .run(now, scope.actor, note, now, id);
      this.changes.record(scope, 'alarms', id, 'update', row.version, { ackedAt: now, ackedBy: scope.actor, ackNote: note }, now);
      return true;
    })();
  }

  list(q: AlarmListRequest): { items: Alarm[]; total: number; offset: number } {
    const where: string[] = ['a.tenant_id = ?', 'a.deleted_at IS NULL'];
    const args: (string | number)[] = [this.scope().tenantId];
    if (q.state === 'active') where.push('a.cleared_at IS NULL');
    else if (q.state === 'open') where.push('a.cleared_at IS NULL AND a.acked_at IS NULL');
    else if (q.state === 'acked') where.push('a.cleared_at IS NULL AND a.acked_at IS NOT NULL');
    else if (q.state === 'cleared') where.push('a.cleared_at IS NOT NULL');
    if (q.severities && q.severities.length > 0) {
      where.push(`a.severity IN (${q.severities.map(() => '?').join(', ')})`);
      args.push(...q.severities);
    }
    if (q.deviceId) {
      where.push('a.device_id = ?');
      args.push(q.deviceId);
    }
    if (q.source) {
      where.push("a.source LIKE ? ESCAPE '\\'");
      args.push(likePrefix(q.source));
    }
    if (q.kind) {
      where.push("a.kind LIKE ? ESCAPE '\\'");
      args.push(likePrefix(q.kind));
    }
    if (q.search) {
      const like = `%${q.search.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
      where.push("(a.message LIKE ? ESCAPE '\\' OR a.kind LIKE ? ESCAPE '\\' OR a.source LIKE ? ESCAPE '\\' OR d.name LIKE ? ESCAPE '\\')");
      args.push(like, like, like, like);
    }
    if (q.from !== undefined) {
      where.push('COALESCE(a.last_seen_at, a.raised_at) >= ?');
      args.push(q.from);
    }
    if (q.to !== undefined) {
      where.push('a.raised_at <= ?');
      args.push(q.to);
    }
    const clause = where.join(' AND ');
    const total = (this.sqlite.prepare(`SELECT count(*) AS n FROM alarms a LEFT JOIN devices d ON d.id = a.device_id WHERE ${clause}`).get(...args) as { n: number }).n;
    // history reads newest-cleared first; everything else newest-raised first
    const order = q.state === 'cleared' ? 'a.cleared_at DESC, a.id DESC' : 'a.raised_at DESC, a.id DESC';
    const rows = this.sqlite.prepare(`${SELECT} WHERE ${clause} ORDER BY ${order} LIMIT ? OFFSET ?`).all(...args, q.limit, q.offset) as AlarmRow[];
    return { items: rows.map(toAlarm), total, offset: q.offset };
  }

  /** The device whose management address is `address`, if the inventory has one. */
  deviceByAddress(address: string): string | null {
    const row = this.sqlite
      .prepare('SELECT id FROM devices WHERE tenant_id = ? AND mgmt_address = ? AND deleted_at IS NULL LIMIT 1')
      .get(this.scope().tenantId, address) as { id: string } | undefined;
    return row?.id ?? null;
  }

  /** The alarm if it is still active (not cleared), with the version its outbox entry is based on. */
  private activeRow(scope: TenantScope, id: string): { id: string; version: number } | undefined {
    return this.sqlite
      .prepare('SELECT id, version FROM alarms WHERE tenant_id = ? AND id = ? AND cleared_at IS NULL AND deleted_at IS NULL')
      .get(scope.tenantId, id) as { id: string; version: number } | undefined;
  }

  private writeClear(scope: TenantScope, row: { id: string; version: number }, now: number): void {
    this.sqlite.prepare('UPDATE alarms SET cleared_at = ?, version = version + 1, updated_at = ? WHERE id = ?').run(now, now, row.id);
    this.changes.record(scope, 'alarms', row.id, 'update', row.version, { clearedAt: now }, now);
  }
}
