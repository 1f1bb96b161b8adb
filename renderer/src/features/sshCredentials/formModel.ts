// The credential dialog's values as typed, and the request built from them. Secret fields are
// write-only: on an existing profile an empty field keeps what the vault holds, an explicit
// "remove" sends "" (or [] for keyboard-interactive answers), and text replaces it.
import type { SshAlgorithmPolicy, SshCredentialKind } from '../../../../shared/domain/ssh';
import type { SshCredential, SshCredentialInput } from './store';

export interface JumpRow {
  host: string;
  port: string;
  username: string;
  /** '' = the secret of the profile being edited. */
  credentialId: string;
}

export interface CredentialValues {
  name: string;
  kind: SshCredentialKind;
  username: string;
  port: string;
  algorithms: SshAlgorithmPolicy;
  jump: JumpRow[];
  sessionLog: boolean;
  autoReconnect: boolean;
  backupCommand: string;
  password: string;
  removePassword: boolean;
  privateKey: string;
  removePrivateKey: boolean;
  passphrase: string;
  removePassphrase: boolean;
  /** null = keep the stored answers (or none, for a new profile); a list replaces them ([] removes). */
  kbdAnswers: string[] | null;
}

export const MAX_JUMP_HOSTS = 4;
export const MAX_KBD_ANSWERS = 8;

export function valuesOf(existing: SshCredential | null): CredentialValues {
  return {
    name: existing?.name ?? '',
    kind: existing?.kind ?? 'ssh_key',
    username: existing?.username ?? '',
    port: String(existing?.port ?? 22),
    algorithms: existing?.algorithms ?? 'modern',
    jump: (existing?.jump ?? []).map((h) => ({ host: h.host, port: String(h.port), username: h.username, credentialId: h.credentialId ?? '' })),
    sessionLog: existing?.sessionLog ?? false,
    autoReconnect: existing?.autoReconnect ?? false,
    backupCommand: existing?.backupCommand ?? '',
    password: '',
    removePassword: false,
    privateKey: '',
    removePrivateKey: false,
    passphrase: '',
    removePassphrase: false,
    kbdAnswers: null,
  };
}

/** A port as typed: the number when it is one, else the raw text (the schema then says what is wrong). */
function portOf(raw: string): number {
  const s = raw.trim();
  return /^\d{1,5}$/.test(s) ? Number(s) : Number.NaN;
}

/** One write-only secret: omitted (keep / none), "" (remove), or the new text. */
function secretOf(text: string, remove: boolean, stored: boolean): string | undefined {
  if (remove && stored) return '';
  return text === '' ? undefined : text;
}

export function buildInput(v: CredentialValues, existing: SshCredential | null): SshCredentialInput {
  const input: SshCredentialInput = {
    name: v.name,
    kind: v.kind,
    username: v.username,
    port: portOf(v.port),
    algorithms: v.algorithms,
    jump: v.jump.map((h) => ({ host: h.host.trim(), port: portOf(h.port), username: h.username, credentialId: h.credentialId === '' ? null : h.credentialId })),
    sessionLog: v.sessionLog,
    autoReconnect: v.autoReconnect,
    backupCommand: v.backupCommand.trim() === '' ? null : v.backupCommand,
  };
  if (existing) input.id = existing.id;
  // a key profile has no password and a password profile no key: only the secrets of its kind are sent
  const password = v.kind === 'ssh_password' ? secretOf(v.password, v.removePassword, existing?.hasPassword ?? false) : undefined;
  if (password !== undefined) input.password = password;
  if (v.kind === 'ssh_key') {
    const key = secretOf(v.privateKey.trim() === '' ? '' : v.privateKey, v.removePrivateKey, existing?.hasPrivateKey ?? false);
    if (key !== undefined) input.privateKey = key;
    const passphrase = secretOf(v.passphrase, v.removePassphrase, existing?.hasPassphrase ?? false);
    if (passphrase !== undefined) input.passphrase = passphrase;
  }
  if (v.kbdAnswers !== null && (v.kbdAnswers.length > 0 || (existing?.kbdAnswerCount ?? 0) > 0)) input.kbdAnswers = v.kbdAnswers;
  return input;
}

/** Field key of a request path (`jump.1.host` stays as is; `kbdAnswers.2` is the answers block). */
export function credentialFieldOf(path: string): string | null {
  const parts = path.split('.').filter(Boolean);
  const head = parts[0];
  if (head === undefined) return null;
  if (head === 'jump') return parts.length >= 3 ? `jump.${parts[1]}.${parts[2]}` : 'jump';
  if (head === 'id') return null;
  return head;
}

const KIND_LABELS: Record<SshCredentialKind, string> = { ssh_password: 'Password', ssh_key: 'Private key' };

export function kindLabel(kind: SshCredentialKind): string {
  return KIND_LABELS[kind];
}

/** `user@host:port → …` of a jump chain, first hop first. */
export function jumpChainText(c: Pick<SshCredential, 'jump'>): string {
  return c.jump.map((h) => `${h.username}@${h.host}${h.port === 22 ? '' : `:${h.port}`}`).join(' → ');
}
