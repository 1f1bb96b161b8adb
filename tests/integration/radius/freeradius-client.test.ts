// The RADIUS test client against a real FreeRADIUS 3.2 (the lab's private copy on loopback):
// every packet type through the same channels the UI and the CLI use.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFreeradius, type FreeradiusPeer } from '../../lab/index';
import { openTempConsole } from '../../helpers/tempWorkspace';
import type { RadiusReply } from '../../../shared/ipc/radiusSchemas';

type Console = ReturnType<typeof openTempConsole>;
const CTX = { host: 'cli' } as const;

function attr(r: RadiusReply, name: string): string | undefined {
  return r.attributes.find((a) => a.name === name)?.value;
}

describe('RADIUS client against FreeRADIUS', () => {
  let radius: FreeradiusPeer;
  let noc: Console;
  let auth: { host: string; port: number; secret: string };

  beforeAll(async () => {
    radius = await startFreeradius();
    noc = openTempConsole();
    auth = { host: radius.host, port: radius.authPort, secret: radius.secret };
  }, 60_000);

  afterAll(async () => {
    noc?.dispose();
    await radius?.stop();
  }, 60_000);

  for (const method of ['pap', 'chap', 'mschapv2'] as const) {
    it(`${method}: accepts the right password and rejects a wrong one`, async () => {
      const ok = await noc.dispatcher.call('radius.auth', { target: auth, user: radius.user, password: radius.password, method }, CTX);
      expect(ok.outcome).toBe('reply');
      expect(ok.code).toBe('Access-Accept');
      expect(ok.responseAuthenticator).toBe('valid');
      expect(attr(ok, 'Reply-Message')).toBe(radius.replyMessage);
      const bad = await noc.dispatcher.call('radius.auth', { target: auth, user: radius.user, password: `${radius.password}x`, method }, CTX);
      expect(bad.code).toBe('Access-Reject');
    });
  }

  it('MS-CHAPv2: the server proves it knows the password in MS-CHAP2-Success', async () => {
    const ok = await noc.dispatcher.call('radius.auth', { target: auth, user: radius.user, password: radius.password, method: 'mschapv2' }, CTX);
    expect(attr(ok, 'MS-CHAP2-Success')).toMatch(/^ident \d+: S=[0-9A-F]{40}/);
    expect(ok.warnings.join(' ')).not.toMatch(/MS-CHAP2-Success/);
    expect(ok.attributes.some((a) => a.name === 'MS-MPPE-Recv-Key' && a.vendor === 'Microsoft')).toBe(true);
  });

  it('decodes a vendor attribute in the reply by name', async () => {
    const ok = await noc.dispatcher.call('radius.auth', { target: auth, user: radius.user, password: radius.password }, CTX);
    const rate = ok.attributes.find((a) => a.name === 'Mikrotik-Rate-Limit');
    expect(rate).toMatchObject({ value: radius.rateLimit, vendor: 'Mikrotik', type: 'string' });
  });

  it('flags the missing Message-Authenticator, and strict mode refuses the reply', async () => {
    const lax = await noc.dispatcher.call('radius.auth', { target: auth, user: radius.user, password: radius.password }, CTX);
    expect(lax.messageAuthenticator).toBe('missing');
    expect(lax.warnings.join(' ')).toMatch(/BlastRADIUS/);
    const strict = await noc.dispatcher.call('radius.auth', { target: auth, user: radius.user, password: radius.password, strict: true }, CTX);
    expect(strict.outcome).toBe('refused');
    expect(strict.code).toBe('Access-Accept');
    expect(strict.hint).toMatch(/Strict mode refused/);
  });

  it('a wrong shared secret gets the "no reply after N tries" hint, not a bare timeout', async () => {
    const r = await noc.dispatcher.call(
      'radius.auth',
      { target: { ...auth, secret: `${radius.secret}-wrong` }, user: radius.user, password: radius.password, timeoutMs: 300, retries: 1 },
      CTX,
    );
    expect(r.outcome).toBe('no-reply');
    expect(r.tries).toBe(2);
    expect(r.hint).toMatch(/No reply after 2 tries/);
    expect(r.hint).toMatch(/shared secret/);
  });

  it('sends extra attributes typed by name and refuses a bad value with its row', async () => {
    const ok = await noc.dispatcher.call(
      'radius.auth',
      { target: auth, user: radius.user, password: radius.password, attributes: [{ name: 'NAS-Port', value: '17' }, { name: 'Calling-Station-Id', value: 'aa-bb-cc-dd-ee-ff' }] },
      CTX,
    );
    expect(ok.code).toBe('Access-Accept');
    expect(ok.request.attributes.find((a) => a.name === 'NAS-Port')?.value).toBe('0x00000011');
    const bad = await noc.dispatcher.invoke('radius.auth', { target: auth, user: radius.user, password: 'x', attributes: [{ name: 'Framed-IP-Address', value: '10.0.0.300' }] }, CTX);
    expect(bad.ok).toBe(false);
    if (!bad.ok) {
      expect(bad.error.code).toBe('VALIDATION');
      expect(bad.error.details).toEqual([{ path: 'attributes.0.value', message: expect.stringMatching(/IPv4/) }]);
    }
  });

  it('Status-Server is answered', async () => {
    const r = await noc.dispatcher.call('radius.status', { target: auth }, CTX);
    expect(r.outcome).toBe('reply');
    expect(r.code).toBe('Access-Accept');
    expect(r.request.attributes[0]?.name).toBeDefined();
  });

  it('accounting start, interim and stop are acknowledged and land in the detail file', async () => {
    const target = { host: radius.host, port: radius.acctPort, secret: radius.secret };
    const sessionId = `T${Date.now().toString(16)}`;
    for (const type of ['start', 'interim', 'stop'] as const) {
      const r = await noc.dispatcher.call(
        'radius.acct',
        { target, type, user: radius.user, sessionId, attributes: type === 'stop' ? [{ name: 'Acct-Terminate-Cause', value: 'User-Request' }] : [] },
        CTX,
      );
      expect(r.code).toBe('Accounting-Response');
    }
    const detail = await radius.readDetail();
    const records = detail.split(/\n\n+/).filter((rec) => rec.includes(sessionId));
    expect(records.map((rec) => /Acct-Status-Type = (\S+)/.exec(rec)?.[1])).toEqual(['Start', 'Interim-Update', 'Stop']);
    expect(records[2]).toMatch(/Acct-Terminate-Cause = User-Request/);
  });

  it('CoA and Disconnect: ACK for a known session, NAK when the NAS refuses', async () => {
    const target = { host: radius.host, port: radius.coaPort, secret: radius.secret };
    for (const kind of ['coa', 'disconnect'] as const) {
      const ack = await noc.dispatcher.call('radius.dynauth', { target, kind, attributes: [{ name: 'User-Name', value: radius.user }] }, CTX);
      expect(ack.code).toBe(kind === 'coa' ? 'CoA-ACK' : 'Disconnect-ACK');
      const nak = await noc.dispatcher.call('radius.dynauth', { target, kind, attributes: [{ name: 'User-Name', value: radius.nakUser }] }, CTX);
      expect(nak.code).toBe(kind === 'coa' ? 'CoA-NAK' : 'Disconnect-NAK');
    }
  });

  it('a saved profile keeps its secret in the vault and never returns it', async () => {
    const p = await noc.dispatcher.call(
      'radius.profiles.save',
      { name: 'lab', host: radius.host, authPort: radius.authPort, acctPort: radius.acctPort, coaPort: radius.coaPort, secret: radius.secret },
      CTX,
    );
    expect(p.hasSecret).toBe(true);
    expect(JSON.stringify(await noc.dispatcher.call('radius.profiles.list', {}, CTX))).not.toContain(radius.secret);
    const outbox = noc.workspace.sqlite.prepare("SELECT patch FROM outbox WHERE table_name = 'radius_profiles'").all() as { patch: string }[];
    expect(outbox.length).toBeGreaterThan(0);
    expect(outbox.map((o) => o.patch).join()).not.toContain(radius.secret);
    const r = await noc.dispatcher.call('radius.auth', { target: { profileId: p.id }, user: radius.user, password: radius.password }, CTX);
    expect(r.code).toBe('Access-Accept');
    const history = await noc.dispatcher.call('radius.history.list', { limit: 5 }, CTX);
    expect(history[0]).toMatchObject({ kind: 'auth', code: 'Access-Accept', user: radius.user });
  });

  it('simulates a session past 4 GiB with Gigawords, reuses the session id, and records it for billing', async () => {
    const sessionId = `SIM${Date.now().toString(16)}`;
    const steps: string[] = [];
    const off = noc.bus.subscribe((name, payload) => {
      if (name === 'radius.session.step') steps.push((payload as { step: string }).step);
    });
    try {
      const r = await noc.dispatcher.call(
        'radius.session.run',
        {
          target: auth,
          acctPort: radius.acctPort,
          user: radius.user,
          password: radius.password,
          interims: 2,
          intervalMs: 50,
          bytesPerInterval: 3_000_000_000,
          sessionId,
          record: true,
        },
        CTX,
      );
      expect(r.completed).toBe(true);
      expect(r.acctSessionId).toBe(sessionId);
      expect(r.steps.map((s) => s.step)).toEqual(['auth', 'start', 'interim', 'interim', 'stop']);
      expect(steps).toEqual(['auth', 'start', 'interim', 'interim', 'stop']);
      const row = noc.workspace.sqlite.prepare('SELECT output_octets AS o, input_octets AS i, source, stopped_at AS s FROM accounting_sessions WHERE id = ?').get(r.recordedSessionId) as {
        o: number;
        i: number;
        source: string;
        s: number | null;
      };
      expect(row).toMatchObject({ o: 6_000_000_000, i: 600_000_000, source: 'radius-sim' });
      expect(row.s).not.toBeNull();
    } finally {
      off();
    }
    const stop = (await radius.readDetail()).split(/\n\n+/).find((rec) => rec.includes(sessionId) && rec.includes('Acct-Status-Type = Stop'));
    // 6e9 octets = 1 × 2^32 + 1705032704
    expect(stop).toMatch(/Acct-Output-Gigawords = 1\b/);
    expect(stop).toMatch(/Acct-Output-Octets = 1705032704\b/);
  });

  it('a session can be stopped early and still sends its Stop', async () => {
    const sessionRunId = '0190a0a0-0000-7000-8000-000000000001';
    const run = noc.dispatcher.call(
      'radius.session.run',
      { target: auth, acctPort: radius.acctPort, user: radius.user, password: radius.password, interims: 100, intervalMs: 60_000, sessionRunId },
      CTX,
    );
    await new Promise((r) => setTimeout(r, 300));
    expect(await noc.dispatcher.call('radius.session.stop', { sessionRunId }, CTX)).toEqual({ stopping: true });
    const r = await run;
    expect(r.steps.map((s) => s.step)).toEqual(['auth', 'start', 'stop']);
    expect(r.completed).toBe(true);
  });

  it('load mode counts every request: replies, timeouts and retransmissions add up', async () => {
    const stats = await noc.dispatcher.call('radius.load', { target: auth, user: radius.user, password: radius.password, count: 2000, concurrency: 32 }, CTX);
    expect(stats.sent).toBe(2000);
    expect(stats.replies + stats.timeouts).toBe(2000);
    expect(stats.accepts).toBe(stats.replies);
    expect(stats.requestsPerSecond).toBeGreaterThan(0);
    expect(stats.latencyMs.p50).toBeLessThanOrEqual(stats.latencyMs.p99);
    const wrong = await noc.dispatcher.call('radius.load', { target: auth, user: radius.user, password: 'nope', count: 48, concurrency: 48 }, CTX);
    expect(wrong.rejects).toBe(wrong.replies);
    expect(wrong.replies).toBeGreaterThan(0);
  });

  it('load mode at 300 in flight reports drops as timeouts/retransmissions instead of hiding them', async () => {
    const stats = await noc.dispatcher.call(
      'radius.load',
      { target: auth, user: radius.user, password: radius.password, count: 3000, concurrency: 300, timeoutMs: 500, retries: 2 },
      CTX,
    );
    expect(stats.sent).toBe(3000);
    expect(stats.replies + stats.timeouts).toBe(3000);
    // whatever the server dropped was retransmitted and counted
    if (stats.replies < 3000) expect(stats.retransmissions).toBeGreaterThan(0);
  });
});
