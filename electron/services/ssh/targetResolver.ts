// Turns "this device" (or "this address with that profile") into an engine SshTarget: address
// from the device, user/port/algorithms/jump chain from its SSH profile, secrets from the vault.
// Keyboard-interactive rounds are answered from stored answers first, then a password prompt with
// the stored password, and only then relayed live (the UI's 2FA dialog) when a relay is given.
import type Database from 'better-sqlite3';
import { NocError } from '../../../shared/ipc/errors';
import type { TenantScope } from '../cache/repositories/scope';
import type { SshCredential, SshCredentialVault, SshSecretValues } from './credentialVault';
import type { KeyboardInteractiveHandler, KeyboardPrompt, SshCredentials, SshTarget } from './sshEngine';

export interface TargetRequest {
  deviceId?: string;
  host?: string;
  port?: number;
  credentialId?: string;
  username?: string;
}

/** Asks a person for keyboard-interactive answers (null: they cancelled). */
export type PromptRelay = (
  prompts: KeyboardPrompt[],
  meta: { name: string; instructions: string; host: string; port: number; username: string },
) => Promise<string[] | null>;

export interface ResolvedTarget {
  target: SshTarget;
  deviceId: string | null;
  deviceName: string | null;
  vendor: string;
  siteId: string | null;
  credential: SshCredential;
  /** Tab title: the device name, or user@host. */
  title: string;
}

interface DeviceRow {
  id: string;
  name: string;
  mgmtAddress: string;
  vendor: string;
  siteId: string | null;
  sshProfileId: string | null;
}

const PASSWORD_PROMPT = /pass(word|code|phrase)?\s*:?\s*$/i;

export class SshTargetResolver {
  // One handler per credential (and relay): the engine's pool keys connections on handler
  // identity, so a fresh closure per call would defeat connection reuse.
  private readonly handlers = new Map<string, { updatedAt: number; handler: KeyboardInteractiveHandler }>();

  constructor(
    private readonly sqlite: Database.Database,
    private readonly scope: TenantScope,
    private readonly vault: SshCredentialVault,
    private readonly relay?: PromptRelay,
  ) {}

  device(id: string): DeviceRow {
    const row = this.sqlite
      .prepare(
        `SELECT id, name, mgmt_address AS mgmtAddress, vendor, site_id AS siteId, ssh_profile_id AS sshProfileId
         FROM devices WHERE id = ? AND tenant_id = ? AND deleted_at IS NULL`,
      )
      .get(id, this.scope.tenantId) as DeviceRow | undefined;
    if (row === undefined) throw new NocError('NOT_FOUND', 'That device no longer exists.', { id });
    return row;
  }

  resolve(req: TargetRequest): ResolvedTarget {
    const device = req.deviceId === undefined ? undefined : this.device(req.deviceId);
    const credentialId = req.credentialId ?? device?.sshProfileId ?? undefined;
    if (credentialId === undefined || credentialId === null) {
      throw new NocError('VALIDATION', `${device?.name ?? 'This device'} has no SSH credential profile: choose one on the device first.`, {
        deviceId: device?.id,
        reason: 'no-profile',
      });
    }
    const credential = this.vault.get(credentialId);
    const host = req.host ?? device?.mgmtAddress;
    if (host === undefined || host === '') throw new NocError('VALIDATION', 'No address to connect to.');
    const username = req.username ?? credential.username;
    const jump: SshTarget[] = credential.jump.map((hop) => {
      const hopCredential = hop.credentialId === null ? credential : this.vault.get(hop.credentialId);
      return {
        host: hop.host,
        port: hop.port,
        username: hop.username,
        algorithms: hopCredential.algorithms,
        credentials: this.credentialsFor(hopCredential),
      };
    });
    const target: SshTarget = {
      host,
      port: req.port ?? credential.port,
      username,
      algorithms: credential.algorithms,
      credentials: this.credentialsFor(credential),
      ...(jump.length > 0 ? { jump } : {}),
    };
    return {
      target,
      deviceId: device?.id ?? null,
      deviceName: device?.name ?? null,
      vendor: device?.vendor ?? '',
      siteId: device?.siteId ?? null,
      credential,
      title: device?.name ?? `${username}@${host}`,
    };
  }

  private credentialsFor(credential: SshCredential): SshCredentials {
    const secrets = this.vault.secretsOf(credential.id);
    const out: SshCredentials = {};
    if (secrets.password !== undefined) out.password = secrets.password;
    if (secrets.privateKey !== undefined) out.privateKey = secrets.privateKey;
    if (secrets.passphrase !== undefined) out.passphrase = secrets.passphrase;
    const handler = this.keyboardHandler(credential, secrets);
    if (handler !== undefined) out.onKeyboardInteractive = handler;
    return out;
  }

  private keyboardHandler(credential: SshCredential, secrets: SshSecretValues): KeyboardInteractiveHandler | undefined {
    const stored = secrets.kbdAnswers ?? [];
    if (stored.length === 0 && secrets.password === undefined && this.relay === undefined) return undefined;
    const cached = this.handlers.get(credential.id);
    if (cached !== undefined && cached.updatedAt === credential.updatedAt) return cached.handler;
    const relay = this.relay;
    const handler: KeyboardInteractiveHandler = async (prompts, meta) => {
      if (prompts.length === 0) return [];
      if (stored.length >= prompts.length) return stored.slice(0, prompts.length);
      if (prompts.length === 1 && secrets.password !== undefined && PASSWORD_PROMPT.test(prompts[0]?.prompt ?? '')) return [secrets.password];
      if (relay === undefined) return [];
      return (await relay(prompts, meta)) ?? [];
    };
    this.handlers.set(credential.id, { updatedAt: credential.updatedAt, handler });
    return handler;
  }
}
