// The SSH engine against real OpenSSH sshd's on loopback: every login kind, errors, host-key
// trust (first contact, changed key before any credential), legacy algorithms, connection reuse.
import { spawn } from 'node:child_process';
import { appendFileSync, existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Lab, pollUntil, run, type SshdPeer } from '../../lab/index';
import { startSshdIn } from '../../lab/sshd';
import { SshEngine, type HostKeyInfo, type SshTarget } from '../../../electron/services/ssh/index';
import { NocError } from '../../../shared/ipc/errors';
import type { OpenCache } from '../../../electron/services/cache/database';
import type { KnownHostRepository } from '../../../electron/services/cache/repositories/knownHostRepository';
import { openKnownHosts, sshdLog } from './helpers';

const USER = 'noclab';
const PASSWORD = `pw-${process.pid}-${Math.random().toString(36).slice(2)}`;
const acceptAll = (): boolean => true;

async function failure(p: Promise<unknown>): Promise<NocError> {
  try {
    await p;
  } catch (error) {
    if (error instanceof NocError) return error;
    throw error;
  }
  throw new Error('expected a NocError');
}

describe('SSH engine against OpenSSH sshd', () => {
  let lab: Lab;
  let keySshd: SshdPeer;
  let pwSshd: SshdPeer;
  let kbdSshd: SshdPeer;
  let legacySshd: SshdPeer;
  let cache: OpenCache;
  let knownHosts: KnownHostRepository;
  let engine: SshEngine;
  let privateKey: string;

  const keyTarget = (extra: Partial<SshTarget> = {}): SshTarget => ({
    host: keySshd.host,
    port: keySshd.port,
    username: USER,
    credentials: { privateKey },
    ...extra,
  });

  beforeAll(async () => {
    lab = new Lab();
    [keySshd, pwSshd, kbdSshd, legacySshd] = await Promise.all([
      startSshdIn(lab, { user: USER }),
      startSshdIn(lab, { user: USER, password: PASSWORD }),
      startSshdIn(lab, { user: USER, password: PASSWORD, keyboardInteractive: true }),
      startSshdIn(lab, { user: USER, legacyOnly: true }),
    ]);
    privateKey = readFileSync(keySshd.privateKeyPath, 'utf8');
    ({ cache, knownHosts } = openKnownHosts());
    engine = new SshEngine({ knownHosts, onUnknownHost: acceptAll, idleCloseMs: 5_000 });
  }, 60_000);

  afterAll(async () => {
    await engine?.close();
    cache?.close();
    await lab?.stop();
  }, 60_000);

  it('first contact: the callback sees the SHA-256 fingerprint ssh-keygen prints, and the key is stored', async () => {
    const seen: HostKeyInfo[] = [];
    const fresh = new SshEngine({ knownHosts, idleCloseMs: 1_000 });
    try {
      const r = await fresh.exec(keyTarget(), 'echo first', { onUnknownHost: (info) => (seen.push(info), true) });
      expect(r.stdout).toBe('first\n');
      const keygen = await run('ssh-keygen', ['-l', '-E', 'sha256', '-f', keySshd.hostPublicKeyPath]);
      const expected = /SHA256:\S+/.exec(keygen.stdout)?.[0];
      expect(seen).toHaveLength(1);
      expect(seen[0]?.fingerprint).toBe(expected);
      expect(seen[0]?.keyType).toBe('ssh-ed25519');
      expect(r.hostKeySha256).toBe(expected);
      const stored = knownHosts.forHost(keySshd.host, keySshd.port);
      expect(stored.map((k) => [k.keyType, k.fingerprint])).toEqual([['ssh-ed25519', expected]]);
      // Known now: a second engine without any callback connects without asking.
      const again = new SshEngine({ knownHosts });
      expect((await again.exec(keyTarget(), 'true')).exitCode).toBe(0);
      await again.close();
    } finally {
      await fresh.close();
    }
  });

  it('an unknown host without a decision (or a "no") is refused before authentication', async () => {
    const strict = new SshEngine({ knownHosts });
    const kbdCalls: string[] = [];
    const target: SshTarget = {
      host: kbdSshd.host,
      port: kbdSshd.port,
      username: USER,
      credentials: { onKeyboardInteractive: (p) => (kbdCalls.push(...p.map((x) => x.prompt)), [PASSWORD]) },
    };
    const e = await failure(strict.exec(target, 'true'));
    expect(e.code).toBe('HOST_KEY_MISMATCH');
    expect((e.details as { reason: string }).reason).toBe('unknown');
    const no = await failure(strict.exec(target, 'true', { onUnknownHost: () => false }));
    expect((no.details as { reason: string }).reason).toBe('rejected');
    expect(kbdCalls).toEqual([]);
    expect(knownHosts.forHost(kbdSshd.host, kbdSshd.port)).toEqual([]);
    await strict.close();
  });

  it('key login + exec: stdout, stderr, exit code, modern algorithms', async () => {
    const r = await engine.exec(keyTarget(), 'echo out; echo err >&2; exit 3');
    expect(r).toMatchObject({ stdout: 'out\n', stderr: 'err\n', exitCode: 3, truncated: false, legacy: false });
    expect(r.algorithms.legacy).toEqual([]);
    expect(r.algorithms.serverHostKey).toBe('ssh-ed25519');
  });

  it('ed25519, ecdsa and rsa keys, encrypted with a passphrase (OpenSSH and PEM formats), log in; a wrong passphrase is AUTH_FAILED', async () => {
    const dir = lab.subdir('more-keys');
    const authorizedKeys = join(dirname(keySshd.logPath), 'authorized_keys');
    const keys: { type: string; format: string }[] = [
      { type: 'ed25519', format: 'RFC4716' },
      { type: 'ecdsa', format: 'RFC4716' },
      { type: 'rsa', format: 'RFC4716' },
      { type: 'rsa', format: 'PEM' },
    ];
    for (const [i, k] of keys.entries()) {
      const keyPath = join(dir, `id_${k.type}_${i}`);
      const made = await run('ssh-keygen', ['-q', '-t', k.type, '-N', 'sesame', '-m', k.format, '-C', `extra-${i}`, '-f', keyPath]);
      expect(made.code).toBe(0);
      appendFileSync(authorizedKeys, readFileSync(`${keyPath}.pub`, 'utf8'));
      const encrypted = readFileSync(keyPath, 'utf8');
      const ok = await engine.exec(keyTarget({ credentials: { privateKey: encrypted, passphrase: 'sesame' } }), `echo ${k.type}`);
      expect(ok.stdout).toBe(`${k.type}\n`);
      const e = await failure(engine.exec(keyTarget({ credentials: { privateKey: encrypted, passphrase: 'wrong' } }), 'true'));
      expect(e.code).toBe('AUTH_FAILED');
    }
  });

  it('logs in through an ssh-agent socket holding the key', async () => {
    const socket = join(lab.subdir('agent'), 'agent.sock');
    const agent = spawn('ssh-agent', ['-D', '-a', socket], { stdio: 'ignore' });
    try {
      await pollUntil('ssh-agent socket', async () => (existsSync(socket) ? true : undefined));
      const added = await run('ssh-add', [keySshd.privateKeyPath], { env: { ...process.env, SSH_AUTH_SOCK: socket } });
      expect(added.code).toBe(0);
      const r = await engine.exec(keyTarget({ credentials: { agent: socket } }), 'echo agent');
      expect(r.stdout).toBe('agent\n');
    } finally {
      agent.kill();
    }
  });

  it('password login, and a wrong password is AUTH_FAILED', async () => {
    const target: SshTarget = { host: pwSshd.host, port: pwSshd.port, username: USER, credentials: { password: PASSWORD } };
    const r = await engine.exec(target, 'whoami');
    expect(r.stdout).toBe(`${USER}\n`);
    const e = await failure(engine.exec({ ...target, credentials: { password: `${PASSWORD}x` } }, 'whoami'));
    expect(e.code).toBe('AUTH_FAILED');
  });

  it('keyboard-interactive login relays the prompts to the callback', async () => {
    const prompts: string[] = [];
    const target: SshTarget = {
      host: kbdSshd.host,
      port: kbdSshd.port,
      username: USER,
      credentials: { onKeyboardInteractive: (p) => (prompts.push(...p.map((x) => x.prompt)), p.map(() => PASSWORD)) },
    };
    const r = await engine.exec(target, 'echo kbd');
    expect(r.stdout).toBe('kbd\n');
    expect(prompts.join(' ')).toMatch(/password/i);
    const bad = await failure(
      new SshEngine({ knownHosts }).exec({ ...target, credentials: { onKeyboardInteractive: (p) => p.map(() => 'nope') } }, 'true'),
    );
    expect(bad.code).toBe('AUTH_FAILED');
  });

  it('a changed host key is HOST_KEY_MISMATCH with both fingerprints, and no credential reaches the server', async () => {
    // A server of its own, so its log holds only this test's connection (another test's lines can
    // reach a shared server's log late). Its real key becomes "the old one" under another
    // fingerprint: trust a forged entry.
    const kbdSshd = await startSshdIn(lab, { user: USER, password: PASSWORD, keyboardInteractive: true });
    const before = sshdLog(kbdSshd.logPath).length; // past the readiness probe's connection
    const forged = { host: kbdSshd.host, port: kbdSshd.port, keyType: 'ssh-ed25519', fingerprint: 'SHA256:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA', keyBase64: 'AAAA' };
    const strict = new SshEngine({ knownHosts: { forHost: () => [{ id: 'x', firstSeen: 0, lastSeen: 0, ...forged }], add: () => { throw new Error('no'); }, touch: () => undefined } });
    const kbdCalls: string[] = [];
    const e = await failure(
      strict.exec({ host: kbdSshd.host, port: kbdSshd.port, username: USER, credentials: { password: PASSWORD, onKeyboardInteractive: (p) => (kbdCalls.push('asked'), p.map(() => PASSWORD)) } }, 'true', {
        onUnknownHost: acceptAll,
      }),
    );
    expect(e.code).toBe('HOST_KEY_MISMATCH');
    expect(e.details).toMatchObject({ reason: 'changed', presented: kbdSshd.hostKeyFingerprintSha256, known: [{ keyType: 'ssh-ed25519', fingerprint: forged.fingerprint }] });
    expect(e.message).toContain(kbdSshd.hostKeyFingerprintSha256);
    expect(e.message).toContain(forged.fingerprint);
    expect(kbdCalls).toEqual([]);
    // The connection reached sshd (so the silence below means something) and ended before any user
    // authentication: wait for sshd to log the end of it (it writes asynchronously).
    const log = await pollUntil('sshd to log the refused connection', () => {
      const text = sshdLog(kbdSshd.logPath).slice(before);
      return Promise.resolve(/\[preauth\]|Connection (closed|reset)/.test(text) ? text : undefined);
    }, { timeoutMs: 10_000, intervalMs: 100 });
    expect(log).toMatch(/Connection from/);
    expect(log).not.toMatch(/Accepted|Failed|Postponed|keyboard-interactive|userauth|invalid user/i);
    await strict.close();
    await kbdSshd.stop();
  });

  it('a restarted server with a new host key on the same port is a hard stop', async () => {
    const server = await startSshdIn(lab, { user: USER });
    const target: SshTarget = { host: server.host, port: server.port, username: USER, credentials: { privateKey } };
    const solo = new SshEngine({ knownHosts, onUnknownHost: acceptAll });
    expect((await solo.exec(target, 'echo one')).stdout).toBe('one\n');
    await solo.close();
    await server.stop();
    const replaced = await startSshdIn(lab, { user: USER, port: server.port });
    expect(replaced.hostKeyFingerprintSha256).not.toBe(server.hostKeyFingerprintSha256);
    const e = await failure(new SshEngine({ knownHosts, onUnknownHost: acceptAll }).exec(target, 'true'));
    expect(e.code).toBe('HOST_KEY_MISMATCH');
    expect(e.details).toMatchObject({ reason: 'changed', presented: replaced.hostKeyFingerprintSha256, known: [{ fingerprint: server.hostKeyFingerprintSha256 }] });
    expect(sshdLog(replaced.logPath)).not.toMatch(/Accepted|Failed publickey/);
    // Removing the old key (audited) is the only way past.
    const old = knownHosts.forHost(server.host, server.port);
    for (const k of old) knownHosts.remove(k.id);
    const audit = cache.sqlite.prepare("SELECT count(*) AS n FROM audit_log WHERE action = 'ssh_known_hosts.delete'").get() as { n: number };
    expect(audit.n).toBeGreaterThanOrEqual(1);
    const after = new SshEngine({ knownHosts, onUnknownHost: acceptAll });
    expect((await after.exec(target, 'echo two')).hostKeySha256).toBe(replaced.hostKeyFingerprintSha256);
    await after.close();
    await replaced.stop();
  });

  it('a legacy-only server connects only with the legacy policy, and the result flags it', async () => {
    const target: SshTarget = { host: legacySshd.host, port: legacySshd.port, username: USER, credentials: { privateKey } };
    const modern = await failure(engine.exec(target, 'true'));
    expect(modern.code).toBe('UNAVAILABLE');
    expect(modern.message).toMatch(/legacy/);
    const r = await engine.exec({ ...target, algorithms: 'legacy' }, 'echo old');
    expect(r.stdout).toBe('old\n');
    expect(r.legacy).toBe(true);
    expect(r.algorithms).toMatchObject({ kex: 'diffie-hellman-group14-sha1', serverHostKey: 'ssh-rsa', cipher: 'aes128-cbc' });
    expect(r.algorithms.legacy).toEqual(expect.arrayContaining(['diffie-hellman-group14-sha1', 'ssh-rsa', 'aes128-cbc']));
    expect(knownHosts.forHost(legacySshd.host, legacySshd.port).map((k) => k.keyType)).toEqual(['ssh-rsa']);
  });

  it('reuses one connection for several execs to the same target', async () => {
    const pooled = new SshEngine({ knownHosts, idleCloseMs: 2_000 });
    const before = (sshdLog(keySshd.logPath).match(/Accepted publickey/g) ?? []).length;
    const [a, b] = await Promise.all([pooled.exec(keyTarget(), 'echo $SSH_CONNECTION'), pooled.exec(keyTarget(), 'echo $SSH_CONNECTION')]);
    const c = await pooled.exec(keyTarget(), 'echo $SSH_CONNECTION');
    expect(a.stdout.trim()).not.toBe('');
    expect(b.stdout).toBe(a.stdout);
    expect(c.stdout).toBe(a.stdout);
    expect(c.reused).toBe(true);
    expect(pooled.size).toBe(1);
    const after = (sshdLog(keySshd.logPath).match(/Accepted publickey/g) ?? []).length;
    expect(after - before).toBe(1);
    // Idle close: the pool empties by itself.
    await new Promise((r) => setTimeout(r, 2_500));
    expect(pooled.size).toBe(0);
    await pooled.close();
  });

  it('never loses the exit status of a fast command on a pooled connection', async () => {
    // A quick command's output, exit-status and close can arrive in one read together with the
    // channel confirmation; the status must still be seen every time, not "exited with no status".
    const pooled = new SshEngine({ knownHosts, idleCloseMs: 5_000 });
    const codes: (number | null)[] = [];
    for (let i = 0; i < 60; i++) codes.push((await pooled.exec(keyTarget(), `printf x; exit ${i % 7}`)).exitCode);
    expect(codes).toEqual(Array.from({ length: 60 }, (_, i) => i % 7));
    await pooled.close();
  });

  it('caps output and times out', async () => {
    const big = await engine.exec(keyTarget(), 'head -c 200000 /dev/zero', { maxOutputBytes: 1000 });
    expect(big.truncated).toBe(true);
    expect(big.stdout.length).toBe(1000);
    const slow = await failure(engine.exec(keyTarget(), 'sleep 5', { timeoutMs: 300 }));
    expect(slow.code).toBe('TIMEOUT');
  });

  it('nothing listening is UNAVAILABLE', async () => {
    const server = await startSshdIn(lab, { user: USER });
    await server.stop();
    const e = await failure(engine.exec({ host: server.host, port: server.port, username: USER, credentials: { privateKey } }, 'true'));
    expect(e.code).toBe('UNAVAILABLE');
  });
});
