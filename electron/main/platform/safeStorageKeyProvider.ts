// The workspace key (32 bytes, seals community strings, passwords and private keys) wrapped by the
// OS keychain through Electron's safeStorage: DPAPI on Windows, Keychain on macOS, libsecret/kwallet
// on Linux. Only the wrapped form touches the disk. The safeStorage object is injected (this file
// imports only types from 'electron'), so the policy is unit-testable under plain Node.
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { FileKeyProvider, type KeyProvider } from '../../services/secrets/secretBox';

/** The part of Electron's `safeStorage` this provider needs. */
export interface SafeStorageLike {
  isEncryptionAvailable(): boolean;
  encryptString(plain: string): Buffer;
  decryptString(sealed: Buffer): string;
  /** Linux only: 'basic_text' means no keyring, i.e. a hard-coded password: no protection at all. */
  getSelectedStorageBackend?(): string;
}

export const SEALED_KEY_FILE = 'workspace.key.safe';
/** The 0600 plain key file the web host and the CLI use (see FileKeyProvider). */
export const PLAIN_KEY_FILE = 'workspace.key';

export class KeychainUnavailableError extends Error {
  constructor(file: string) {
    super(
      `The workspace key in ${file} is protected by the OS keychain, which is not available now ` +
        '(on Linux: no Secret Service / KWallet running). Start the keyring and try again.',
    );
    this.name = 'KeychainUnavailableError';
  }
}

export class SafeStorageKeyProvider implements KeyProvider {
  private key: Buffer | null = null;

  constructor(
    private readonly file: string,
    private readonly safeStorage: SafeStorageLike,
  ) {}

  getKey(): Buffer {
    if (this.key) return this.key;
    if (!this.safeStorage.isEncryptionAvailable()) throw new KeychainUnavailableError(this.file);
    if (fs.existsSync(this.file)) {
      let key: Buffer;
      try {
        key = Buffer.from(this.safeStorage.decryptString(fs.readFileSync(this.file)), 'base64');
      } catch {
        // never replace the key here: every stored secret would be lost silently
        throw new Error(`The workspace key in ${this.file} cannot be unlocked by this user's keychain.`);
      }
      if (key.length !== 32) throw new Error(`The workspace key in ${this.file} is damaged.`);
      this.key = key;
    } else {
      fs.mkdirSync(path.dirname(this.file), { recursive: true });
      const key = randomBytes(32);
      // 'wx': a second instance racing us must not overwrite a key already in use
      fs.writeFileSync(this.file, this.safeStorage.encryptString(key.toString('base64')), { mode: 0o600, flag: 'wx' });
      this.key = key;
    }
    return this.key;
  }
}

/** Whether safeStorage gives real protection here (Linux 'basic_text' does not). */
export function keychainUsable(safeStorage: SafeStorageLike): boolean {
  if (!safeStorage.isEncryptionAvailable()) return false;
  const backend = safeStorage.getSelectedStorageBackend?.();
  return backend !== 'basic_text' && backend !== 'unknown';
}

/**
 * Chooses the key store of a workspace:
 * 1. a keychain-wrapped key already there → keep using it (fails loudly if the keychain is gone);
 * 2. a plain 0600 key file already there (the folder was first opened by `noc` CLI or `noc serve`,
 *    whose default folder is the same) → keep using it, or their sealed secrets become unreadable;
 * 3. a new workspace → keychain-wrapped key when the keychain is usable, else the plain file with
 *    a warning.
 */
export function createWorkspaceKeyProvider(dir: string, safeStorage: SafeStorageLike, log: (line: string) => void = (l) => console.warn(l)): KeyProvider {
  const sealed = path.join(dir, SEALED_KEY_FILE);
  const plain = path.join(dir, PLAIN_KEY_FILE);
  if (fs.existsSync(sealed)) return new SafeStorageKeyProvider(sealed, safeStorage);
  if (fs.existsSync(plain)) {
    log(`[keys] workspace ${dir} already has a plain key file (shared with the noc CLI / web host); using it, not the OS keychain.`);
    return new FileKeyProvider(plain);
  }
  if (keychainUsable(safeStorage)) return new SafeStorageKeyProvider(sealed, safeStorage);
  log(
    `[keys] WARNING: OS keychain unavailable (safeStorage backend: ${safeStorage.getSelectedStorageBackend?.() ?? 'none'}); ` +
      `the workspace key is kept in the 0600 file ${plain} instead. Anyone who can read that file can read stored credentials.`,
  );
  return new FileKeyProvider(plain);
}
