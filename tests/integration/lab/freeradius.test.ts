// The lab FreeRADIUS authenticates its own test user, rejects a wrong
// password, and its coa virtual server answers a Disconnect-Request.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { run, startFreeradius, type FreeradiusPeer } from '../../lab/index';

describe('lab freeradius on loopback', () => {
  let radius: FreeradiusPeer;

  beforeAll(async () => {
    radius = await startFreeradius();
  }, 60_000);

  afterAll(async () => {
    await radius?.stop();
  }, 60_000);

  const radtest = (password: string, secret = radius.secret) =>
    run('radtest', [radius.user, password, `${radius.host}:${radius.authPort}`, '0', secret], { timeoutMs: 30_000 });

  it('accepts the configured user and password with radtest', async () => {
    const r = await radtest(radius.password);
    expect(r.stdout).toMatch(/Received Access-Accept/);
    // The Reply-Message comes from this lab's users file, not from some other server.
    expect(r.stdout).toContain(radius.replyMessage);
  });

  it('rejects a wrong password', async () => {
    const r = await radtest(`${radius.password}-wrong`);
    expect(r.stdout).toMatch(/Received Access-Reject/);
    expect(r.stdout).not.toMatch(/Access-Accept/);
  });

  it('does not answer a client using the wrong shared secret', async () => {
    const r = await run('radclient', ['-r', '1', '-t', '1', `${radius.host}:${radius.authPort}`, 'auth', `${radius.secret}x`], {
      input: `User-Name = "${radius.user}", User-Password = "${radius.password}"\n`,
    });
    expect(r.stdout).not.toMatch(/Access-Accept/);
  });

  it('answers a Disconnect-Request on the coa port', async () => {
    const r = await run('radclient', ['-r', '2', '-t', '3', `${radius.host}:${radius.coaPort}`, 'disconnect', radius.secret], {
      input: `User-Name = "${radius.user}"\n`,
    });
    expect(r.stdout).toMatch(/Received Disconnect-(ACK|NAK)/);
  });
});
