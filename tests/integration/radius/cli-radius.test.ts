// `noc radius …` as a technician runs it, against the lab FreeRADIUS: JSON reply shape, exit codes
// (0 accept/ACK, 1 reject/no reply/refused, 2 bad input), secrets read from the environment.
import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../../helpers/tempWorkspace';
import { startFreeradius, type FreeradiusPeer } from '../../lab/index';
import { runNoc, type NocOutcome } from '../../helpers/nocCli';


describe('noc radius', () => {
  const ws = tempDir('noc-radius-cli-');
  let radius: FreeradiusPeer;

  function noc(args: string[]): Promise<NocOutcome> {
    return runNoc([...args, '--workspace', ws], { env: { ...process.env, LAB_SECRET: radius.secret } });
  }

  beforeAll(async () => {
    radius = await startFreeradius();
  }, 60_000);
  afterAll(async () => {
    await radius?.stop();
    fs.rmSync(ws, { recursive: true, force: true });
  }, 60_000);

  const server = (port: number) => `${radius.host}:${port}`;

  it('auth --json prints code, attributes by name, rttMs and the Message-Authenticator state', async () => {
    const r = await noc(['radius', 'auth', '--server', server(radius.authPort), '--secret-env', 'LAB_SECRET', '--user', radius.user, '--password', radius.password, '--method', 'chap', '--json']);
    expect(r.code).toBe(0);
    const reply = JSON.parse(r.stdout) as { code: string; attributes: { name: string; value: string }[]; rttMs: number; messageAuthenticator: string };
    expect(reply.code).toBe('Access-Accept');
    expect(reply.attributes).toContainEqual(expect.objectContaining({ name: 'Mikrotik-Rate-Limit', value: radius.rateLimit }));
    expect(reply.rttMs).toBeGreaterThan(0);
    expect(reply.messageAuthenticator).toBe('missing');
    expect(r.stdout).not.toContain(radius.secret);
  });

  it('a reject exits 1; --strict refuses the stock reply; a bad attribute exits 2 naming it', async () => {
    const reject = await noc(['radius', 'auth', '--server', server(radius.authPort), '--secret-env', 'LAB_SECRET', '--user', radius.user, '--password', 'wrong']);
    expect(reject.code).toBe(1);
    expect(reject.stdout).toMatch(/^Access-Reject from/);
    const strict = await noc(['radius', 'auth', '--server', server(radius.authPort), '--secret-env', 'LAB_SECRET', '--user', radius.user, '--password', radius.password, '--strict', '--json']);
    expect(strict.code).toBe(1);
    expect(JSON.parse(strict.stdout)).toMatchObject({ outcome: 'refused', code: 'Access-Accept' });
    const bad = await noc(['radius', 'auth', '--server', server(radius.authPort), '--secret-env', 'LAB_SECRET', '--user', 'u', '--password', 'p', '--attr', 'No-Such-Attribute=1']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/unknown attribute "No-Such-Attribute"/);
  });

  it('a wrong secret ends in "No reply after N tries" with the hint', async () => {
    const r = await noc(['radius', 'auth', '--server', server(radius.authPort), '--secret', 'not-the-secret', '--user', radius.user, '--password', radius.password, '--timeout', '300', '--retries', '2', '--json']);
    expect(r.code).toBe(1);
    const reply = JSON.parse(r.stdout) as { outcome: string; hint: string; tries: number };
    expect(reply.outcome).toBe('no-reply');
    expect(reply.tries).toBe(3);
    expect(reply.hint).toMatch(/No reply after 3 tries.*shared secret/);
  });

  it('acct, disconnect and status through a saved profile', async () => {
    const add = await noc(['radius', 'profile', 'add', '--name', 'lab', '--server', radius.host, '--auth-port', String(radius.authPort), '--acct-port', String(radius.acctPort), '--coa-port', String(radius.coaPort), '--secret-env', 'LAB_SECRET']);
    expect(add.code).toBe(0);
    const acct = await noc(['radius', 'acct', 'start', '--profile', 'lab', '--user', radius.user, '--session-id', 'CLI1', '--json']);
    expect(acct.code).toBe(0);
    expect(JSON.parse(acct.stdout)).toMatchObject({ code: 'Accounting-Response' });
    const nak = await noc(['radius', 'disconnect', '--profile', 'lab', '--user', radius.nakUser, '--json']);
    expect(nak.code).toBe(1);
    expect(JSON.parse(nak.stdout)).toMatchObject({ code: 'Disconnect-NAK' });
    const status = await noc(['radius', 'status', '--profile', 'lab']);
    expect(status.code).toBe(0);
    const history = await noc(['radius', 'history', '--json']);
    expect((JSON.parse(history.stdout) as { kind: string }[]).map((h) => h.kind).slice(0, 3)).toEqual(['status', 'disconnect', 'acct']);
  });

  it('load at a target rate is paced, and reports its figures', async () => {
    const r = await noc(['radius', 'load', '--server', server(radius.authPort), '--secret-env', 'LAB_SECRET', '--user', radius.user, '--password', radius.password, '--count', '300', '--rate', '300', '--json']);
    expect(r.code).toBe(0);
    const stats = JSON.parse(r.stdout) as { sent: number; accepts: number; elapsedMs: number; requestsPerSecond: number; latencyMs: { p50: number; p95: number; p99: number } };
    expect(stats).toMatchObject({ sent: 300, accepts: 300 });
    // 300 requests at 300/s cannot finish much sooner than a second
    expect(stats.elapsedMs).toBeGreaterThan(900);
    expect(stats.latencyMs.p95).toBeGreaterThanOrEqual(stats.latencyMs.p50);
  });
});
