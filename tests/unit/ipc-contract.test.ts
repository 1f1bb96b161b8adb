import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHANNEL_NAMES, EVENT_NAMES } from '../../shared/ipc/channels';
import { contract, events } from '../../shared/ipc/schemas';
import { openTempConsole } from '../helpers/tempWorkspace';

const ctx = { host: 'cli' } as const;

/** Payloads no channel accepts: wrong type, or an object with a key the contract does not know. */
const MALFORMED: unknown[] = ['a string', 42, true, [], { unexpectedField: 1 }];

/** Per-channel malformations of the right shape but wrong values. */
const WRONG_VALUES: Partial<Record<keyof typeof contract, unknown[]>> = {
  'devices.list': [{ limit: 0 }, { limit: 5000 }, { sort: 'password' }, { search: 'x'.repeat(201) }, { siteId: 'not-a-uuid' }],
  'devices.get': [{}, { id: 'not-a-uuid' }, { id: 7 }],
  'devices.create': [{}, { name: '', mgmtAddress: '10.0.0.1' }, { name: 'r1', mgmtAddress: '999.1.1.1' }, { name: 'r1', mgmtAddress: '10.0.0.1', role: 'toaster' }],
  'devices.update': [{ id: 'nope', patch: {} }, { id: '01890a5d-ac96-774b-bcce-b302099a8057', patch: { mgmtAddress: 'bad address!' } }],
  'devices.delete': [{ id: '' }],
  'devices.import': [{}, { csv: 12 }],
  'demo.seed': [{ devices: -1 }, { devices: 10_000_000 }, { subscribers: 1.5 }],
  'reports.run': [{}, { query: { name: 'ar-aging' }, limit: 0 }, { query: { name: 'ar-aging', to: '2026-13-01' } }, { query: { name: 'drop table' } }],
  'reports.chart': [{ query: {} }, { query: { name: 'ar-aging', siteId: 'x' } }],
  'reports.export': [{ query: { name: 'ar-aging' } }, { query: { name: 'ar-aging' }, format: 'exe' }, { query: { name: 'ar-aging' }, format: 'csv', csvBom: 'yes' }],
};

describe('IPC contract', () => {
  const c = openTempConsole();
  beforeAll(() => c.workspace.tenant());
  afterAll(() => c.dispose());

  it('lists the same channels and events in channels.ts as in the schemas', () => {
    expect([...CHANNEL_NAMES].sort()).toEqual(Object.keys(contract).sort());
    expect([...EVENT_NAMES].sort()).toEqual(Object.keys(events).sort());
  });

  it('names a permission and a summary for every channel', () => {
    for (const [name, spec] of Object.entries(contract)) {
      expect(spec.permission, name).toMatch(/^[a-z]+:[a-z:]+$/);
      expect(spec.summary.length, name).toBeGreaterThan(5);
    }
  });

  for (const channel of CHANNEL_NAMES) {
    it(`${channel} refuses malformed payloads with VALIDATION and changes nothing`, async () => {
      const before = c.workspace.sqlite.prepare('SELECT (SELECT count(*) FROM devices) + (SELECT count(*) FROM outbox) AS n').get();
      for (const payload of [...MALFORMED, ...(WRONG_VALUES[channel] ?? [])]) {
        const r = await c.dispatcher.invoke(channel, payload, ctx);
        expect(r.ok, `${channel} accepted ${JSON.stringify(payload)}`).toBe(false);
        if (!r.ok) {
          expect(r.error.code).toBe('VALIDATION');
          expect(r.error.message.length).toBeGreaterThan(0);
          expect(JSON.stringify(r.error)).not.toMatch(/\bat .*\.ts:\d+/); // no stack traces
        }
      }
      const after = c.workspace.sqlite.prepare('SELECT (SELECT count(*) FROM devices) + (SELECT count(*) FROM outbox) AS n').get();
      expect(after).toEqual(before);
    });
  }

  it('refuses an unknown channel with UNKNOWN_CHANNEL', async () => {
    const r = await c.dispatcher.invoke('devices.dropAll', {}, ctx);
    expect(r).toMatchObject({ ok: false, error: { code: 'UNKNOWN_CHANNEL' } });
    const proto = await c.dispatcher.invoke('__proto__', {}, ctx);
    expect(proto).toMatchObject({ ok: false, error: { code: 'UNKNOWN_CHANNEL' } });
  });

  it('enforces the role in main: a viewer may list but not add devices', async () => {
    c.workspace.setSetting('localRole', 'viewer');
    try {
      const add = await c.dispatcher.invoke('devices.create', { name: 'r9', mgmtAddress: '192.0.2.9' }, ctx);
      expect(add).toMatchObject({ ok: false, error: { code: 'PERMISSION_DENIED' } });
      const list = await c.dispatcher.invoke('devices.list', {}, ctx);
      expect(list.ok).toBe(true);
    } finally {
      c.workspace.setSetting('localRole', 'admin');
    }
  });

  it('reports NOT_FOUND for a well-formed id that does not exist', async () => {
    const r = await c.dispatcher.invoke('devices.get', { id: '01890a5d-ac96-774b-bcce-b302099a8057' }, ctx);
    expect(r).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
  });
});
