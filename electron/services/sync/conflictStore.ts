// The conflicts inbox: field conflicts the server returned for this console's pushes, kept with
// both values until the user settles them. Values are stored as JSON so null, numbers and text
// all round-trip.
import type Database from 'better-sqlite3';
import type { SyncConflict } from '../../../shared/sync/protocol';

export interface StoredConflict {
  id: string;
  tableName: string;
  rowId: string;
  field: string;
  mine: string | number | boolean | null;
  theirs: string | number | boolean | null;
  theirsBy: string | null;
  winner: 'mine' | 'theirs';
  policy: string;
  createdAt: number;
  resolvedAt: number | null;
  resolution: 'mine' | 'theirs' | 'merged' | null;
}

interface Row extends Omit<StoredConflict, 'mine' | 'theirs'> {
  mine: string;
  theirs: string;
}

function scalar(v: unknown): string | number | boolean | null {
  if (v === null || v === undefined) return null;
  if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') return v;
  return JSON.stringify(v);
}

function parse(json: string): string | number | boolean | null {
  try {
    return scalar(JSON.parse(json));
  } catch {
    return json;
  }
}

/**
 * Which side is "mine": under field-lww the pusher (this console) won and the server's earlier
 * value lost; under server-wins (and anything else) the server kept its value and mine lost.
 */
export function sidesOf(c: SyncConflict): { mine: unknown; theirs: unknown; winner: 'mine' | 'theirs' } {
  return c.policy === 'field-lww' ? { mine: c.winner, theirs: c.loser, winner: 'mine' } : { mine: c.loser, theirs: c.winner, winner: 'theirs' };
}

export class ConflictStore {
  constructor(private readonly sqlite: Database.Database) {}

  /** Idempotent: a repeated push answers with the same conflict ids. */
  add(tenantId: string, c: SyncConflict, now: number): void {
    const s = sidesOf(c);
    this.sqlite
      .prepare(
        `INSERT OR IGNORE INTO sync_conflicts (id, tenant_id, table_name, row_id, field, mine, theirs, theirs_by, winner, policy, created_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(c.id, tenantId, c.table, c.rowId, c.field, JSON.stringify(scalar(s.mine)), JSON.stringify(scalar(s.theirs)), c.loserBy, s.winner, c.policy, now);
  }

  openCount(tenantId: string): number {
    return (this.sqlite.prepare('SELECT count(*) AS n FROM sync_conflicts WHERE tenant_id = ? AND resolved_at IS NULL').get(tenantId) as { n: number }).n;
  }

  list(tenantId: string, includeResolved: boolean, limit: number): StoredConflict[] {
    const rows = this.sqlite
      .prepare(
        `SELECT id, table_name AS tableName, row_id AS rowId, field, mine, theirs, theirs_by AS theirsBy, winner, policy,
           created_at AS createdAt, resolved_at AS resolvedAt, resolution
         FROM sync_conflicts WHERE tenant_id = ? ${includeResolved ? '' : 'AND resolved_at IS NULL'}
         ORDER BY created_at DESC, id LIMIT ?`,
      )
      .all(tenantId, limit) as Row[];
    return rows.map((r) => ({ ...r, mine: parse(r.mine), theirs: parse(r.theirs) }));
  }

  get(tenantId: string, id: string): StoredConflict | null {
    const r = this.sqlite
      .prepare(
        `SELECT id, table_name AS tableName, row_id AS rowId, field, mine, theirs, theirs_by AS theirsBy, winner, policy,
           created_at AS createdAt, resolved_at AS resolvedAt, resolution
         FROM sync_conflicts WHERE tenant_id = ? AND id = ?`,
      )
      .get(tenantId, id) as Row | undefined;
    return r ? { ...r, mine: parse(r.mine), theirs: parse(r.theirs) } : null;
  }

  markResolved(id: string, resolution: 'mine' | 'theirs' | 'merged', at: number): void {
    this.sqlite.prepare('UPDATE sync_conflicts SET resolved_at = ?, resolution = ? WHERE id = ?').run(at, resolution, id);
  }
}
