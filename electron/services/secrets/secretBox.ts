// Secrets at rest (community strings, passwords, private keys) are sealed with AES-256-GCM under a
// workspace key. Where the key lives depends on the host: Electron keeps it wrapped by the OS
// keychain (safeStorage); the web host and the CLI keep it in a 0600 file beside the cache.
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { NocError } from '../../../shared/ipc/errors';

export interface KeyProvider {
  /** 32 bytes; created on first use. */
  getKey(): Buffer;
}

export class FileKeyProvider implements KeyProvider {
  private key: Buffer | null = null;
  constructor(private readonly file: string) {}

  getKey(): Buffer {
    if (this.key) return this.key;
    if (fs.existsSync(this.file)) {
      const st = fs.statSync(this.file);
      if (process.platform !== 'win32' && (st.mode & 0o077) !== 0) {
        throw new NocError('PERMISSION_DENIED', `Key file ${this.file} is readable by others; chmod 600 it.`);
      }
      const key = Buffer.from(fs.readFileSync(this.file, 'utf8').trim(), 'base64');
      if (key.length !== 32) throw new NocError('INTERNAL', `Key file ${this.file} is damaged.`);
      this.key = key;
    } else {
      fs.mkdirSync(path.dirname(this.file), { recursive: true });
      const key = randomBytes(32);
      fs.writeFileSync(this.file, key.toString('base64') + '\n', { mode: 0o600, flag: 'wx' });
      this.key = key;
    }
    return this.key;
  }
}

/** Version-tagged text form: v1.<iv>.<tag>.<ciphertext>, all base64url. */
export class SecretBox {
  constructor(private readonly keys: KeyProvider) {}

  seal(plain: string): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.keys.getKey(), iv);
    const ct = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
    return ['v1', iv.toString('base64url'), cipher.getAuthTag().toString('base64url'), ct.toString('base64url')].join('.');
  }

  open(sealed: string): string {
    const [v, iv, tag, ct] = sealed.split('.');
    if (v !== 'v1' || !iv || !tag || ct === undefined) throw new NocError('INTERNAL', 'Sealed secret has an unknown format.');
    try {
      const d = createDecipheriv('aes-256-gcm', this.keys.getKey(), Buffer.from(iv, 'base64url'));
      d.setAuthTag(Buffer.from(tag, 'base64url'));
      return Buffer.concat([d.update(Buffer.from(ct, 'base64url')), d.final()]).toString('utf8');
    } catch {
      throw new NocError('AUTH_FAILED', 'A stored secret cannot be decrypted with this workspace key.');
    }
  }
}
