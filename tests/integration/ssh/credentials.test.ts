// SSH credential profiles through the IPC contract against real sshd's: secrets go in and never
// come back out (response, SQLite row, sync outbox), and a device's profile logs in by key,
// password and keyboard-interactive; wrong secrets and untrusted host keys are refused.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Lab, type SshdPeer } from '../../lab/index';
import { startSshdIn } from '../../lab/sshd';
import { openSshConsole, rejection, type SshConsole } from './sshConsole';

const USER = 'nocvault';
const PASSWORD = `pw-${process.pid}-${Math.random().toString(36).slice(2)}`;

describe('SSH credential profiles', () => {
  let lab: Lab;
  let keySshd: SshdPeer;
  let pwSshd: SshdPeer;
  let kbdSshd: SshdPeer;
  let noc: SshConsole;
  let privateKey: string;
  /** A line from the middle of the private key: it must not appear anywhere but the vault's sealed box. */
  let keyBody: string;

  const sealedRow = (id: string): string =>
    (noc.workspace.sqlite.prepare('SELECT secret_sealed AS s FROM credential_profiles WHERE id = ?').get(id) as { s: string }).s;
  const outboxPatches = (id: string): string =>
    (noc.workspace.sqlite.prepare("SELECT patch FROM outbox WHERE table_name = 'credential_profiles' AND row_id = ?").all(id) as { patch: string }[])
      .map((r) => r.patch)
      .join('\n');

  beforeAll(async () => {
    lab = new Lab();
    // The same account everywhere, started one after the other: each start may create the account
    // and sets its password.
    keySshd = await startSshdIn(lab, { user: USER, password: PASSWORD });
    pwSshd = await startSshdIn(lab, { user: USER, password: PASSWORD });
    kbdSshd = await startSshdIn(lab, { user: USER, password: PASSWORD, keyboardInteractive: true });
    privateKey = readFileSync(keySshd.privateKeyPath, 'utf8');
    keyBody = privateKey.split('\n')[2] ?? '';
    expect(keyBody.length).toBeGreaterThan(40);
    noc = openSshConsole();
  }, 60_000);

  afterAll(async () => {
    noc?.dispose();
    await lab?.stop();
  }, 60_000);

  it('a saved key or password never comes back: not in the response, the list, the SQLite row or the sync outbox', async () => {
    const key = await noc.saveProfile({ name: 'vault key', kind: 'ssh_key', username: USER, port: keySshd.port, privateKey });
    const pw = await noc.saveProfile({ name: 'vault password', kind: 'ssh_password', username: USER, port: pwSshd.port, password: PASSWORD });
    expect(key).toMatchObject({ hasPrivateKey: true, hasPassword: false, hasPassphrase: false, username: USER });
    expect(pw).toMatchObject({ hasPassword: true, hasPrivateKey: false, kbdAnswerCount: 0 });
    const list = await noc.call('ssh.credentials.list', {});
    for (const shown of [JSON.stringify(key), JSON.stringify(pw), JSON.stringify(list)]) {
      expect(shown).not.toContain(keyBody);
      expect(shown).not.toContain(PASSWORD);
    }
    for (const [id, secret] of [
      [key.id, keyBody],
      [pw.id, PASSWORD],
    ] as const) {
      expect(sealedRow(id).length).toBeGreaterThan(0);
      expect(sealedRow(id)).not.toContain(secret);
      expect(outboxPatches(id)).not.toBe('');
      expect(outboxPatches(id)).not.toContain(secret);
    }
  });

  it('an unknown host is refused with its fingerprint; a different accepted fingerprint is refused too and nothing is trusted', async () => {
    const profile = await noc.saveProfile({ name: 'kbd first contact', kind: 'ssh_password', username: USER, port: kbdSshd.port, password: PASSWORD });
    const target = { host: kbdSshd.host, port: kbdSshd.port, credentialId: profile.id };
    const unknown = await rejection(noc.call('ssh.exec', { target, command: 'id -un' }));
    expect(unknown.code).toBe('HOST_KEY_MISMATCH');
    expect(unknown.details).toMatchObject({ reason: 'unknown', presented: kbdSshd.hostKeyFingerprintSha256 });
    const other = keySshd.hostKeyFingerprintSha256;
    const wrong = await rejection(noc.call('ssh.exec', { target, command: 'id -un', trustFingerprint: other }));
    expect(wrong.code).toBe('HOST_KEY_MISMATCH');
    // refused as still unknown, with the key it really presented, so the user is asked about that one
    expect(wrong.details).toMatchObject({ reason: 'unknown', presented: kbdSshd.hostKeyFingerprintSha256 });
    expect(await noc.call('ssh.knownHosts.list', { host: kbdSshd.host })).not.toContainEqual(expect.objectContaining({ port: kbdSshd.port }));
  });

  it("a device's key profile logs in with the stored key", async () => {
    const profile = (await noc.call('ssh.credentials.list', {})).find((c) => c.name === 'vault key');
    const device = await noc.addDevice('vault-key-box', keySshd.host, profile?.id ?? null);
    const r = await noc.call('ssh.exec', { target: { deviceId: device.id }, command: 'id -un', trustFingerprint: keySshd.hostKeyFingerprintSha256 });
    expect(r).toMatchObject({ stdout: `${USER}\n`, exitCode: 0, hostKeySha256: keySshd.hostKeyFingerprintSha256, legacy: false });
  });

  it("a device's password profile logs in with the stored password; a wrong one is AUTH_FAILED", async () => {
    const profile = (await noc.call('ssh.credentials.list', {})).find((c) => c.name === 'vault password');
    const device = await noc.addDevice('vault-pw-box', pwSshd.host, profile?.id ?? null);
    const trustFingerprint = pwSshd.hostKeyFingerprintSha256;
    const r = await noc.call('ssh.exec', { target: { deviceId: device.id }, command: 'id -un', trustFingerprint });
    expect(r.stdout).toBe(`${USER}\n`);
    expect(readFileSync(pwSshd.logPath, 'utf8')).toMatch(/Accepted password for nocvault/);

    const wrong = await noc.saveProfile({ name: 'vault wrong password', kind: 'ssh_password', username: USER, port: pwSshd.port, password: `${PASSWORD}-nope` });
    const e = await rejection(noc.call('ssh.exec', { target: { host: pwSshd.host, credentialId: wrong.id }, command: 'id -un', trustFingerprint }));
    expect(e.code).toBe('AUTH_FAILED');
  });

  it('keyboard-interactive is answered from the profile, without asking anyone', async () => {
    const profile = (await noc.call('ssh.credentials.list', {})).find((c) => c.name === 'kbd first contact');
    const device = await noc.addDevice('vault-kbd-box', kbdSshd.host, profile?.id ?? null);
    const r = await noc.call('ssh.exec', { target: { deviceId: device.id }, command: 'id -un', trustFingerprint: kbdSshd.hostKeyFingerprintSha256 });
    expect(r.stdout).toBe(`${USER}\n`);
    expect(noc.events.filter((e) => e.name === 'ssh.prompt')).toEqual([]);
    expect(readFileSync(kbdSshd.logPath, 'utf8')).toMatch(/Accepted keyboard-interactive\/pam for nocvault/);
  });
});
