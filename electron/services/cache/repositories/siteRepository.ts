import type Database from 'better-sqlite3';
import type { Site } from '../../../../shared/domain/device';
import type { TenantScope } from './scope';

export class SiteRepository {
  constructor(
    private readonly sqlite: Database.Database,
    private readonly scope: TenantScope,
  ) {}

  list(): Site[] {
    return this.sqlite
      .prepare(
        `SELECT s.id, s.name, s.code, s.region, s.timezone,
           (SELECT count(*) FROM devices d WHERE d.site_id = s.id AND d.tenant_id = s.tenant_id AND d.deleted_at IS NULL) AS deviceCount
         FROM sites s WHERE s.tenant_id = ? AND s.deleted_at IS NULL ORDER BY s.name`,
      )
      .all(this.scope.tenantId) as Site[];
  }

  /** Resolve a site by id, code or name (case-insensitive), as typed in a CSV or on the command line. */
  resolve(ref: string): Site | null {
    const r = ref.trim();
    if (!r) return null;
    return (
      this.list().find((s) => s.id === r || s.code.toLowerCase() === r.toLowerCase() || s.name.toLowerCase() === r.toLowerCase()) ?? null
    );
  }
}
