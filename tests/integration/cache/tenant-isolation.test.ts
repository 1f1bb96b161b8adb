import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NocError } from '../../../shared/ipc/errors';
import { CredentialProfileRepository } from '../../../electron/services/cache/repositories/credentialProfileRepository';
import { DeviceRepository, type DeviceFields } from '../../../electron/services/cache/repositories/deviceRepository';
import { SiteRepository } from '../../../electron/services/cache/repositories/siteRepository';
import { Workspace } from '../../../electron/services/workspace/workspace';
import { uuidv7 } from '../../../electron/services/util/uuidv7';
import { tempDir } from '../../helpers/tempWorkspace';

const fields = (name: string, extra: Partial<DeviceFields> = {}): DeviceFields => ({
  name, mgmtAddress: '192.0.2.1', role: 'switch', vendor: 'Acme', model: '', siteId: null, snmpProfileId: null, sshProfileId: null,
  status: 'unknown', location: '', notes: '', ...extra,
});

function expectCode(fn: () => unknown, code: string): void {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(NocError);
    expect((err as NocError).code).toBe(code);
    return;
  }
  throw new Error(`expected ${code}`);
}

describe('tenant isolation in the cache repositories', () => {
  const dir = tempDir('noc-tenants-');
  let ws: Workspace;
  const a = { tenantId: uuidv7(), actor: 'alice' };
  const b = { tenantId: uuidv7(), actor: 'bob' };
  let siteB: string;
  let deviceB: string;
  let profileB: string;

  beforeAll(() => {
    ws = Workspace.open({ dir });
    const now = Date.now();
    for (const t of [a, b]) {
      ws.sqlite.prepare("INSERT INTO tenants (id, tenant_id, updated_at, name, slug) VALUES (?, ?, ?, ?, ?)").run(t.tenantId, t.tenantId, now, t.actor, t.actor);
    }
    siteB = uuidv7();
    ws.sqlite.prepare('INSERT INTO sites (id, tenant_id, updated_at, name, code) VALUES (?, ?, ?, ?, ?)').run(siteB, b.tenantId, now, 'B site', 'BS');
    profileB = ws.sqlite.transaction(() =>
      new CredentialProfileRepository(ws.sqlite, b, ws.box).insertInTransaction(
        { name: 'B snmp', kind: 'snmp_v2c', username: null, params: {}, secrets: { community: 'b-secret-community' } },
        now,
      ),
    )();
    const repoB = new DeviceRepository(ws.sqlite, b);
    deviceB = repoB.create(fields('shared-name', { siteId: siteB, snmpProfileId: profileB })).id;
    repoB.create(fields('only-in-b'));
    new DeviceRepository(ws.sqlite, a).create(fields('shared-name'));
  });
  afterAll(() => {
    ws.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('lists, counts and finds only the scope tenant rows', () => {
    const repoA = new DeviceRepository(ws.sqlite, a);
    const page = repoA.list({ sort: 'name', dir: 'asc', cursor: null, limit: 100, withTotal: true });
    expect(page.items.map((d) => [d.name, d.tenantId])).toEqual([['shared-name', a.tenantId]]);
    expect(page.total).toBe(1);
    expect(repoA.count()).toBe(1);
    expect(repoA.findByName('only-in-b')).toBeNull();
    expect(repoA.list({ search: 'B site', sort: 'site', dir: 'asc', cursor: null, limit: 100, withTotal: true }).items).toEqual([]);
    expect(new SiteRepository(ws.sqlite, a).list()).toEqual([]);
    expect(new CredentialProfileRepository(ws.sqlite, a, ws.box).list()).toEqual([]);
  });

  it('cannot read, change or delete another tenant row by id', () => {
    const repoA = new DeviceRepository(ws.sqlite, a);
    expect(repoA.get(deviceB)).toBeNull();
    expectCode(() => repoA.update(deviceB, { notes: 'pwned' }), 'NOT_FOUND');
    expectCode(() => repoA.softDelete(deviceB), 'NOT_FOUND');
    const still = new DeviceRepository(ws.sqlite, b).get(deviceB);
    expect(still?.notes).toBe('');
    expect(still?.siteName).toBe('B site');
  });

  it('cannot point its rows at another tenant site or credential profile', () => {
    const repoA = new DeviceRepository(ws.sqlite, a);
    expectCode(() => repoA.create(fields('sneaky', { siteId: siteB })), 'VALIDATION');
    expectCode(() => repoA.create(fields('sneaky2', { snmpProfileId: profileB })), 'VALIDATION');
    expect(new CredentialProfileRepository(ws.sqlite, a, ws.box).secretsOf(profileB)).toEqual({});
  });

  it('keeps secrets sealed at rest and opens them only for their tenant', () => {
    const raw = ws.sqlite.prepare('SELECT secret_sealed FROM credential_profiles WHERE id = ?').get(profileB) as { secret_sealed: string };
    expect(raw.secret_sealed).not.toContain('b-secret-community');
    const outbox = ws.sqlite.prepare("SELECT patch FROM outbox WHERE table_name = 'credential_profiles'").all() as { patch: string }[];
    expect(outbox.length).toBe(1);
    expect(outbox[0]?.patch).not.toContain('b-secret-community');
    ws.sqlite.pragma('wal_checkpoint(TRUNCATE)');
    expect(fs.readFileSync(ws.cache.file).includes('b-secret-community')).toBe(false);
    expect(new CredentialProfileRepository(ws.sqlite, b, ws.box).secretsOf(profileB)).toEqual({ community: 'b-secret-community' });
  });
});
