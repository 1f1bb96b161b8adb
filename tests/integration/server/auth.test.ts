// Login, MFA (enrolment, TOTP, recovery codes), refresh-token rotation and logout against a real
// PostgreSQL database.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mfaEnrolResponseSchema, sessionUserSchema, tokenResponseSchema } from '../../../shared/sync/protocol';
import type { TenantView } from '../../../server/src/admin/users';
import { currentTotp } from '../../../server/src/auth/mfa';
import { AuthHarness } from './authHarness';

let h: AuthHarness;
let acme: TenantView;
let mfaUser: { secret: string; recoveryCodes: string[] };

beforeAll(async () => {
  h = await AuthHarness.start();
  acme = await h.tenant('acme');
  await h.user(acme, 'alice', 'admin');
  await h.user(acme, 'enroller', 'technician');
  const bob = await h.user(acme, 'bob', 'technician', { totp: true });
  if (!bob.totp) throw new Error('no totp');
  mfaUser = bob.totp;
});
afterAll(async () => {
  await h?.close();
});

describe('login', () => {
  it('returns an access token, a refresh token and the session user', async () => {
    const res = await h.login({ tenant: 'acme', username: 'alice' });
    expect(res.status).toBe(200);
    const tokens = tokenResponseSchema.parse(res.body);
    expect(tokens.user).toMatchObject({ tenantSlug: 'acme', username: 'alice', role: 'admin', mfa: false });
    expect(tokens.expiresIn).toBe(900);
    const [header] = tokens.accessToken.split('.');
    expect(JSON.parse(Buffer.from(header ?? '', 'base64url').toString())).toMatchObject({ alg: 'RS256', kid: expect.any(String) });

    const me = await h.request('GET', '/v1/me', { token: tokens.accessToken });
    expect(me.status).toBe(200);
    expect(sessionUserSchema.parse(me.body)).toEqual(tokens.user);
  });

  it('answers a wrong password, an unknown user and an unknown tenant alike: 401 AUTH_FAILED', async () => {
    const wrong = await h.login({ tenant: 'acme', username: 'alice', password: 'not the password' });
    const nobody = await h.login({ tenant: 'acme', username: 'nobody', password: 'not the password' });
    const noTenant = await h.login({ tenant: 'nope', username: 'alice', password: 'not the password' });
    for (const res of [wrong, nobody, noTenant]) {
      expect(res.status).toBe(401);
      expect(res.body).toEqual(wrong.body);
    }
    expect(wrong.body.code).toBe('AUTH_FAILED');
    // a success resets the failure count (lockout is in security.test.ts)
    expect((await h.login({ tenant: 'acme', username: 'alice' })).status).toBe(200);
  });

  it('refuses a malformed body with 400 VALIDATION', async () => {
    const res = await h.request('POST', '/v1/auth/login', { body: { tenant: 'acme' } });
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('VALIDATION');
  });
});

describe('MFA', () => {
  it('needs a code: MFA_REQUIRED without, MFA_FAILED when wrong, a session when right', async () => {
    const none = await h.login({ tenant: 'acme', username: 'bob' });
    expect(none).toMatchObject({ status: 401, body: { code: 'MFA_REQUIRED' } });

    const right = currentTotp(mfaUser.secret, h.time);
    const wrongCode = String((Number(right) + 500_000) % 1_000_000).padStart(6, '0');
    const wrong = await h.login({ tenant: 'acme', username: 'bob', otp: wrongCode });
    expect(wrong).toMatchObject({ status: 401, body: { code: 'MFA_FAILED' } });
    // a wrong password with a right code is still just AUTH_FAILED
    const badPw = await h.login({ tenant: 'acme', username: 'bob', password: 'wrong password', otp: right });
    expect(badPw).toMatchObject({ status: 401, body: { code: 'AUTH_FAILED' } });

    const ok = await h.session({ tenant: 'acme', username: 'bob', otp: right });
    expect(ok.user.mfa).toBe(true);
    // a code is good once: the same code again (seen over a shoulder, say) is refused
    const replay = await h.login({ tenant: 'acme', username: 'bob', otp: right });
    expect(replay).toMatchObject({ status: 401, body: { code: 'MFA_FAILED' } });
  });

  it('accepts a code from the previous or next 30 s step, not from two steps away, nor an older step than the last one used', async () => {
    h.advance(300_000); // steps nobody used yet
    expect((await h.login({ tenant: 'acme', username: 'bob', otp: currentTotp(mfaUser.secret, h.time - 30_000) })).status).toBe(200);
    expect((await h.login({ tenant: 'acme', username: 'bob', otp: currentTotp(mfaUser.secret, h.time + 30_000) })).status).toBe(200);
    const stale = await h.login({ tenant: 'acme', username: 'bob', otp: currentTotp(mfaUser.secret, h.time - 90_000) });
    expect(stale.body.code).toBe('MFA_FAILED');
    // the current step is valid by the clock but older than the step just spent
    const older = await h.login({ tenant: 'acme', username: 'bob', otp: currentTotp(mfaUser.secret, h.time) });
    expect(older.body.code).toBe('MFA_FAILED');
    h.advance(120_000);
    await h.session({ tenant: 'acme', username: 'bob', otp: currentTotp(mfaUser.secret, h.time) }); // reset failures
  });

  it('takes a recovery code instead of a TOTP code, once', async () => {
    const code = mfaUser.recoveryCodes[0] ?? '';
    const first = await h.login({ tenant: 'acme', username: 'bob', otp: code.toUpperCase() });
    expect(first.status).toBe(200);
    const again = await h.login({ tenant: 'acme', username: 'bob', otp: code });
    expect(again).toMatchObject({ status: 401, body: { code: 'MFA_FAILED' } });
    // the other nine still work
    expect((await h.login({ tenant: 'acme', username: 'bob', otp: mfaUser.recoveryCodes[1] ?? '' })).status).toBe(200);
  });

  it('enrols over HTTP: otpauth URI + QR, a verified code enables MFA and yields 10 recovery codes', async () => {
    const s = await h.session({ tenant: 'acme', username: 'enroller' });
    const enrol = await h.request('POST', '/v1/auth/mfa/enrol', { token: s.accessToken });
    expect(enrol.status).toBe(200);
    const e = mfaEnrolResponseSchema.parse(enrol.body);
    expect(e.otpauthUri).toMatch(/^otpauth:\/\/totp\/.*enroller.*secret=/);
    expect(e.qrSvg).toContain('<svg');

    const bad = await h.request('POST', '/v1/auth/mfa/verify', { token: s.accessToken, body: { otp: '000000' } });
    expect(bad).toMatchObject({ status: 400, body: { code: 'MFA_FAILED' } });
    const ok = await h.request('POST', '/v1/auth/mfa/verify', { token: s.accessToken, body: { otp: currentTotp(e.secret, h.time) } });
    expect(ok.status).toBe(200);
    expect(ok.body.recoveryCodes).toHaveLength(10);

    // now the second factor is required, and re-enrolment (swapping the secret) is refused
    expect((await h.login({ tenant: 'acme', username: 'enroller' })).body.code).toBe('MFA_REQUIRED');
    expect((await h.request('POST', '/v1/auth/mfa/enrol', { token: s.accessToken })).body.code).toBe('MFA_ALREADY_ENABLED');
    const me = await h.request('GET', '/v1/me', { token: s.accessToken });
    expect(me.body.mfa).toBe(true);
  });
});

describe('refresh tokens', () => {
  it('rotate: each refresh answers a new pair; the used one is dead', async () => {
    const s1 = await h.session({ tenant: 'acme', username: 'alice' });
    const r1 = await h.request('POST', '/v1/auth/refresh', { body: { refreshToken: s1.refreshToken } });
    expect(r1.status).toBe(200);
    const s2 = tokenResponseSchema.parse(r1.body);
    expect(s2.refreshToken).not.toBe(s1.refreshToken);
    expect((await h.request('GET', '/v1/me', { token: s2.accessToken })).status).toBe(200);
    const r2 = await h.request('POST', '/v1/auth/refresh', { body: { refreshToken: s2.refreshToken } });
    expect(r2.status).toBe(200);
  });

  it('reuse of an old token: 401 TOKEN_REUSED and the whole family is revoked', async () => {
    const s1 = await h.session({ tenant: 'acme', username: 'alice' });
    const s2 = tokenResponseSchema.parse((await h.request('POST', '/v1/auth/refresh', { body: { refreshToken: s1.refreshToken } })).body);
    const reuse = await h.request('POST', '/v1/auth/refresh', { body: { refreshToken: s1.refreshToken } });
    expect(reuse).toMatchObject({ status: 401, body: { code: 'TOKEN_REUSED' } });
    // the newest token of that family (the legitimate holder's, or the thief's) is dead too
    const next = await h.request('POST', '/v1/auth/refresh', { body: { refreshToken: s2.refreshToken } });
    expect(next.status).toBe(401);
    expect(next.body.code).toBe('TOKEN_INVALID');
    // another login's family is untouched
    const other = await h.session({ tenant: 'acme', username: 'alice' });
    expect((await h.request('POST', '/v1/auth/refresh', { body: { refreshToken: other.refreshToken } })).status).toBe(200);
  });

  it('two concurrent refreshes with one token: exactly one wins', async () => {
    const s = await h.session({ tenant: 'acme', username: 'alice' });
    const answers = await Promise.all([1, 2].map(() => h.request('POST', '/v1/auth/refresh', { body: { refreshToken: s.refreshToken } })));
    expect(answers.map((a) => a.status).sort()).toEqual([200, 401]);
  });

  it('an unknown token is TOKEN_INVALID; an expired one TOKEN_EXPIRED', async () => {
    const bogus = await h.request('POST', '/v1/auth/refresh', { body: { refreshToken: 'x'.repeat(43) } });
    expect(bogus).toMatchObject({ status: 401, body: { code: 'TOKEN_INVALID' } });
    const s = await h.session({ tenant: 'acme', username: 'alice' });
    h.advance(31 * 24 * 3600 * 1000);
    try {
      const expired = await h.request('POST', '/v1/auth/refresh', { body: { refreshToken: s.refreshToken } });
      expect(expired).toMatchObject({ status: 401, body: { code: 'TOKEN_EXPIRED' } });
    } finally {
      h.advance(-31 * 24 * 3600 * 1000);
    }
  });

  it('logout revokes the family (204, and 204 for an unknown token too)', async () => {
    const s = await h.session({ tenant: 'acme', username: 'alice' });
    expect((await h.request('POST', '/v1/auth/logout', { body: { refreshToken: s.refreshToken } })).status).toBe(204);
    expect((await h.request('POST', '/v1/auth/logout', { body: { refreshToken: 'y'.repeat(43) } })).status).toBe(204);
    const after = await h.request('POST', '/v1/auth/refresh', { body: { refreshToken: s.refreshToken } });
    expect(after).toMatchObject({ status: 401, body: { code: 'TOKEN_INVALID' } });
  });

  it('a refresh carries the role from the database (a granted role applies without a new login)', async () => {
    const u = await h.user(acme, 'carol', 'viewer');
    const c = await h.session({ tenant: 'acme', username: 'carol' });
    const admin = await h.session({ tenant: 'acme', username: 'alice' });
    const grant = await h.request('POST', `/v1/admin/users/${u.id}/role`, { token: admin.accessToken, body: { role: 'technician' } });
    expect(grant).toMatchObject({ status: 200, body: { role: 'technician' } });
    const r = tokenResponseSchema.parse((await h.request('POST', '/v1/auth/refresh', { body: { refreshToken: c.refreshToken } })).body);
    expect(r.user.role).toBe('technician');
  });
});
