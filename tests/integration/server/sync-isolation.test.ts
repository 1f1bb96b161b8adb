// Tenant isolation of the sync endpoints: a token of tenant A can neither read nor change tenant
// B's rows, even when it names B's row ids, and learns nothing about them beyond "not available".
import { randomUUID } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Mutation, PushResponse } from '../../../shared/sync/protocol';
import { syncRows } from '../../../server/src/db/schema';
import { SyncTestEnv, mid, type TestUser } from './syncFixture';

let env: SyncTestEnv;
let tenantA: { id: string; slug: string };
let tenantB: { id: string; slug: string };
let adminA: TestUser;
let adminB: TestUser;
const bDevice = randomUUID();
const bSubscriber = randomUUID();
let bVersion = 0;

const codes = (res: PushResponse) => res.results.map((r) => (r.status === 'rejected' ? r.code : r.status));

async function bRows() {
  return env.server.db.select().from(syncRows).where(eq(syncRows.tenantId, tenantB.id)).orderBy(syncRows.rowId);
}

beforeAll(async () => {
  env = await SyncTestEnv.start();
  tenantA = await env.tenant('alpha');
  tenantB = await env.tenant('bravo');
  adminA = await env.user(tenantA, 'root', 'admin');
  adminB = await env.user(tenantB, 'root', 'admin');
  const res = await env.push(adminB, {
    clientId: 'b-console',
    mutations: [
      { id: mid(), table: 'devices', op: 'insert', rowId: bDevice, baseVersion: 0, patch: { name: 'b-secret-olt', mgmtAddress: '10.9.9.9' } },
      { id: mid(), table: 'subscribers', op: 'insert', rowId: bSubscriber, baseVersion: 0, patch: { name: 'B customer' } },
    ],
  });
  const r = res.results[0];
  if (r?.status !== 'applied') throw new Error('setup failed');
  bVersion = r.version;
});

afterAll(async () => {
  await env?.close();
});

describe('tenant isolation', () => {
  it("a token of tenant A pulls none of tenant B's rows", async () => {
    const page = await env.pull(adminA, { cursor: 0, limit: 50_000 });
    expect(page.rows).toEqual([]);
    expect(JSON.stringify(page)).not.toContain('b-secret');
    // A's cursor is A's own sequence, not B's
    expect(page.cursor).toBe(0);
  });

  it("a token of tenant A cannot overwrite, delete or claim B's rows by naming their ids", async () => {
    const before = await bRows();
    const mutations: Mutation[] = [
      { id: mid(), table: 'devices', op: 'update', rowId: bDevice, baseVersion: bVersion, patch: { name: 'pwned' } },
      { id: mid(), table: 'devices', op: 'delete', rowId: bDevice, baseVersion: bVersion, patch: {} },
      { id: mid(), table: 'devices', op: 'insert', rowId: bDevice, baseVersion: 0, patch: { name: 'pwned' } },
      { id: mid(), table: 'subscribers', op: 'update', rowId: bSubscriber, baseVersion: 0, patch: { name: 'pwned' } },
      { id: mid(), table: 'subscribers', op: 'insert', rowId: bSubscriber, baseVersion: 0, patch: { name: 'pwned' } },
    ];
    const res = await env.push(adminA, { clientId: 'a-console', mutations });
    // update/delete: answered exactly as for an id that does not exist; insert: refused
    expect(codes(res)).toEqual(['NOT_FOUND', 'NOT_FOUND', 'CONFLICT', 'NOT_FOUND', 'CONFLICT']);
    const text = JSON.stringify(res);
    expect(text).not.toContain('b-secret');
    expect(text).not.toContain('B customer');
    expect(text).not.toContain(tenantB.id);

    expect(await bRows()).toEqual(before);
    const aRows = await env.server.db.select().from(syncRows).where(eq(syncRows.tenantId, tenantA.id));
    expect(aRows).toEqual([]);
    // A's failed attempts did not move B's sequence (nor A's: nothing was applied)
    expect(await env.changeSeq(tenantB.id)).toBe(2);
    expect(await env.changeSeq(tenantA.id)).toBe(0);
  });

  it("A's row ids and B's never mix: the same push from each tenant lands in its own tenant", async () => {
    const aId = randomUUID();
    await env.push(adminA, { clientId: 'shared-client-id', mutations: [{ id: 'same-mutation-id', table: 'sites', op: 'insert', rowId: aId, baseVersion: 0, patch: { name: 'A site' } }] });
    // B reusing the same client id and mutation id is its own mutation, not a repeat of A's
    const resB = await env.push(adminB, { clientId: 'shared-client-id', mutations: [{ id: 'same-mutation-id', table: 'sites', op: 'insert', rowId: randomUUID(), baseVersion: 0, patch: { name: 'B site' } }] });
    expect(codes(resB)).toEqual(['applied']);
    const [aSite] = await env.server.db.select().from(syncRows).where(and(eq(syncRows.tenantId, tenantA.id), eq(syncRows.rowId, aId)));
    expect(aSite?.data).toEqual({ id: aId, tenantId: tenantA.id, name: 'A site' });
    const pageB = await env.pull(adminB, { cursor: 0 });
    expect(pageB.rows.map((r) => r.data?.name).sort()).toEqual(['B customer', 'B site', 'b-secret-olt']);
  });

  it("A's conflicts list never shows B's", async () => {
    // B makes a conflict of its own
    const other = await env.user(tenantB, 'other', 'admin');
    await env.push(adminB, { clientId: 'b-console', mutations: [{ id: mid(), table: 'devices', op: 'update', rowId: bDevice, baseVersion: bVersion, patch: { location: 'x' } }] });
    const c = await env.push(other, { clientId: 'b-other', mutations: [{ id: mid(), table: 'devices', op: 'update', rowId: bDevice, baseVersion: bVersion, patch: { location: 'y' } }] });
    expect(c.results[0]).toMatchObject({ status: 'applied', conflicts: [expect.objectContaining({ loser: 'x' })] });
    const res = await fetch(`${env.baseUrl}/v1/sync/conflicts`, { headers: { authorization: `Bearer ${adminA.token}` } });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { conflicts: unknown[] };
    expect(body.conflicts).toEqual([]);
  });

  it("A's live stream is not poked by B's pushes", async () => {
    const ac = new AbortController();
    const res = await fetch(`${env.baseUrl}/v1/sync/events`, { headers: { authorization: `Bearer ${adminA.token}` }, signal: ac.signal });
    const reader = res.body!.getReader();
    const decoder = new TextDecoder();
    let text = '';
    const pokes = (): number[] => [...text.matchAll(/event: poke\ndata: (\{[^\n]*\})/g)].map((m) => (JSON.parse(m[1]!) as { cursor: number }).cursor);
    const readUntil = async (n: number): Promise<number[]> => {
      while (pokes().length < n) {
        const { value, done } = await reader.read();
        if (done) throw new Error('stream ended');
        text += decoder.decode(value, { stream: true });
      }
      return pokes();
    };
    try {
      const aSeq = await env.changeSeq(tenantA.id);
      expect(await readUntil(1)).toEqual([aSeq]);
      await env.push(adminB, { clientId: 'b-console', mutations: [{ id: mid(), table: 'sites', op: 'insert', rowId: randomUUID(), baseVersion: 0, patch: { name: 'B2' } }] });
      const mine = await env.push(adminA, { clientId: 'a-console', mutations: [{ id: mid(), table: 'sites', op: 'insert', rowId: randomUUID(), baseVersion: 0, patch: { name: 'A2' } }] });
      // the next poke A sees is its own tenant's push, never B's cursor
      expect(await readUntil(2)).toEqual([aSeq, mine.cursor]);
      expect(text).not.toContain(tenantB.id);
    } finally {
      ac.abort();
    }
  });

  it('a forged token (tenant B id, signed by someone else) is refused', async () => {
    const [header, payload] = adminA.token.split('.');
    const claims = JSON.parse(Buffer.from(payload!, 'base64url').toString()) as Record<string, unknown>;
    const forged = `${header}.${Buffer.from(JSON.stringify({ ...claims, tid: tenantB.id })).toString('base64url')}.${adminA.token.split('.')[2]}`;
    const res = await env.post<{ code: string }>('/v1/sync/pull', forged, { cursor: 0 });
    expect(res.status).toBe(401);
  });
});
