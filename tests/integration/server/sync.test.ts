// The sync engine over real HTTP against real PostgreSQL: exactly-once pushes, per-field conflicts
// under each policy, per-mutation rejections that do not block the rest, pull paging with
// tombstones, and the live poke.
import { randomUUID } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Mutation, PulledRow, PushResponse } from '../../../shared/sync/protocol';
import { appliedMutations, syncConflicts, syncRows } from '../../../server/src/db/schema';
import { SyncTestEnv, mid, type TestUser } from './syncFixture';

let env: SyncTestEnv;
let tenant: { id: string; slug: string };
let tech: TestUser;
let tech2: TestUser;
let billing: TestUser;
let billing2: TestUser;
let viewer: TestUser;

const ins = (table: Mutation['table'], rowId: string, patch: Mutation['patch']): Mutation => ({ id: mid(), table, op: 'insert', rowId, baseVersion: 0, patch });
const upd = (table: Mutation['table'], rowId: string, baseVersion: number, patch: Mutation['patch']): Mutation => ({ id: mid(), table, op: 'update', rowId, baseVersion, patch });
const del = (table: Mutation['table'], rowId: string, baseVersion: number): Mutation => ({ id: mid(), table, op: 'delete', rowId, baseVersion, patch: {} });

function appliedVersion(res: PushResponse, i = 0): number {
  const r = res.results[i];
  if (r?.status !== 'applied') throw new Error(`mutation ${i} not applied: ${JSON.stringify(r)}`);
  return r.version;
}

async function row(table: string, rowId: string) {
  const [r] = await env.server.db
    .select()
    .from(syncRows)
    .where(and(eq(syncRows.tenantId, tenant.id), eq(syncRows.tableName, table), eq(syncRows.rowId, rowId)));
  return r;
}

beforeAll(async () => {
  env = await SyncTestEnv.start();
  tenant = await env.tenant('acme');
  tech = await env.user(tenant, 'tech1', 'technician');
  tech2 = await env.user(tenant, 'tech2', 'technician');
  billing = await env.user(tenant, 'bill1', 'billing');
  billing2 = await env.user(tenant, 'bill2', 'billing');
  viewer = await env.user(tenant, 'view1', 'viewer');
});

afterAll(async () => {
  await env?.close();
});

describe('push', () => {
  it('applies the same push sent twice exactly once, answering the repeat with the same results', async () => {
    const id = randomUUID();
    const body = { clientId: 'console-a', mutations: [ins('devices', id, { name: 'olt-1', mgmtAddress: '192.0.2.1' }), upd('devices', id, 0, { notes: 'rack 4' })] };
    const first = await env.push(tech, body);
    const seqAfterFirst = await env.changeSeq(tenant.id);
    const rowAfterFirst = await row('devices', id);

    const second = await env.push(tech, body);
    expect(second.results).toEqual(first.results);
    expect(await env.changeSeq(tenant.id)).toBe(seqAfterFirst);
    const rowAfterSecond = await row('devices', id);
    expect(rowAfterSecond?.version).toBe(rowAfterFirst?.version);
    expect(rowAfterSecond?.data).toEqual({ id, tenantId: tenant.id, name: 'olt-1', mgmtAddress: '192.0.2.1', notes: 'rack 4' });
    const stored = await env.server.db
      .select()
      .from(appliedMutations)
      .where(and(eq(appliedMutations.tenantId, tenant.id), eq(appliedMutations.clientId, 'console-a')));
    expect(stored.filter((m) => body.mutations.some((b) => b.id === m.mutationId))).toHaveLength(2);
  });

  it('the same push sent twice at the same moment still applies once (the tenant lock serializes them)', async () => {
    const id = randomUUID();
    const body = { clientId: 'console-c', mutations: [ins('sites', id, { name: 'twin' }), upd('sites', id, 0, { name: 'twin 2' })] };
    const seqBefore = await env.changeSeq(tenant.id);
    const [a, b] = await Promise.all([env.push(tech, body), env.push(tech, body)]);
    expect(a.results).toEqual(b.results);
    expect(await env.changeSeq(tenant.id)).toBe(seqBefore + 2);
  });

  it('an insert of a row that exists already is an update against version 0 (conflicts with the other writer)', async () => {
    const id = randomUUID();
    await env.push(tech, { clientId: 'console-a', mutations: [ins('sites', id, { name: 'first', code: 'P1' })] });
    const res = await env.push(tech2, { clientId: 'console-b', mutations: [ins('sites', id, { name: 'second', code: 'P1' })] });
    expect(res.results[0]).toMatchObject({ status: 'applied', conflicts: [expect.objectContaining({ field: 'name', winner: 'second', loser: 'first' })] });
  });

  it('ignores server-owned fields in patches: id and tenantId come from the mutation and the token', async () => {
    const id = randomUUID();
    await env.push(tech, { clientId: 'console-a', mutations: [ins('sites', id, { name: 'POP 1', id: 'evil', tenantId: randomUUID(), version: 999 })] });
    const r = await row('sites', id);
    expect(r?.data).toEqual({ id, tenantId: tenant.id, name: 'POP 1' });
    expect(r?.version).toBeLessThan(999);
  });

  it('field-lww: two clients edit the same field from the same base → the later pusher gets a conflict with both values, both kept', async () => {
    const id = randomUUID();
    const base = appliedVersion(await env.push(tech, { clientId: 'console-a', mutations: [ins('devices', id, { name: 'sw-1', location: 'hall' })] }));

    const a = await env.push(tech, { clientId: 'console-a', mutations: [upd('devices', id, base, { location: 'hall A' })] });
    expect(a.results[0]).toMatchObject({ status: 'applied', conflicts: [] });
    const bMutation = upd('devices', id, base, { location: 'hall B' });
    const b = await env.push(tech2, { clientId: 'console-b', mutations: [bMutation] });
    const result = b.results[0];
    expect(result?.status).toBe('applied');
    if (result?.status !== 'applied') return;
    expect(result.conflicts).toEqual([
      expect.objectContaining({ table: 'devices', rowId: id, field: 'location', winner: 'hall B', loser: 'hall A', loserBy: 'tech1', policy: 'field-lww', mutationId: bMutation.id }),
    ]);
    expect((await row('devices', id))?.data.location).toBe('hall B');
    const kept = await env.server.db.select().from(syncConflicts).where(eq(syncConflicts.rowId, id));
    expect(kept).toHaveLength(1);
    expect(kept[0]).toMatchObject({ winner: 'hall B', loser: 'hall A', clientId: 'console-b', tenantId: tenant.id });

    // the conflicts endpoint lists it for the tenant
    const res = await fetch(`${env.baseUrl}/v1/sync/conflicts?clientId=console-b`, { headers: { authorization: `Bearer ${tech.token}` } });
    const listed = (await res.json()) as { conflicts: Array<{ rowId: string; loser: unknown }> };
    expect(listed.conflicts.find((c) => c.rowId === id)).toMatchObject({ loser: 'hall A' });
  });

  it('non-conflicting fields of the same row from two clients both apply', async () => {
    const id = randomUUID();
    const base = appliedVersion(await env.push(tech, { clientId: 'console-a', mutations: [ins('devices', id, { name: 'r-1', vendor: 'x', model: 'y' })] }));
    await env.push(tech, { clientId: 'console-a', mutations: [upd('devices', id, base, { vendor: 'MikroTik' })] });
    const b = await env.push(tech2, { clientId: 'console-b', mutations: [upd('devices', id, base, { model: 'CCR2004' })] });
    expect(b.results[0]).toMatchObject({ status: 'applied', conflicts: [] });
    expect((await row('devices', id))?.data).toMatchObject({ name: 'r-1', vendor: 'MikroTik', model: 'CCR2004' });
  });

  it('server-wins (billing): the server value stays and the later pusher gets its own value back as the loser', async () => {
    const id = randomUUID();
    const base = appliedVersion(await env.push(billing, { clientId: 'bill-a', mutations: [ins('subscribers', id, { name: 'Ann', planId: 'p1', status: 'active' })] }));
    await env.push(billing, { clientId: 'bill-a', mutations: [upd('subscribers', id, base, { planId: 'p2' })] });
    const later = await env.push(billing2, { clientId: 'bill-b', mutations: [upd('subscribers', id, base, { planId: 'p3', status: 'suspended' })] });
    const r = later.results[0];
    expect(r?.status).toBe('applied');
    if (r?.status !== 'applied') return;
    expect(r.conflicts).toEqual([expect.objectContaining({ field: 'planId', winner: 'p2', loser: 'p3', loserBy: 'bill2', policy: 'server-wins' })]);
    // the contested field keeps the server value; the uncontested one applies
    expect((await row('subscribers', id))?.data).toMatchObject({ planId: 'p2', status: 'suspended' });
  });

  it('a rejected mutation (permission) is reported while the others in the same push still apply', async () => {
    const d1 = randomUUID();
    const s1 = randomUUID();
    const d2 = randomUUID();
    const res = await env.push(tech, {
      clientId: 'console-a',
      mutations: [ins('devices', d1, { name: 'a' }), ins('subscribers', s1, { name: 'Bob' }), ins('devices', d2, { name: 'b' })],
    });
    expect(res.results.map((r) => r.status)).toEqual(['applied', 'rejected', 'applied']);
    expect(res.results[1]).toMatchObject({ status: 'rejected', code: 'PERMISSION_DENIED' });
    expect(await row('subscribers', s1)).toBeUndefined();
    expect(await row('devices', d2)).toBeDefined();

    const v = await env.push(viewer, { clientId: 'view-a', mutations: [upd('devices', d1, 0, { name: 'hacked' }), ins('audit_log', randomUUID(), { action: 'x' })] });
    expect(v.results[0]).toMatchObject({ status: 'rejected', code: 'PERMISSION_DENIED' });
    expect(v.results[1]).toMatchObject({ status: 'applied' });
    expect((await row('devices', d1))?.data.name).toBe('a');
  });

  it('a malformed mutation is rejected on its own (VALIDATION), the push still applies the rest', async () => {
    const id = randomUUID();
    const good = ins('devices', id, { name: 'ok' });
    const res = await env.post<PushResponse>('/v1/sync/push', tech.token, {
      clientId: 'console-a',
      mutations: [{ id: 'bad-1', table: 'no_such_table', op: 'insert', rowId: 'x', baseVersion: 0, patch: {} }, good, { ...ins('devices', randomUUID(), {}), patch: { __proto__: 1, 'bad name': 2 } }],
    });
    expect(res.status).toBe(200);
    expect(res.body.results[0]).toMatchObject({ id: 'bad-1', status: 'rejected', code: 'VALIDATION' });
    expect(res.body.results[1]).toMatchObject({ id: good.id, status: 'applied' });
    expect(res.body.results[2]).toMatchObject({ status: 'rejected', code: 'VALIDATION' });

    const broken = await env.post<{ code: string; message: string }>('/v1/sync/push', tech.token, { mutations: [] });
    expect(broken.status).toBe(400);
    expect(broken.body.code).toBe('VALIDATION');
    expect(broken.body.message).toMatch(/clientId/);
  });

  it('insert-only: an update is rejected, a repeated insert of the same row is a no-op', async () => {
    const id = randomUUID();
    const v = appliedVersion(await env.push(tech, { clientId: 'console-a', mutations: [ins('config_backups', id, { deviceId: 'd', text: 'cfg' })] }));
    const seq = await env.changeSeq(tenant.id);
    const res = await env.push(tech, {
      clientId: 'console-a',
      mutations: [upd('config_backups', id, v, { text: 'changed' }), ins('config_backups', id, { deviceId: 'd', text: 'cfg' }), del('config_backups', id, v)],
    });
    expect(res.results.map((r) => (r.status === 'rejected' ? r.code : r.status))).toEqual(['CONFLICT', 'applied', 'CONFLICT']);
    expect(appliedVersion(res, 1)).toBe(v);
    expect(await env.changeSeq(tenant.id)).toBe(seq);
    expect((await row('config_backups', id))?.data.text).toBe('cfg');
  });

  it('update or delete of a row that does not exist is NOT_FOUND; deleting twice is idempotent', async () => {
    const res = await env.push(tech, { clientId: 'console-a', mutations: [upd('devices', randomUUID(), 1, { name: 'x' }), del('devices', randomUUID(), 1)] });
    expect(res.results.map((r) => (r.status === 'rejected' ? r.code : r.status))).toEqual(['NOT_FOUND', 'NOT_FOUND']);
    const id = randomUUID();
    const v = appliedVersion(await env.push(tech, { clientId: 'console-a', mutations: [ins('sites', id, { name: 's' })] }));
    const d = await env.push(tech, { clientId: 'console-a', mutations: [del('sites', id, v), del('sites', id, v), upd('sites', id, v, { name: 't' })] });
    expect(d.results.map((r) => (r.status === 'rejected' ? r.code : r.status))).toEqual(['applied', 'applied', 'NOT_FOUND']);
    const r = await row('sites', id);
    expect(r?.deletedAt).toBeGreaterThan(0);
    expect(r?.data.name).toBe('s'); // tombstones keep the data
  });
});

describe('pull', () => {
  it('pages through 10,000 rows in batches with no loss or duplicates, tombstones included', async () => {
    const t = await env.tenant('bigco');
    const admin = await env.user(t, 'admin', 'admin');
    const ids = Array.from({ length: 10_000 }, () => randomUUID());
    for (let i = 0; i < ids.length; i += 5000) {
      const res = await env.push(admin, { clientId: 'loader', mutations: ids.slice(i, i + 5000).map((id, k) => ins('interfaces', id, { name: `ge-0/0/${i + k}`, deviceId: 'd1', speed: 1000 })) });
      expect(res.results.every((r) => r.status === 'applied')).toBe(true);
    }
    // some updated (newer versions), some deleted (tombstones) after the initial load
    const updated = ids.slice(0, 200);
    const deleted = ids.slice(9_900);
    await env.push(admin, { clientId: 'loader', mutations: updated.map((id) => upd('interfaces', id, 0, { speed: 10_000 })) });
    await env.push(admin, { clientId: 'loader', mutations: deleted.map((id) => del('interfaces', id, 0)) });

    const seen = new Map<string, PulledRow>();
    let cursor = 0;
    let batches = 0;
    let lastVersion = 0;
    for (;;) {
      const page = await env.pull(admin, { cursor, limit: 777 });
      batches++;
      for (const r of page.rows) {
        expect(r.version).toBeGreaterThan(lastVersion); // strictly increasing: no duplicates across pages
        lastVersion = r.version;
        expect(seen.has(r.rowId)).toBe(false);
        seen.set(r.rowId, r);
      }
      cursor = page.cursor;
      if (!page.more) break;
    }
    expect(batches).toBe(Math.ceil(10_000 / 777));
    expect(seen.size).toBe(10_000);
    expect(cursor).toBe(await env.changeSeq(t.id));
    expect(seen.get(updated[0]!)?.data).toMatchObject({ speed: 10_000, tenantId: t.id, id: updated[0] });
    expect(seen.get(ids[5000]!)?.data).toMatchObject({ speed: 1000, name: 'ge-0/0/5000' });
    for (const id of deleted) {
      expect(seen.get(id)?.deletedAt).toBeGreaterThan(0);
      expect(seen.get(id)?.data).toBeNull();
    }
    // nothing new: an empty batch at the same cursor
    expect(await env.pull(admin, { cursor })).toEqual({ rows: [], cursor, more: false });

    // the streamed form (one NDJSON response) carries the same rows and ends with the same cursor
    const res = await fetch(`${env.baseUrl}/v1/sync/pull/stream`, {
      method: 'POST',
      headers: { authorization: `Bearer ${admin.token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ cursor: 0, limit: 999 }),
    });
    expect(res.headers.get('content-type')).toMatch(/ndjson/);
    const lines = (await res.text()).trimEnd().split('\n').map((l) => JSON.parse(l) as PulledRow | { end: true; cursor: number });
    const end = lines.pop();
    expect(end).toEqual({ end: true, cursor });
    const streamed = lines as PulledRow[];
    expect(streamed).toHaveLength(10_000);
    expect(streamed.map((r) => r.version)).toEqual([...seen.values()].map((r) => r.version));
    expect(streamed[0]).toEqual(seen.get(streamed[0]!.rowId));
  });

  it('returns only tables the role may read (and the requested ones)', async () => {
    const sub = randomUUID();
    const dev = randomUUID();
    const from = await env.changeSeq(tenant.id);
    await env.push(billing, { clientId: 'bill-a', mutations: [ins('subscribers', sub, { name: 'Zed' })] });
    await env.push(tech, { clientId: 'console-a', mutations: [ins('devices', dev, { name: 'z' })] });
    const techView = await env.pull(tech, { cursor: from });
    expect(techView.rows.map((r) => r.rowId)).toEqual([dev]);
    expect(techView.cursor).toBe(await env.changeSeq(tenant.id));
    const billView = await env.pull(billing, { cursor: from, tables: ['subscribers'] });
    expect(billView.rows.map((r) => r.rowId)).toEqual([sub]);

    const bad = await env.post<{ code: string }>('/v1/sync/pull', tech.token, { cursor: -1 });
    expect(bad.status).toBe(400);
    expect(bad.body.code).toBe('VALIDATION');
  });
});

describe('live channel', () => {
  it('pokes an open event stream of the tenant after another client pushes', async () => {
    const ac = new AbortController();
    const res = await fetch(`${env.baseUrl}/v1/sync/events?access_token=${encodeURIComponent(viewer.token)}`, { signal: ac.signal });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/text\/event-stream/);
    const reader = res.body!.getReader();
    const decoder = new TextDecoder();
    let buffer = '';
    const nextPoke = async (): Promise<number> => {
      for (;;) {
        const m = /event: poke\ndata: (\{[^\n]*\})\n\n/.exec(buffer);
        if (m) {
          buffer = buffer.slice(m.index + m[0].length);
          return (JSON.parse(m[1]!) as { cursor: number }).cursor;
        }
        const { value, done } = await reader.read();
        if (done) throw new Error('stream ended');
        buffer += decoder.decode(value, { stream: true });
      }
    };
    try {
      // the first poke says where the tenant is now
      expect(await nextPoke()).toBe(await env.changeSeq(tenant.id));
      const pushed = await env.push(tech, { clientId: 'console-a', mutations: [ins('devices', randomUUID(), { name: 'live' })] });
      expect(await nextPoke()).toBe(pushed.cursor);
    } finally {
      ac.abort();
    }
  });

  it('refuses a stream without a token', async () => {
    const res = await fetch(`${env.baseUrl}/v1/sync/events`);
    expect(res.status).toBe(401);
  });
});
