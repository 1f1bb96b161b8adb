// Turns outbox rows into protocol mutations, in seq order and in batches. Pure: the engine reads
// the rows, this decides what goes on the wire. Rows that can never be valid on the wire (a table
// that does not sync, a patch the protocol cannot carry) are separated out so they go to review
// locally instead of failing the whole push.
import { mutationSchema, type Mutation } from '../../../shared/sync/protocol';
import { isSyncTable } from '../../../shared/sync/tables';

export const PUSH_BATCH_SIZE = 1000;

export interface OutboxRow {
  seq: number;
  mutationId: string;
  tableName: string;
  rowId: string;
  op: 'insert' | 'update' | 'delete';
  baseVersion: number;
  /** JSON text as ChangeRecorder wrote it. */
  patch: string;
}

export type PreparedRow =
  | { kind: 'mutation'; seq: number; mutation: Mutation }
  | { kind: 'local-only'; seq: number }
  | { kind: 'invalid'; seq: number; message: string };

/**
 * Patches hold what the cache stores: a JSON object (audit details, say) is kept as its JSON text,
 * booleans stay booleans. Anything else non-scalar is stringified the same way.
 */
export function normalizePatch(patch: Record<string, unknown>): Record<string, string | number | boolean | null> {
  const out: Record<string, string | number | boolean | null> = {};
  for (const [k, v] of Object.entries(patch)) {
    if (v === undefined) continue;
    if (v === null || typeof v === 'string' || typeof v === 'boolean') out[k] = v;
    else if (typeof v === 'number') out[k] = Number.isFinite(v) ? v : null;
    else if (typeof v === 'bigint') out[k] = Number(v);
    else out[k] = JSON.stringify(v);
  }
  return out;
}

export function prepareOutboxRow(row: OutboxRow): PreparedRow {
  // outbox entries of local-only tables (accounting sessions of the RADIUS simulator…) never sync
  if (!isSyncTable(row.tableName)) return { kind: 'local-only', seq: row.seq };
  let raw: unknown;
  try {
    raw = JSON.parse(row.patch);
  } catch {
    return { kind: 'invalid', seq: row.seq, message: 'The change is damaged (its patch is not JSON).' };
  }
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    return { kind: 'invalid', seq: row.seq, message: 'The change is damaged (its patch is not an object).' };
  }
  const parsed = mutationSchema.safeParse({
    id: row.mutationId,
    table: row.tableName,
    op: row.op,
    rowId: row.rowId,
    baseVersion: Math.max(0, row.baseVersion),
    patch: normalizePatch(raw as Record<string, unknown>),
  });
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    return { kind: 'invalid', seq: row.seq, message: `Not a valid mutation: ${first ? `${first.path.join('.')}: ${first.message}` : 'invalid'}` };
  }
  return { kind: 'mutation', seq: row.seq, mutation: parsed.data };
}

/** Splits items into consecutive batches of at most `size`, order kept. */
export function batches<T>(items: readonly T[], size = PUSH_BATCH_SIZE): T[][] {
  if (size < 1) throw new RangeError('batch size must be at least 1');
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}
