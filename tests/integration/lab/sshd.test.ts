// The loopback sshd accepts the lab's user key, presents the host key the lab
// recorded in known_hosts, and refuses passwords.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { run, startSshd, type SshdPeer } from '../../lab/index';

describe('lab sshd on loopback', () => {
  let server: SshdPeer;

  beforeAll(async () => {
    server = await startSshd();
  }, 60_000);

  afterAll(async () => {
    await server?.stop();
  }, 60_000);

  const sshArgs = (knownHosts: string, ...extra: string[]): string[] => [
    '-i', server.privateKeyPath,
    '-o', `UserKnownHostsFile=${knownHosts}`,
    '-o', 'StrictHostKeyChecking=yes',
    '-o', 'BatchMode=yes',
    '-o', 'ConnectTimeout=5',
    '-p', String(server.port),
    ...extra,
    `${server.user}@${server.host}`,
  ];

  it('runs a command with the lab key under StrictHostKeyChecking=yes', async () => {
    const r = await run('ssh', [...sshArgs(server.knownHostsPath), 'echo ok']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout.trim()).toBe('ok');
  });

  it('presents the host key whose fingerprint the lab returned', async () => {
    const scan = await run('ssh-keyscan', ['-t', 'ed25519', '-p', String(server.port), server.host]);
    const file = join(server.knownHostsPath, '..', 'scanned_known_hosts');
    writeFileSync(file, scan.stdout);
    const fp = await run('ssh-keygen', ['-l', '-E', 'sha256', '-f', file]);
    expect(fp.stdout).toContain(server.hostKeyFingerprintSha256);
  });

  it('refuses an unknown host key and password authentication', async () => {
    const empty = join(server.knownHostsPath, '..', 'empty_known_hosts');
    writeFileSync(empty, '');
    const unknownHost = await run('ssh', [...sshArgs(empty), 'echo ok']);
    expect(unknownHost.code).not.toBe(0);
    expect(unknownHost.stdout).not.toContain('ok');
    const password = await run('ssh', [
      ...sshArgs(server.knownHostsPath, '-o', 'PubkeyAuthentication=no', '-o', 'PreferredAuthentications=password,keyboard-interactive'),
      'echo ok',
    ]);
    expect(password.code).not.toBe(0);
    expect(password.stderr).toMatch(/Permission denied \(publickey\)/);
  });
});
