// The pull's write side on a real SQLite cache: one transaction per batch with its cursor (a
// failure keeps neither), rows mapped from property names, tenant forced, unsent local edits laid
// back on top, a batch that references a row later in it, booleans as 0/1.
import { afterAll, describe, expect, it } from 'vitest';
import { PullApplier } from '../../../electron/services/sync/pullApplier';
import type { PulledRow } from '../../../shared/sync/protocol';
import { openTempConsole } from '../../helpers/tempWorkspace';

const ctx = { host: 'cli' } as const;
const SITE = '01890a5d-ac96-774b-bcce-00000000b001';
const DEV = '01890a5d-ac96-774b-bcce-00000000b002';

describe('pull applier', () => {
  const c = openTempConsole();
  afterAll(() => c.dispose());
  const tenantId = c.workspace.tenant().id;
  const applier = new PullApplier(c.workspace.sqlite);
  const device = (version: number, data: Record<string, string | number | boolean | null>): PulledRow => ({
    table: 'devices',
    rowId: DEV,
    version,
    deletedAt: null,
    data: { name: 'core', mgmtAddress: '192.0.2.1', siteId: SITE, tenantId: 'someone-else', ...data },
  });
  const site: PulledRow = { table: 'sites', rowId: SITE, version: 1, deletedAt: null, data: { name: 'North', code: 'N' } };

  it('applies a batch whose device references a site later in it, forcing the tenant', () => {
    let cursor = 0;
    const r = applier.apply(tenantId, [device(2, { notes: 'n1' }), site], () => (cursor = 2), Date.now());
    expect(r).toEqual({ applied: 2, skipped: [] });
    expect(cursor).toBe(2);
    const row = c.workspace.sqlite.prepare('SELECT tenant_id AS t, site_id AS s, notes, version FROM devices WHERE id = ?').get(DEV);
    expect(row).toEqual({ t: tenantId, s: SITE, notes: 'n1', version: 2 });
  });

  it('keeps nothing when the cursor cannot be saved (rows and cursor commit together)', () => {
    expect(() =>
      applier.apply(tenantId, [device(3, { notes: 'lost' })], () => {
        throw new Error('killed');
      }, Date.now()),
    ).toThrow('killed');
    expect(c.workspace.sqlite.prepare('SELECT notes, version FROM devices WHERE id = ?').get(DEV)).toEqual({ notes: 'n1', version: 2 });
  });

  it('lays an unsent local edit back over the pulled row', async () => {
    await c.dispatcher.call('devices.update', { id: DEV, patch: { location: 'mine' } }, ctx);
    applier.apply(tenantId, [device(4, { notes: 'theirs', location: 'theirs' })], () => undefined, Date.now());
    expect(c.workspace.sqlite.prepare('SELECT notes, location, version FROM devices WHERE id = ?').get(DEV)).toEqual({ notes: 'theirs', location: 'mine', version: 4 });
  });

  it('tombstones stay soft deletes; booleans become 0/1', () => {
    applier.apply(tenantId, [{ table: 'devices', rowId: DEV, version: 5, data: null, deletedAt: 1234 }], () => undefined, Date.now());
    expect(c.workspace.sqlite.prepare('SELECT deleted_at AS d, version FROM devices WHERE id = ?').get(DEV)).toEqual({ d: 1234, version: 5 });
    const EP = '01890a5d-ac96-774b-bcce-00000000b003';
    applier.apply(tenantId, [{ table: 'voltha_endpoints', rowId: EP, version: 6, deletedAt: null, data: { name: 'v', address: '10.0.0.1:55555', tls: true } }], () => undefined, Date.now());
    expect(c.workspace.sqlite.prepare('SELECT tls FROM voltha_endpoints WHERE id = ?').get(EP)).toEqual({ tls: 1 });
  });

  it('skips (and reports) a row the cache cannot hold instead of failing the batch', () => {
    const r = applier.apply(
      tenantId,
      [{ table: 'sites', rowId: '01890a5d-ac96-774b-bcce-00000000b009', version: 7, deletedAt: null, data: { name: 'Dup', code: 'N' } }],
      () => undefined,
      Date.now(),
    );
    expect(r.applied).toBe(0);
    expect(r.skipped[0]?.message).toMatch(/UNIQUE/);
  });
});
