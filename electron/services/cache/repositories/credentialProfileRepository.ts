import type Database from 'better-sqlite3';
import type { CredentialKind, CredentialProfileSummary } from '../../../../shared/domain/device';
import { uuidv7 } from '../../util/uuidv7';
import type { SecretBox } from '../../secrets/secretBox';
import { ChangeRecorder } from './outboxWriter';
import type { TenantScope } from './scope';

export interface NewCredentialProfile {
  name: string;
  kind: CredentialKind;
  username: string | null;
  params: Record<string, unknown>;
  /** Clear-text secrets; sealed before they touch the database. */
  secrets: Record<string, string>;
}

export class CredentialProfileRepository {
  private readonly changes: ChangeRecorder;

  constructor(
    private readonly sqlite: Database.Database,
    private readonly scope: TenantScope,
    private readonly box: SecretBox,
  ) {
    this.changes = new ChangeRecorder(sqlite);
  }

  list(): CredentialProfileSummary[] {
    const rows = this.sqlite
      .prepare(
        `SELECT p.id, p.name, p.kind, p.username, p.secret_sealed IS NOT NULL AS hasSecret,
           (SELECT count(*) FROM devices d WHERE d.tenant_id = p.tenant_id AND d.deleted_at IS NULL
              AND (d.snmp_profile_id = p.id OR d.ssh_profile_id = p.id)) AS deviceCount
         FROM credential_profiles p WHERE p.tenant_id = ? AND p.deleted_at IS NULL ORDER BY p.name`,
      )
      .all(this.scope.tenantId) as (Omit<CredentialProfileSummary, 'hasSecret'> & { hasSecret: number })[];
    return rows.map((r) => ({ ...r, hasSecret: r.hasSecret === 1 }));
  }

  /** Insert inside the caller's transaction; the outbox patch carries the sealed secret, never clear text. */
  insertInTransaction(p: NewCredentialProfile, now: number, id: string = uuidv7()): string {
    const sealed = Object.keys(p.secrets).length > 0 ? this.box.seal(JSON.stringify(p.secrets)) : null;
    this.sqlite
      .prepare(
        `INSERT INTO credential_profiles (id, tenant_id, version, updated_at, name, kind, username, params, secret_sealed)
         VALUES (?, ?, 0, ?, ?, ?, ?, ?, ?)`,
      )
      .run(id, this.scope.tenantId, now, p.name, p.kind, p.username, JSON.stringify(p.params), sealed);
    this.changes.record(
      this.scope,
      'credential_profiles',
      id,
      'insert',
      0,
      { name: p.name, kind: p.kind, username: p.username, params: p.params, secretSealed: sealed },
      now,
    );
    return id;
  }

  /** Clear-text secrets for an engine in main (SNMP, SSH); never for the renderer. */
  secretsOf(id: string): Record<string, string> {
    const row = this.sqlite
      .prepare('SELECT secret_sealed FROM credential_profiles WHERE id = ? AND tenant_id = ? AND deleted_at IS NULL')
      .get(id, this.scope.tenantId) as { secret_sealed: string | null } | undefined;
    if (!row?.secret_sealed) return {};
    return JSON.parse(this.box.open(row.secret_sealed)) as Record<string, string>;
  }
}

/**
 * Deletes a credential profile (tombstone) and clears it from the devices that used it, in one
 * transaction, each change queued for sync. `version` is the profile's current version (the
 * caller has just read it, checking tenant and kind).
 */
export function deleteCredentialProfile(
  sqlite: Database.Database,
  scope: TenantScope,
  changes: ChangeRecorder,
  profile: { id: string; version: number },
  use: 'ssh' | 'snmp',
): { deleted: boolean; devicesCleared: number } {
  const column = use === 'ssh' ? 'ssh_profile_id' : 'snmp_profile_id';
  const field = use === 'ssh' ? 'sshProfileId' : 'snmpProfileId';
  const now = Date.now();
  const users = sqlite
    .prepare(`SELECT id, version FROM devices WHERE tenant_id = ? AND deleted_at IS NULL AND ${column} = ?`)
    .all(scope.tenantId, profile.id) as { id: string; version: number }[];
  const clear = sqlite.prepare(`UPDATE devices SET ${column} = NULL, updated_at = ? WHERE id = ? AND tenant_id = ?`);
  for (const d of users) {
    clear.run(now, d.id, scope.tenantId);
    changes.record(scope, 'devices', d.id, 'update', d.version, { [field]: null }, now);
  }
  sqlite.prepare('UPDATE credential_profiles SET deleted_at = ?, updated_at = ? WHERE id = ? AND tenant_id = ?').run(now, now, profile.id, scope.tenantId);
  changes.record(scope, 'credential_profiles', profile.id, 'delete', profile.version, {}, now);
  return { deleted: true, devicesCleared: users.length };
}

/** A credential_profiles row as the SSH and SNMP vaults read it (params JSON, sealed secrets). */
export interface CredentialProfileRow {
  id: string;
  name: string;
  kind: string;
  username: string | null;
  params: string;
  secretSealed: string | null;
  version: number;
  updatedAt: number;
  /** Devices that use the profile for this protocol. */
  deviceCount: number;
}

/** SELECT of the live profiles of some kinds for one tenant (bind the tenant id); append `AND …` / `ORDER BY …`. */
export function credentialProfileSelect(use: 'ssh' | 'snmp', kinds: readonly string[]): string {
  const column = use === 'ssh' ? 'ssh_profile_id' : 'snmp_profile_id';
  return `SELECT p.id, p.name, p.kind, p.username, p.params, p.secret_sealed AS secretSealed, p.version, p.updated_at AS updatedAt,
    (SELECT count(*) FROM devices d WHERE d.tenant_id = p.tenant_id AND d.deleted_at IS NULL AND d.${column} = p.id) AS deviceCount
  FROM credential_profiles p WHERE p.tenant_id = ? AND p.deleted_at IS NULL AND p.kind IN (${kinds.map((k) => `'${k}'`).join(', ')})`;
}
