// Refusals: lockout with backoff, expired and forged access tokens, a technician on an admin route,
// tenant A's token against tenant B's users, probes, and secrets kept out of the logs.
import { SignJWT, generateKeyPair } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TenantView } from '../../../server/src/admin/users';
import { buildServer } from '../../../server/src/app';
import { openServerDb } from '../../../server/src/db/database';
import { users } from '../../../server/src/db/schema';
import { eq } from 'drizzle-orm';
import { AuthHarness, PASSWORD } from './authHarness';
import { createTestDatabase } from './pgTestDb';

let h: AuthHarness;
let a: TenantView;
let b: TenantView;
let bobB: { id: string };
const logLines: string[] = [];

beforeAll(async () => {
  h = await AuthHarness.start({ accessTtlS: 60, logger: { level: 'debug', stream: { write: (line: string) => logLines.push(line) } } });
  a = await h.tenant('tenant-a');
  b = await h.tenant('tenant-b');
  await h.user(a, 'admin', 'admin');
  await h.user(a, 'tech', 'technician');
  await h.user(a, 'locky', 'viewer');
  await h.user(a, 'backoff', 'viewer');
  await h.user(b, 'admin', 'admin');
  bobB = await h.user(b, 'bob', 'technician');
});
afterAll(async () => {
  await h?.close();
});

describe('lockout', () => {
  it('locks after 5 consecutive failures: 423 LOCKED with the retry time, even for the right password', async () => {
    for (let i = 0; i < 5; i++) {
      const res = await h.login({ tenant: 'tenant-a', username: 'locky', password: `wrong ${i}` });
      expect(res.body.code).toBe('AUTH_FAILED');
    }
    const locked = await h.login({ tenant: 'tenant-a', username: 'locky' });
    expect(locked.status).toBe(423);
    expect(locked.body).toMatchObject({ code: 'LOCKED', retryAfterS: 30 });
    expect(locked.headers['retry-after']).toBe('30');
    h.advance(31_000);
    expect((await h.login({ tenant: 'tenant-a', username: 'locky' })).status).toBe(200);
  });

  it('backs off exponentially: each failure after a lock doubles it', async () => {
    for (let i = 0; i < 5; i++) await h.login({ tenant: 'tenant-a', username: 'backoff', password: 'wrong password' });
    h.advance(31_000);
    await h.login({ tenant: 'tenant-a', username: 'backoff', password: 'wrong password' }); // 6th
    expect((await h.login({ tenant: 'tenant-a', username: 'backoff' })).body).toMatchObject({ code: 'LOCKED', retryAfterS: 60 });
    h.advance(61_000);
    await h.login({ tenant: 'tenant-a', username: 'backoff', password: 'wrong password' }); // 7th
    expect((await h.login({ tenant: 'tenant-a', username: 'backoff' })).body).toMatchObject({ code: 'LOCKED', retryAfterS: 120 });
  });

  it('locks an unknown user name the same way (a 423 does not reveal that a user exists)', async () => {
    const answers = [];
    for (let i = 0; i < 6; i++) answers.push(await h.login({ tenant: 'tenant-a', username: 'ghost', password: 'whatever' }));
    expect(answers.slice(0, 5).map((r) => r.body.code)).toEqual(Array(5).fill('AUTH_FAILED'));
    expect(answers[5]).toMatchObject({ status: 423, body: { code: 'LOCKED', retryAfterS: 30 } });
  });
});

describe('access tokens', () => {
  it('an expired token is 401 TOKEN_EXPIRED', async () => {
    const s = await h.session({ tenant: 'tenant-a', username: 'admin' });
    expect((await h.request('GET', '/v1/me', { token: s.accessToken })).status).toBe(200);
    h.advance(61_000);
    const res = await h.request('GET', '/v1/me', { token: s.accessToken });
    expect(res).toMatchObject({ status: 401, body: { code: 'TOKEN_EXPIRED' } });
  });

  it('no token, garbage, alg none and a token signed by another key are 401 TOKEN_INVALID', async () => {
    const s = await h.session({ tenant: 'tenant-a', username: 'admin' });
    const [header, payload] = s.accessToken.split('.') as [string, string, string];
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString()) as Record<string, unknown>;
    const none = `${Buffer.from(JSON.stringify({ alg: 'none', kid: JSON.parse(Buffer.from(header, 'base64url').toString()).kid })).toString('base64url')}.${payload}.`;
    const escalated = `${header}.${Buffer.from(JSON.stringify({ ...claims, tid: b.id, ten: 'tenant-b' })).toString('base64url')}.${s.accessToken.split('.')[2]}`;
    const { privateKey } = await generateKeyPair('RS256');
    const kid = JSON.parse(Buffer.from(header, 'base64url').toString()).kid as string;
    const foreign = await new SignJWT(claims).setProtectedHeader({ alg: 'RS256', kid }).sign(privateKey);

    expect(await h.request('GET', '/v1/me')).toMatchObject({ status: 401, body: { code: 'TOKEN_INVALID' } });
    for (const token of ['garbage', none, escalated, foreign]) {
      expect(await h.request('GET', '/v1/me', { token })).toMatchObject({ status: 401, body: { code: 'TOKEN_INVALID' } });
    }
  });
});

describe('RBAC', () => {
  it('a technician on an admin route is 403 PERMISSION_DENIED, and nothing changes', async () => {
    const tech = await h.session({ tenant: 'tenant-a', username: 'tech' });
    const list = await h.request('GET', '/v1/admin/users', { token: tech.accessToken });
    expect(list).toMatchObject({ status: 403, body: { code: 'PERMISSION_DENIED' } });
    const create = await h.request('POST', '/v1/admin/users', {
      token: tech.accessToken,
      body: { username: 'sneaky', password: 'long enough password', role: 'admin' },
    });
    expect(create).toMatchObject({ status: 403, body: { code: 'PERMISSION_DENIED' } });
    const self = await h.request('POST', `/v1/admin/users/${tech.user.id}/role`, { token: tech.accessToken, body: { role: 'admin' } });
    expect(self).toMatchObject({ status: 403, body: { code: 'PERMISSION_DENIED' } });
    const rows = await h.server.db.select().from(users).where(eq(users.username, 'sneaky'));
    expect(rows).toHaveLength(0);
    const [me] = await h.server.db.select().from(users).where(eq(users.id, tech.user.id));
    expect(me?.role).toBe('technician');
  });

  it('an admin manages users of the tenant; the last admin cannot be demoted', async () => {
    const admin = await h.session({ tenant: 'tenant-a', username: 'admin' });
    const created = await h.request('POST', '/v1/admin/users', {
      token: admin.accessToken,
      body: { username: 'dave', password: 'long enough password', role: 'viewer' },
    });
    expect(created).toMatchObject({ status: 201, body: { username: 'dave', role: 'viewer', mfa: false } });
    const dup = await h.request('POST', '/v1/admin/users', {
      token: admin.accessToken,
      body: { username: 'dave', password: 'long enough password', role: 'viewer' },
    });
    expect(dup).toMatchObject({ status: 409, body: { code: 'USERNAME_TAKEN' } });
    const short = await h.request('POST', '/v1/admin/users', { token: admin.accessToken, body: { username: 'eve', password: 'short', role: 'viewer' } });
    expect(short).toMatchObject({ status: 400, body: { code: 'VALIDATION' } });
    const demote = await h.request('POST', `/v1/admin/users/${admin.user.id}/role`, { token: admin.accessToken, body: { role: 'viewer' } });
    expect(demote).toMatchObject({ status: 409, body: { code: 'LAST_ADMIN' } });
  });
});

describe('tenant isolation', () => {
  it("tenant A's admin can neither list, read nor change tenant B's users", async () => {
    const admin = await h.session({ tenant: 'tenant-a', username: 'admin' });
    const list = await h.request('GET', '/v1/admin/users', { token: admin.accessToken });
    expect(list.status).toBe(200);
    const names = (list.body.users as { id: string; username: string }[]).map((u) => u.id);
    expect(names).not.toContain(bobB.id);

    const read = await h.request('GET', `/v1/admin/users/${bobB.id}`, { token: admin.accessToken });
    const missing = await h.request('GET', `/v1/admin/users/00000000-0000-4000-8000-000000000000`, { token: admin.accessToken });
    const malformed = await h.request('GET', `/v1/admin/users/not-a-uuid`, { token: admin.accessToken });
    // another tenant's user is answered exactly like one that does not exist
    for (const res of [read, missing, malformed]) expect(res).toMatchObject({ status: 404, body: { code: 'NOT_FOUND', message: 'no such user' } });

    const change = await h.request('POST', `/v1/admin/users/${bobB.id}/role`, { token: admin.accessToken, body: { role: 'admin' } });
    expect(change).toMatchObject({ status: 404, body: { code: 'NOT_FOUND' } });
    const [bob] = await h.server.db.select().from(users).where(eq(users.id, bobB.id));
    expect(bob?.role).toBe('technician');

    // user names are per tenant: A may have its own "bob"
    const sameName = await h.request('POST', '/v1/admin/users', {
      token: admin.accessToken,
      body: { username: 'bob', password: 'long enough password', role: 'viewer' },
    });
    expect(sameName.status).toBe(201);
    expect((await h.login({ tenant: 'tenant-b', username: 'bob' })).body.user).toMatchObject({ id: bobB.id, tenantSlug: 'tenant-b' });
  });

  it("a session of tenant A sees only tenant A in /v1/me; B's credentials do not open A", async () => {
    expect((await h.login({ tenant: 'tenant-a', username: 'bob', password: PASSWORD.toUpperCase() })).body.code).toBe('AUTH_FAILED');
    const me = await h.request('GET', '/v1/me', { token: (await h.session({ tenant: 'tenant-b', username: 'bob' })).accessToken });
    expect(me.body).toMatchObject({ tenantId: b.id, id: bobB.id });
    expect(me.body.tenantId).not.toBe(a.id);
  });
});

describe('probes and logs', () => {
  it('/healthz and /readyz answer 200 without a token; unknown routes are JSON errors', async () => {
    expect(await h.request('GET', '/healthz')).toMatchObject({ status: 200, body: { status: 'ok' } });
    expect(await h.request('GET', '/readyz')).toMatchObject({ status: 200, body: { status: 'ready' } });
    const s = await h.session({ tenant: 'tenant-a', username: 'admin' });
    expect(await h.request('GET', '/v1/nope', { token: s.accessToken })).toMatchObject({ status: 404, body: { code: 'NOT_FOUND' } });
  });

  it('/readyz is 503 until migrations ran', async () => {
    const pg = await createTestDatabase('noc_ready');
    const server = await openServerDb({ url: pg.url, poolMax: 2 });
    try {
      const app = await buildServer({ db: server });
      const before = await app.inject({ method: 'GET', url: '/readyz' });
      expect(before.statusCode).toBe(503);
      expect(before.json()).toMatchObject({ code: 'NOT_READY' });
      await server.migrate();
      expect((await app.inject({ method: 'GET', url: '/readyz' })).statusCode).toBe(200);
      await app.close();
    } finally {
      await server.close();
      await pg.drop();
    }
  });

  it('never logs a password, a token or a one-time code', async () => {
    const s = await h.session({ tenant: 'tenant-a', username: 'admin' });
    await h.request('POST', '/v1/auth/refresh', { body: { refreshToken: s.refreshToken } });
    await h.app.inject({ method: 'GET', url: `/v1/me?access_token=${s.accessToken}`, headers: { authorization: `Bearer ${s.accessToken}` } });
    await h.login({ tenant: 'tenant-a', username: 'admin', password: 'a wrong password 123', otp: '123456' });
    const logs = logLines.join('');
    expect(logs.length).toBeGreaterThan(0);
    expect(logs).toContain('/v1/auth/login');
    for (const secret of [PASSWORD, 'a wrong password 123', s.accessToken, s.refreshToken, s.accessToken.split('.')[2] ?? 'x']) {
      expect(logs).not.toContain(secret);
    }
  });
});
