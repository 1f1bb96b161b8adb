// Two consoles (two workspaces) and the real sync service (Fastify on port 0, a fresh PostgreSQL
// database): both log in to one tenant, both edit while the server is unreachable, reconnect and
// converge — each cache's devices compared with the server's sync_rows row by row; the later
// pusher finds the conflicting field edit in its inbox with both values; a refused mutation lands
// in review without blocking the ones after it; a live poke makes a background console pull.
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser } from '../../../server/src/admin/users';
import { createConsoleServices, type ConsoleServices } from '../../../electron/services/consoleServices';
import { ChangeRecorder } from '../../../electron/services/cache/repositories/outboxWriter';
import { cacheTable, fromSqlValue } from '../../../electron/services/sync/cacheTables';
import { SYNC_KEYS } from '../../../electron/services/sync/syncState';
import { tempDir } from '../../helpers/tempWorkspace';
import { SyncTestEnv } from '../server/syncFixture';

const ctx = { host: 'cli' } as const;
const NOC = path.resolve('bin/noc.mjs');
const run = promisify(execFile);
const UNREACHABLE = 'http://127.0.0.1:9';

let env: SyncTestEnv;
let tenant: { id: string; slug: string };
const consoles: { c: ConsoleServices; dir: string }[] = [];

function newConsole(): ConsoleServices {
  const dir = tempDir('noc-sync-it-');
  const c = createConsoleServices({ dir, host: 'cli', actor: 'it', sync: { http: { timeoutMs: 5000 }, intervalMs: 60_000 } });
  consoles.push({ c, dir });
  return c;
}

async function login(c: ConsoleServices, username: string): Promise<void> {
  await c.dispatcher.call('sync.login', { server: env.baseUrl, tenant: tenant.slug, username, password: `${username}-password-1` }, ctx);
}

/** Makes a console's server unreachable (as if the network were gone) or reachable again. */
function setReachable(c: ConsoleServices, reachable: boolean): void {
  c.workspace.setSetting(SYNC_KEYS.serverUrl, reachable ? env.baseUrl.replace(/\/+$/, '') : UNREACHABLE);
}

async function serverDevices(): Promise<Map<string, { version: number; data: Record<string, unknown>; deletedAt: number | null }>> {
  const res = await env.server.db.execute(
    sql`select row_id, version, data, deleted_at from sync_rows where tenant_id = ${tenant.id}::uuid and table_name = 'devices' order by row_id`,
  );
  const rows = (res as unknown as { rows: { row_id: string; version: string | number; data: Record<string, unknown>; deleted_at: string | number | null }[] }).rows;
  return new Map(rows.map((r) => [r.row_id, { version: Number(r.version), data: r.data, deletedAt: r.deleted_at === null ? null : Number(r.deleted_at) }]));
}

/**
 * The cache's devices equal the server's, row by row: the same live rows with the same version and
 * field values, and every row the server deleted is deleted here too (a tombstone comes without
 * data, so a console that never saw a row does not get one just to mark it deleted).
 */
async function expectCacheEqualsServer(c: ConsoleServices): Promise<void> {
  const server = await serverDevices();
  const t = cacheTable('devices');
  const local = c.workspace.sqlite.prepare('SELECT * FROM devices WHERE tenant_id = ? ORDER BY id').all(tenant.id) as Record<string, unknown>[];
  const liveServer = [...server.entries()].filter(([, r]) => r.deletedAt === null).map(([id]) => id).sort();
  expect(local.filter((r) => r.deleted_at === null).map((r) => r.id)).toEqual(liveServer);
  for (const row of local) {
    const s = server.get(String(row.id));
    expect(s, String(row.id)).toBeDefined();
    if (!s) continue;
    expect(row.version, `version of ${String(row.id)}`).toBe(s.version);
    expect(row.deleted_at === null ? null : Number(row.deleted_at), `deleted_at of ${String(row.id)}`).toBe(s.deletedAt);
    for (const [prop, value] of Object.entries(s.data)) {
      const col = t.columns.get(prop);
      if (col === undefined || prop === 'id' || prop === 'tenantId' || prop === 'version' || prop === 'updatedAt' || prop === 'deletedAt') continue;
      expect(fromSqlValue(t, prop, row[col]), `${String(row.id)}.${prop}`).toEqual(value);
    }
  }
}

beforeAll(async () => {
  env = await SyncTestEnv.start();
  tenant = await env.tenant('acme-it');
  for (const u of ['alice', 'bob']) await createUser(env.server.db, { tenantId: tenant.id, username: u, password: `${u}-password-1`, role: 'technician' }, Date.now());
});

afterAll(async () => {
  for (const { c, dir } of consoles.splice(0)) {
    c.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
  await env?.close();
});

describe('two consoles against the real sync service', () => {
  it('offline edits on both converge; the later pusher gets the conflict; a refused mutation goes to review', async () => {
    const a = newConsole();
    const b = newConsole();
    await login(a, 'alice');
    await login(b, 'bob');
    expect(a.workspace.role()).toBe('technician');
    expect(a.workspace.tenant().id).toBe(tenant.id);

    const shared = await a.dispatcher.call('devices.create', { name: 'core1', mgmtAddress: '192.0.2.1', notes: 'original' }, ctx);
    expect(await a.dispatcher.call('sync.now', {}, ctx)).toMatchObject({ pushed: 1 });
    expect((await b.dispatcher.call('sync.now', {}, ctx)).pulled).toBeGreaterThanOrEqual(1);
    expect(await b.dispatcher.call('devices.get', { id: shared.id }, ctx)).toMatchObject({ name: 'core1', notes: 'original' });

    // both go offline and edit
    setReachable(a, false);
    setReachable(b, false);
    await a.dispatcher.call('devices.update', { id: shared.id, patch: { notes: 'from A', location: 'rack A' } }, ctx);
    const a2 = await a.dispatcher.call('devices.create', { name: 'edge-a', mgmtAddress: '192.0.2.2' }, ctx);
    await b.dispatcher.call('devices.update', { id: shared.id, patch: { notes: 'from B' } }, ctx);
    // a change the server must refuse (a technician may not write billing), queued before B's others
    const planId = '01890a5d-ac96-774b-bcce-00000000c001';
    b.workspace.sqlite.transaction(() => {
      b.workspace.sqlite
        .prepare("INSERT INTO service_plans (id, tenant_id, version, updated_at, code, name, download_kbps, upload_kbps, price_minor, currency) VALUES (?, ?, 0, 0, 'P1', 'Plan', 1, 1, 100, 'USD')")
        .run(planId, tenant.id);
      new ChangeRecorder(b.workspace.sqlite).record(b.workspace.scope(), 'service_plans', planId, 'insert', 0, { code: 'P1', name: 'Plan', downloadKbps: 1, uploadKbps: 1, priceMinor: 100, currency: 'USD' }, Date.now());
    })();
    const b2 = await b.dispatcher.call('devices.create', { name: 'edge-b', mgmtAddress: '192.0.2.3' }, ctx);
    await a.dispatcher.call('devices.delete', { id: a2.id }, ctx);

    await expect(a.dispatcher.call('sync.now', {}, ctx)).rejects.toMatchObject({ code: 'UNAVAILABLE' });
    await expect(b.dispatcher.call('sync.now', {}, ctx)).rejects.toMatchObject({ code: 'UNAVAILABLE' });
    expect(await b.dispatcher.call('sync.status', {}, ctx)).toMatchObject({ online: false, pending: 3 });
    expect(b.workspace.role()).toBe('technician'); // offline unlock

    // reconnect: A first, then B (the later pusher), then A again to pull B's changes
    setReachable(a, true);
    setReachable(b, true);
    await a.dispatcher.call('sync.now', {}, ctx);
    const rb = await b.dispatcher.call('sync.now', {}, ctx);
    expect(rb).toMatchObject({ rejected: 1, conflicts: 1 });
    expect(rb.status).toMatchObject({ pending: 0, review: 1, conflicts: 1 });
    await a.dispatcher.call('sync.now', {}, ctx);

    const review = await b.dispatcher.call('sync.outbox.list', { status: 'review' }, ctx);
    expect(review.items).toEqual([expect.objectContaining({ table: 'service_plans', rowId: planId, reviewCode: 'PERMISSION_DENIED' })]);
    const server = await serverDevices();
    expect(server.get(b2.id)?.data.name).toBe('edge-b'); // queued after the refused one, applied anyway
    expect(server.get(a2.id)?.deletedAt).not.toBeNull();

    const inbox = await b.dispatcher.call('sync.conflicts.list', {}, ctx);
    expect(inbox.items).toEqual([
      expect.objectContaining({ table: 'devices', rowId: shared.id, field: 'notes', mine: 'from B', theirs: 'from A', winner: 'mine', current: 'from B' }),
    ]);
    expect((await a.dispatcher.call('sync.conflicts.list', {}, ctx)).items).toEqual([]);

    const dA = await a.dispatcher.call('devices.get', { id: shared.id }, ctx);
    const dB = await b.dispatcher.call('devices.get', { id: shared.id }, ctx);
    expect(dA).toMatchObject({ notes: 'from B', location: 'rack A' });
    // updatedAt is each cache's own bookkeeping (the server's rows do not carry it)
    expect({ ...dB, updatedAt: 0 }).toEqual({ ...dA, updatedAt: 0 });
    await expectCacheEqualsServer(a);
    await expectCacheEqualsServer(b);

    // B settles the conflict with A's text: a normal edit that reaches A
    const r = await b.dispatcher.call('sync.conflicts.resolve', { id: inbox.items[0]?.id ?? '', choice: 'theirs' }, ctx);
    expect(r.queuedChange).toBe(true);
    await b.dispatcher.call('sync.now', {}, ctx);
    await a.dispatcher.call('sync.now', {}, ctx);
    expect((await a.dispatcher.call('devices.get', { id: shared.id }, ctx)).notes).toBe('from A');
    await expectCacheEqualsServer(a);
    await expectCacheEqualsServer(b);
  });

  it('a console syncing in the background pulls when the server pokes it', async () => {
    const a = newConsole();
    const b = newConsole();
    await login(a, 'alice');
    await login(b, 'bob');
    await a.dispatcher.call('sync.now', {}, ctx);
    await b.dispatcher.call('sync.now', {}, ctx);
    b.sync.start(); // timer at 60 s: only the live poke can make it pull within the wait below
    await new Promise((r) => setTimeout(r, 1500)); // the live channel connects
    const d = await a.dispatcher.call('devices.create', { name: 'poked', mgmtAddress: '192.0.2.50' }, ctx);
    await a.dispatcher.call('sync.now', {}, ctx);
    const deadline = Date.now() + 15_000;
    let found = false;
    while (!found && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 200));
      found = b.workspace.sqlite.prepare('SELECT 1 FROM devices WHERE id = ?').get(d.id) !== undefined;
    }
    expect(found).toBe(true);
    b.sync.close();
  });

  it('the noc CLI logs in (password from the environment), syncs once and reports status and outbox as JSON', async () => {
    const dir = tempDir('noc-sync-cli-');
    try {
      const env0 = { ...process.env, NOC_PW: 'alice-password-1' };
      const noc = async (...args: string[]) => (await run(process.execPath, [NOC, ...args, '--workspace', dir], { env: env0 })).stdout;
      const login = JSON.parse(await noc('login', '--server', env.baseUrl, '--tenant', tenant.slug, '--user', 'alice', '--password-env', 'NOC_PW', '--json')) as Record<string, unknown>;
      expect(login).toMatchObject({ loggedIn: true, username: 'alice', role: 'technician' });
      expect(JSON.stringify(login)).not.toContain('alice-password-1');
      const once = JSON.parse(await noc('sync', '--once', '--json')) as { pulled: number; status: { cursor: number } };
      expect(once.pulled).toBeGreaterThan(0);
      const status = JSON.parse(await noc('sync', 'status', '--json')) as { cursor: number; pending: number; online: boolean };
      expect(status).toMatchObject({ cursor: once.status.cursor, pending: 0 });
      expect(JSON.parse(await noc('sync', 'outbox', '--json'))).toEqual({ items: [], total: 0 });
      await noc('logout');
      expect(JSON.parse(await noc('sync', 'status', '--json'))).toMatchObject({ loggedIn: false });
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
