// RadiusClient over real UDP sockets on loopback, against in-test servers that do on demand what
// FreeRADIUS will not: answer without or with a broken Message-Authenticator, with another secret,
// with the wrong code, only the second copy, or after a random delay for a thousand requests.
import { afterEach, describe, expect, it } from 'vitest';
import dgram from 'node:dgram';
import { loadDictionary } from '../../../electron/services/radius/dictionary';
import { CODE } from '../../../electron/services/radius/packet';
import { RadiusClient, type SendOptions } from '../../../electron/services/radius/radiusClient';
import { attr, buildReply, hmacMd5, udpPeer, viewRequest, vsa, type MaMode, type UdpPeer } from './wire';

const dict = loadDictionary();
const SECRET = 'unit-secret';
const PASSWORD = 'hunter2-correct';
const FAST: SendOptions = { timeoutMs: 2000, retries: 0, strict: false };

let client: RadiusClient;
let peer: UdpPeer | undefined;
afterEach(async () => {
  client?.close();
  await peer?.close();
  peer = undefined;
});

/** A server answering every request with `code`, a Reply-Message, a Mikrotik VSA and the chosen MA. */
async function answering(code: number, ma: MaMode, opts: { secret?: string } = {}): Promise<UdpPeer> {
  return udpPeer((msg, send) => {
    const req = viewRequest(msg);
    send(
      buildReply({
        code,
        identifier: req.identifier,
        requestAuthenticator: req.authenticator,
        secret: SECRET,
        signWith: opts.secret,
        attributes: [attr(18, 'Welcome'), vsa(14988, [[8, '10M/20M']])],
        ma,
      }),
    );
  });
}

function auth(c: RadiusClient, port: number, opts: SendOptions = FAST) {
  return c.send({ host: '127.0.0.1', port, secret: SECRET }, CODE.accessRequest, c.authAttributes('alice', PASSWORD, 'pap').attrs, opts);
}

describe('RadiusClient against a server that answers', () => {
  it('accepts a signed Access-Accept with a valid Message-Authenticator and decodes it by name', async () => {
    client = new RadiusClient(dict);
    peer = await answering(2, 'valid');
    const r = await auth(client, peer.port);
    expect(r).toMatchObject({ outcome: 'reply', code: 'Access-Accept', messageAuthenticator: 'valid', responseAuthenticator: 'valid', tries: 1, hint: null });
    expect(r.attributes.map((x) => [x.name, x.value])).toEqual([
      ['Reply-Message', 'Welcome'],
      ['Mikrotik-Rate-Limit', '10M/20M'],
      ['Message-Authenticator', expect.stringMatching(/^0x[0-9a-f]{32}$/)],
    ]);
    expect(r.warnings).toEqual([]);
    expect(r.rttMs).toBeGreaterThanOrEqual(0);
    // what the server got is an Access-Request whose own Message-Authenticator checks out
    const req = viewRequest(peer.received[0] ?? Buffer.alloc(20));
    expect(req.code).toBe(1);
    expect(r.request.identifier).toBe(req.identifier);
    const ma = req.attributes[0];
    expect(ma?.type).toBe(80);
    const zeroed = Buffer.from(req.raw);
    zeroed.fill(0, 22, 38);
    expect(ma?.value.equals(hmacMd5(SECRET, zeroed))).toBe(true);
    // the password never shows in what the client reports, though User-Password was sent
    expect(r.request.attributes.map((x) => x.name)).toContain('User-Password');
    expect(JSON.stringify(r)).not.toContain(PASSWORD);
  });

  it('accepts a reply without Message-Authenticator but flags it as BlastRADIUS-prone', async () => {
    client = new RadiusClient(dict);
    peer = await answering(3, 'none');
    const r = await auth(client, peer.port);
    expect(r).toMatchObject({ outcome: 'reply', code: 'Access-Reject', messageAuthenticator: 'missing', responseAuthenticator: 'valid' });
    expect(r.warnings[0]).toMatch(/CVE-2024-3596/);
  });

  it('in strict mode refuses the reply without Message-Authenticator, and accepts one with it', async () => {
    client = new RadiusClient(dict);
    peer = await answering(2, 'none');
    const refused = await auth(client, peer.port, { ...FAST, strict: true });
    expect(refused).toMatchObject({ outcome: 'refused', code: 'Access-Accept', messageAuthenticator: 'missing' });
    expect(refused.hint).toMatch(/Strict mode refused/);
    await peer.close();
    peer = await answering(2, 'valid');
    const accepted = await auth(client, peer.port, { ...FAST, strict: true });
    expect(accepted).toMatchObject({ outcome: 'reply', code: 'Access-Accept', messageAuthenticator: 'valid', hint: null });
  });

  it.each<MaMode>(['wrong', 'two', 'short'])('refuses a reply with a valid Response Authenticator but a %s Message-Authenticator', async (mode) => {
    client = new RadiusClient(dict);
    peer = await answering(2, mode);
    const r = await auth(client, peer.port, { ...FAST, timeoutMs: 800 });
    expect(r).toMatchObject({ outcome: 'refused', code: null, attributes: [], messageAuthenticator: 'invalid' });
    expect(r.warnings.join(' ')).toMatch(/invalid Message-Authenticator/);
    expect(r.hint).toMatch(/discarded/);
  });

  it('refuses a reply signed with another shared secret and says to check the secret', async () => {
    client = new RadiusClient(dict);
    peer = await answering(2, 'valid', { secret: 'not-the-same' });
    const r = await auth(client, peer.port, { ...FAST, timeoutMs: 800 });
    expect(r).toMatchObject({ outcome: 'refused', code: null, responseAuthenticator: 'invalid' });
    expect(r.hint).toMatch(/shared secret/);
  });

  it('refuses a correctly signed reply whose code does not answer the request', async () => {
    client = new RadiusClient(dict);
    peer = await answering(5, 'valid');
    const r = await auth(client, peer.port, { ...FAST, timeoutMs: 800 });
    expect(r.outcome).toBe('refused');
    expect(r.warnings.join(' ')).toMatch(/Accounting-Response does not answer/);
  });

  it('still accepts the good reply after garbage for the same identifier, and reports the garbage', async () => {
    client = new RadiusClient(dict);
    peer = await udpPeer((msg, send) => {
      const req = viewRequest(msg);
      const good = buildReply({ code: 2, identifier: req.identifier, requestAuthenticator: req.authenticator, secret: SECRET, ma: 'valid' });
      send(good.subarray(0, 10)); // cut short
      const forged = Buffer.from(good);
      forged[0] = 3; // turned into a reject without the secret: authenticator no longer matches
      send(forged);
      send(good);
    });
    const r = await auth(client, peer.port);
    expect(r).toMatchObject({ outcome: 'reply', code: 'Access-Accept', messageAuthenticator: 'valid' });
    expect(r.warnings).toHaveLength(2);
    expect(r.warnings[0]).toMatch(/malformed reply/);
    expect(r.warnings[1]).toMatch(/Access-Reject with a wrong Response Authenticator/);
  });

  it('takes an Accounting-Response without Message-Authenticator as a plain reply', async () => {
    client = new RadiusClient(dict);
    peer = await answering(5, 'none');
    const r = await client.send({ host: '127.0.0.1', port: peer.port, secret: SECRET }, CODE.accountingRequest, [client.uint('Acct-Status-Type', 1), client.text('Acct-Session-Id', 'S1')], FAST);
    expect(r).toMatchObject({ outcome: 'reply', code: 'Accounting-Response', responseAuthenticator: 'valid' });
    expect(r.warnings).toEqual([]);
    expect(viewRequest(peer.received[0] ?? Buffer.alloc(20)).attributes.some((a) => a.type === 80)).toBe(false);
  });
});

describe('RadiusClient when nothing usable comes back', () => {
  it('retransmits the very same octets and counts the tries, until the second copy is answered', async () => {
    client = new RadiusClient(dict);
    let copies = 0;
    peer = await udpPeer((msg, send) => {
      if (++copies === 1) return; // the first copy is "lost"
      const req = viewRequest(msg);
      send(buildReply({ code: 2, identifier: req.identifier, requestAuthenticator: req.authenticator, secret: SECRET, ma: 'valid' }));
    });
    const r = await auth(client, peer.port, { timeoutMs: 500, retries: 2, strict: false });
    expect(r.outcome).toBe('reply');
    expect(r.tries).toBe(2);
    expect(peer.received).toHaveLength(2);
    expect(peer.received[0]?.equals(peer.received[1] ?? Buffer.alloc(0))).toBe(true);
    // the round trip is the answered copy's, not since the first send
    expect(r.rttMs).toBeLessThan(500);
  });

  it('reports a silent server as "no reply after N tries" with the shared-secret hint', async () => {
    client = new RadiusClient(dict);
    peer = await udpPeer(() => undefined);
    const r = await auth(client, peer.port, { timeoutMs: 60, retries: 2, strict: false });
    expect(r).toMatchObject({ outcome: 'no-reply', code: null, tries: 3 });
    expect(r.hint).toMatch(/^No reply after 3 tries \(60 ms each\)/);
    expect(r.hint).toMatch(/shared secret/);
    expect(peer.received).toHaveLength(3);
    expect(new Set(peer.received.map((b) => b.toString('hex'))).size).toBe(1);
  });

  it('says nothing listens when the port is closed (ICMP port unreachable)', async () => {
    client = new RadiusClient(dict);
    const probe = dgram.createSocket('udp4');
    await new Promise<void>((resolve) => probe.bind(0, '127.0.0.1', resolve));
    const closedPort = probe.address().port;
    await new Promise<void>((resolve) => probe.close(() => resolve()));
    const r = await auth(client, closedPort, { timeoutMs: 1000, retries: 2, strict: false });
    expect(r.outcome).toBe('no-reply');
    expect(r.hint).toMatch(/port unreachable/);
  });
});

describe('identifier allocation', () => {
  it('gives 1000 concurrent requests their own replies, never two in flight with one identifier', async () => {
    client = new RadiusClient(dict);
    // identifier → Request Authenticator of the request holding it; a retransmission (a reply lost
    // in a full socket buffer) repeats both, a collision would bring a new authenticator
    const inFlight = new Map<number, string>();
    let collisions = 0;
    let mostInFlight = 0;
    const users = new Set<string>();
    // Replies wait until the client has all 256 identifiers out (or half a second has passed), so
    // the next request can only go out on an identifier that has been answered; then each reply
    // comes after a random 0–20 ms, out of order.
    const held: (() => void)[] = [];
    let gateOpen = false;
    let gateTimer: NodeJS.Timeout | undefined;
    const later = (fn: () => void): void => {
      if (gateOpen) setTimeout(fn, Math.random() * 20);
      else held.push(fn);
    };
    const openGate = (): void => {
      if (gateOpen) return;
      gateOpen = true;
      clearTimeout(gateTimer);
      for (const fn of held.splice(0)) setTimeout(fn, Math.random() * 20);
    };
    peer = await udpPeer((msg, send) => {
      const req = viewRequest(msg);
      const auth = req.authenticator.toString('hex');
      const holder = inFlight.get(req.identifier);
      if (holder !== undefined && holder !== auth) collisions++;
      inFlight.set(req.identifier, auth);
      mostInFlight = Math.max(mostInFlight, inFlight.size);
      const user = req.attributes.find((a) => a.type === 1)?.value.toString() ?? '?';
      users.add(user);
      later(() => {
        if (inFlight.get(req.identifier) === auth) inFlight.delete(req.identifier);
        send(buildReply({ code: 2, identifier: req.identifier, requestAuthenticator: req.authenticator, secret: SECRET, ma: 'valid', attributes: [attr(18, `hello ${user}`)] }));
      });
      if (inFlight.size >= 256) openGate();
      else gateTimer ??= setTimeout(openGate, 500);
    });
    const target = { host: '127.0.0.1', port: peer.port, secret: SECRET };
    const results = await Promise.all(
      Array.from({ length: 1000 }, (_, i) =>
        client.send(target, CODE.accessRequest, [client.text('User-Name', `user-${i}`)], { timeoutMs: 1000, retries: 3, strict: true }),
      ),
    );
    expect(collisions).toBe(0);
    expect(users.size).toBe(1000);
    // the whole identifier space was in use at once
    expect(mostInFlight).toBe(256);
    results.forEach((r, i) => {
      expect(r.outcome, `request ${i}`).toBe('reply');
      expect(r.attributes.find((a) => a.name === 'Reply-Message')?.value, `request ${i}`).toBe(`hello user-${i}`);
    });
  });
});
