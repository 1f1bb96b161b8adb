// Devices of one tenant: keyset-paginated lists with search and sort, and writes that record an
// outbox entry and an audit record in the same transaction.
import type Database from 'better-sqlite3';
import type { Device, DeviceRole, DeviceSortField, DeviceStatus } from '../../../../shared/domain/device';
import { NocError } from '../../../../shared/ipc/errors';
import { uuidv7 } from '../../util/uuidv7';
import { withBusyRetry } from '../busyRetry';
import { ChangeRecorder } from './outboxWriter';
import type { TenantScope } from './scope';

export interface DeviceListQuery {
  search?: string;
  siteId?: string;
  role?: DeviceRole;
  status?: DeviceStatus;
  sort: DeviceSortField;
  dir: 'asc' | 'desc';
  cursor: string | null;
  limit: number;
  withTotal: boolean;
}

export interface DevicePage {
  items: Device[];
  nextCursor: string | null;
  total: number | null;
}

export interface DeviceFields {
  name: string;
  mgmtAddress: string;
  role: DeviceRole;
  vendor: string;
  model: string;
  siteId: string | null;
  snmpProfileId: string | null;
  sshProfileId: string | null;
  status: DeviceStatus;
  location: string;
  notes: string;
}

/** Sort field → SQL expression. Each has an index (tenant_id, column, id) except site. */
const SORT_SQL: Record<DeviceSortField, string> = {
  name: 'd.name',
  mgmtAddress: 'd.mgmt_address',
  vendor: 'd.vendor',
  role: 'd.role',
  status: 'd.status',
  site: "COALESCE(s.name, '')",
  updatedAt: 'd.updated_at',
};

const COLUMN_OF: Record<keyof DeviceFields, string> = {
  name: 'name',
  mgmtAddress: 'mgmt_address',
  role: 'role',
  vendor: 'vendor',
  model: 'model',
  siteId: 'site_id',
  snmpProfileId: 'snmp_profile_id',
  sshProfileId: 'ssh_profile_id',
  status: 'status',
  location: 'location',
  notes: 'notes',
};

const SELECT = `SELECT d.id, d.tenant_id, d.site_id, s.name AS site_name, d.name, d.vendor, d.model, d.role,
  d.mgmt_address, d.snmp_profile_id, d.ssh_profile_id, d.status, d.location, d.notes, d.version, d.updated_at
  FROM devices d LEFT JOIN sites s ON s.id = d.site_id AND s.tenant_id = d.tenant_id`;

interface DeviceRow {
  id: string;
  tenant_id: string;
  site_id: string | null;
  site_name: string | null;
  name: string;
  vendor: string;
  model: string;
  role: string;
  mgmt_address: string;
  snmp_profile_id: string | null;
  ssh_profile_id: string | null;
  status: string;
  location: string;
  notes: string;
  version: number;
  updated_at: number;
}

function toDevice(r: DeviceRow): Device {
  return {
    id: r.id,
    tenantId: r.tenant_id,
    siteId: r.site_id,
    siteName: r.site_name,
    name: r.name,
    vendor: r.vendor,
    model: r.model,
    role: r.role as DeviceRole,
    mgmtAddress: r.mgmt_address,
    snmpProfileId: r.snmp_profile_id,
    sshProfileId: r.ssh_profile_id,
    status: r.status as DeviceStatus,
    location: r.location,
    notes: r.notes,
    version: r.version,
    updatedAt: r.updated_at,
  };
}

export function escapeLike(s: string): string {
  return s.replace(/[\\%_]/g, (c) => '\\' + c);
}

type Cursor = [string | number, string];

function encodeCursor(c: Cursor): string {
  return Buffer.from(JSON.stringify(c)).toString('base64url');
}

function decodeCursor(s: string): Cursor {
  try {
    const v: unknown = JSON.parse(Buffer.from(s, 'base64url').toString('utf8'));
    if (Array.isArray(v) && v.length === 2 && (typeof v[0] === 'string' || typeof v[0] === 'number') && typeof v[1] === 'string') {
      return [v[0], v[1]];
    }
  } catch {
    /* fall through */
  }
  throw new NocError('VALIDATION', 'The page cursor is not valid; reload the list.');
}

export class DeviceRepository {
  private readonly changes: ChangeRecorder;
  private readonly statements = new Map<string, Database.Statement>();

  constructor(
    private readonly sqlite: Database.Database,
    private readonly scope: TenantScope,
  ) {
    this.changes = new ChangeRecorder(sqlite);
  }

  private stmt(sql: string): Database.Statement {
    let s = this.statements.get(sql);
    if (!s) {
      s = this.sqlite.prepare(sql);
      this.statements.set(sql, s);
    }
    return s;
  }

  list(q: DeviceListQuery): DevicePage {
    const where: string[] = ['d.tenant_id = ?', 'd.deleted_at IS NULL'];
    const args: (string | number)[] = [this.scope.tenantId];
    const term = q.search?.trim();
    if (term) {
      const like = `%${escapeLike(term)}%`;
      where.push(
        "(d.name LIKE ? ESCAPE '\\' OR d.mgmt_address LIKE ? ESCAPE '\\' OR d.vendor LIKE ? ESCAPE '\\' OR s.name LIKE ? ESCAPE '\\')",
      );
      args.push(like, like, like, like);
    }
    if (q.siteId) {
      where.push('d.site_id = ?');
      args.push(q.siteId);
    }
    if (q.role) {
      where.push('d.role = ?');
      args.push(q.role);
    }
    if (q.status) {
      where.push('d.status = ?');
      args.push(q.status);
    }
    const filterWhere = where.join(' AND ');
    const filterArgs = [...args];

    const key = SORT_SQL[q.sort];
    const cmp = q.dir === 'asc' ? '>' : '<';
    if (q.cursor) {
      const [value, id] = decodeCursor(q.cursor);
      where.push(`(${key}, d.id) ${cmp} (?, ?)`);
      args.push(value, id);
    }
    const order = q.dir === 'asc' ? 'ASC' : 'DESC';
    const sql = `${SELECT} WHERE ${where.join(' AND ')} ORDER BY ${key} ${order}, d.id ${order} LIMIT ?`;
    const rows = this.stmt(sql).all(...args, q.limit + 1) as DeviceRow[];
    const more = rows.length > q.limit;
    const items = rows.slice(0, q.limit).map(toDevice);
    const last = items[items.length - 1];
    const nextCursor = more && last ? encodeCursor([this.sortValue(last, q.sort), last.id]) : null;
    let total: number | null = null;
    if (q.withTotal) {
      const countSql = `SELECT count(*) AS n FROM devices d LEFT JOIN sites s ON s.id = d.site_id AND s.tenant_id = d.tenant_id WHERE ${filterWhere}`;
      total = (this.stmt(countSql).get(...filterArgs) as { n: number }).n;
    }
    return { items, nextCursor, total };
  }

  private sortValue(d: Device, field: DeviceSortField): string | number {
    switch (field) {
      case 'name':
        return d.name;
      case 'mgmtAddress':
        return d.mgmtAddress;
      case 'vendor':
        return d.vendor;
      case 'role':
        return d.role;
      case 'status':
        return d.status;
      case 'site':
        return d.siteName ?? '';
      case 'updatedAt':
        return d.updatedAt;
    }
  }

  get(id: string): Device | null {
    const row = this.stmt(`${SELECT} WHERE d.tenant_id = ? AND d.id = ? AND d.deleted_at IS NULL`).get(this.scope.tenantId, id) as
      | DeviceRow
      | undefined;
    return row ? toDevice(row) : null;
  }

  require(id: string): Device {
    const d = this.get(id);
    if (!d) throw new NocError('NOT_FOUND', `No device with id ${id} in this workspace.`);
    return d;
  }

  findByName(name: string): Device | null {
    const row = this.stmt(`${SELECT} WHERE d.tenant_id = ? AND d.name = ? AND d.deleted_at IS NULL`).get(this.scope.tenantId, name) as
      | DeviceRow
      | undefined;
    return row ? toDevice(row) : null;
  }

  count(): number {
    return (this.stmt('SELECT count(*) AS n FROM devices WHERE tenant_id = ? AND deleted_at IS NULL').get(this.scope.tenantId) as { n: number })
      .n;
  }

  /** References (site, profiles) must belong to this tenant: a foreign key alone would accept another tenant's row. */
  private checkReferences(f: Partial<DeviceFields>): void {
    if (f.siteId) this.requireOwned('sites', f.siteId, 'site', 'siteId');
    if (f.snmpProfileId) this.requireOwned('credential_profiles', f.snmpProfileId, 'SNMP profile', 'snmpProfileId');
    if (f.sshProfileId) this.requireOwned('credential_profiles', f.sshProfileId, 'SSH profile', 'sshProfileId');
  }

  private requireOwned(table: 'sites' | 'credential_profiles', id: string, what: string, field: keyof DeviceFields): void {
    const ok = this.stmt(`SELECT 1 FROM ${table} WHERE id = ? AND tenant_id = ? AND deleted_at IS NULL`).get(id, this.scope.tenantId);
    if (!ok) throw new NocError('VALIDATION', `The ${what} ${id} does not exist in this workspace.`, [
        { path: field, message: `no such ${what} in this workspace` },
      ]);
  }

  /** Insert without opening a transaction: for callers that batch many inserts in one. */
  insertInTransaction(f: DeviceFields, now: number): string {
    this.checkReferences(f);
    const id = uuidv7();
    this.stmt(
      `INSERT INTO devices (id, tenant_id, version, updated_at, site_id, name, vendor, model, role, mgmt_address,
        snmp_profile_id, ssh_profile_id, status, location, notes)
       VALUES (?, ?, 0, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(
      id,
      this.scope.tenantId,
      now,
      f.siteId,
      f.name,
      f.vendor,
      f.model,
      f.role,
      f.mgmtAddress,
      f.snmpProfileId,
      f.sshProfileId,
      f.status,
      f.location,
      f.notes,
    );
    this.changes.record(this.scope, 'devices', id, 'insert', 0, { ...f }, now);
    return id;
  }

  updateInTransaction(current: Device, patch: Partial<DeviceFields>, now: number): void {
    this.checkReferences(patch);
    const keys = (Object.keys(patch) as (keyof DeviceFields)[]).filter((k) => patch[k] !== undefined);
    if (keys.length === 0) return;
    const sets = keys.map((k) => `${COLUMN_OF[k]} = ?`).join(', ');
    const values = keys.map((k) => patch[k] ?? null);
    this.stmt(`UPDATE devices SET ${sets}, updated_at = ? WHERE id = ? AND tenant_id = ?`).run(...values, now, current.id, this.scope.tenantId);
    this.changes.record(this.scope, 'devices', current.id, 'update', current.version, Object.fromEntries(keys.map((k) => [k, patch[k]])), now);
  }

  create(f: DeviceFields): Device {
    const id = withBusyRetry(() => this.sqlite.transaction(() => this.insertInTransaction(f, Date.now()))());
    return this.require(id);
  }

  update(id: string, patch: Partial<DeviceFields>, baseVersion?: number): Device {
    withBusyRetry(() =>
      this.sqlite.transaction(() => {
        const current = this.require(id);
        if (baseVersion !== undefined && baseVersion !== current.version) {
          throw new NocError('CONFLICT', `Device ${current.name} changed since you opened it (version ${current.version}); reload and retry.`);
        }
        this.updateInTransaction(current, patch, Date.now());
      })(),
    );
    return this.require(id);
  }

  softDelete(id: string): void {
    withBusyRetry(() =>
      this.sqlite.transaction(() => {
        const current = this.require(id);
        const now = Date.now();
        this.stmt('UPDATE devices SET deleted_at = ?, updated_at = ? WHERE id = ? AND tenant_id = ?').run(now, now, id, this.scope.tenantId);
        this.changes.record(this.scope, 'devices', id, 'delete', current.version, {}, now);
      })(),
    );
  }

  /** Run fn in one write transaction with busy retry (used by bulk import). */
  transaction<T>(fn: () => T): T {
    return withBusyRetry(() => this.sqlite.transaction(fn)());
  }
}
