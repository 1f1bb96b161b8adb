// The same engine on the embedded PGlite database (what `npm run server` uses without a
// DATABASE_URL): push, conflict, pull and the NOTIFY at commit work there too.
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTenant } from '../../../server/src/admin/users';
import { openServerDb, type ServerDb } from '../../../server/src/db/database';
import { pull } from '../../../server/src/sync/pull';
import { applyPush } from '../../../server/src/sync/push';
import { SYNC_CHANNEL, type SyncUser } from '../../../server/src/sync/types';

let dir: string;
let server: ServerDb;
let alice: SyncUser;
let bob: SyncUser;

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'noc-sync-pglite-'));
  server = await openServerDb({ dataDir: dir });
  await server.migrate();
  const t = await createTenant(server.db, { slug: 'lite', name: 'lite' });
  alice = { id: randomUUID(), tenantId: t.id, username: 'alice', role: 'technician' };
  bob = { id: randomUUID(), tenantId: t.id, username: 'bob', role: 'technician' };
});

afterAll(async () => {
  await server?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('sync engine on PGlite', () => {
  it('pushes, detects a field conflict, notifies at commit and pulls', async () => {
    const pokes: string[] = [];
    const unlisten = await server.listen(SYNC_CHANNEL, (p) => pokes.push(p));
    const id = randomUUID();
    const ins = await applyPush(server.db, alice, { clientId: 'a', mutations: [{ id: 'm1', table: 'devices', op: 'insert', rowId: id, baseVersion: 0, patch: { name: 'x' } }] });
    expect(ins.results[0]).toMatchObject({ status: 'applied', version: 1 });
    await applyPush(server.db, alice, { clientId: 'a', mutations: [{ id: 'm2', table: 'devices', op: 'update', rowId: id, baseVersion: 1, patch: { name: 'A' } }] });
    const b = await applyPush(server.db, bob, { clientId: 'b', mutations: [{ id: 'm3', table: 'devices', op: 'update', rowId: id, baseVersion: 1, patch: { name: 'B' } }] });
    expect(b.results[0]).toMatchObject({ status: 'applied', conflicts: [expect.objectContaining({ winner: 'B', loser: 'A', loserBy: 'alice' })] });
    // a repeat applies nothing
    const again = await applyPush(server.db, bob, { clientId: 'b', mutations: [{ id: 'm3', table: 'devices', op: 'update', rowId: id, baseVersion: 1, patch: { name: 'B' } }] });
    expect(again).toEqual(b);

    const page = await pull(server.db, alice, { cursor: 0, limit: 10 });
    expect(page).toEqual({ rows: [{ table: 'devices', rowId: id, version: 3, data: { id, tenantId: alice.tenantId, name: 'B' }, deletedAt: null }], cursor: 3, more: false });
    await expect.poll(() => pokes.length).toBe(3);
    expect(JSON.parse(pokes[2]!)).toEqual({ tenantId: alice.tenantId, cursor: 3 });
    await unlisten();
  });
});
