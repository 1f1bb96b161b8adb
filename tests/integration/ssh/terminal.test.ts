// Terminals through the IPC contract against a real OpenSSH sshd: what a technician sees in the
// tab (expanded echo, `stty size` after a resize, UTF-8 intact), flow control of a 50 MB flood,
// a killed connection, reconnect in place and by itself, the session log, audit, broadcast.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Lab, pollUntil, run, startNetwork, type LabNetwork, type SshdPeer } from '../../lab/index';
import { startSshdIn } from '../../lab/sshd';
import { sleep } from '../../lab/wait';
import { TERMINAL_CHUNK_BYTES, TERMINAL_HIGH_WATER_BYTES } from '../../../shared/domain/ssh';
import type { ResponseOf } from '../../../shared/ipc/schemas';
import { openSshConsole, rejection, type SshConsole } from './sshConsole';

type Terminal = ResponseOf<'ssh.terminal.open'>;

/** What the renderer would have received for one terminal. */
interface Screen {
  text: string;
  bytes: number;
  acked: number;
  /** Leave acknowledgements to the test (flow control); otherwise every event is acked like xterm would. */
  manualAck: boolean;
}

// Full text is kept up to this size, then only its tail (the 50 MB flood).
const KEEP_CHARS = 1_000_000;

describe('SSH terminals against OpenSSH sshd', () => {
  let lab: Lab;
  let sshd: SshdPeer;
  let noc: SshConsole;
  let fingerprint: string;
  let plainDevice: string;
  let loggedDevice: string;
  let autoDevice: string;
  const screens = new Map<string, Screen>();
  const keyProfile = () => ({ kind: 'ssh_key', username: 'nocssh', port: sshd.port, privateKey: readFileSync(sshd.privateKeyPath, 'utf8') }) as const;

  const screenOf = (id: string): Screen => {
    let s = screens.get(id);
    if (s === undefined) {
      s = { text: '', bytes: 0, acked: 0, manualAck: false };
      screens.set(id, s);
    }
    return s;
  };

  const ack = async (id: string, bytes: number): Promise<number> => {
    screenOf(id).acked += bytes;
    return (await noc.call('ssh.terminal.ack', { sessionId: id, bytes })).unacked;
  };

  const open = (deviceId: string, size: { cols?: number; rows?: number } = {}): Promise<Terminal> =>
    noc.call('ssh.terminal.open', { target: { deviceId }, trustFingerprint: fingerprint, ...size });

  const type = async (id: string, data: string): Promise<void> => {
    expect((await noc.call('ssh.terminal.input', { sessionId: id, data })).accepted).toBe(true);
  };

  /** Waits for `pattern` in what the tab received after `from` characters; returns the match. */
  const waitFor = (id: string, pattern: RegExp, from = 0, timeoutMs = 20_000): Promise<RegExpExecArray> =>
    pollUntil(`${String(pattern)} in terminal ${id}`, () => Promise.resolve(pattern.exec(screenOf(id).text.slice(from)) ?? undefined), {
      timeoutMs,
      intervalMs: 20,
    });

  /** Types a command and returns its output line (matched by `pattern`, searched after the typed echo). */
  const command = async (id: string, line: string, pattern: RegExp): Promise<RegExpExecArray> => {
    const from = screenOf(id).text.length;
    await type(id, `${line}\n`);
    return waitFor(id, pattern, from);
  };

  const shellPpid = async (id: string): Promise<number> => Number((await command(id, 'echo "PPID=$((PPID+0))="', /PPID=(\d+)=/))[1]);

  const stateWhere = (id: string, pred: (s: ReturnType<SshConsole['states']>[number]) => boolean, timeoutMs = 20_000) =>
    pollUntil(`state of ${id}`, () => Promise.resolve(noc.states(id).find(pred)), { timeoutMs, intervalMs: 20 });

  beforeAll(async () => {
    lab = new Lab();
    sshd = await startSshdIn(lab, { user: 'nocssh' });
    fingerprint = sshd.hostKeyFingerprintSha256;
    noc = openSshConsole();
    noc.bus.subscribe((name, payload) => {
      if (name !== 'ssh.terminal.data') return;
      const { sessionId, data, bytes } = payload as { sessionId: string; data: string; bytes: number };
      const s = screenOf(sessionId);
      s.text += data;
      if (s.text.length > KEEP_CHARS) s.text = s.text.slice(-65_536);
      s.bytes += bytes;
      if (!s.manualAck) void ack(sessionId, bytes);
    });
    const base = keyProfile();
    const plain = await noc.saveProfile({ ...base, name: 'lab key' });
    const logged = await noc.saveProfile({ ...base, name: 'lab key, logged', sessionLog: true });
    const auto = await noc.saveProfile({ ...base, name: 'lab key, auto-reconnect', autoReconnect: true });
    plainDevice = (await noc.addDevice('lab-box', sshd.host, plain.id)).id;
    loggedDevice = (await noc.addDevice('lab-box-logged', sshd.host, logged.id)).id;
    autoDevice = (await noc.addDevice('lab-box-auto', sshd.host, auto.id)).id;
  }, 60_000);

  afterAll(async () => {
    noc?.dispose();
    await lab?.stop();
  }, 60_000);

  it('an unknown host is refused with the fingerprint to show; the accepted one opens a shell that expands what is typed', async () => {
    const refused = await rejection(noc.call('ssh.terminal.open', { target: { deviceId: plainDevice } }));
    expect(refused.code).toBe('HOST_KEY_MISMATCH');
    expect(refused.details).toMatchObject({ reason: 'unknown', presented: fingerprint });

    const t = await open(plainDevice);
    expect(t).toMatchObject({ title: 'lab-box', host: sshd.host, port: sshd.port, username: 'nocssh', state: 'open', hostKeySha256: fingerprint, via: [], legacy: false, logPath: null });
    expect(t.algorithms.hostKey).toBe('ssh-ed25519');
    expect(t.sessionId).toMatch(/^[A-Za-z0-9_-]{8,64}$/);
    const m = await command(t.sessionId, 'echo hello-$((6*7))-$RANDOM-marker', /hello-42-(\d+)-marker/);
    expect(Number(m[1])).toBeGreaterThanOrEqual(0);
    await expect(noc.call('ssh.terminal.list', {})).resolves.toEqual([expect.objectContaining({ sessionId: t.sessionId, state: 'open' })]);
    expect(await noc.call('ssh.terminal.close', { sessionId: t.sessionId })).toEqual({ closed: true });
    await stateWhere(t.sessionId, (s) => s.state === 'closed' && s.reason === 'closed by you');
    expect(await noc.call('ssh.terminal.list', {})).toEqual([]);
  });

  it('the PTY has the size the tab opened with, and a resize reaches it', async () => {
    const t = await open(plainDevice, { cols: 100, rows: 30 });
    expect(t).toMatchObject({ cols: 100, rows: 30 });
    await command(t.sessionId, 'stty size', /^30 100\r?$/m);
    expect(await noc.call('ssh.terminal.resize', { sessionId: t.sessionId, cols: 132, rows: 43 })).toEqual({ cols: 132, rows: 43 });
    await command(t.sessionId, 'stty size', /^43 132\r?$/m);
    await command(t.sessionId, 'echo "TERM=$TERM"', /TERM=xterm-256color/);
    await noc.call('ssh.terminal.close', { sessionId: t.sessionId });
  });

  it('multibyte UTF-8 printed by the remote arrives intact, however the reads split it', async () => {
    const t = await open(plainDevice);
    // 9-byte groups in 32 KiB packets: characters are cut at packet boundaries many times over.
    const from = screenOf(t.sessionId).text.length;
    await type(t.sessionId, "for i in $(seq 1 2000); do printf 'Ж€😀%.0s' 1 2 3 4 5 6 7 8 9 10; done; echo; echo utf8-$((40+2))\n");
    await waitFor(t.sessionId, /utf8-42/, from);
    const seen = screenOf(t.sessionId).text.slice(from);
    expect(seen).toContain('Ж€😀'.repeat(20_000));
    expect(seen).not.toContain('\uFFFD');
    await noc.call('ssh.terminal.close', { sessionId: t.sessionId });
  });

  it('without acks main stops reading near the high-water mark while the remote is still writing; with acks 50 MB completes', async () => {
    const t = await open(plainDevice);
    const screen = screenOf(t.sessionId);
    screen.manualAck = true;
    await type(t.sessionId, "head -c 50000000 /dev/zero | tr '\\0' a; echo; echo flow-done-$((5*5))\n");
    await pollUntil('the high-water mark', () => Promise.resolve(screen.bytes > TERMINAL_HIGH_WATER_BYTES ? true : undefined), { intervalMs: 20 });
    // Time for a service that kept reading to show it; this one must not move.
    await sleep(1_500);
    const unacked = await ack(t.sessionId, 0);
    expect(unacked).toBe(screen.bytes);
    // Past the mark by at most the event that crossed it and the rest of the read being decoded.
    expect(unacked).toBeLessThanOrEqual(TERMINAL_HIGH_WATER_BYTES + 2 * TERMINAL_CHUNK_BYTES);
    // The remote is blocked on its pty, not finished: `head` still runs as the lab user.
    const head = await run('pgrep', ['-u', 'nocssh', '-x', 'head']);
    expect(head.stdout.trim()).toMatch(/^\d+/);
    expect(screen.text).not.toContain('flow-done-25');

    // Acknowledge like xterm's write callback would: what was drawn so far, then every event.
    screen.manualAck = false;
    expect(await ack(t.sessionId, screen.bytes - screen.acked)).toBe(0);
    await waitFor(t.sessionId, /flow-done-25/, 0, 120_000);
    expect(screen.bytes).toBeGreaterThan(50_000_000);
    await noc.call('ssh.terminal.close', { sessionId: t.sessionId });
  });

  it('a killed connection says "connection lost", leaves the other tabs alone, and reconnects in place', async () => {
    const victim = await open(plainDevice);
    const bystander = await open(plainDevice);
    const sshdChild = await shellPpid(victim.sessionId);
    process.kill(sshdChild, 'SIGKILL');
    const lost = await stateWhere(victim.sessionId, (s) => s.state === 'closed');
    expect(lost.reason).toMatch(/^connection lost/);
    expect(lost.exitCode).toBeNull();
    expect(await noc.call('ssh.terminal.input', { sessionId: victim.sessionId, data: 'x' })).toEqual({ accepted: false });
    await command(bystander.sessionId, 'echo still-$((1+1))-here', /still-2-here/);

    const again = await noc.call('ssh.terminal.reconnect', { sessionId: victim.sessionId, cols: 90, rows: 20 });
    expect(again).toMatchObject({ sessionId: victim.sessionId, state: 'open', cols: 90, rows: 20 });
    await command(victim.sessionId, 'stty size', /^20 90\r?$/m);
    expect(await shellPpid(victim.sessionId)).not.toBe(sshdChild);
    for (const t of [victim, bystander]) await noc.call('ssh.terminal.close', { sessionId: t.sessionId });
  });

  it('a shell that exits says so with its code and does not reconnect, even with auto-reconnect on', async () => {
    const t = await open(autoDevice);
    await type(t.sessionId, 'exit 0\n');
    const closed = await stateWhere(t.sessionId, (s) => s.state === 'closed');
    expect(closed).toMatchObject({ reason: 'remote shell exited (code 0)', exitCode: 0 });
    expect(noc.states(t.sessionId).some((s) => s.state === 'reconnecting')).toBe(false);
    await noc.call('ssh.terminal.close', { sessionId: t.sessionId });
  });

  it('with auto-reconnect on, a lost connection comes back by itself in the same session', async () => {
    const t = await open(autoDevice);
    expect(t.autoReconnect).toBe(true);
    const first = await shellPpid(t.sessionId);
    const before = noc.states(t.sessionId).length;
    process.kill(first, 'SIGKILL');
    const waiting = await stateWhere(t.sessionId, (s) => s.state === 'reconnecting' && s.retryAt !== null);
    expect(waiting.reason).toMatch(/^connection lost/);
    expect(waiting.retryAt).toBeGreaterThan(Date.now() - 5_000);
    await pollUntil('open again', () => Promise.resolve(noc.states(t.sessionId).slice(before).some((s) => s.state === 'open') ? true : undefined), {
      intervalMs: 20,
    });
    expect(await shellPpid(t.sessionId)).not.toBe(first);
    await noc.call('ssh.terminal.close', { sessionId: t.sessionId });
  });

  it('auto-reconnect stops at a changed host key and says why', async () => {
    const own = await startSshdIn(lab, { user: 'nocssh' });
    const profile = await noc.saveProfile({ ...keyProfile(), name: 'auto, own server', port: own.port, autoReconnect: true });
    const device = await noc.addDevice('lab-box-rekeyed', own.host, profile.id);
    const t = await noc.call('ssh.terminal.open', { target: { deviceId: device.id }, trustFingerprint: own.hostKeyFingerprintSha256 });
    const child = await shellPpid(t.sessionId);
    // The server is replaced (same address and port, new host key) while the session is cut.
    await own.stop();
    const replaced = await startSshdIn(lab, { user: 'nocssh', port: own.port });
    expect(replaced.hostKeyFingerprintSha256).not.toBe(own.hostKeyFingerprintSha256);
    try {
      process.kill(child, 'SIGKILL');
    } catch {
      // stopping the old server took its sessions with it
    }
    const closed = await stateWhere(t.sessionId, (s) => s.state === 'closed', 60_000);
    expect(closed.reason).toMatch(/^reconnect refused: The host key of .* has changed/);
    expect(noc.states(t.sessionId).some((s) => s.state === 'reconnecting')).toBe(true);
    await noc.call('ssh.terminal.close', { sessionId: t.sessionId });
    await replaced.stop();
  });

  it('the session log holds the output but not what was typed at a hidden prompt; opens and closes are audited', async () => {
    const t = await open(loggedDevice);
    expect(t.logPath).not.toBeNull();
    const logPath = t.logPath ?? '';
    expect(path.dirname(logPath)).toBe(path.join(noc.ssh.ctx.sessionLogDir, `${sshd.host}_${sshd.port}`));
    expect(path.basename(logPath)).toMatch(new RegExp(`^\\d{4}-\\d\\d-\\d\\d_\\d\\d-\\d\\d-\\d\\d_${t.sessionId}\\.log$`));
    await command(t.sessionId, 'echo log-$((2+3))-visible', /log-5-visible/);
    const secret = `hunter2-${process.pid}-typed`;
    const from = screenOf(t.sessionId).text.length;
    await type(t.sessionId, 'read -s -p "secret: " S; echo; echo "got-${#S}-chars"\n');
    await waitFor(t.sessionId, /secret: /, from);
    await type(t.sessionId, `${secret}\n`);
    await waitFor(t.sessionId, new RegExp(`got-${secret.length}-chars`), from);
    await noc.call('ssh.terminal.close', { sessionId: t.sessionId });

    const log = await pollUntil('the log file flushed', () =>
      Promise.resolve(existsSync(logPath) && readFileSync(logPath, 'utf8').includes(`got-${secret.length}-chars`) ? readFileSync(logPath, 'utf8') : undefined),
    );
    expect(log).toContain('log-5-visible');
    expect(log).toContain('secret: ');
    expect(log).not.toContain(secret);

    const audit = noc.ssh.ctx.audit().recent('ssh.session.', 200).filter((r) => (r.details as { sessionId?: string }).sessionId === t.sessionId);
    expect(audit.map((r) => r.action).sort()).toEqual(['ssh.session.close', 'ssh.session.open']);
    const closeRow = audit.find((r) => r.action === 'ssh.session.close');
    expect(closeRow).toMatchObject({ entity: 'devices', entityId: loggedDevice });
    expect(closeRow?.details).toMatchObject({ host: sshd.host, port: sshd.port, username: 'nocssh', via: [], legacy: false, reason: 'closed by you' });
    expect((closeRow?.details as { bytesOut: number }).bytesOut).toBeGreaterThan(0);
    expect((closeRow?.details as { durationMs: number }).durationMs).toBeGreaterThanOrEqual(0);
    expect(JSON.stringify(audit)).not.toContain(secret);
  });

  it('broadcast types the same line into each chosen tab and names the closed ones', async () => {
    const a = await open(plainDevice);
    const b = await open(plainDevice);
    const gone = await open(plainDevice);
    await noc.call('ssh.terminal.close', { sessionId: gone.sessionId });
    const from = [a, b].map((t) => screenOf(t.sessionId).text.length);
    const r = await noc.call('ssh.terminal.broadcast', { sessionIds: [a.sessionId, b.sessionId, gone.sessionId], data: 'echo bc-$((3*4))-$$\n' });
    expect(r).toEqual({ sent: 2, closed: [gone.sessionId] });
    const pids = await Promise.all([a, b].map(async (t, i) => (await waitFor(t.sessionId, /bc-12-(\d+)/, from[i]))[1]));
    expect(new Set(pids).size).toBe(2);
    for (const t of [a, b]) await noc.call('ssh.terminal.close', { sessionId: t.sessionId });
  });

  it('closing the console ends every terminal and nothing reconnects afterwards', async () => {
    const t = await open(autoDevice);
    noc.ssh.terminals.closeAll();
    const closed = await stateWhere(t.sessionId, (s) => s.state === 'closed');
    expect(closed.reason).toBe('the console is closing');
    expect((await rejection(open(plainDevice))).code).toBe('UNAVAILABLE');
    expect(noc.states(t.sessionId).some((s) => s.state === 'reconnecting')).toBe(false);
  });
});

describe('a terminal through a jump host (namespace lab)', () => {
  let network: LabNetwork;
  let noc: SshConsole;

  beforeAll(async () => {
    network = await startNetwork();
    noc = openSshConsole();
  }, 120_000);

  afterAll(async () => {
    noc?.dispose();
    await network?.stop();
  }, 60_000);

  it('asks to trust each hop in turn, then opens r2 over the r1–r2 link and names the hop', async () => {
    const r1 = network.router('r1');
    const link = r1.interfaces.find((i) => i.neighbour === 'r2');
    const r2End = network.topology.links.flatMap((l) => [l.a, l.b]).find((end) => end.router === 'r2' && end.interface === link?.neighbourInterface);
    if (link === undefined || r2End === undefined) throw new Error('no r1–r2 link in the lab topology');
    const profile = await noc.saveProfile({
      name: 'lab routers via r1',
      kind: 'ssh_key',
      username: 'root',
      privateKey: readFileSync(r1.ssh.privateKeyPath, 'utf8'),
      jump: [{ host: r1.ssh.host, port: r1.ssh.port, username: 'root', credentialId: null }],
    });
    const device = await noc.addDevice('r2', r2End.address, profile.id);
    const open = (trustFingerprint?: string) =>
      noc.call('ssh.terminal.open', { target: { deviceId: device.id }, ...(trustFingerprint === undefined ? {} : { trustFingerprint }) });

    // One question per unknown hop, first hop first, each with the key that hop presented.
    const first = await rejection(open());
    expect(first.details).toMatchObject({ reason: 'unknown', host: r1.ssh.host, presented: r1.ssh.hostKeyFingerprintSha256 });
    const second = await rejection(open(r1.ssh.hostKeyFingerprintSha256));
    expect(second.details).toMatchObject({ reason: 'unknown', host: r2End.address, presented: network.router('r2').ssh.hostKeyFingerprintSha256 });
    const t = await open(network.router('r2').ssh.hostKeyFingerprintSha256);
    expect(t).toMatchObject({ title: 'r2', host: r2End.address, via: [`root@${r1.ssh.host}:${r1.ssh.port}`], hostKeySha256: network.router('r2').ssh.hostKeyFingerprintSha256 });

    const seen: string[] = [];
    noc.bus.subscribe((name, payload) => {
      if (name === 'ssh.terminal.data') seen.push((payload as { data: string }).data);
    });
    expect((await noc.call('ssh.terminal.input', { sessionId: t.sessionId, data: 'echo "from=${SSH_CONNECTION%% *}=" ; hostname\n' })).accepted).toBe(true);
    const from = await pollUntil('the SSH_CONNECTION line', () => Promise.resolve(/from=([\d.]+)=/.exec(seen.join(''))?.[1]), { intervalMs: 20 });
    expect(from).toBe(link.address);
    await noc.call('ssh.terminal.close', { sessionId: t.sessionId });
  });
});
