// A pull must never undo a local change that is not on the server yet. After a pulled row is
// written, the row's still-pending outbox patches are laid over it again, oldest first, so the
// cache shows "server state + my unsent edits" — exactly what it will be once they are pushed.
// Pure: values in, values out; pullApplier turns the result into an UPDATE.

export interface PendingChange {
  op: 'insert' | 'update' | 'delete';
  patch: Record<string, unknown>;
  createdAt: number;
}

/** Fields that belong to the sync machinery, never re-applied from a patch. */
const SYNC_OWNED = new Set(['id', 'tenantId', 'version']);

/**
 * The field values to write over the pulled row so pending changes survive. `deletedAt` is set by
 * a pending delete (the patch of a delete may be empty) and cleared by nothing: a delete wins over
 * an earlier pending edit, and an edit made after a delete cannot exist (the row was gone).
 */
export function rebasePending(pending: readonly PendingChange[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const p of pending) {
    for (const [k, v] of Object.entries(p.patch)) {
      if (SYNC_OWNED.has(k) || v === undefined) continue;
      out[k] = v;
    }
    if (p.op === 'delete' && out.deletedAt === undefined) out.deletedAt = p.createdAt;
  }
  return out;
}
