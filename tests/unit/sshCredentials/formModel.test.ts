// The credential dialog's write-only secrets: on an existing profile an empty field keeps what the
// vault holds (the field is not sent), "remove" sends "" (or [] for keyboard-interactive answers),
// and text replaces it; only the secrets of the profile's kind are sent. Every request built from
// the form is checked with the contract's own schema, as the host does.
import { describe, expect, it } from 'vitest';
import { sshCredentialInputSchema } from '../../../shared/ipc/sshSchemas';
import { buildInput, credentialFieldOf, valuesOf, type CredentialValues } from '../../../renderer/src/features/sshCredentials/formModel';
import type { SshCredential } from '../../../renderer/src/features/sshCredentials/store';

const KEY = '-----BEGIN OPENSSH PRIVATE KEY-----\nAAAA\n-----END OPENSSH PRIVATE KEY-----\n';

const stored: SshCredential = {
  id: '018b882e-0800-7e90-9edc-5580dad9a599',
  name: 'core routers',
  kind: 'ssh_key',
  username: 'noc',
  port: 2222,
  algorithms: 'legacy',
  jump: [{ host: 'bastion.example.net', port: 22, username: 'jump', credentialId: null }],
  sessionLog: true,
  autoReconnect: false,
  backupCommand: null,
  hasPassword: false,
  hasPrivateKey: true,
  hasPassphrase: true,
  kbdAnswerCount: 2,
  deviceCount: 3,
  updatedAt: 1,
};

function edit(patch: Partial<CredentialValues>, existing: SshCredential = stored) {
  const input = buildInput({ ...valuesOf(existing), ...patch }, existing);
  expect(sshCredentialInputSchema.safeParse(input).success).toBe(true);
  return input;
}

describe('credential form → ssh.credentials.save', () => {
  it('an untouched edit keeps every stored secret and the profile options', () => {
    const input = edit({});
    expect(input).not.toHaveProperty('privateKey');
    expect(input).not.toHaveProperty('passphrase');
    expect(input).not.toHaveProperty('password');
    expect(input).not.toHaveProperty('kbdAnswers');
    expect(input).toMatchObject({ id: stored.id, port: 2222, algorithms: 'legacy', sessionLog: true, backupCommand: null });
    expect(input.jump).toEqual([{ host: 'bastion.example.net', port: 22, username: 'jump', credentialId: null }]);
  });

  it('"remove" sends an empty value, typed text replaces, and answers can be removed as a list', () => {
    const input = edit({ removePassphrase: true, privateKey: KEY, kbdAnswers: [] });
    expect(input.passphrase).toBe('');
    expect(input.privateKey).toBe(KEY);
    expect(input.kbdAnswers).toEqual([]);
  });

  it('"remove" on a secret that is not stored sends nothing', () => {
    const input = edit({ removePassword: true, kind: 'ssh_password', password: '' });
    expect(input).not.toHaveProperty('password');
  });

  it('a key profile never sends a password typed before switching kind, and the reverse', () => {
    const asKey = buildInput({ ...valuesOf(null), name: 'k', username: 'u', kind: 'ssh_key', password: 'typed-then-switched', privateKey: KEY }, null);
    expect(asKey).not.toHaveProperty('password');
    const asPassword = buildInput({ ...valuesOf(null), name: 'p', username: 'u', kind: 'ssh_password', password: 'pw', privateKey: KEY, passphrase: 'x' }, null);
    expect(asPassword).not.toHaveProperty('privateKey');
    expect(asPassword).not.toHaveProperty('passphrase');
    expect(asPassword.password).toBe('pw');
  });

  it('a blank backup command means the vendor default (null)', () => {
    expect(edit({ backupCommand: '   ' }).backupCommand).toBeNull();
    expect(edit({ backupCommand: 'show run' }).backupCommand).toBe('show run');
  });

  it('a port that is not a number is refused by the schema beside the port field', () => {
    const input = buildInput({ ...valuesOf(stored), port: '22a' }, stored);
    const r = sshCredentialInputSchema.safeParse(input);
    expect(r.success).toBe(false);
    const fields = r.success ? [] : r.error.issues.map((i) => credentialFieldOf(i.path.map(String).join('.')));
    expect(new Set(fields)).toEqual(new Set(['port']));
  });

  it('errors on a jump hop land on that hop', () => {
    const input = buildInput({ ...valuesOf(stored), jump: [{ host: 'ok.example.net', port: '22', username: '', credentialId: '' }] }, stored);
    const r = sshCredentialInputSchema.safeParse(input);
    expect(r.success).toBe(false);
    const fields = r.success ? [] : r.error.issues.map((i) => credentialFieldOf(i.path.map(String).join('.')));
    expect(new Set(fields)).toEqual(new Set(['jump.0.username']));
  });
});
