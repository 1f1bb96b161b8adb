// Re-discovery removes what is gone: an interface missing from a fully walked device's ifTable and
// an LLDP link no LLDP table reports any more are tombstoned (and queued for sync); a stopped run
// prunes nothing, and links someone drew by hand are never touched. Real SQLite, a temp workspace.
import { afterEach, describe, expect, it } from 'vitest';
import { DiscoveryStore, type DeviceToRecord } from '../../../electron/services/discovery/discoveryStore';
import type { InterfaceFacts, ResolvedLink } from '../../../electron/services/discovery/linkResolver';
import { openTempConsole } from '../../helpers/tempWorkspace';

const iface = (ifIndex: number): InterfaceFacts => ({ ifIndex, name: `eth${ifIndex}`, descr: `eth${ifIndex}`, alias: '', speedBps: 1e9, mac: null, adminStatus: 'up', operStatus: 'up' });
const router = (n: number, ifIndexes: number[]): DeviceToRecord => ({
  key: `r${n}`,
  name: `r${n}`,
  address: `198.18.0.${n}`,
  sysObjectId: '1.3.6.1.4.1.8072.3.2.10',
  sysDescr: 'Linux',
  reached: true,
  interfaces: ifIndexes.map(iface),
});
const link = (a: number, aIf: string, b: number, bIf: string): ResolvedLink => ({ a: { device: `r${a}`, interface: aIf }, b: { device: `r${b}`, interface: bIf } });

describe('DiscoveryStore pruning on re-discovery', () => {
  const consoles: { dispose(): void }[] = [];
  afterEach(() => consoles.splice(0).forEach((c) => c.dispose()));

  function open() {
    const c = openTempConsole();
    consoles.push(c);
    const store = new DiscoveryStore(c.workspace.sqlite, c.workspace.scope());
    const live = (table: 'interfaces' | 'links') => (c.workspace.sqlite.prepare(`SELECT count(*) AS n FROM ${table} WHERE deleted_at IS NULL`).get() as { n: number }).n;
    const outboxDeletes = (table: string) => (c.workspace.sqlite.prepare("SELECT count(*) AS n FROM outbox WHERE table_name = ? AND op = 'delete'").get(table) as { n: number }).n;
    return { c, store, live, outboxDeletes };
  }

  it('removes a vanished interface and a vanished LLDP link, and says which', () => {
    const { store, live, outboxDeletes } = open();
    const first = store.record([router(1, [1, 2, 3]), router(2, [1, 2])], [link(1, 'eth1', 2, 'eth1'), link(1, 'eth2', 2, 'eth2')], null, { interfaces: true, lldpLinks: true });
    expect(first.removed).toEqual({ interfaces: 0, links: [] });
    expect([live('interfaces'), live('links')]).toEqual([5, 2]);

    const again = store.record([router(1, [1, 2]), router(2, [1, 2])], [link(1, 'eth1', 2, 'eth1')], null, { interfaces: true, lldpLinks: true });
    expect(again.removed.interfaces).toBe(1);
    expect(again.removed.links).toEqual([{ id: expect.any(String), a: { device: 'r1', interface: 'eth2' }, b: { device: 'r2', interface: 'eth2' } }]);
    expect([live('interfaces'), live('links')]).toEqual([4, 1]);
    expect([outboxDeletes('interfaces'), outboxDeletes('links')]).toEqual([1, 1]);

    // the interface coming back revives the same row, not a second one
    store.record([router(1, [1, 2, 3]), router(2, [1, 2])], [link(1, 'eth1', 2, 'eth1')], null, { interfaces: true, lldpLinks: true });
    expect(live('interfaces')).toBe(5);
  });

  it('a stopped run prunes nothing; manual links are never pruned', () => {
    const { c, store, live } = open();
    store.record([router(1, [1, 2]), router(2, [1])], [link(1, 'eth1', 2, 'eth1')], null, { interfaces: true, lldpLinks: true });
    const [a, b] = ['r1', 'r2'].map((n) => (c.workspace.sqlite.prepare('SELECT id FROM devices WHERE name = ?').get(n) as { id: string }).id);
    c.workspace.sqlite
      .prepare("INSERT INTO links (id, tenant_id, version, updated_at, a_device_id, a_interface, b_device_id, b_interface, kind, source) VALUES ('0190a000-0000-7000-8000-000000000001', ?, 0, 0, ?, 'eth2', ?, 'eth9', 'fibre', 'manual')")
      .run(c.workspace.scope().tenantId, a, b);

    const stopped = store.record([router(1, [1]), router(2, [1])], [], null, { interfaces: false, lldpLinks: false });
    expect(stopped.removed).toEqual({ interfaces: 0, links: [] });
    expect([live('interfaces'), live('links')]).toEqual([3, 2]);

    const complete = store.record([router(1, [1]), router(2, [1])], [], null, { interfaces: true, lldpLinks: true });
    expect(complete.removed.links.map((l) => l.a.interface)).toEqual(['eth1']);
    expect(live('links')).toBe(1); // the manual one
  });
});
