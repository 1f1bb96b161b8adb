// The console's sync service end to end against an in-memory server (consoleFakeServer.ts): login
// and role, push (applied, refused → review without blocking), pull with rebase of unsent edits,
// transport failures leaving the outbox alone, token refresh, conflicts inbox, offline unlock, and
// no token in any response or event.
import fs from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { createConsoleServices, type ConsoleServices } from '../../../electron/services/consoleServices';
import { NocError } from '../../../shared/ipc/errors';
import { tempDir } from '../../helpers/tempWorkspace';
import { FakeSyncServer } from './consoleFakeServer';

const ctx = { host: 'cli' } as const;
const LOGIN = { server: 'http://sync.test', tenant: 'acme', username: 'alice', password: 'pw-alice' };

interface Console extends ConsoleServices {
  clock: { now: number };
  events: { name: string; payload: unknown }[];
}

const open: { c: ConsoleServices; dir: string }[] = [];
afterEach(() => {
  for (const { c, dir } of open.splice(0)) {
    c.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

function consoleFor(server: FakeSyncServer): Console {
  const dir = tempDir('noc-sync-');
  const clock = { now: 1_800_000_000_000 };
  const c = createConsoleServices({ dir, host: 'cli', actor: 'test', now: () => clock.now, sync: { http: { fetch: server.fetch, timeoutMs: 2000 } } });
  open.push({ c, dir });
  const events: { name: string; payload: unknown }[] = [];
  c.bus.subscribe((name, payload) => events.push({ name, payload }));
  return Object.assign(c, { clock, events });
}

async function addDevice(c: ConsoleServices, name: string, notes = '') {
  return c.dispatcher.call('devices.create', { name, mgmtAddress: '192.0.2.10', notes }, ctx);
}

describe('console sync against a fake server', () => {
  it('login makes the server tenant active and its role the enforced one; tokens never leave sealed', async () => {
    const server = new FakeSyncServer();
    const c = consoleFor(server);
    expect(c.workspace.role()).toBe('admin');
    const st = await c.dispatcher.call('sync.login', LOGIN, ctx);
    expect(st).toMatchObject({ loggedIn: true, tenantSlug: 'acme', username: 'alice', role: 'technician', online: true });
    expect(c.workspace.tenant().id).toBe(server.tenantId);
    expect(c.workspace.role()).toBe('technician');
    const info = await c.dispatcher.call('app.info', {}, ctx);
    expect(info.role).toBe('technician');
    expect(info.permissions).not.toContain('workspace:admin');
    // nothing outside the sealed setting holds a token or the password
    const everything = JSON.stringify([st, c.events, c.workspace.sqlite.prepare('SELECT * FROM settings').all()]);
    expect(everything).not.toMatch(/acc-\d|ref-\d|pw-alice/);
    expect(c.events.some((e) => e.name === 'sync.status')).toBe(true);
  });

  it('refuses a wrong password with AUTH_FAILED and an unreachable server with UNAVAILABLE', async () => {
    const server = new FakeSyncServer();
    const c = consoleFor(server);
    await expect(c.dispatcher.call('sync.login', { ...LOGIN, password: 'nope-nope' }, ctx)).rejects.toMatchObject({ code: 'AUTH_FAILED' });
    server.offline = true;
    await expect(c.dispatcher.call('sync.login', LOGIN, ctx)).rejects.toMatchObject({ code: 'UNAVAILABLE' });
    expect(c.workspace.role()).toBe('admin');
  });

  it('pushes pending changes in order; a refused one goes to review and does not block the next', async () => {
    const server = new FakeSyncServer();
    const c = consoleFor(server);
    await c.dispatcher.call('sync.login', LOGIN, ctx);
    const d1 = await addDevice(c, 'r1');
    await addDevice(c, 'REJECT-ME');
    const d3 = await addDevice(c, 'r3');
    expect((await c.dispatcher.call('sync.status', {}, ctx)).pending).toBe(3 + 0);
    const r = await c.dispatcher.call('sync.now', {}, ctx);
    expect(r).toMatchObject({ pushed: 2, rejected: 1 });
    expect(r.status).toMatchObject({ pending: 0, review: 1, online: true });
    const review = await c.dispatcher.call('sync.outbox.list', { status: 'review' }, ctx);
    expect(review.items).toHaveLength(1);
    expect(review.items[0]).toMatchObject({ table: 'devices', reviewCode: 'VALIDATION', reviewMessage: 'name is refused' });
    // the applied rows carry the server's version
    expect((await c.dispatcher.call('devices.get', { id: d1.id }, ctx)).version).toBeGreaterThan(0);
    expect(server.rows.get(`devices|${d3.id}`)?.data.name).toBe('r3');
    // retry → pending → refused again (same mutation id: the server answers the stored result)
    const seq = review.items[0]?.seq ?? 0;
    expect(await c.dispatcher.call('sync.outbox.retry', { seqs: [seq] }, ctx)).toEqual({ retried: 1 });
    expect((await c.dispatcher.call('sync.now', {}, ctx)).status.review).toBe(1);
    const disc = await c.dispatcher.call('sync.outbox.discard', { seqs: [seq] }, ctx);
    expect(disc.discarded).toBe(1);
    expect(disc.note).toMatch(/next pull/);
  });

  it('a transport failure leaves the outbox as it is; the next sync sends it exactly once', async () => {
    const server = new FakeSyncServer();
    const c = consoleFor(server);
    await c.dispatcher.call('sync.login', LOGIN, ctx);
    await addDevice(c, 'r1');
    server.offline = true;
    await expect(c.dispatcher.call('sync.now', {}, ctx)).rejects.toBeInstanceOf(NocError);
    const st = await c.dispatcher.call('sync.status', {}, ctx);
    expect(st).toMatchObject({ online: false, pending: 1 });
    expect(st.lastError).toMatch(/cannot be reached/);
    server.offline = false;
    expect(await c.dispatcher.call('sync.now', {}, ctx)).toMatchObject({ pushed: 1 });
    expect(server.rows.size).toBe(1);
  });

  it('refreshes an expired access token and carries on', async () => {
    const server = new FakeSyncServer();
    const c = consoleFor(server);
    await c.dispatcher.call('sync.login', LOGIN, ctx);
    server.expireAccessTokens();
    await addDevice(c, 'r1');
    expect(await c.dispatcher.call('sync.now', {}, ctx)).toMatchObject({ pushed: 1 });
  });

  it('a refresh brings a role changed on the server; a refused refresh ends the session (viewer)', async () => {
    const server = new FakeSyncServer();
    const c = consoleFor(server);
    await c.dispatcher.call('sync.login', LOGIN, ctx);
    const alice = server.users.alice;
    if (alice) alice.role = 'viewer';
    server.expireAccessTokens();
    await c.dispatcher.call('sync.now', {}, ctx);
    expect(c.workspace.role()).toBe('viewer');
    // someone replayed the refresh token: the server refuses ours, the console drops to viewer
    server.expireAccessTokens();
    const stolen = c.sync.state.tokens();
    expect(stolen).not.toBeNull();
    await server.fetch('http://sync.test/v1/auth/refresh', { method: 'POST', body: JSON.stringify({ refreshToken: stolen?.refreshToken }) });
    await expect(c.dispatcher.call('sync.now', {}, ctx)).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
    expect((await c.dispatcher.call('sync.status', {}, ctx)).loggedIn).toBe(false);
    expect(c.workspace.role()).toBe('viewer');
  });

  it('two consoles converge; the later pusher gets the conflict with both values and settles it', async () => {
    const server = new FakeSyncServer();
    const a = consoleFor(server);
    const b = consoleFor(server);
    await a.dispatcher.call('sync.login', LOGIN, ctx);
    await b.dispatcher.call('sync.login', { ...LOGIN, username: 'bob', password: 'pw-bob' }, ctx);
    const dev = await addDevice(a, 'core1', 'original');
    await a.dispatcher.call('sync.now', {}, ctx);
    await b.dispatcher.call('sync.now', {}, ctx);
    const onB = await b.dispatcher.call('devices.get', { id: dev.id }, ctx);
    expect(onB).toMatchObject({ name: 'core1', notes: 'original' });

    // both edit offline
    await a.dispatcher.call('devices.update', { id: dev.id, patch: { notes: 'from A', location: 'rack 1' } }, ctx);
    await b.dispatcher.call('devices.update', { id: dev.id, patch: { notes: 'from B' } }, ctx);
    await a.dispatcher.call('sync.now', {}, ctx);
    // B pulls before pushing? its unsent edit survives the pull (rebase)
    const bPending = b.workspace.sqlite.prepare("SELECT count(*) AS n FROM outbox WHERE status = 'pending'").get() as { n: number };
    expect(bPending.n).toBe(1);
    await b.dispatcher.call('sync.now', {}, ctx);
    await a.dispatcher.call('sync.now', {}, ctx);

    const ra = await a.dispatcher.call('devices.get', { id: dev.id }, ctx);
    const rb = await b.dispatcher.call('devices.get', { id: dev.id }, ctx);
    expect(ra).toMatchObject({ notes: 'from B', location: 'rack 1' });
    expect(rb).toEqual({ ...ra, siteName: rb.siteName });
    expect(ra.version).toBe(server.rows.get(`devices|${dev.id}`)?.version);

    const inbox = await b.dispatcher.call('sync.conflicts.list', {}, ctx);
    expect(inbox.items).toHaveLength(1);
    expect(inbox.items[0]).toMatchObject({ table: 'devices', rowId: dev.id, field: 'notes', mine: 'from B', theirs: 'from A', theirsBy: 'alice', winner: 'mine', current: 'from B' });
    expect((await a.dispatcher.call('sync.conflicts.list', {}, ctx)).items).toHaveLength(0);

    // B takes theirs: a normal local edit, pushed, and A sees it
    const res = await b.dispatcher.call('sync.conflicts.resolve', { id: inbox.items[0]?.id ?? '', choice: 'theirs' }, ctx);
    expect(res).toEqual({ id: inbox.items[0]?.id, resolution: 'theirs', value: 'from A', queuedChange: true });
    await expect(b.dispatcher.call('sync.conflicts.resolve', { id: res.id, choice: 'mine' }, ctx)).rejects.toMatchObject({ code: 'CONFLICT' });
    await b.dispatcher.call('sync.now', {}, ctx);
    await a.dispatcher.call('sync.now', {}, ctx);
    expect((await a.dispatcher.call('devices.get', { id: dev.id }, ctx)).notes).toBe('from A');
    expect((await b.dispatcher.call('sync.status', {}, ctx)).conflicts).toBe(0);
  });

  it('a merged value is written as a new edit; mine needs no change when the row already holds it', async () => {
    const server = new FakeSyncServer();
    const a = consoleFor(server);
    const b = consoleFor(server);
    await a.dispatcher.call('sync.login', LOGIN, ctx);
    await b.dispatcher.call('sync.login', { ...LOGIN, username: 'bob', password: 'pw-bob' }, ctx);
    const dev = await addDevice(a, 'core2', 'x');
    await a.dispatcher.call('sync.now', {}, ctx);
    await b.dispatcher.call('sync.now', {}, ctx);
    await a.dispatcher.call('devices.update', { id: dev.id, patch: { notes: 'A1', location: 'L-A' } }, ctx);
    await b.dispatcher.call('devices.update', { id: dev.id, patch: { notes: 'B1', location: 'L-B' } }, ctx);
    await a.dispatcher.call('sync.now', {}, ctx);
    await b.dispatcher.call('sync.now', {}, ctx);
    const items = (await b.dispatcher.call('sync.conflicts.list', {}, ctx)).items;
    expect(items.map((i) => i.field).sort()).toEqual(['location', 'notes']);
    const notes = items.find((i) => i.field === 'notes');
    const loc = items.find((i) => i.field === 'location');
    expect(await b.dispatcher.call('sync.conflicts.resolve', { id: loc?.id ?? '', choice: 'mine' }, ctx)).toMatchObject({ queuedChange: false, value: 'L-B' });
    expect(await b.dispatcher.call('sync.conflicts.resolve', { id: notes?.id ?? '', choice: 'merged', value: 'A1 + B1' }, ctx)).toMatchObject({ queuedChange: true });
    await b.dispatcher.call('sync.now', {}, ctx);
    await a.dispatcher.call('sync.now', {}, ctx);
    expect(await a.dispatcher.call('devices.get', { id: dev.id }, ctx)).toMatchObject({ notes: 'A1 + B1', location: 'L-B' });
  });

  it('pulls in batches with the cursor committed with the rows; tombstones stay soft deletes', async () => {
    const server = new FakeSyncServer();
    const a = consoleFor(server);
    const b = consoleFor(server);
    await a.dispatcher.call('sync.login', LOGIN, ctx);
    await b.dispatcher.call('sync.login', LOGIN, ctx);
    const ids: string[] = [];
    for (let i = 0; i < 12; i++) ids.push((await addDevice(a, `edge${i}`)).id);
    await a.dispatcher.call('devices.delete', { id: ids[0] ?? '' }, ctx);
    await a.dispatcher.call('sync.now', {}, ctx);
    const r = await b.dispatcher.call('sync.now', {}, ctx);
    expect(r.pulled).toBe(12);
    expect(r.status.cursor).toBe(server.seq);
    const live = b.workspace.sqlite.prepare('SELECT count(*) AS n FROM devices WHERE deleted_at IS NULL').get() as { n: number };
    const dead = b.workspace.sqlite.prepare('SELECT count(*) AS n FROM devices WHERE deleted_at IS NOT NULL').get() as { n: number };
    expect([live.n, dead.n]).toEqual([11, 1]);
    // a second sync pulls nothing new
    expect((await b.dispatcher.call('sync.now', {}, ctx)).pulled).toBe(0);
  });

  it('the synced role holds offline for NOC_OFFLINE_UNLOCK_HOURS after the last contact, then viewer; logout → viewer', async () => {
    const server = new FakeSyncServer();
    const c = consoleFor(server);
    await c.dispatcher.call('sync.login', LOGIN, ctx);
    server.offline = true;
    c.clock.now += 71 * 3_600_000;
    expect(c.workspace.role()).toBe('technician');
    await expect(c.dispatcher.call('sync.now', {}, ctx)).rejects.toMatchObject({ code: 'UNAVAILABLE' });
    c.clock.now += 2 * 3_600_000;
    expect(c.workspace.role()).toBe('viewer');
    await expect(addDevice(c, 'late')).rejects.toMatchObject({ code: 'PERMISSION_DENIED' });
    server.offline = false;
    await c.dispatcher.call('sync.login', LOGIN, ctx);
    expect(c.workspace.role()).toBe('technician');
    const out = await c.dispatcher.call('sync.logout', {}, ctx);
    expect(out.loggedIn).toBe(false);
    expect(c.workspace.role()).toBe('viewer');
    expect(c.workspace.getSetting('sync.tokens')).toBeNull();
  });

  it('site pack pulls and counts what each site carries', async () => {
    const server = new FakeSyncServer();
    const a = consoleFor(server);
    await a.dispatcher.call('sync.login', LOGIN, ctx);
    const siteId = '01890a5d-ac96-774b-bcce-00000000a001';
    const now = Date.now();
    a.workspace.sqlite
      .prepare("INSERT INTO sites (id, tenant_id, version, updated_at, name, code) VALUES (?, ?, 0, ?, 'North', 'NTH')")
      .run(siteId, server.tenantId, now);
    const d = await a.dispatcher.call('devices.create', { name: 'olt-n1', mgmtAddress: '192.0.2.77', siteId }, ctx);
    expect(d.siteId).toBe(siteId);
    const pack = await a.dispatcher.call('sync.sitePack', { siteIds: [siteId, '01890a5d-ac96-774b-bcce-00000000a0ff'] }, ctx);
    expect(pack.synced).toBe(true);
    expect(pack.sites).toEqual([{ siteId, code: 'NTH', name: 'North', devices: 1, links: 0, interfaces: 0, configBackups: 0, knownHosts: 0, subscribers: 0 }]);
    expect(pack.message).toMatch(/Not in the cache/);
  });
});
