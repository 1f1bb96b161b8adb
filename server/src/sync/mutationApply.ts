// Applies one mutation to the in-memory state of the rows a push touches. No I/O: push.ts loads
// the rows first, runs every mutation through here in order (so several edits of one row in one
// push build on each other), then writes the touched rows back in one statement.
import { randomUUID } from 'node:crypto';
import { roleHas } from '../../../shared/domain/permissions';
import type { Mutation, MutationResult, SyncConflict } from '../../../shared/sync/protocol';
import { SERVER_FIELDS, SYNC_TABLES, isSyncTable, type SyncTableName } from '../../../shared/sync/tables';
import { invalidFieldName, mergePatch, type FieldStamp, type FieldValue } from './fieldMerge';
import type { SyncUser } from './types';

export interface RowState {
  data: Record<string, unknown>;
  fieldVersions: Record<string, FieldStamp>;
  version: number;
  deletedAt: number | null;
  /** Changed by this push: written back at the end. */
  dirty: boolean;
}

export interface PushContext {
  user: SyncUser;
  clientId: string;
  /** Rows of the caller's tenant touched by this push, by rowKey(). */
  rows: Map<string, RowState>;
  /** rowKeys whose id belongs to another tenant (nothing else about them is known here). */
  takenElsewhere: ReadonlySet<string>;
  /** Hands out the next version (the tenant's change sequence + 1). */
  nextVersion: () => number;
  now: number;
}

export interface StoredConflict extends SyncConflict {
  clientId: string;
}

export interface MutationOutcome {
  result: MutationResult;
  /** Conflicts to keep in sync_conflicts (also inside `result`). */
  conflicts: StoredConflict[];
}

export function rowKey(table: string, rowId: string): string {
  return `${table}\u0000${rowId}`;
}

const reject = (id: string, code: 'VALIDATION' | 'PERMISSION_DENIED' | 'NOT_FOUND' | 'CONFLICT', message: string): MutationOutcome => ({
  result: { id, status: 'rejected', code, message },
  conflicts: [],
});

const applied = (id: string, version: number, conflicts: StoredConflict[] = []): MutationOutcome => ({
  result: { id, status: 'applied', version, conflicts: conflicts.map(({ clientId: _c, ...c }) => c) },
  conflicts,
});

function patchFields(patch: Readonly<Record<string, FieldValue>>): Record<string, FieldValue> {
  const out: Record<string, FieldValue> = {};
  for (const [field, value] of Object.entries(patch)) if (!SERVER_FIELDS.has(field)) out[field] = value;
  return out;
}

export function applyMutation(ctx: PushContext, m: Mutation): MutationOutcome {
  // The route validates against the table enum already; this guards direct callers.
  if (!isSyncTable(m.table)) return reject(m.id, 'VALIDATION', `unknown table ${String(m.table)}`);
  const table: SyncTableName = m.table;
  const spec = SYNC_TABLES[table];
  if (!roleHas(ctx.user.role, spec.write)) {
    return reject(m.id, 'PERMISSION_DENIED', `${table}: requires ${spec.write}`);
  }
  const badField = invalidFieldName(m.patch);
  if (badField !== null) return reject(m.id, 'VALIDATION', `invalid field name ${JSON.stringify(badField)}`);

  const key = rowKey(table, m.rowId);
  const row = ctx.rows.get(key);
  if (!row && ctx.takenElsewhere.has(key)) {
    // The id is another tenant's. An update or delete is answered exactly as for an id that does
    // not exist; an insert cannot be applied (ids are unique per table) and says only that.
    return m.op === 'insert'
      ? reject(m.id, 'CONFLICT', `${table}: row id not available, create the row under a new id`)
      : reject(m.id, 'NOT_FOUND', `${table}: no row ${m.rowId}`);
  }

  if (m.op === 'insert') {
    if (!row) return insertRow(ctx, m, key);
    if (row.deletedAt !== null) return reject(m.id, 'NOT_FOUND', `${table}: row ${m.rowId} was deleted`);
    // Insert-only rows never change: a repeated insert (new mutation id, same row) is a no-op.
    if (spec.policy === 'insert-only') return applied(m.id, row.version);
    return updateRow(ctx, { ...m, baseVersion: 0 }, table, row);
  }
  if (!row || row.deletedAt !== null) {
    if (m.op === 'delete' && row) return applied(m.id, row.version); // deleting twice: nothing to do
    return reject(m.id, 'NOT_FOUND', `${table}: no row ${m.rowId}${row ? ' (deleted)' : ''}`);
  }
  if (spec.policy === 'insert-only') return reject(m.id, 'CONFLICT', `${table}: rows are never changed once written`);
  if (m.op === 'update') return updateRow(ctx, m, table, row);
  return deleteRow(ctx, m, table, row);
}

function insertRow(ctx: PushContext, m: Mutation, key: string): MutationOutcome {
  const version = ctx.nextVersion();
  const fields = patchFields(m.patch);
  const stamp: FieldStamp = { v: version, c: ctx.clientId, u: ctx.user.username };
  const fieldVersions: Record<string, FieldStamp> = {};
  for (const field of Object.keys(fields)) fieldVersions[field] = stamp;
  // id and tenantId are forced: the row's identity comes from the mutation and the token only.
  ctx.rows.set(key, {
    data: { ...fields, id: m.rowId, tenantId: ctx.user.tenantId },
    fieldVersions,
    version,
    deletedAt: null,
    dirty: true,
  });
  return applied(m.id, version);
}

function updateRow(ctx: PushContext, m: Mutation, table: SyncTableName, row: RowState): MutationOutcome {
  const policy = SYNC_TABLES[table].policy;
  if (policy === 'insert-only') return reject(m.id, 'CONFLICT', `${table}: rows are never changed once written`);
  const { changes, conflicts } = mergePatch({
    policy,
    baseVersion: m.baseVersion,
    clientId: ctx.clientId,
    username: ctx.user.username,
    current: row.data,
    fieldVersions: row.fieldVersions,
    patch: m.patch,
  });
  const changed = Object.keys(changes);
  // Nothing to change and nothing contested: the row already says what the client says.
  if (changed.length === 0 && conflicts.length === 0) return applied(m.id, row.version);
  // A server-wins conflict changes no field but still bumps the version, so the pusher's next pull
  // brings the server's value back over its local edit.
  const version = ctx.nextVersion();
  const stamp: FieldStamp = { v: version, c: ctx.clientId, u: ctx.user.username };
  for (const field of changed) {
    row.data[field] = changes[field];
    row.fieldVersions[field] = stamp;
  }
  row.version = version;
  row.dirty = true;
  const stored: StoredConflict[] = conflicts.map((c) => ({
    id: randomUUID(),
    table,
    rowId: m.rowId,
    field: c.field,
    winner: c.winner,
    loser: c.loser,
    loserBy: c.loserBy,
    policy,
    mutationId: m.id,
    clientId: ctx.clientId,
  }));
  return applied(m.id, version, stored);
}

function deleteRow(ctx: PushContext, m: Mutation, table: SyncTableName, row: RowState): MutationOutcome {
  if (SYNC_TABLES[table].policy === 'server-wins') {
    // Deleting a row someone else changed since the pusher saw it would throw their change away.
    const changedElsewhere = Object.values(row.fieldVersions).some((s) => s.v > m.baseVersion && s.c !== ctx.clientId);
    if (changedElsewhere) {
      return reject(m.id, 'CONFLICT', `${table}: row ${m.rowId} changed on the server after version ${m.baseVersion}`);
    }
  }
  // A tombstone keeps the data: a delete can be reviewed and undone, and pull carries it.
  row.version = ctx.nextVersion();
  row.deletedAt = ctx.now;
  row.dirty = true;
  return applied(m.id, row.version);
}
