// A first sync builds the secondary indexes of the tables it fills once, at the end; a console
// killed in between gets them back when sync next opens. Real SQLite (a temp workspace).
import { afterEach, describe, expect, it } from 'vitest';
import { deferIndexesOfEmptyTables, restoreDeferredIndexes } from '../../../electron/services/sync/indexDeferral';
import { openTempConsole } from '../../helpers/tempWorkspace';

describe('index deferral for the initial sync', () => {
  const consoles: { dispose(): void }[] = [];
  afterEach(() => consoles.splice(0).forEach((c) => c.dispose()));

  function open() {
    const c = openTempConsole();
    consoles.push(c);
    const names = (table: string) => (c.workspace.sqlite.prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = ? AND sql IS NOT NULL ORDER BY name").all(table) as { name: string }[]).map((r) => r.name);
    return { c, names };
  }

  it('drops only non-unique indexes of empty synced tables, and builds them again', () => {
    const { c, names } = open();
    const before = names('subscribers');
    expect(before).toEqual(expect.arrayContaining(['subscribers_tenant_account', 'subscribers_tenant_name']));
    const devicesBefore = names('devices');
    // the demo-free workspace has no subscribers; give devices a row so they keep their indexes
    c.workspace.sqlite.prepare("INSERT INTO devices (id, tenant_id, updated_at, name, mgmt_address) VALUES ('0190a000-0000-7000-8000-00000000000d', 't', 0, 'x', '10.0.0.1')").run();
    const rebuild = deferIndexesOfEmptyTables(c.workspace.sqlite, c.workspace);
    expect(names('subscribers')).toEqual(['subscribers_tenant_account']); // the unique one stays
    expect(names('devices')).toEqual(devicesBefore);
    expect(c.workspace.getSetting('sync.deferredIndexes')).not.toBeNull();
    rebuild();
    expect(names('subscribers')).toEqual(before);
    expect(c.workspace.getSetting('sync.deferredIndexes')).toBeNull();
  });

  it('a load killed before the rebuild gets its indexes back on the next open', () => {
    const { c, names } = open();
    const before = names('subscribers');
    deferIndexesOfEmptyTables(c.workspace.sqlite, c.workspace); // and never rebuilt: the process "died"
    expect(names('subscribers')).not.toEqual(before);
    restoreDeferredIndexes(c.workspace.sqlite, c.workspace);
    expect(names('subscribers')).toEqual(before);
    restoreDeferredIndexes(c.workspace.sqlite, c.workspace); // nothing left to do: a no-op
    expect(names('subscribers')).toEqual(before);
  });
});
