// SNMP credentials in the vault: rows of credential_profiles (kinds snmp_v1, snmp_v2c, snmp_v3) whose
// non-secret settings (port, timeout, retries, max-repetitions, v3 level and protocols) live in
// `params`, the v3 user in `username`, and whose secrets (community, auth and privacy passwords) are
// sealed with the workspace key. The renderer gets summaries (`hasCommunity`…); clear text only
// leaves through `secretsOf`, for the engine in main.
import type Database from 'better-sqlite3';
import { z } from 'zod';
import { SNMP_AUTH_PROTOCOLS, SNMP_PRIV_PROTOCOLS, SNMP_SECURITY_LEVELS, type SnmpVersion } from '../../../shared/domain/snmp';
import { NocError } from '../../../shared/ipc/errors';
import type { ParsedRequestOf, ResponseOf } from '../../../shared/ipc/schemas';
import { withBusyRetry } from '../cache/busyRetry';
import { ChangeRecorder } from '../cache/repositories/outboxWriter';
import { credentialProfileSelect, deleteCredentialProfile, type CredentialProfileRow } from '../cache/repositories/credentialProfileRepository';
import type { TenantScope } from '../cache/repositories/scope';
import type { SecretBox } from '../secrets/secretBox';
import { uuidv7 } from '../util/uuidv7';

export type SnmpCredential = ResponseOf<'snmp.credentials.save'>;
export type SnmpCredentialInput = ParsedRequestOf<'snmp.credentials.save'>;

export interface SnmpSecretValues {
  community?: string;
  authKey?: string;
  privKey?: string;
}

const KIND_OF_VERSION = { '1': 'snmp_v1', '2c': 'snmp_v2c', '3': 'snmp_v3' } as const;
const VERSION_OF_KIND: Readonly<Record<string, SnmpVersion>> = { snmp_v1: '1', snmp_v2c: '2c', snmp_v3: '3' };

/** Older rows (the demo seed) spell AES-128 "aes128": read it as "aes"; unknown values as absent. */
const privProtocol = z.preprocess((v) => (v === 'aes128' ? 'aes' : v), z.enum(SNMP_PRIV_PROTOCOLS).nullable().catch(null));

const paramsSchema = z.object({
  port: z.number().int().min(1).max(65535).catch(161).default(161),
  timeoutMs: z.number().int().min(100).max(60_000).catch(2000).default(2000),
  retries: z.number().int().min(0).max(10).catch(1).default(1),
  maxRepetitions: z.number().int().min(1).max(200).catch(25).default(25),
  securityLevel: z.enum(SNMP_SECURITY_LEVELS).nullable().catch(null).default(null),
  authProtocol: z.enum(SNMP_AUTH_PROTOCOLS).nullable().catch(null).default(null),
  privProtocol: privProtocol.default(null),
});
type Params = z.output<typeof paramsSchema>;

const SELECT = credentialProfileSelect('snmp', ['snmp_v1', 'snmp_v2c', 'snmp_v3']);

const SECRET_FIELDS = ['community', 'authKey', 'privKey'] as const;

export class SnmpCredentialVault {
  private readonly changes: ChangeRecorder;

  constructor(
    private readonly sqlite: Database.Database,
    private readonly scope: TenantScope,
    private readonly box: SecretBox,
  ) {
    this.changes = new ChangeRecorder(sqlite);
  }

  list(): SnmpCredential[] {
    return (this.sqlite.prepare(`${SELECT} ORDER BY p.name, p.id`).all(this.scope.tenantId) as CredentialProfileRow[]).map((r) => this.summary(r));
  }

  get(id: string): SnmpCredential {
    return this.summary(this.row(id));
  }

  /** By id or (case-insensitive) name, for the CLI's --profile. */
  find(idOrName: string): SnmpCredential | undefined {
    const want = idOrName.toLowerCase();
    return this.list().find((c) => c.id === idOrName || c.name.toLowerCase() === want);
  }

  /** Clear-text secrets for the engine in main; never for the renderer, logs or sync. */
  secretsOf(id: string): SnmpSecretValues {
    return this.open(this.row(id).secretSealed);
  }

  save(input: SnmpCredentialInput): SnmpCredential {
    const now = Date.now();
    const v3 = input.version === '3';
    const level = v3 ? (input.securityLevel ?? (input.privKey !== undefined ? 'authPriv' : input.authKey !== undefined ? 'authNoPriv' : 'noAuthNoPriv')) : null;
    const params: Params = {
      port: input.port,
      timeoutMs: input.timeoutMs,
      retries: input.retries,
      maxRepetitions: input.maxRepetitions,
      securityLevel: level,
      authProtocol: v3 && level !== 'noAuthNoPriv' ? (input.authProtocol ?? 'sha') : null,
      privProtocol: v3 && level === 'authPriv' ? (input.privProtocol ?? 'aes') : null,
    };
    const kind = KIND_OF_VERSION[input.version];
    const username = v3 ? (input.user ?? null) : null;
    const id = withBusyRetry(() =>
      this.sqlite.transaction(() => {
        const current = input.id === undefined ? undefined : this.row(input.id);
        const secrets = current === undefined ? {} : this.open(current.secretSealed);
        for (const field of SECRET_FIELDS) {
          const value = input[field];
          if (value !== undefined) secrets[field] = value;
        }
        // a profile that changed version keeps no secret the new version does not use
        if (v3) delete secrets.community;
        else {
          delete secrets.authKey;
          delete secrets.privKey;
        }
        if (level === 'noAuthNoPriv' || level === 'authNoPriv') delete secrets.privKey;
        if (level === 'noAuthNoPriv') delete secrets.authKey;
        const user = username ?? (current?.username ?? null);
        this.requireSecretFor(input.version, level, user, secrets);
        const sealed = Object.keys(secrets).length > 0 ? this.box.seal(JSON.stringify(secrets)) : null;
        // The outbox carries the sealed secret (the central service stores it sealed), never clear text.
        const patch = { name: input.name, kind, username: user, params, secretSealed: sealed };
        if (current === undefined) {
          const newId = uuidv7();
          this.sqlite
            .prepare(
              `INSERT INTO credential_profiles (id, tenant_id, version, updated_at, name, kind, username, params, secret_sealed)
               VALUES (?, ?, 0, ?, ?, ?, ?, ?, ?)`,
            )
            .run(newId, this.scope.tenantId, now, input.name, kind, user, JSON.stringify(params), sealed);
          this.changes.record(this.scope, 'credential_profiles', newId, 'insert', 0, patch, now);
          return newId;
        }
        this.sqlite
          .prepare(`UPDATE credential_profiles SET name = ?, kind = ?, username = ?, params = ?, secret_sealed = ?, updated_at = ? WHERE id = ? AND tenant_id = ?`)
          .run(input.name, kind, user, JSON.stringify(params), sealed, now, current.id, this.scope.tenantId);
        this.changes.record(this.scope, 'credential_profiles', current.id, 'update', current.version, patch, now);
        return current.id;
      })(),
    );
    return this.get(id);
  }

  /** Deletes the profile (tombstone) and clears it from the devices that used it, each change queued for sync. */
  delete(id: string): { deleted: boolean; devicesCleared: number } {
    return withBusyRetry(() => this.sqlite.transaction(() => deleteCredentialProfile(this.sqlite, this.scope, this.changes, this.row(id), 'snmp'))());
  }


  private requireSecretFor(version: SnmpVersion, level: string | null, user: string | null, secrets: SnmpSecretValues): void {
    if (version !== '3') {
      if (secrets.community === undefined) throw new NocError('VALIDATION', `An SNMPv${version} profile needs a community.`, [{ path: 'community', message: 'community is required' }]);
      return;
    }
    if (user === null || user === '') throw new NocError('VALIDATION', 'An SNMPv3 profile needs a user.', [{ path: 'user', message: 'user is required' }]);
    if (level !== 'noAuthNoPriv' && secrets.authKey === undefined) {
      throw new NocError('VALIDATION', `SNMPv3 ${level ?? ''} needs an auth password.`, [{ path: 'authKey', message: 'auth password is required' }]);
    }
    if (level === 'authPriv' && secrets.privKey === undefined) {
      throw new NocError('VALIDATION', 'SNMPv3 authPriv needs a privacy password.', [{ path: 'privKey', message: 'privacy password is required' }]);
    }
  }

  private row(id: string): CredentialProfileRow {
    const row = this.sqlite.prepare(`${SELECT} AND p.id = ?`).get(this.scope.tenantId, id) as CredentialProfileRow | undefined;
    if (row === undefined) throw new NocError('NOT_FOUND', 'That SNMP credential no longer exists.', { id });
    return row;
  }

  private open(sealed: string | null): SnmpSecretValues {
    if (sealed === null) return {};
    return JSON.parse(this.box.open(sealed)) as SnmpSecretValues;
  }

  private summary(r: CredentialProfileRow): SnmpCredential {
    const params = paramsSchema.parse(JSON.parse(r.params) as unknown);
    const secrets = this.open(r.secretSealed);
    const version = VERSION_OF_KIND[r.kind] ?? '2c';
    const v3 = version === '3';
    return {
      id: r.id,
      name: r.name,
      version,
      port: params.port,
      timeoutMs: params.timeoutMs,
      retries: params.retries,
      maxRepetitions: params.maxRepetitions,
      user: v3 ? (r.username ?? '') : null,
      securityLevel: v3 ? (params.securityLevel ?? 'noAuthNoPriv') : null,
      authProtocol: v3 ? params.authProtocol : null,
      privProtocol: v3 ? params.privProtocol : null,
      hasCommunity: secrets.community !== undefined,
      hasAuthKey: secrets.authKey !== undefined,
      hasPrivKey: secrets.privKey !== undefined,
      deviceCount: r.deviceCount,
      updatedAt: r.updatedAt,
    };
  }
}
