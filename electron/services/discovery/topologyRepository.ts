// The map's data for one tenant: devices (status, site, saved position), links, and a link
// utilisation from the latest interface samples when the poller has any. Built with a handful of
// set queries (no per-device query), so 2,000 devices and their links load in one round trip.
import type Database from 'better-sqlite3';
import type { DeviceRole, DeviceStatus } from '../../../shared/domain/device';
import type { ParsedRequestOf, ResponseOf } from '../../../shared/ipc/schemas';
import type { TenantScope } from '../cache/repositories/scope';

type Graph = ResponseOf<'topology.graph'>;
/** Samples older than this say nothing about the link now. */
const SAMPLE_FRESH_MS = 15 * 60_000;

export class TopologyRepository {
  constructor(
    private readonly sqlite: Database.Database,
    private readonly scope: TenantScope,
  ) {}

  graph(now = Date.now()): Graph {
    const t = this.scope.tenantId;
    const nodes = (
      this.sqlite
        .prepare(
          `SELECT d.id, d.name, d.mgmt_address AS address, d.vendor, d.model, d.role, d.status, d.site_id AS siteId, d.ssh_profile_id AS sshProfileId, p.x, p.y, COALESCE(p.pinned, 0) AS pinned
           FROM devices d LEFT JOIN topology_positions p ON p.tenant_id = d.tenant_id AND p.device_id = d.id
           WHERE d.tenant_id = ? AND d.deleted_at IS NULL ORDER BY d.name, d.id`,
        )
        .all(t) as { id: string; name: string; address: string; vendor: string; model: string; role: string; status: string; siteId: string | null; sshProfileId: string | null; x: number | null; y: number | null; pinned: number }[]
    ).map((n) => ({ ...n, role: n.role as DeviceRole, status: n.status as DeviceStatus, pinned: n.pinned === 1 }));
    const links = this.sqlite
      .prepare(
        `SELECT l.id, l.a_device_id AS source, l.b_device_id AS target, l.a_interface AS sourceInterface, l.b_interface AS targetInterface, l.kind, l.source AS origin
         FROM links l
         JOIN devices a ON a.id = l.a_device_id AND a.deleted_at IS NULL
         JOIN devices b ON b.id = l.b_device_id AND b.deleted_at IS NULL
         WHERE l.tenant_id = ? AND l.deleted_at IS NULL`,
      )
      .all(t) as { id: string; source: string; target: string; sourceInterface: string; targetInterface: string; kind: string; origin: 'manual' | 'lldp' | 'demo' }[];
    const load = this.interfaceLoad(now);
    const edges = links.map((l) => {
      const a = load.get(`${l.source}\u0000${l.sourceInterface}`);
      const b = load.get(`${l.target}\u0000${l.targetInterface}`);
      const utilisation = a === undefined && b === undefined ? null : Math.min(1, Math.max(a ?? 0, b ?? 0));
      return { ...l, utilisation };
    });
    const sites = this.sqlite.prepare('SELECT id, name FROM sites WHERE tenant_id = ? AND deleted_at IS NULL ORDER BY name').all(t) as { id: string; name: string }[];
    return { nodes, edges, sites };
  }

  /** (device, interface name) → busiest direction over speed, from each interface's latest fresh sample. */
  private interfaceLoad(now: number): Map<string, number> {
    const rows = this.sqlite
      .prepare(
        `SELECT i.device_id AS deviceId, i.name, i.speed_bps AS speed, s.in_bps AS inBps, s.out_bps AS outBps
         FROM (SELECT device_id, if_index, max(at) AS at, in_bps, out_bps FROM interface_samples WHERE tenant_id = ? AND at > ? GROUP BY device_id, if_index) s
         JOIN interfaces i ON i.tenant_id = ? AND i.device_id = s.device_id AND i.if_index = s.if_index AND i.deleted_at IS NULL
         WHERE i.speed_bps > 0`,
      )
      .all(this.scope.tenantId, now - SAMPLE_FRESH_MS, this.scope.tenantId) as { deviceId: string; name: string; speed: number; inBps: number; outBps: number }[];
    return new Map(rows.map((r) => [`${r.deviceId}\u0000${r.name}`, Math.max(r.inBps, r.outBps) / r.speed]));
  }

  /** Positions of this tenant's devices (unknown ids are ignored); local table, no outbox. */
  savePositions(req: ParsedRequestOf<'topology.positions.save'>): ResponseOf<'topology.positions.save'> {
    const upsert = this.sqlite.prepare(
      `INSERT INTO topology_positions (tenant_id, device_id, x, y, pinned)
       SELECT ?, ?, ?, ?, ? WHERE EXISTS (SELECT 1 FROM devices WHERE id = ? AND tenant_id = ? AND deleted_at IS NULL)
       ON CONFLICT (tenant_id, device_id) DO UPDATE SET x = excluded.x, y = excluded.y, pinned = excluded.pinned`,
    );
    const t = this.scope.tenantId;
    const saved = this.sqlite.transaction(() => {
      let n = 0;
      for (const p of req.positions) n += upsert.run(t, p.deviceId, p.x, p.y, p.pinned ? 1 : 0, p.deviceId, t).changes;
      return n;
    })();
    return { saved };
  }
}
