// The outbox as sync reads and edits it: pending rows in seq order for the push, counts for the
// status chip, and the user's outbox view (list, retry a refused change, discard one). Every query
// is scoped to the session's tenant.
import type Database from 'better-sqlite3';
import type { OutboxItem } from '../../../shared/ipc/syncSchemas';
import type { OutboxRow } from './outboxBatches';

interface ListRow extends OutboxRow {
  createdAt: number;
  status: 'pending' | 'review';
  reviewCode: string | null;
  reviewMessage: string | null;
  attempts: number;
  lastError: string | null;
}

const COLS = `seq, mutation_id AS mutationId, table_name AS tableName, row_id AS rowId, op, base_version AS baseVersion, patch`;

/** Sealed secrets are ciphertext, but the outbox view has no business showing even that. */
function maskPatch(patch: string): Record<string, unknown> {
  let obj: unknown;
  try {
    obj = JSON.parse(patch);
  } catch {
    return { _damaged: true };
  }
  if (typeof obj !== 'object' || obj === null || Array.isArray(obj)) return { _damaged: true };
  return Object.fromEntries(Object.entries(obj as Record<string, unknown>).map(([k, v]) => [k, /sealed|secret|password/i.test(k) && v !== null ? '(sealed)' : v]));
}

export class OutboxStore {
  constructor(private readonly sqlite: Database.Database) {}

  pendingBatch(tenantId: string, limit: number): OutboxRow[] {
    return this.sqlite
      .prepare(`SELECT ${COLS} FROM outbox WHERE tenant_id = ? AND status = 'pending' ORDER BY seq LIMIT ?`)
      .all(tenantId, limit) as OutboxRow[];
  }

  counts(tenantId: string): { pending: number; review: number } {
    const r = this.sqlite
      .prepare(
        `SELECT coalesce(sum(status = 'pending'), 0) AS pending, coalesce(sum(status = 'review'), 0) AS review FROM outbox WHERE tenant_id = ?`,
      )
      .get(tenantId) as { pending: number; review: number };
    return { pending: r.pending, review: r.review };
  }

  /** The newest seq (any tenant): a cheap "did anything get queued?" probe. */
  lastSeq(): number {
    return (this.sqlite.prepare('SELECT coalesce(max(seq), 0) AS s FROM outbox').get() as { s: number }).s;
  }

  list(tenantId: string, status: 'pending' | 'review' | undefined, limit: number, offset: number): { items: OutboxItem[]; total: number } {
    const where = status === undefined ? 'tenant_id = ?' : 'tenant_id = ? AND status = ?';
    const args: unknown[] = status === undefined ? [tenantId] : [tenantId, status];
    const rows = this.sqlite
      .prepare(
        `SELECT ${COLS}, created_at AS createdAt, status, review_code AS reviewCode, review_message AS reviewMessage, attempts, last_error AS lastError
         FROM outbox WHERE ${where} ORDER BY seq LIMIT ? OFFSET ?`,
      )
      .all(...args, limit, offset) as ListRow[];
    const total = (this.sqlite.prepare(`SELECT count(*) AS n FROM outbox WHERE ${where}`).get(...args) as { n: number }).n;
    return {
      total,
      items: rows.map((r) => ({
        seq: r.seq,
        mutationId: r.mutationId,
        table: r.tableName,
        rowId: r.rowId,
        op: r.op,
        baseVersion: r.baseVersion,
        patch: maskPatch(r.patch),
        createdAt: r.createdAt,
        status: r.status,
        reviewCode: r.reviewCode,
        reviewMessage: r.reviewMessage,
        attempts: r.attempts,
        lastError: r.lastError,
      })),
    };
  }

  /** review → pending; the mutation keeps its id, so a server that did apply it answers the same. */
  retry(tenantId: string, seqs: readonly number[]): number {
    const stmt = this.sqlite.prepare(
      `UPDATE outbox SET status = 'pending', review_code = NULL, review_message = NULL WHERE tenant_id = ? AND seq = ? AND status = 'review'`,
    );
    return this.sqlite.transaction(() => seqs.reduce((n, s) => n + stmt.run(tenantId, s).changes, 0))();
  }

  discard(tenantId: string, seqs: readonly number[]): number {
    const stmt = this.sqlite.prepare('DELETE FROM outbox WHERE tenant_id = ? AND seq = ?');
    return this.sqlite.transaction(() => seqs.reduce((n, s) => n + stmt.run(tenantId, s).changes, 0))();
  }

  markReview(seq: number, code: string, message: string): void {
    this.sqlite
      .prepare(`UPDATE outbox SET status = 'review', review_code = ?, review_message = ?, attempts = attempts + 1 WHERE seq = ?`)
      .run(code, message.slice(0, 2000), seq);
  }

  remove(seq: number): void {
    this.sqlite.prepare('DELETE FROM outbox WHERE seq = ?').run(seq);
  }
}
