// ed25519 key pairs and known_hosts lines via the stock ssh-keygen, so the
// files are exactly what OpenSSH clients and the app's SSH engine will read.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { mustRun } from './exec';
import type { Lab } from './lab';

export interface KeyPair {
  readonly privateKeyPath: string;
  readonly publicKeyPath: string;
  /** The public key line ("ssh-ed25519 AAAA... comment"). */
  readonly publicKey: string;
}

export async function generateKeyPair(privateKeyPath: string, comment: string, type: 'ed25519' | 'rsa' | 'ecdsa' = 'ed25519'): Promise<KeyPair> {
  await mustRun('ssh-keygen', ['-q', '-t', type, '-N', '', '-C', comment, '-f', privateKeyPath]);
  const publicKeyPath = `${privateKeyPath}.pub`;
  return { privateKeyPath, publicKeyPath, publicKey: readFileSync(publicKeyPath, 'utf8').trim() };
}

/** "SHA256:..." exactly as `ssh -v` and `ssh-keygen -l` print it. */
export async function sha256Fingerprint(publicKeyPath: string): Promise<string> {
  const out = await mustRun('ssh-keygen', ['-l', '-E', 'sha256', '-f', publicKeyPath]);
  const match = /SHA256:[A-Za-z0-9+/=]+/.exec(out);
  if (match === null) throw new Error(`no SHA256 fingerprint in: ${out}`);
  return match[0];
}

/** known_hosts host pattern: bare address for port 22, "[addr]:port" otherwise (OpenSSH's own rule). */
export function knownHostsPattern(address: string, port: number): string {
  return port === 22 ? address : `[${address}]:${port}`;
}

const userKeys = new WeakMap<Lab, Promise<KeyPair>>();

/** One client key pair per lab, authorized on every sshd it starts. */
export function labUserKey(lab: Lab): Promise<KeyPair> {
  let key = userKeys.get(lab);
  if (key === undefined) {
    key = generateKeyPair(join(lab.subdir('client'), 'id_ed25519'), `noclab-${lab.id}`);
    userKeys.set(lab, key);
  }
  return key;
}
