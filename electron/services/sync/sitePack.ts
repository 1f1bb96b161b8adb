// What a site pack carries offline: per chosen site, the cached devices and what hangs off them
// (links with either end there, interfaces, config backups, known host keys of their management
// addresses) and the site's subscribers (subscribers.site_id). Counts only; live rows, no tombstones.
import type Database from 'better-sqlite3';
import type { SitePackSite } from '../../../shared/ipc/syncSchemas';

export function sitePackCounts(sqlite: Database.Database, tenantId: string, siteIds: readonly string[]): SitePackSite[] {
  const site = sqlite.prepare('SELECT id, code, name FROM sites WHERE tenant_id = ? AND id = ? AND deleted_at IS NULL');
  const devs = `SELECT id FROM devices WHERE tenant_id = @t AND site_id = @s AND deleted_at IS NULL`;
  const counts = sqlite.prepare(
    `SELECT
       (SELECT count(*) FROM devices WHERE tenant_id = @t AND site_id = @s AND deleted_at IS NULL) AS devices,
       (SELECT count(*) FROM links WHERE tenant_id = @t AND deleted_at IS NULL AND (a_device_id IN (${devs}) OR b_device_id IN (${devs}))) AS links,
       (SELECT count(*) FROM interfaces WHERE tenant_id = @t AND deleted_at IS NULL AND device_id IN (${devs})) AS interfaces,
       (SELECT count(*) FROM config_backups WHERE tenant_id = @t AND deleted_at IS NULL AND device_id IN (${devs})) AS configBackups,
       (SELECT count(*) FROM ssh_known_hosts WHERE tenant_id = @t AND deleted_at IS NULL
          AND host IN (SELECT mgmt_address FROM devices WHERE tenant_id = @t AND site_id = @s AND deleted_at IS NULL)) AS knownHosts,
       (SELECT count(*) FROM subscribers WHERE tenant_id = @t AND site_id = @s AND deleted_at IS NULL) AS subscribers`,
  );
  const out: SitePackSite[] = [];
  for (const id of siteIds) {
    const s = site.get(tenantId, id) as { id: string; code: string; name: string } | undefined;
    if (!s) continue;
    const c = counts.get({ t: tenantId, s: id }) as Omit<SitePackSite, 'siteId' | 'code' | 'name'>;
    out.push({ siteId: s.id, code: s.code, name: s.name, ...c });
  }
  return out;
}
