// SSH credentials in the vault: rows of credential_profiles (kinds ssh_password and ssh_key) whose
// non-secret options live in `params` and whose secrets (password, private key, passphrase,
// keyboard-interactive answers) are sealed with the workspace key. The renderer gets summaries
// (`hasPassword`…); clear text only leaves through `secretsOf`, for the engine in main.
import type Database from 'better-sqlite3';
import { z } from 'zod';
import type { SshAlgorithmPolicy, SshCredentialKind } from '../../../shared/domain/ssh';
import { NocError } from '../../../shared/ipc/errors';
import type { ParsedRequestOf, ResponseOf } from '../../../shared/ipc/schemas';
import { sshJumpHopSchema } from '../../../shared/ipc/sshSchemas';
import { withBusyRetry } from '../cache/busyRetry';
import { ChangeRecorder } from '../cache/repositories/outboxWriter';
import { credentialProfileSelect, deleteCredentialProfile, type CredentialProfileRow } from '../cache/repositories/credentialProfileRepository';
import type { TenantScope } from '../cache/repositories/scope';
import type { SecretBox } from '../secrets/secretBox';
import { uuidv7 } from '../util/uuidv7';

export type SshCredential = ResponseOf<'ssh.credentials.save'>;
export type SshCredentialInput = ParsedRequestOf<'ssh.credentials.save'>;
export type SshJumpHop = SshCredential['jump'][number];

export interface SshSecretValues {
  password?: string;
  privateKey?: string;
  passphrase?: string;
  kbdAnswers?: string[];
}

const paramsSchema = z.object({
  port: z.number().int().min(1).max(65535).default(22),
  algorithms: z.enum(['modern', 'legacy']).default('modern'),
  jump: z.array(sshJumpHopSchema).default([]),
  sessionLog: z.boolean().default(false),
  autoReconnect: z.boolean().default(false),
  backupCommand: z.string().nullable().default(null),
});
type Params = z.output<typeof paramsSchema>;

const SELECT = credentialProfileSelect('ssh', ['ssh_password', 'ssh_key']);

const SECRET_FIELDS = ['password', 'privateKey', 'passphrase', 'kbdAnswers'] as const;

export class SshCredentialVault {
  private readonly changes: ChangeRecorder;

  constructor(
    private readonly sqlite: Database.Database,
    private readonly scope: TenantScope,
    private readonly box: SecretBox,
  ) {
    this.changes = new ChangeRecorder(sqlite);
  }

  list(): SshCredential[] {
    return (this.sqlite.prepare(`${SELECT} ORDER BY p.name, p.id`).all(this.scope.tenantId) as CredentialProfileRow[]).map((r) => this.summary(r));
  }

  get(id: string): SshCredential {
    return this.summary(this.row(id));
  }

  /** Clear-text secrets for the engine in main; never for the renderer, logs or sync. */
  secretsOf(id: string): SshSecretValues {
    return this.open(this.row(id).secretSealed);
  }

  save(input: SshCredentialInput): SshCredential {
    const now = Date.now();
    const params: Params = {
      port: input.port,
      algorithms: input.algorithms,
      jump: input.jump,
      sessionLog: input.sessionLog,
      autoReconnect: input.autoReconnect,
      backupCommand: input.backupCommand === '' ? null : input.backupCommand,
    };
    for (const hop of input.jump) {
      if (hop.credentialId !== null && hop.credentialId !== input.id) this.row(hop.credentialId);
    }
    const id = withBusyRetry(() =>
      this.sqlite.transaction(() => {
        const current = input.id === undefined ? undefined : this.row(input.id);
        const secrets = current === undefined ? {} : this.open(current.secretSealed);
        for (const field of SECRET_FIELDS) {
          const value = input[field];
          if (value === undefined) continue;
          if (value === '' || (Array.isArray(value) && value.length === 0)) delete secrets[field];
          else (secrets as Record<string, unknown>)[field] = value;
        }
        this.requireSecretFor(input.kind, secrets);
        const sealed = Object.keys(secrets).length > 0 ? this.box.seal(JSON.stringify(secrets)) : null;
        // The outbox carries the sealed secret (the central service stores it sealed), never clear text.
        const patch = { name: input.name, kind: input.kind, username: input.username, params, secretSealed: sealed };
        if (current === undefined) {
          const newId = uuidv7();
          this.sqlite
            .prepare(
              `INSERT INTO credential_profiles (id, tenant_id, version, updated_at, name, kind, username, params, secret_sealed)
               VALUES (?, ?, 0, ?, ?, ?, ?, ?, ?)`,
            )
            .run(newId, this.scope.tenantId, now, input.name, input.kind, input.username, JSON.stringify(params), sealed);
          this.changes.record(this.scope, 'credential_profiles', newId, 'insert', 0, patch, now);
          return newId;
        }
        this.sqlite
          .prepare(
            `UPDATE credential_profiles SET name = ?, kind = ?, username = ?, params = ?, secret_sealed = ?, updated_at = ?
             WHERE id = ? AND tenant_id = ?`,
          )
          .run(input.name, input.kind, input.username, JSON.stringify(params), sealed, now, current.id, this.scope.tenantId);
        this.changes.record(this.scope, 'credential_profiles', current.id, 'update', current.version, patch, now);
        return current.id;
      })(),
    );
    return this.get(id);
  }

  /** Deletes the profile (tombstone) and clears it from the devices that used it, each change queued for sync. */
  delete(id: string): { deleted: boolean; devicesCleared: number } {
    return withBusyRetry(() => this.sqlite.transaction(() => deleteCredentialProfile(this.sqlite, this.scope, this.changes, this.row(id), 'ssh'))());
  }


  private requireSecretFor(kind: SshCredentialKind, secrets: SshSecretValues): void {
    if (kind === 'ssh_key' && secrets.privateKey === undefined) {
      throw new NocError('VALIDATION', 'A key profile needs a private key.', [{ path: 'privateKey', message: 'paste or load a private key' }]);
    }
    if (kind === 'ssh_password' && secrets.password === undefined && (secrets.kbdAnswers?.length ?? 0) === 0) {
      throw new NocError('VALIDATION', 'A password profile needs a password (or keyboard-interactive answers).', [
        { path: 'password', message: 'password is required' },
      ]);
    }
  }

  private row(id: string): CredentialProfileRow {
    const row = this.sqlite.prepare(`${SELECT} AND p.id = ?`).get(this.scope.tenantId, id) as CredentialProfileRow | undefined;
    if (row === undefined) throw new NocError('NOT_FOUND', 'That SSH credential no longer exists.', { id });
    return row;
  }

  private open(sealed: string | null): SshSecretValues {
    if (sealed === null) return {};
    return JSON.parse(this.box.open(sealed)) as SshSecretValues;
  }

  private summary(r: CredentialProfileRow): SshCredential {
    const params = paramsSchema.parse(JSON.parse(r.params) as unknown);
    const secrets = this.open(r.secretSealed);
    return {
      id: r.id,
      name: r.name,
      kind: r.kind as SshCredentialKind,
      username: r.username ?? '',
      port: params.port,
      algorithms: params.algorithms as SshAlgorithmPolicy,
      jump: params.jump,
      sessionLog: params.sessionLog,
      autoReconnect: params.autoReconnect,
      backupCommand: params.backupCommand,
      hasPassword: secrets.password !== undefined,
      hasPrivateKey: secrets.privateKey !== undefined,
      hasPassphrase: secrets.passphrase !== undefined,
      kbdAnswerCount: secrets.kbdAnswers?.length ?? 0,
      deviceCount: r.deviceCount,
      updatedAt: r.updatedAt,
    };
  }
}
