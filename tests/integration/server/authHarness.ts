// The auth test files' setup: a fresh PostgreSQL database, the service built around a clock the
// test moves (expiry and lockout without sleeping), and requests through Fastify's inject (the
// whole pipeline: hooks, parsing, error handler) — no network needed for these checks.
import type { FastifyInstance } from 'fastify';
import type { Role } from '../../../shared/domain/permissions';
import { tokenResponseSchema, type TokenResponse } from '../../../shared/sync/protocol';
import { createTenant, createUser, enableTotpForUser, type TenantView } from '../../../server/src/admin/users';
import { buildServer, type LoggerSettings } from '../../../server/src/app';
import { openServerDb, type ServerDb } from '../../../server/src/db/database';
import { createTestDatabase, type TestDatabase } from './pgTestDb';

export const PASSWORD = 'correct horse battery staple';

export interface Answer {
  status: number;
  headers: Record<string, unknown>;
  body: Record<string, unknown>;
}

export class AuthHarness {
  /** The service's clock (ms); tests move it. */
  time = Date.now();

  private constructor(
    readonly pg: TestDatabase,
    readonly server: ServerDb,
    readonly app: FastifyInstance,
  ) {}

  static async start(opts: { accessTtlS?: number; logger?: LoggerSettings } = {}): Promise<AuthHarness> {
    const pg = await createTestDatabase('noc_auth');
    const server = await openServerDb({ url: pg.url, poolMax: 4 });
    await server.migrate();
    let self: AuthHarness | null = null;
    const app = await buildServer({
      db: server,
      accessTtlS: opts.accessTtlS ?? 900,
      now: () => self?.time ?? Date.now(),
      logger: opts.logger ?? false,
    });
    self = new AuthHarness(pg, server, app);
    return self;
  }

  advance(ms: number): void {
    this.time += ms;
  }

  tenant(slug: string): Promise<TenantView> {
    return createTenant(this.server.db, { slug, name: `Tenant ${slug}` });
  }

  async user(
    tenant: TenantView,
    username: string,
    role: Role,
    opts: { totp?: boolean } = {},
  ): Promise<{ id: string; username: string; totp: { secret: string; recoveryCodes: string[] } | null }> {
    const u = await createUser(this.server.db, { tenantId: tenant.id, username, password: PASSWORD, role }, this.time);
    const totp = opts.totp ? await enableTotpForUser(this.server.db, tenant, u.id) : null;
    return { id: u.id, username, totp };
  }

  async request(method: 'GET' | 'POST', url: string, opts: { token?: string; body?: unknown } = {}): Promise<Answer> {
    const res = await this.app.inject({
      method,
      url,
      headers: opts.token ? { authorization: `Bearer ${opts.token}` } : {},
      ...(opts.body === undefined ? {} : { payload: opts.body as Record<string, unknown> }),
    });
    const text = res.body;
    return { status: res.statusCode, headers: res.headers, body: text ? (JSON.parse(text) as Record<string, unknown>) : {} };
  }

  login(body: { tenant: string; username: string; password?: string; otp?: string }): Promise<Answer> {
    return this.request('POST', '/v1/auth/login', { body: { password: PASSWORD, ...body } });
  }

  /** Logs in and returns the validated token response (fails the test otherwise). */
  async session(body: { tenant: string; username: string; otp?: string }): Promise<TokenResponse> {
    const res = await this.login(body);
    if (res.status !== 200) throw new Error(`login: ${res.status} ${JSON.stringify(res.body)}`);
    return tokenResponseSchema.parse(res.body);
  }

  async close(): Promise<void> {
    await this.app.close();
    await this.server.close();
    await this.pg.drop();
  }
}
