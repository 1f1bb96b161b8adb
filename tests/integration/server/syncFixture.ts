// One sync service over real HTTP on a fresh PostgreSQL database, for the sync test files:
// tenants and users are created directly, and access tokens are signed with the server's own key
// store (what login would hand out), so tests spend no time in scrypt.
import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import type { Role } from '../../../shared/domain/permissions';
import type { PullResponse, PushResponse } from '../../../shared/sync/protocol';
import { createTenant } from '../../../server/src/admin/users';
import { buildServer } from '../../../server/src/app';
import { KeyStore } from '../../../server/src/auth/keys';
import { createTokenIssuer } from '../../../server/src/auth/tokens';
import type { AuthUser } from '../../../server/src/auth/guard';
import { openServerDb, type ServerDb } from '../../../server/src/db/database';
import { tenants } from '../../../server/src/db/schema';
import { createTestDatabase, type TestDatabase } from './pgTestDb';

export interface TestUser extends AuthUser {
  token: string;
}

export interface HttpAnswer<T> {
  status: number;
  body: T;
}

export class SyncTestEnv {
  private constructor(
    readonly pg: TestDatabase,
    readonly server: ServerDb,
    readonly app: FastifyInstance,
    readonly baseUrl: string,
  ) {}

  static async start(): Promise<SyncTestEnv> {
    const pg = await createTestDatabase('noc_sync');
    const server = await openServerDb({ url: pg.url, poolMax: 5 });
    await server.migrate();
    const app = await buildServer({ db: server });
    const baseUrl = await app.listen({ host: '127.0.0.1', port: 0 });
    return new SyncTestEnv(pg, server, app, baseUrl);
  }

  async tenant(slug: string): Promise<{ id: string; slug: string }> {
    return createTenant(this.server.db, { slug, name: slug });
  }

  async user(tenant: { id: string; slug: string }, username: string, role: Role): Promise<TestUser> {
    const issuer = createTokenIssuer(new KeyStore(this.server.db), { ttlS: 3600, now: Date.now });
    const user: AuthUser = { id: randomUUID(), tenantId: tenant.id, tenantSlug: tenant.slug, username, role };
    return { ...user, token: (await issuer.sign(user)).token };
  }

  async post<T>(path: string, token: string, body: unknown): Promise<HttpAnswer<T>> {
    const res = await fetch(`${this.baseUrl}${path}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    return { status: res.status, body: (await res.json()) as T };
  }

  async push(user: TestUser, body: unknown): Promise<PushResponse> {
    const res = await this.post<PushResponse>('/v1/sync/push', user.token, body);
    if (res.status !== 200) throw new Error(`push: HTTP ${res.status} ${JSON.stringify(res.body)}`);
    return res.body;
  }

  async pull(user: TestUser, body: unknown): Promise<PullResponse> {
    const res = await this.post<PullResponse>('/v1/sync/pull', user.token, body);
    if (res.status !== 200) throw new Error(`pull: HTTP ${res.status} ${JSON.stringify(res.body)}`);
    return res.body;
  }

  async changeSeq(tenantId: string): Promise<number> {
    const [row] = await this.server.db.select({ seq: tenants.changeSeq }).from(tenants).where(eq(tenants.id, tenantId));
    return Number(row?.seq);
  }

  async close(): Promise<void> {
    await this.app.close();
    await this.server.close();
    await this.pg.drop();
  }
}

let seq = 0;
/** A mutation id unique within the test run. */
export const mid = (): string => `m-${Date.now().toString(36)}-${++seq}`;
