// Sync fault tests against real PostgreSQL (a fresh database for this file), the real sync service
// and the real console code — no mocks. The console (`noc sync --once`) killed with SIGKILL during a
// push and during a pull; the server (`noc-server serve`) killed while a push transaction is open;
// the connection cut mid-answer by a TCP proxy during a pull and during a push. Each scenario ends
// with the same two checks (faultHelpers.ts): every local change reached the server exactly once,
// and the cache equals the server's view of the tenant, row by row.
import fs from 'node:fs';
import { randomUUID } from 'node:crypto';
import type Database from 'better-sqlite3';
import { sql } from 'drizzle-orm';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser } from '../../../server/src/admin/users';
import { createConsoleServices, type ConsoleServices } from '../../../electron/services/consoleServices';
import { prepareOutboxRow } from '../../../electron/services/sync/outboxBatches';
import { PULL_BATCH_ROWS } from '../../../electron/services/sync/syncEngine';
import { SYNC_KEYS } from '../../../electron/services/sync/syncState';
import type { Mutation } from '../../../shared/sync/protocol';
import { tempDir } from '../../helpers/tempWorkspace';
import { SyncTestEnv, type TestUser } from '../server/syncFixture';
import {
  Child,
  CutProxy,
  appliedCount,
  appliedIds,
  changeSeq,
  expectCacheEqualsServer,
  expectExactlyOnce,
  openCacheReadOnly,
  outboxIds,
  serverRows,
  setting,
  startServerChild,
  syncOnceChild,
  waitFor,
} from './faultHelpers';

const ctx = { host: 'cli' } as const;
const PASSWORD_SUFFIX = '-password-1';
/** Rows the "big" tenant holds on the server (pulled by the kill-during-pull and cut-pull scenarios). */
const BIG_ROWS = 30_000;

let env: SyncTestEnv;
const dirs: string[] = [];
const consoles: ConsoleServices[] = [];
const caches: Database.Database[] = [];
const children: Child[] = [];

type Tenant = { id: string; slug: string };

async function tenantWithUser(slug: string, username: string): Promise<Tenant> {
  const t = await env.tenant(slug);
  await createUser(env.server.db, { tenantId: t.id, username, password: `${username}${PASSWORD_SUFFIX}`, role: 'technician' }, Date.now());
  return t;
}

function newDir(): string {
  const d = tempDir('noc-sync-faults-');
  dirs.push(d);
  return d;
}

function openConsole(dir: string): ConsoleServices {
  const c = createConsoleServices({ dir, host: 'cli', actor: 'faults', sync: { http: { timeoutMs: 30_000 }, intervalMs: 600_000 } });
  consoles.push(c);
  return c;
}

function closeConsole(c: ConsoleServices): void {
  const i = consoles.indexOf(c);
  if (i >= 0) consoles.splice(i, 1);
  c.close();
}

function readCache(dir: string): Database.Database {
  const db = openCacheReadOnly(dir);
  caches.push(db);
  return db;
}

function track(child: Child): Child {
  children.push(child);
  return child;
}

async function login(c: ConsoleServices, server: string, tenant: Tenant, username: string): Promise<void> {
  await c.dispatcher.call('sync.login', { server, tenant: tenant.slug, username, password: `${username}${PASSWORD_SUFFIX}` }, ctx);
}

/**
 * Queues device edits the way a user makes them (IPC → repository → outbox): `creates` new devices,
 * then `updates` note edits spread over them, each to a new value (so each one is a real change
 * that moves the server's version once). Returns the ids of the created devices.
 */
async function queueDeviceEdits(c: ConsoleServices, creates: number, updates: number, tag: string): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < creates; i++) {
    const d = await c.dispatcher.call('devices.create', { name: `${tag}-${i}`, mgmtAddress: `10.${(i >> 8) & 255}.${i & 255}.1`, vendor: 'mikrotik' }, ctx);
    ids.push(d.id);
  }
  await editDevices(c, ids, updates, tag);
  return ids;
}

async function editDevices(c: ConsoleServices, ids: readonly string[], updates: number, tag: string): Promise<void> {
  for (let i = 0; i < updates; i++) {
    const id = ids[i % ids.length];
    if (id === undefined) throw new Error('no devices to edit');
    await c.dispatcher.call('devices.update', { id, patch: { notes: `${tag} edit ${i}` } }, ctx);
  }
}

/** Pushes `n` new devices straight to the server (another client), in pushes of 5000. */
async function seedServer(user: TestUser, n: number): Promise<void> {
  const clientId = `seed-${randomUUID()}`;
  for (let start = 0; start < n; start += 5000) {
    const mutations: Mutation[] = [];
    for (let i = start; i < Math.min(n, start + 5000); i++) {
      mutations.push({
        id: `seed-${i}`,
        table: 'devices',
        op: 'insert',
        rowId: randomUUID(),
        baseVersion: 0,
        patch: { name: `olt-${i}`, mgmtAddress: `172.${16 + (i >> 16)}.${(i >> 8) & 255}.${i & 255}`, vendor: 'huawei', model: 'MA5800', notes: `seeded row ${i} `.padEnd(120, '.') },
      });
    }
    const res = await env.push(user, { clientId, mutations });
    expect(res.results.every((r) => r.status === 'applied')).toBe(true);
  }
}

/**
 * Cursor consistency after an interrupted pull: the cache holds exactly the server's rows up to
 * its saved cursor (each at its server version) and none above it — no batch was half applied,
 * none skipped. (The big tenant's rows were each written once, so each has one version.)
 */
async function expectCacheIsPrefixAtCursor(cache: Database.Database, tenantId: string): Promise<number> {
  const cursor = Number(setting(cache, SYNC_KEYS.cursor) ?? '0');
  const server = await serverRows(env.server.db, tenantId, 'devices');
  const expected = [...server.entries()].filter(([, r]) => r.version <= cursor).map(([id, r]) => `${id}@${r.version}`).sort();
  const local = (cache.prepare('SELECT id, version FROM devices WHERE tenant_id = ?').all(tenantId) as { id: string; version: number }[])
    .map((r) => `${r.id}@${r.version}`)
    .sort();
  expect(local.length, `cached rows at cursor ${cursor}`).toBe(expected.length);
  expect(local).toEqual(expected);
  return cursor;
}

/** Locks applied_mutations against inserts, so a push transaction stops (open) just before writing its results. */
async function holdPushTransactions(): Promise<{
  blockedPid: () => Promise<number | undefined>;
  wrote: (pid: number, table: string) => Promise<boolean>;
  release: () => Promise<void>;
}> {
  const client = new pg.Client({ connectionString: env.pg.url });
  await client.connect();
  await client.query('BEGIN');
  await client.query('LOCK TABLE applied_mutations IN SHARE MODE');
  let released = false;
  return {
    blockedPid: async () => {
      const r = await client.query<{ pid: number }>(
        "SELECT pid FROM pg_locks WHERE relation = 'applied_mutations'::regclass AND NOT granted LIMIT 1",
      );
      return r.rows[0]?.pid;
    },
    wrote: async (pid, table) => {
      const r = await client.query<{ n: number }>(
        "SELECT count(*)::int AS n FROM pg_locks WHERE pid = $1 AND relation = $2::regclass AND mode = 'RowExclusiveLock' AND granted",
        [pid, table],
      );
      return r.rows[0]?.n === 1;
    },
    release: async () => {
      if (released) return;
      released = true;
      await client.query('ROLLBACK');
      await client.end();
    },
  };
}

async function backendGone(pid: number): Promise<boolean> {
  const r = await env.server.db.execute(sql`select count(*)::int as n from pg_stat_activity where pid = ${pid}`);
  return (r as unknown as { rows: { n: number }[] }).rows[0]?.n === 0;
}

let big: Tenant;

beforeAll(async () => {
  env = await SyncTestEnv.start();
  big = await tenantWithUser('faults-big', 'puller');
  await seedServer(await env.user(big, 'seeder', 'admin'), BIG_ROWS);
});

afterAll(async () => {
  for (const ch of children.splice(0)) await ch.kill();
  for (const db of caches.splice(0)) db.close();
  for (const c of consoles.splice(0)) c.close();
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
  await env?.close();
});

describe('sync survives faults: every change lands exactly once and the cache equals the server', () => {
  it('the console killed (SIGKILL) during a push of thousands of queued edits', async () => {
    const tenant = await tenantWithUser('faults-push', 'pusher');
    const dir = newDir();
    const c = openConsole(dir);
    await login(c, env.baseUrl, tenant, 'pusher');
    await queueDeviceEdits(c, 300, 5700, 'kp'); // 6000 mutations = 6 pushes of 1000
    const clientId = c.sync.state.clientId();
    const created = outboxIds(c.workspace.sqlite, tenant.id);
    expect(created).toHaveLength(6000);
    closeConsole(c);
    const seqBefore = await changeSeq(env.server.db, tenant.id);
    const cache = readCache(dir);

    // three kill points: just as a push commits on the server (its answer not yet handled), just
    // after the console recorded an answer (the next push on its way), and a little after a commit
    const kills: { what: string; probe: (before: { applied: number; queued: number }) => Promise<boolean> | boolean; delayMs: number }[] = [
      { what: 'a push to commit', probe: async (b) => (await appliedCount(env.server.db, tenant.id, clientId)) > b.applied, delayMs: 0 },
      { what: 'the console to record an answer', probe: (b) => outboxIds(cache, tenant.id).length < b.queued, delayMs: 0 },
      { what: 'a push to commit', probe: async (b) => (await appliedCount(env.server.db, tenant.id, clientId)) > b.applied, delayMs: 60 },
    ];
    for (const k of kills) {
      const before = { applied: await appliedCount(env.server.db, tenant.id, clientId), queued: outboxIds(cache, tenant.id).length };
      const child = track(syncOnceChild(dir));
      await waitFor(k.what, async () => {
        if (!child.running) throw new Error(`noc sync exited before it was killed: ${child.stderr}`);
        return k.probe(before);
      });
      if (k.delayMs > 0) await new Promise((r) => setTimeout(r, k.delayMs));
      expect(await child.kill()).toMatchObject({ signal: 'SIGKILL' });
      // killed mid-push: changes are left to send, and none is lost (each is either still queued or on the server)
      const queued = outboxIds(cache, tenant.id);
      const applied = await appliedIds(env.server.db, tenant.id, clientId);
      expect(queued.length).toBeGreaterThan(0);
      const known = new Set([...queued, ...applied]);
      expect(created.filter((id) => !known.has(id))).toEqual([]);
    }

    const last = track(syncOnceChild(dir));
    expect(await last.exited, last.stderr).toMatchObject({ code: 0 });
    const out = JSON.parse(last.stdout) as { rejected: number; status: { pending: number; review: number } };
    expect(out).toMatchObject({ rejected: 0, status: { pending: 0, review: 0 } });
    await expectExactlyOnce({ db: env.server.db, tenantId: tenant.id, clientId, created, seqBefore, cache });
    await expectCacheEqualsServer(env.server.db, cache, tenant.id);
  });

  it('the console killed (SIGKILL) during a pull of tens of thousands of rows, twice, then resumed', async () => {
    const dir = newDir();
    const c = openConsole(dir);
    await login(c, env.baseUrl, big, 'puller');
    const clientId = c.sync.state.clientId();
    closeConsole(c);
    const seqBefore = await changeSeq(env.server.db, big.id);
    const cache = readCache(dir);

    let cursor = 0;
    for (let round = 0; round < 2; round++) {
      const child = track(syncOnceChild(dir));
      const from = cursor;
      await waitFor('the pull cursor to move', () => {
        if (!child.running) throw new Error(`noc sync exited before it was killed: ${child.stderr}`);
        return Number(setting(cache, SYNC_KEYS.cursor) ?? '0') > from;
      });
      expect(await child.kill()).toMatchObject({ signal: 'SIGKILL' });
      cursor = await expectCacheIsPrefixAtCursor(cache, big.id);
      expect(cursor).toBeGreaterThan(from);
      expect(cursor).toBeLessThan(seqBefore); // stopped mid-pull
    }

    const rest = [...(await serverRows(env.server.db, big.id, 'devices')).values()].filter((r) => r.version > cursor).length;
    const last = track(syncOnceChild(dir));
    expect(await last.exited, last.stderr).toMatchObject({ code: 0 });
    // the resumed pull brought exactly the rows above the saved cursor: nothing again, nothing skipped
    const out = JSON.parse(last.stdout) as { pulled: number; status: { cursor: number } };
    expect(out.pulled).toBe(rest);
    expect(out.status.cursor).toBe(seqBefore);
    await expectExactlyOnce({ db: env.server.db, tenantId: big.id, clientId, created: [], seqBefore, cache });
    await expectCacheEqualsServer(env.server.db, cache, big.id);
    expect((cache.prepare('SELECT count(*) AS n FROM devices WHERE tenant_id = ?').get(big.id) as { n: number }).n).toBe(BIG_ROWS);
  });

  it('the server killed (SIGKILL) while a push transaction is open: rolled back, then applied once after the restart', async () => {
    const tenant = await tenantWithUser('faults-server', 'tech');
    let server = await startServerChild(env.pg.url);
    track(server.child);
    const c = openConsole(newDir());
    await login(c, server.url, tenant, 'tech');
    await queueDeviceEdits(c, 300, 2700, 'ks'); // 3000 mutations
    const clientId = c.sync.state.clientId();
    const created = outboxIds(c.workspace.sqlite, tenant.id);
    expect(created).toHaveLength(3000);
    const seqBefore = await changeSeq(env.server.db, tenant.id);

    const killMidTransaction = async (push: () => Promise<unknown>): Promise<unknown> => {
      const hold = await holdPushTransactions();
      let settled: unknown = null;
      const pushed = push().then(
        () => 'answered',
        (err: unknown) => (settled = err),
      );
      try {
        // the push's transaction has locked the tenant and written its rows, and waits to record its results
        const pid = await waitFor('the push transaction to block', () => hold.blockedPid());
        expect(await hold.wrote(pid, 'sync_rows'), 'the open transaction has written rows').toBe(true);
        expect(await server.child.kill()).toMatchObject({ signal: 'SIGKILL' });
        expect(await pushed).not.toBe('answered');
        await hold.release();
        await waitFor('PostgreSQL to end the dead server’s transaction', () => backendGone(pid));
      } finally {
        await hold.release();
      }
      // rolled back: nothing of that push is on the server
      expect(await appliedCount(env.server.db, tenant.id, clientId)).toBe(0);
      expect(await changeSeq(env.server.db, tenant.id)).toBe(seqBefore);
      expect((await serverRows(env.server.db, tenant.id, 'devices')).size).toBe(0);
      expect(outboxIds(c.workspace.sqlite, tenant.id)).toEqual(created);
      server = await startServerChild(env.pg.url, server.port); // the same address, the same database
      track(server.child);
      return settled;
    };

    // 1) all 3000 queued mutations in ONE push (the console's clientId and token, raw HTTP)
    const token = c.sync.state.tokens()?.accessToken ?? '';
    const mutations = c.sync.outbox.pendingBatch(tenant.id, 10_000).map(prepareOutboxRow).flatMap((p) => (p.kind === 'mutation' ? [p.mutation] : []));
    expect(mutations).toHaveLength(3000);
    const url = server.url;
    const err1 = await killMidTransaction(() =>
      fetch(`${url}/v1/sync/push`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify({ clientId, mutations }),
      }).then((r) => r.json()),
    );
    expect(err1).toBeInstanceOf(Error);

    // 2) the console's own push (1000 per request): it reports the server as unreachable, keeps its outbox
    const err2 = await killMidTransaction(() => c.dispatcher.call('sync.now', {}, ctx));
    expect(err2).toMatchObject({ code: 'UNAVAILABLE' });
    expect(c.sync.status()).toMatchObject({ online: false, pending: 3000 });

    const r = await c.dispatcher.call('sync.now', {}, ctx);
    expect(r).toMatchObject({ pushed: 3000, rejected: 0, status: { pending: 0, online: true } });
    await expectExactlyOnce({ db: env.server.db, tenantId: tenant.id, clientId, created, seqBefore, cache: c.workspace.sqlite });
    await expectCacheEqualsServer(env.server.db, c.workspace.sqlite, tenant.id);
    await server.child.kill();
  });

  it('the connection cut mid-answer during a large pull and during a push: reported, consistent, then complete', async () => {
    const address = new URL(env.baseUrl);
    const proxy = await CutProxy.start({ host: address.hostname, port: Number(address.port) });
    try {
      const c = openConsole(newDir());
      await login(c, proxy.url, big, 'puller');
      const clientId = c.sync.state.clientId();
      const cache = c.workspace.sqlite;
      const finalSeq = await changeSeq(env.server.db, big.id);

      // pull: the connection drops halfway through the second batch's answer
      const probe = await env.user(big, 'probe', 'technician');
      const firstBatch = await fetch(`${env.baseUrl}/v1/sync/pull`, {
        method: 'POST',
        headers: { authorization: `Bearer ${probe.token}`, 'content-type': 'application/json' },
        body: JSON.stringify({ cursor: 0, limit: PULL_BATCH_ROWS }),
      });
      proxy.cutAfter(Math.round((await firstBatch.arrayBuffer()).byteLength * 1.5));
      await expect(c.dispatcher.call('sync.now', {}, ctx)).rejects.toMatchObject({ code: 'UNAVAILABLE' });
      expect(proxy.cuts).toBe(1);
      expect(c.sync.status()).toMatchObject({ online: false, lastError: expect.stringMatching(/cut|reach/) as unknown });
      const cursor = await expectCacheIsPrefixAtCursor(cache, big.id);
      expect(cursor).toBeGreaterThan(0);
      expect(cursor).toBeLessThan(finalSeq);
      const rest = [...(await serverRows(env.server.db, big.id, 'devices')).values()].filter((r) => r.version > cursor).length;
      const healed = await c.dispatcher.call('sync.now', {}, ctx);
      expect(healed).toMatchObject({ pulled: rest, status: { cursor: finalSeq, online: true } });
      await expectCacheEqualsServer(env.server.db, cache, big.id);

      // push: 1500 edits; the answer to the first push (1000, committed on the server) is cut
      const ids = (cache.prepare('SELECT id FROM devices WHERE tenant_id = ? ORDER BY id LIMIT 500').all(big.id) as { id: string }[]).map((r) => r.id);
      await editDevices(c, ids, 1500, 'cut');
      const created = outboxIds(cache, big.id);
      expect(created).toHaveLength(1500);
      const seqBefore = await changeSeq(env.server.db, big.id);
      proxy.cutAfter(600);
      await expect(c.dispatcher.call('sync.now', {}, ctx)).rejects.toMatchObject({ code: 'UNAVAILABLE' });
      expect(proxy.cuts).toBe(2);
      expect(await appliedCount(env.server.db, big.id, clientId)).toBe(1000); // the server did apply it…
      expect(outboxIds(cache, big.id)).toEqual(created); // …but the console never heard: all stays queued
      expect(c.sync.status()).toMatchObject({ online: false, pending: 1500 });

      const r = await c.dispatcher.call('sync.now', {}, ctx);
      expect(r).toMatchObject({ pushed: 1500, rejected: 0, conflicts: 0, status: { pending: 0, online: true } });
      await expectExactlyOnce({ db: env.server.db, tenantId: big.id, clientId, created, seqBefore, cache });
      await expectCacheEqualsServer(env.server.db, cache, big.id);
    } finally {
      await proxy.close();
    }
  });
});
