// Writes one pulled batch into the cache in ONE SQLite transaction, together with the new cursor:
// a kill between batches loses nothing and repeats nothing. Rows are upserted by mapping the
// protocol's property names to columns; tenant_id is forced to the session tenant; tombstones
// stay soft deletes. Foreign keys are checked at commit (a batch may reference a row later in it).
// Then the row's still-pending outbox patches are laid back on top (see rebase.ts).
import type Database from 'better-sqlite3';
import type { PulledRow } from '../../../shared/sync/protocol';
import { cacheTable, toSqlValue, type CacheTable } from './cacheTables';
import { rebasePending, type PendingChange } from './rebase';

/** Columns the pull sets itself, whatever the row data says. */
const OWNED = new Set(['id', 'tenantId', 'version', 'deletedAt']);

export interface PullApplyResult {
  applied: number;
  /** Rows the cache could not take (a unique clash, say): kept out, reported in the status. */
  skipped: { table: string; rowId: string; message: string }[];
}

function isForeignKeyError(err: unknown): boolean {
  return typeof err === 'object' && err !== null && (err as { code?: unknown }).code === 'SQLITE_CONSTRAINT_FOREIGNKEY';
}

interface UpsertPlan {
  /** Row fields written, in the statement's order after id, tenant_id, version, deleted_at. */
  props: string[];
  /** The row carries no updatedAt: stamp the time it landed. */
  addUpdatedAt: boolean;
  stmt: Database.Statement;
}

export class PullApplier {
  private readonly stmts = new Map<string, Database.Statement>();
  private readonly plans = new Map<string, UpsertPlan>();

  constructor(private readonly sqlite: Database.Database) {}

  private stmt(sql: string): Database.Statement {
    let s = this.stmts.get(sql);
    if (!s) {
      s = this.sqlite.prepare(sql);
      this.stmts.set(sql, s);
    }
    return s;
  }

  /**
   * Applies `rows` and stores `cursor` via `saveCursor`, atomically. The server is the system of
   * record and does not enforce references between rows; if the cache's foreign keys still fail at
   * commit (a row whose parent the server never had), the batch is applied again with them off
   * rather than blocking every later pull.
   */
  apply(tenantId: string, rows: readonly PulledRow[], saveCursor: () => void, now: number): PullApplyResult {
    const run = (): PullApplyResult =>
      this.sqlite.transaction(() => {
        this.sqlite.pragma('defer_foreign_keys = ON');
        const result = this.applyRows(tenantId, rows, now);
        saveCursor();
        return result;
      })();
    try {
      return run();
    } catch (err) {
      if (!isForeignKeyError(err)) throw err;
      this.sqlite.pragma('foreign_keys = OFF');
      try {
        return run();
      } finally {
        this.sqlite.pragma('foreign_keys = ON');
      }
    }
  }

  private applyRows(tenantId: string, rows: readonly PulledRow[], now: number): PullApplyResult {
    const pending = this.pendingByRow(tenantId, rows);
    const result: PullApplyResult = { applied: 0, skipped: [] };
    for (const row of rows) {
      const t = cacheTable(row.table);
      try {
        this.upsert(t, tenantId, row, now);
        const mine = pending.get(`${row.table}\u0000${row.rowId}`);
        if (mine) this.update(t, tenantId, row.rowId, rebasePending(mine));
        result.applied++;
      } catch (err) {
        // a statement that fails inside a transaction undoes only itself: the batch goes on
        if (isForeignKeyError(err)) throw err;
        result.skipped.push({ table: row.table, rowId: row.rowId, message: err instanceof Error ? err.message : String(err) });
      }
    }
    return result;
  }

  private pendingByRow(tenantId: string, rows: readonly PulledRow[]): Map<string, PendingChange[]> {
    const out = new Map<string, PendingChange[]>();
    const has = this.stmt(`SELECT 1 FROM outbox WHERE tenant_id = ? AND status = 'pending' LIMIT 1`).get(tenantId);
    if (!has) return out;
    const q = this.stmt(`SELECT op, patch, created_at AS createdAt FROM outbox WHERE tenant_id = ? AND status = 'pending' AND table_name = ? AND row_id = ? ORDER BY seq`);
    for (const row of rows) {
      const list = q.all(tenantId, row.table, row.rowId) as { op: PendingChange['op']; patch: string; createdAt: number }[];
      if (list.length === 0) continue;
      out.set(
        `${row.table}\u0000${row.rowId}`,
        list.map((p) => {
          let patch: Record<string, unknown> = {};
          try {
            const v: unknown = JSON.parse(p.patch);
            if (typeof v === 'object' && v !== null && !Array.isArray(v)) patch = v as Record<string, unknown>;
          } catch {
            // a damaged patch re-applies nothing; the push marks it for review
          }
          return { op: p.op, patch, createdAt: p.createdAt };
        }),
      );
    }
    return out;
  }

  private upsert(t: CacheTable, tenantId: string, row: PulledRow, now: number): void {
    if (row.data === null) {
      // a tombstone without data: mark the row we hold, if any (nothing to create)
      this.stmt(`UPDATE ${t.name} SET deleted_at = ?, version = ? WHERE id = ? AND tenant_id = ?`).run(row.deletedAt ?? now, row.version, row.rowId, tenantId);
      return;
    }
    // rows of one table arrive with the same fields (PostgreSQL orders JSONB keys the same way):
    // one plan, one prepared statement per shape, and per row only the values are gathered
    const data = row.data;
    const keys = Object.keys(data);
    const plan = this.planFor(t, keys);
    const vals: unknown[] = [row.rowId, tenantId, row.version, row.deletedAt];
    for (const prop of plan.props) vals.push(toSqlValue(data[prop]));
    if (plan.addUpdatedAt) vals.push(now);
    plan.stmt.run(vals);
  }

  private planFor(t: CacheTable, keys: string[]): UpsertPlan {
    const sig = `${t.name}\u0000${keys.join('\u0000')}`;
    let plan = this.plans.get(sig);
    if (plan === undefined) {
      const props = keys.filter((k) => t.columns.has(k) && !OWNED.has(k));
      const cols = ['id', 'tenant_id', 'version', 'deleted_at', ...props.map((p) => t.columns.get(p) as string)];
      const addUpdatedAt = !props.includes('updatedAt');
      if (addUpdatedAt) cols.push('updated_at');
      const sets = cols.filter((c) => c !== 'id').map((c) => `${c} = excluded.${c}`);
      const stmt = this.sqlite.prepare(`INSERT INTO ${t.name} (${cols.join(', ')}) VALUES (${cols.map(() => '?').join(', ')}) ON CONFLICT(id) DO UPDATE SET ${sets.join(', ')}`);
      plan = { props, addUpdatedAt, stmt };
      this.plans.set(sig, plan);
    }
    return plan;
  }

  private update(t: CacheTable, tenantId: string, rowId: string, fields: Record<string, unknown>): void {
    const cols: string[] = [];
    const vals: unknown[] = [];
    for (const [prop, value] of Object.entries(fields)) {
      const col = t.columns.get(prop);
      if (col === undefined || prop === 'id' || prop === 'tenantId' || prop === 'version') continue;
      cols.push(`${col} = ?`);
      vals.push(toSqlValue(value));
    }
    if (cols.length === 0) return;
    this.stmt(`UPDATE ${t.name} SET ${cols.join(', ')} WHERE id = ? AND tenant_id = ?`).run(...vals, rowId, tenantId);
  }
}
