// Which store holds the workspace key in the Electron host, with a stand-in for safeStorage
// (the real one needs the Electron binary and an OS keychain).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { FileKeyProvider } from '../../electron/services/secrets/secretBox';
import {
  createWorkspaceKeyProvider,
  KeychainUnavailableError,
  PLAIN_KEY_FILE,
  SafeStorageKeyProvider,
  SEALED_KEY_FILE,
  type SafeStorageLike,
} from '../../electron/main/platform/safeStorageKeyProvider';

function keychain(opts: { available?: boolean; backend?: string } = {}): SafeStorageLike {
  // reversible and visibly not plain text: enough to check what reaches the disk
  const flip = (b: Buffer) => Buffer.from(b.map((x) => x ^ 0x5a));
  return {
    isEncryptionAvailable: () => opts.available ?? true,
    encryptString: (s) => Buffer.concat([Buffer.from('KC1'), flip(Buffer.from(s, 'utf8'))]),
    decryptString: (b) => {
      if (b.subarray(0, 3).toString() !== 'KC1') throw new Error('not ours');
      return flip(b.subarray(3)).toString('utf8');
    },
    ...(opts.backend ? { getSelectedStorageBackend: () => opts.backend as string } : {}),
  };
}

const dirs: string[] = [];
function tmp(): string {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), 'noc-keys-'));
  dirs.push(d);
  return d;
}
afterEach(() => {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

describe('createWorkspaceKeyProvider', () => {
  it('seals a new key with the keychain and never writes it in plain', () => {
    const dir = tmp();
    const logs: string[] = [];
    const p = createWorkspaceKeyProvider(dir, keychain({ backend: 'gnome_libsecret' }), (l) => logs.push(l));
    expect(p).toBeInstanceOf(SafeStorageKeyProvider);
    const key = p.getKey();
    expect(key).toHaveLength(32);
    const onDisk = fs.readFileSync(path.join(dir, SEALED_KEY_FILE));
    expect(onDisk.includes(Buffer.from(key.toString('base64')))).toBe(false);
    expect(fs.existsSync(path.join(dir, PLAIN_KEY_FILE))).toBe(false);
    if (process.platform !== 'win32') expect(fs.statSync(path.join(dir, SEALED_KEY_FILE)).mode & 0o077).toBe(0);
    expect(logs).toEqual([]);
    // a second launch unlocks the same key
    expect(createWorkspaceKeyProvider(dir, keychain()).getKey().equals(key)).toBe(true);
  });

  it('falls back to the 0600 file, with a warning, when there is no real keychain', () => {
    for (const kc of [keychain({ available: false }), keychain({ backend: 'basic_text' })]) {
      const dir = tmp();
      const logs: string[] = [];
      const p = createWorkspaceKeyProvider(dir, kc, (l) => logs.push(l));
      expect(p).toBeInstanceOf(FileKeyProvider);
      expect(p.getKey()).toHaveLength(32);
      expect(logs.join('\n')).toMatch(/WARNING: OS keychain unavailable/);
    }
  });

  it('keeps using a plain key file a CLI or web host created in the same folder', () => {
    const dir = tmp();
    const cliKey = new FileKeyProvider(path.join(dir, PLAIN_KEY_FILE)).getKey();
    const logs: string[] = [];
    const p = createWorkspaceKeyProvider(dir, keychain(), (l) => logs.push(l));
    expect(p.getKey().equals(cliKey)).toBe(true);
    expect(fs.existsSync(path.join(dir, SEALED_KEY_FILE))).toBe(false);
    expect(logs.join('\n')).toMatch(/plain key file/);
  });

  it('refuses to start, rather than make a new key, when the keychain is gone or wrong', () => {
    const dir = tmp();
    createWorkspaceKeyProvider(dir, keychain()).getKey();
    expect(() => createWorkspaceKeyProvider(dir, keychain({ available: false })).getKey()).toThrow(KeychainUnavailableError);
    const other: SafeStorageLike = { ...keychain(), decryptString: () => { throw new Error('bad key'); } };
    expect(() => createWorkspaceKeyProvider(dir, other).getKey()).toThrow(/cannot be unlocked/);
    expect(fs.existsSync(path.join(dir, PLAIN_KEY_FILE))).toBe(false);
  });
});
