// Host-key trust. Every connection verifies the server's key against the known-hosts store
// before any credential is sent: ssh2 runs `hostVerifier` during key exchange, and user
// authentication only starts after the verifier has answered yes.
//
// Policy (one design, used by every caller):
// - known key of the presented type, same fingerprint → accepted (last_seen touched);
// - the host:port has a trusted key but not this one (same type with another fingerprint, or
//   only keys of other types — a downgrade to another type is a change too) → hard stop with
//   NocError 'HOST_KEY_MISMATCH', details { reason: 'changed', presented, known[] }. The only way
//   past is removing the old entry (permission-gated and audited by the caller);
// - no trusted key at all (first contact) → `onUnknownHost` decides (the UI asks, the CLI
//   answers from `--accept-new`); accepted keys are stored. Without a callback, or when it says
//   no, the connection is refused with 'HOST_KEY_MISMATCH', details { reason: 'unknown' |
//   'rejected', presented, known: [] } — "not a key we trust", never a silent accept.
import { createHash } from 'node:crypto';
import { NocError } from '../../../shared/ipc/errors';
import type { KnownHostStore } from '../cache/repositories/knownHostRepository';

export interface HostKeyInfo {
  host: string;
  port: number;
  keyType: string;
  /** "SHA256:…" as OpenSSH prints it. */
  fingerprint: string;
  keyBase64: string;
}

export type UnknownHostDecision = (info: HostKeyInfo) => boolean | Promise<boolean>;

export type HostKeyMismatchReason = 'changed' | 'unknown' | 'rejected';

export interface HostKeyMismatchDetails {
  reason: HostKeyMismatchReason;
  host: string;
  port: number;
  keyType: string;
  presented: string;
  known: { keyType: string; fingerprint: string }[];
}

/** OpenSSH's fingerprint: unpadded base64 of SHA-256 over the key blob. */
export function sha256Fingerprint(keyBlob: Buffer): string {
  return `SHA256:${createHash('sha256').update(keyBlob).digest('base64').replace(/=+$/, '')}`;
}

/** The key type is the first SSH string of the blob ("ssh-ed25519", "ssh-rsa", "ecdsa-sha2-nistp256"…). */
export function keyTypeOf(keyBlob: Buffer): string {
  if (keyBlob.length < 4) return 'unknown';
  const len = keyBlob.readUInt32BE(0);
  if (len === 0 || len > 64 || keyBlob.length < 4 + len) return 'unknown';
  return keyBlob.subarray(4, 4 + len).toString('latin1');
}

export function describeHostKey(host: string, port: number, keyBlob: Buffer): HostKeyInfo {
  return { host, port, keyType: keyTypeOf(keyBlob), fingerprint: sha256Fingerprint(keyBlob), keyBase64: keyBlob.toString('base64') };
}

function mismatch(info: HostKeyInfo, reason: HostKeyMismatchReason, known: HostKeyMismatchDetails['known']): NocError {
  const where = `${info.host}:${info.port}`;
  const message =
    reason === 'changed'
      ? `The host key of ${where} has changed (now ${info.keyType} ${info.fingerprint}; trusted ${known.map((k) => `${k.keyType} ${k.fingerprint}`).join(', ')}). ` +
        'Nothing was sent. If the device was really replaced, remove the old key and connect again.'
      : reason === 'rejected'
        ? `The host key of ${where} (${info.keyType} ${info.fingerprint}) was not accepted.`
        : `${where} is not a known host (${info.keyType} ${info.fingerprint}); accept its key first.`;
  const details: HostKeyMismatchDetails = { reason, host: info.host, port: info.port, keyType: info.keyType, presented: info.fingerprint, known };
  return new NocError('HOST_KEY_MISMATCH', message, details);
}

/** Decides trust for a presented key; resolves with the info when trusted, throws the NocError otherwise. */
export async function checkHostKey(
  store: KnownHostStore,
  info: HostKeyInfo,
  onUnknownHost: UnknownHostDecision | undefined,
): Promise<HostKeyInfo> {
  const known = store.forHost(info.host, info.port);
  const sameType = known.find((k) => k.keyType === info.keyType);
  if (sameType !== undefined && sameType.fingerprint === info.fingerprint) {
    store.touch(sameType.id);
    return info;
  }
  if (known.length > 0) throw mismatch(info, 'changed', known.map((k) => ({ keyType: k.keyType, fingerprint: k.fingerprint })));
  if (onUnknownHost === undefined) throw mismatch(info, 'unknown', []);
  if (!(await onUnknownHost(info))) throw mismatch(info, 'rejected', []);
  store.add(info);
  return info;
}
