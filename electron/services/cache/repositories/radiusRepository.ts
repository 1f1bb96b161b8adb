// RADIUS test profiles (synced, secret sealed) and the local run history. Every statement is
// scoped to the repository's tenant; profile changes write their outbox entry in the same
// transaction, carrying the sealed secret only.
import type Database from 'better-sqlite3';
import { NocError } from '../../../../shared/ipc/errors';
import type { RadiusProfile } from '../../../../shared/ipc/radiusSchemas';
import type { RadiusRunKind } from '../../../../shared/domain/radius';
import type { SecretBox } from '../../secrets/secretBox';
import { uuidv7 } from '../../util/uuidv7';
import { withBusyRetry } from '../busyRetry';
import { ChangeRecorder } from './outboxWriter';
import type { TenantScope } from './scope';

export interface RadiusProfileFields {
  name: string;
  host: string;
  authPort: number;
  acctPort: number;
  coaPort: number;
  deviceId: string | null;
  nasIdentifier: string;
  strict: boolean;
  timeoutMs: number;
  retries: number;
}

export interface RadiusRunRecord {
  kind: RadiusRunKind;
  server: string;
  userName: string | null;
  outcome: string;
  code: string | null;
  rttMs: number | null;
  summary: string;
  detail: unknown;
}

interface ProfileRow extends Omit<RadiusProfile, 'hasSecret' | 'strict'> {
  hasSecret: number;
  strict: number;
  version: number;
}

const SELECT_PROFILE = `SELECT p.id, p.name, p.host, p.auth_port AS authPort, p.acct_port AS acctPort, p.coa_port AS coaPort,
    p.secret_sealed IS NOT NULL AS hasSecret, p.device_id AS deviceId, d.name AS deviceName, p.nas_identifier AS nasIdentifier,
    p.strict, p.timeout_ms AS timeoutMs, p.retries, p.updated_at AS updatedAt, p.version
  FROM radius_profiles p LEFT JOIN devices d ON d.id = p.device_id AND d.tenant_id = p.tenant_id AND d.deleted_at IS NULL
  WHERE p.tenant_id = ? AND p.deleted_at IS NULL`;

function toProfile(r: ProfileRow): RadiusProfile {
  return {
    id: r.id,
    name: r.name,
    host: r.host,
    authPort: r.authPort,
    acctPort: r.acctPort,
    coaPort: r.coaPort,
    hasSecret: r.hasSecret === 1,
    deviceId: r.deviceId,
    deviceName: r.deviceName,
    nasIdentifier: r.nasIdentifier,
    strict: r.strict === 1,
    timeoutMs: r.timeoutMs,
    retries: r.retries,
    updatedAt: r.updatedAt,
  };
}

export class RadiusRepository {
  private readonly changes: ChangeRecorder;

  constructor(
    private readonly sqlite: Database.Database,
    private readonly scope: TenantScope,
    private readonly box: SecretBox,
  ) {
    this.changes = new ChangeRecorder(sqlite);
  }

  listProfiles(): RadiusProfile[] {
    return (this.sqlite.prepare(`${SELECT_PROFILE} ORDER BY p.name, p.id`).all(this.scope.tenantId) as ProfileRow[]).map(toProfile);
  }

  profile(id: string): RadiusProfile | undefined {
    const row = this.sqlite.prepare(`${SELECT_PROFILE} AND p.id = ?`).get(this.scope.tenantId, id) as ProfileRow | undefined;
    return row ? toProfile(row) : undefined;
  }

  profileForDevice(deviceId: string): RadiusProfile | undefined {
    const row = this.sqlite.prepare(`${SELECT_PROFILE} AND p.device_id = ? ORDER BY p.updated_at DESC LIMIT 1`).get(this.scope.tenantId, deviceId) as
      | ProfileRow
      | undefined;
    return row ? toProfile(row) : undefined;
  }

  /** The shared secret in clear, for the engine in main only. */
  secretOf(id: string): string | null {
    const row = this.sqlite.prepare('SELECT secret_sealed FROM radius_profiles WHERE id = ? AND tenant_id = ? AND deleted_at IS NULL').get(id, this.scope.tenantId) as
      | { secret_sealed: string | null }
      | undefined;
    return row?.secret_sealed ? this.box.open(row.secret_sealed) : null;
  }

  private assertDevice(deviceId: string | null): void {
    if (deviceId === null) return;
    const ok = this.sqlite.prepare('SELECT 1 FROM devices WHERE id = ? AND tenant_id = ? AND deleted_at IS NULL').get(deviceId, this.scope.tenantId);
    if (!ok) throw new NocError('VALIDATION', 'deviceId: no such device', [{ path: 'deviceId', message: 'no such device' }]);
  }

  /** Creates (no id) or updates a profile; a secret of undefined keeps the stored one. */
  save(fields: RadiusProfileFields, secret: string | undefined, id?: string): RadiusProfile {
    this.assertDevice(fields.deviceId);
    const now = Date.now();
    const sealed = secret === undefined ? undefined : this.box.seal(secret);
    const patch: Record<string, unknown> = { ...fields };
    if (sealed !== undefined) patch.secretSealed = sealed;
    const savedId = withBusyRetry(() =>
      this.sqlite.transaction(() => {
        if (id === undefined) {
          const newId = uuidv7();
          this.sqlite
            .prepare(
              `INSERT INTO radius_profiles (id, tenant_id, version, updated_at, name, host, auth_port, acct_port, coa_port, secret_sealed,
                 device_id, nas_identifier, strict, timeout_ms, retries) VALUES (?, ?, 0, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
            )
            .run(newId, this.scope.tenantId, now, fields.name, fields.host, fields.authPort, fields.acctPort, fields.coaPort, sealed ?? null,
              fields.deviceId, fields.nasIdentifier, fields.strict ? 1 : 0, fields.timeoutMs, fields.retries);
          this.changes.record(this.scope, 'radius_profiles', newId, 'insert', 0, patch, now);
          return newId;
        }
        const current = this.sqlite.prepare('SELECT version FROM radius_profiles WHERE id = ? AND tenant_id = ? AND deleted_at IS NULL').get(id, this.scope.tenantId) as
          | { version: number }
          | undefined;
        if (!current) throw new NocError('NOT_FOUND', 'That RADIUS profile no longer exists.');
        this.sqlite
          .prepare(
            `UPDATE radius_profiles SET updated_at = ?, name = ?, host = ?, auth_port = ?, acct_port = ?, coa_port = ?,
               secret_sealed = coalesce(?, secret_sealed), device_id = ?, nas_identifier = ?, strict = ?, timeout_ms = ?, retries = ?
             WHERE id = ? AND tenant_id = ?`,
          )
          .run(now, fields.name, fields.host, fields.authPort, fields.acctPort, fields.coaPort, sealed ?? null, fields.deviceId,
            fields.nasIdentifier, fields.strict ? 1 : 0, fields.timeoutMs, fields.retries, id, this.scope.tenantId);
        this.changes.record(this.scope, 'radius_profiles', id, 'update', current.version, patch, now);
        return id;
      })(),
    );
    const saved = this.profile(savedId);
    if (!saved) throw new NocError('INTERNAL', 'profile vanished after saving');
    return saved;
  }

  deleteProfile(id: string): boolean {
    return withBusyRetry(() =>
      this.sqlite.transaction(() => {
        const current = this.sqlite.prepare('SELECT version FROM radius_profiles WHERE id = ? AND tenant_id = ? AND deleted_at IS NULL').get(id, this.scope.tenantId) as
          | { version: number }
          | undefined;
        if (!current) return false;
        const now = Date.now();
        this.sqlite.prepare('UPDATE radius_profiles SET deleted_at = ?, updated_at = ? WHERE id = ? AND tenant_id = ?').run(now, now, id, this.scope.tenantId);
        this.changes.record(this.scope, 'radius_profiles', id, 'delete', current.version, {}, now);
        return true;
      })(),
    );
  }

  recordRun(run: RadiusRunRecord, id: string = uuidv7()): string {
    withBusyRetry(() =>
      this.sqlite
        .prepare(
          `INSERT INTO radius_runs (id, tenant_id, kind, at, server, user_name, outcome, code, rtt_ms, summary, detail)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        )
        .run(id, this.scope.tenantId, run.kind, Date.now(), run.server, run.userName, run.outcome, run.code, run.rttMs, run.summary, JSON.stringify(run.detail)),
    );
    return id;
  }

  run(id: string): (ReturnType<RadiusRepository['listRuns']>[number] & { detail: unknown }) | undefined {
    const row = this.sqlite
      .prepare(
        `SELECT id, kind, at, server, user_name AS user, outcome, code, rtt_ms AS rttMs, summary, detail FROM radius_runs
         WHERE tenant_id = ? AND id = ?`,
      )
      .get(this.scope.tenantId, id) as (ReturnType<RadiusRepository['listRuns']>[number] & { detail: string }) | undefined;
    return row ? { ...row, detail: JSON.parse(row.detail) as unknown } : undefined;
  }

  listRuns(limit: number): { id: string; kind: RadiusRunKind; at: number; server: string; user: string | null; outcome: string; code: string | null; rttMs: number | null; summary: string }[] {
    return this.sqlite
      .prepare(
        `SELECT id, kind, at, server, user_name AS user, outcome, code, rtt_ms AS rttMs, summary FROM radius_runs
         WHERE tenant_id = ? ORDER BY at DESC, id DESC LIMIT ?`,
      )
      .all(this.scope.tenantId, limit) as ReturnType<RadiusRepository['listRuns']>;
  }
}
