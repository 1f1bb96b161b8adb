// The lab FreeRADIUS, checked with the stock client tools only (radtest,
// radclient, openssl): PAP, CHAP, MS-CHAP and MS-CHAPv2 accept the test user
// and reject a wrong password, the Access-Accept carries a vendor attribute,
// the coa virtual server ACKs and NAKs, accounting lands in the detail file,
// and the optional require_message_authenticator / load settings take effect.
import { execFileSync } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Lab, run, startFreeradius, type FreeradiusPeer } from '../../lab/index';

// --- MS-CHAPv2 (RFC 2759) from stock tools ---------------------------------
// radclient/radtest only know MS-CHAP v1 (MS-CHAP-Password), so the test builds
// MS-CHAP2-Response itself. Node 20's OpenSSL 3 refuses MD4 and DES, so both come
// from the openssl command with its legacy provider.
const OPENSSL_LEGACY = ['-provider', 'legacy', '-provider', 'default'];

function opensslBytes(args: readonly string[], input: Buffer): Buffer {
  return execFileSync('openssl', [...args, ...OPENSSL_LEGACY], { input, timeout: 10_000 });
}

/** Spreads 56 key bits over 8 bytes (7 bits each, low parity bit left 0), as DES wants. */
function desKeyFrom7(key7: Buffer): string {
  const bits = BigInt(`0x${key7.toString('hex')}`);
  const key = Buffer.alloc(8);
  for (let i = 0; i < 8; i++) key[i] = Number((bits >> BigInt(49 - 7 * i)) & 0x7fn) << 1;
  return key.toString('hex');
}

/** radclient input lines for an MS-CHAPv2 Access-Request (challenge, response, user). */
function mschapv2Request(user: string, password: string): string {
  const authenticatorChallenge = randomBytes(16);
  const peerChallenge = randomBytes(16);
  const challenge = createHash('sha1')
    .update(Buffer.concat([peerChallenge, authenticatorChallenge, Buffer.from(user, 'utf8')]))
    .digest()
    .subarray(0, 8);
  const ntHash = opensslBytes(['dgst', '-md4', '-binary'], Buffer.from(password, 'utf16le'));
  const padded = Buffer.concat([ntHash, Buffer.alloc(5)]);
  const ntResponse = Buffer.concat(
    [0, 7, 14].map((at) => opensslBytes(['enc', '-des-ecb', '-nopad', '-K', desKeyFrom7(padded.subarray(at, at + 7))], challenge)),
  );
  // Ident, Flags, Peer-Challenge, 8 reserved zero bytes, NT-Response: 50 bytes.
  const response = Buffer.concat([Buffer.from([1, 0]), peerChallenge, Buffer.alloc(8), ntResponse]);
  return (
    `User-Name = "${user}", MS-CHAP-Challenge = 0x${authenticatorChallenge.toString('hex')}, ` +
    `MS-CHAP2-Response = 0x${response.toString('hex')}, Message-Authenticator = 0x00\n`
  );
}

describe('lab freeradius on loopback', () => {
  let lab: Lab;
  let radius: FreeradiusPeer;

  beforeAll(async () => {
    lab = new Lab();
    radius = await startFreeradius({ lab });
  }, 60_000);

  afterAll(async () => {
    await lab?.stop();
  }, 60_000);

  const radtest = (password: string, method: 'pap' | 'chap' | 'mschap' = 'pap', secret = radius.secret) =>
    run('radtest', ['-t', method, radius.user, password, `${radius.host}:${radius.authPort}`, '0', secret], { timeoutMs: 30_000 });

  const radclient = (port: number, command: string, input: string, secret = radius.secret, tries = 2) =>
    run('radclient', ['-x', '-r', String(tries), '-t', '2', `${radius.host}:${port}`, command, secret], { input, timeoutMs: 30_000 });

  it('accepts the configured user and password with radtest (PAP), with the vendor attribute', async () => {
    const r = await radtest(radius.password);
    expect(r.stdout).toMatch(/Received Access-Accept/);
    // Both come from this lab's users file, not from some other server.
    expect(r.stdout).toContain(`Reply-Message = "${radius.replyMessage}"`);
    expect(r.stdout).toContain(`Mikrotik-Rate-Limit = "${radius.rateLimit}"`);
  });

  it('rejects a wrong password (PAP)', async () => {
    const r = await radtest(`${radius.password}-wrong`);
    expect(r.stdout).toMatch(/Received Access-Reject/);
    expect(r.stdout).not.toMatch(/Access-Accept/);
    // The vendor attribute is only in the Accept (attr_filter.access_reject drops it).
    expect(r.stdout).not.toContain('Mikrotik-Rate-Limit');
  });

  it.each(['chap', 'mschap'] as const)('accepts the good and rejects a bad password with radtest -t %s', async (method) => {
    const good = await radtest(radius.password, method);
    expect(good.stdout).toMatch(/Received Access-Accept/);
    expect(good.stdout).toContain(radius.rateLimit);
    const bad = await radtest(`${radius.password}x`, method);
    expect(bad.stdout).toMatch(/Received Access-Reject/);
    expect(bad.stdout).not.toMatch(/Access-Accept/);
  });

  it('accepts the good and rejects a bad password with MS-CHAPv2 (MS-CHAP2-Response)', async () => {
    const good = await radclient(radius.authPort, 'auth', mschapv2Request(radius.user, radius.password));
    expect(good.stdout).toMatch(/Received Access-Accept/);
    expect(good.stdout).toMatch(/MS-CHAP2-Success = 0x01/);
    expect(good.stdout).toContain(radius.rateLimit);
    const bad = await radclient(radius.authPort, 'auth', mschapv2Request(radius.user, `${radius.password}x`));
    expect(bad.stdout).toMatch(/Received Access-Reject/);
    // 691 = authentication failure, in the MS-CHAP-Error the client shows to its user.
    expect(bad.stdout).toMatch(/MS-CHAP-Error = ".*E=691/);
  });

  it('drops a request signed with the wrong shared secret (Message-Authenticator)', async () => {
    const input = `User-Name = "${radius.user}", User-Password = "${radius.password}", Message-Authenticator = 0x00\n`;
    const r = await radclient(radius.authPort, 'auth', input, `${radius.secret}x`, 1);
    expect(r.stdout).not.toMatch(/Received/);
    // radclient -x prints this on stdout.
    expect(r.stdout).toMatch(/No reply from server/);
  });

  it('answers a wrong-secret request without Message-Authenticator, with a reply the client cannot verify', async () => {
    // Nothing in the request proves the secret: FreeRADIUS decrypts User-Password to garbage and
    // rejects; the Response Authenticator is computed with the server's secret, so it fails at the client.
    const input = `User-Name = "${radius.user}", User-Password = "${radius.password}"\n`;
    const r = await radclient(radius.authPort, 'auth', input, `${radius.secret}x`, 1);
    expect(r.stdout).not.toMatch(/Received Access-Accept/);
    expect(`${r.stdout}${r.stderr}`).toMatch(/invalid Response Authenticator/);
  });

  it.each([
    ['disconnect', 'Disconnect'],
    ['coa', 'CoA'],
  ] as const)('the coa server answers %s with ACK for the test user and NAK for nakUser', async (command, prefix) => {
    const ack = await radclient(radius.coaPort, command, `User-Name = "${radius.user}"\n`);
    expect(ack.stdout).toMatch(new RegExp(`Received ${prefix}-ACK`));
    const nak = await radclient(radius.coaPort, command, `User-Name = "${radius.nakUser}"\n`);
    expect(nak.stdout).toMatch(new RegExp(`Received ${prefix}-NAK`));
  });

  it('writes accounting Start / Interim-Update / Stop to the detail file', async () => {
    const sessionId = `lab-${randomBytes(4).toString('hex')}`;
    const base = `User-Name = "${radius.user}", Acct-Session-Id = "${sessionId}", NAS-IP-Address = 127.0.0.1, NAS-Port = 7`;
    for (const [status, extra] of [
      ['Start', ''],
      ['Interim-Update', ', Acct-Session-Time = 60, Acct-Input-Octets = 1000, Acct-Input-Gigawords = 2'],
      ['Stop', ', Acct-Session-Time = 120, Acct-Input-Octets = 2000, Acct-Input-Gigawords = 2, Acct-Terminate-Cause = User-Request'],
    ] as const) {
      const r = await radclient(radius.acctPort, 'acct', `${base}, Acct-Status-Type = ${status}${extra}\n`);
      expect(r.stdout).toMatch(/Received Accounting-Response/);
    }
    const detail = await radius.readDetail();
    // One record per request; each is a header line (the time) then indented attributes.
    const records = detail.split(/\n(?=\S)/).filter((record) => record.includes(`Acct-Session-Id = "${sessionId}"`));
    expect(records.map((record) => /Acct-Status-Type = (\S+)/.exec(record)?.[1])).toEqual(['Start', 'Interim-Update', 'Stop']);
    expect(records[2]).toContain('Acct-Input-Gigawords = 2');
    expect(records[2]).toContain('Acct-Terminate-Cause = User-Request');
  });
});

describe('lab freeradius with require_message_authenticator', () => {
  let lab: Lab;
  let radius: FreeradiusPeer;

  beforeAll(async () => {
    lab = new Lab();
    radius = await startFreeradius({ lab, requireMessageAuthenticator: true });
  }, 60_000);

  afterAll(async () => {
    await lab?.stop();
  }, 60_000);

  const auth = (input: string) =>
    run('radclient', ['-x', '-r', '1', '-t', '2', `${radius.host}:${radius.authPort}`, 'auth', radius.secret], { input, timeoutMs: 30_000 });

  it('silently drops an Access-Request without Message-Authenticator', async () => {
    expect(radius.requireMessageAuthenticator).toBe(true);
    const r = await auth(`User-Name = "${radius.user}", User-Password = "${radius.password}"\n`);
    expect(r.stdout).not.toMatch(/Received/);
    expect(r.stdout).toMatch(/No reply from server/);
  });

  it('answers the same request once it carries a Message-Authenticator', async () => {
    const r = await auth(`User-Name = "${radius.user}", User-Password = "${radius.password}", Message-Authenticator = 0x00\n`);
    expect(r.stdout).toMatch(/Received Access-Accept/);
    expect(r.stdout).toContain(radius.rateLimit);
    // FreeRADIUS 3.2.1 does not sign its replies, even here.
    expect(r.stdout.split('Received')[1]).not.toMatch(/Message-Authenticator/);
  });
});

describe('lab freeradius tuned for load', () => {
  let lab: Lab;
  let radius: FreeradiusPeer;

  beforeAll(async () => {
    lab = new Lab();
    radius = await startFreeradius({ lab, loadTuned: true });
  }, 60_000);

  afterAll(async () => {
    await lab?.stop();
  }, 60_000);

  it('runs with the raised limits and a large receive buffer on the auth socket', async () => {
    const conf = readFileSync(join(radius.configDir, 'radiusd.conf'), 'utf8');
    expect(conf).toMatch(/^max_requests = 65536$/m);
    expect(conf).toMatch(/^\s*max_servers = 64$/m);
    expect(conf).toMatch(/^\s*reject_delay = 0$/m);
    // ss shows the kernel's doubled SO_RCVBUF (rb...): far above the 208 KiB default.
    const ss = await run('ss', ['-uanm', 'sport', '=', `:${radius.authPort}`]);
    const rb = Number(/rb(\d+)/.exec(ss.stdout)?.[1]);
    expect(rb).toBeGreaterThanOrEqual(4 * 1024 * 1024);
  });

  it('answers 5000 requests sent 1000 at a time without a single kernel drop', async () => {
    const request = `User-Name = "${radius.user}", User-Password = "${radius.password}", Message-Authenticator = 0x00\n\n`;
    const r = await run(
      'radclient',
      ['-q', '-s', '-p', '1000', '-r', '3', '-t', '2', `${radius.host}:${radius.authPort}`, 'auth', radius.secret],
      { input: request.repeat(5000), timeoutMs: 120_000 },
    );
    expect(`${r.stdout}${r.stderr}`).toMatch(/Accepted\s*:\s*5000\b/);
    // The socket's drop counter (d...): with the stock buffer this run drops hundreds here.
    const ss = await run('ss', ['-uanm', 'sport', '=', `:${radius.authPort}`]);
    expect(ss.stdout).toMatch(/skmem:\(.*\bd0\)/);
  });
});
