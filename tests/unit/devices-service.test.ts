import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openTempConsole } from '../helpers/tempWorkspace';

const ctx = { host: 'cli' } as const;
type Console = ReturnType<typeof openTempConsole>;

describe('device inventory', () => {
  let c: Console;
  beforeEach(() => {
    c = openTempConsole();
  });
  afterEach(() => c.dispose());

  it('adds, edits, finds and deletes a device, recording each change in the outbox', async () => {
    const created = await c.dispatcher.call('devices.create', { name: 'edge-01', mgmtAddress: '192.0.2.1', role: 'edge_router', vendor: 'Juniper' }, ctx);
    expect(created).toMatchObject({ name: 'edge-01', mgmtAddress: '192.0.2.1', role: 'edge_router', status: 'unknown' });
    const updated = await c.dispatcher.call('devices.update', { id: created.id, baseVersion: 0, patch: { notes: 'rack 4' } }, ctx);
    expect(updated.notes).toBe('rack 4');
    const found = await c.dispatcher.call('devices.list', { search: 'junip' }, ctx);
    expect(found.items.map((d) => d.name)).toEqual(['edge-01']);
    await c.dispatcher.call('devices.delete', { id: created.id }, ctx);
    expect((await c.dispatcher.call('devices.list', {}, ctx)).total).toBe(0);
    const ops = c.workspace.sqlite.prepare('SELECT op FROM outbox WHERE row_id = ? ORDER BY seq').all(created.id) as { op: string }[];
    expect(ops.map((o) => o.op)).toEqual(['insert', 'update', 'delete']);
  });

  it('refuses a duplicate name and an edit against a stale version', async () => {
    const d = await c.dispatcher.call('devices.create', { name: 'sw-1', mgmtAddress: 'sw-1.example.net' }, ctx);
    const dup = await c.dispatcher.invoke('devices.create', { name: 'sw-1', mgmtAddress: '192.0.2.7' }, ctx);
    expect(dup).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    const stale = await c.dispatcher.invoke('devices.update', { id: d.id, baseVersion: 3, patch: { notes: 'x' } }, ctx);
    expect(stale).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
  });

  it('pages by keyset in both directions without gaps or repeats, under a search filter', async () => {
    for (let i = 0; i < 57; i++) {
      await c.dispatcher.call('devices.create', { name: `olt-${String(i).padStart(2, '0')}`, mgmtAddress: `192.0.2.${i + 1}`, role: 'olt' }, ctx);
      await c.dispatcher.call('devices.create', { name: `ap-${String(i).padStart(2, '0')}`, mgmtAddress: `198.51.100.${i + 1}`, role: 'wireless_ap' }, ctx);
    }
    for (const dir of ['asc', 'desc'] as const) {
      const names: string[] = [];
      let cursor: string | null = null;
      do {
        const page: { items: { name: string }[]; nextCursor: string | null; total: number | null } = await c.dispatcher.call(
          'devices.list',
          { search: 'olt', sort: 'name', dir, cursor, limit: 10 },
          ctx,
        );
        expect(page.total).toBe(57);
        names.push(...page.items.map((d) => d.name));
        cursor = page.nextCursor;
      } while (cursor);
      const expected = Array.from({ length: 57 }, (_, i) => `olt-${String(i).padStart(2, '0')}`);
      expect(names).toEqual(dir === 'asc' ? expected : expected.reverse());
    }
  });

  it('treats LIKE wildcards in a search as plain text', async () => {
    await c.dispatcher.call('devices.create', { name: 'core_1', mgmtAddress: '192.0.2.1' }, ctx);
    await c.dispatcher.call('devices.create', { name: 'coreX1', mgmtAddress: '192.0.2.2' }, ctx);
    const r = await c.dispatcher.call('devices.list', { search: 'core_' }, ctx);
    expect(r.items.map((d) => d.name)).toEqual(['core_1']);
  });

  it('imports CSV: bad rows are reported by line number, good rows are kept', async () => {
    const csv = [
      'name,mgmt_address,role,vendor,site',
      'r1,192.0.2.1,core_router,Juniper,',
      'r2,not an address,edge_router,Cisco,',
      ',192.0.2.3,switch,,',
      'r4,192.0.2.4,toaster,,',
      'r5,2001:db8::5,Edge Router,MikroTik,',
      'r1,192.0.2.9,switch,,',
      'r7,192.0.2.7,switch,,Nowhere',
    ].join('\n');
    const r = await c.dispatcher.call('devices.import', { csv }, ctx);
    expect(r.imported).toBe(2);
    expect(r.errors.map((e) => e.line)).toEqual([3, 4, 5, 7, 8]);
    expect(r.errors[0]?.message).toMatch(/mgmtAddress/);
    expect(r.errors[3]?.message).toMatch(/duplicate of line 2/);
    expect(r.errors[4]?.message).toMatch(/site "Nowhere"/);
    const names = (await c.dispatcher.call('devices.list', {}, ctx)).items.map((d) => [d.name, d.mgmtAddress, d.role]);
    expect(names).toEqual([
      ['r1', '192.0.2.1', 'core_router'],
      ['r5', '2001:db8::5', 'edge_router'],
    ]);
  });

  it('reports a CSV without the required columns on line 1', async () => {
    const r = await c.dispatcher.call('devices.import', { csv: 'hostname;ip\nr1;192.0.2.1\n' }, ctx);
    expect(r.imported).toBe(0);
    expect(r.errors).toEqual([{ line: 1, message: expect.stringMatching(/header/) }]);
  });
});
