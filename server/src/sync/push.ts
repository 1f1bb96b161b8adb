// POST /v1/sync/push: a client's queued mutations, applied in one transaction, each exactly once.
//
// Order of work inside the transaction, and why:
// 1. Lock the tenant row (SELECT … FOR UPDATE). Every push of a tenant serializes here, so the
//    versions it hands out commit in order (a pull never skips a version that commits later) and
//    two copies of the same push cannot both pass the exactly-once check below.
// 2. Load what the push needs in three queries (results of mutations seen before, the touched
//    rows, ids taken by other tenants) instead of a few queries per mutation: 10,000 queued
//    mutations must not cost 40,000 round trips.
// 3. Apply the mutations in order in memory (mutationApply.ts).
// 4. Write back touched rows, applied results and conflicts in one statement each; set the
//    tenant's change_seq to the last version handed out; pg_notify, which PostgreSQL delivers at
//    commit and never for a rolled-back push.
import { and, eq, inArray, sql } from 'drizzle-orm';
import { mutationResultSchema, type MutationResult, type PushRequest, type PushResponse } from '../../../shared/sync/protocol';
import { appliedMutations, syncRows, tenants } from '../db/schema';
import type { FieldStamp } from './fieldMerge';
import { applyMutation, rowKey, type RowState, type StoredConflict } from './mutationApply';
import { pgErrorCode, toInt } from './sqlRows';
import { SYNC_CHANNEL, UnknownTenantError, type SyncDb, type SyncUser } from './types';

type Tx = Parameters<Parameters<SyncDb['transaction']>[0]>[0];

// unique_violation (two tenants inserting one new id at once), serialization_failure, deadlock:
// the push is rerun from scratch; its reads then see the winner's commit.
const RETRYABLE = new Set(['23505', '40001', '40P01']);
const MAX_ATTEMPTS = 3;

export async function applyPush(db: SyncDb, user: SyncUser, req: PushRequest): Promise<PushResponse> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await db.transaction((tx) => pushInTransaction(tx, user, req));
    } catch (err) {
      const code = pgErrorCode(err);
      if (attempt >= MAX_ATTEMPTS || code === null || !RETRYABLE.has(code)) throw err;
    }
  }
}

async function pushInTransaction(tx: Tx, user: SyncUser, req: PushRequest): Promise<PushResponse> {
  const tenantId = user.tenantId;
  const [tenant] = await tx.select({ seq: tenants.changeSeq }).from(tenants).where(eq(tenants.id, tenantId)).for('update');
  if (!tenant) throw new UnknownTenantError();
  const startSeq = toInt(tenant.seq);
  let seq = startSeq;

  const earlier = await loadEarlierResults(tx, tenantId, req);
  const fresh = req.mutations.filter((m) => !earlier.has(m.id));
  const keys = uniqueKeys(fresh.map((m) => ({ t: m.table, r: m.rowId })));
  const rows = await loadRows(tx, tenantId, keys);
  const inserts = uniqueKeys(fresh.filter((m) => m.op === 'insert' && !rows.has(rowKey(m.table, m.rowId))).map((m) => ({ t: m.table, r: m.rowId })));
  const takenElsewhere = await loadTakenElsewhere(tx, tenantId, inserts);

  const ctx = { user, clientId: req.clientId, rows, takenElsewhere, nextVersion: () => ++seq, now: Date.now() };
  const results: MutationResult[] = [];
  const newlyApplied: MutationResult[] = [];
  const conflicts: StoredConflict[] = [];
  const appliedNow = new Map<string, MutationResult>();
  for (const m of req.mutations) {
    const repeat = earlier.get(m.id) ?? appliedNow.get(m.id);
    if (repeat) {
      results.push(repeat);
      continue;
    }
    const outcome = applyMutation(ctx, m);
    results.push(outcome.result);
    // Only applied mutations are remembered: a rejection changed nothing, so evaluating it again
    // (say after the user was granted the permission) cannot apply anything twice.
    if (outcome.result.status === 'applied') {
      appliedNow.set(m.id, outcome.result);
      newlyApplied.push(outcome.result);
      conflicts.push(...outcome.conflicts);
    }
  }

  await writeRows(tx, tenantId, rows);
  await writeApplied(tx, tenantId, req.clientId, newlyApplied);
  await writeConflicts(tx, tenantId, conflicts);
  if (seq !== startSeq) {
    await tx.update(tenants).set({ changeSeq: seq }).where(eq(tenants.id, tenantId));
    await tx.execute(sql`select pg_notify(${SYNC_CHANNEL}, ${JSON.stringify({ tenantId, cursor: seq })})`);
  }
  return { results, cursor: seq };
}

interface KeyRef {
  t: string;
  r: string;
}

function uniqueKeys(keys: KeyRef[]): KeyRef[] {
  const seen = new Map<string, KeyRef>();
  for (const k of keys) seen.set(rowKey(k.t, k.r), k);
  return [...seen.values()];
}

/** The (table_name, row_id) pairs of a push, as one JSON parameter (works on every driver). */
const keySet = (keys: KeyRef[]) =>
  sql`(select x.t, x.r from jsonb_to_recordset(${JSON.stringify(keys)}::jsonb) as x(t text, r text))`;

async function loadEarlierResults(tx: Tx, tenantId: string, req: PushRequest): Promise<Map<string, MutationResult>> {
  const out = new Map<string, MutationResult>();
  const ids = [...new Set(req.mutations.map((m) => m.id))];
  if (ids.length === 0) return out;
  const rows = await tx
    .select({ id: appliedMutations.mutationId, result: appliedMutations.result })
    .from(appliedMutations)
    .where(and(eq(appliedMutations.tenantId, tenantId), eq(appliedMutations.clientId, req.clientId), inArray(appliedMutations.mutationId, ids)));
  for (const row of rows) out.set(row.id, mutationResultSchema.parse(row.result));
  return out;
}

async function loadRows(tx: Tx, tenantId: string, keys: KeyRef[]): Promise<Map<string, RowState>> {
  const out = new Map<string, RowState>();
  if (keys.length === 0) return out;
  const rows = await tx
    .select({
      table: syncRows.tableName,
      rowId: syncRows.rowId,
      version: syncRows.version,
      data: syncRows.data,
      fieldVersions: syncRows.fieldVersions,
      deletedAt: syncRows.deletedAt,
    })
    .from(syncRows)
    .where(and(eq(syncRows.tenantId, tenantId), sql`(${syncRows.tableName}, ${syncRows.rowId}) in ${keySet(keys)}`));
  for (const row of rows) {
    out.set(rowKey(row.table, row.rowId), {
      data: row.data,
      fieldVersions: row.fieldVersions as Record<string, FieldStamp>,
      version: toInt(row.version),
      deletedAt: row.deletedAt === null ? null : toInt(row.deletedAt),
      dirty: false,
    });
  }
  return out;
}

/** Which of these ids another tenant holds. Selects the key only: nothing of that row is read. */
async function loadTakenElsewhere(tx: Tx, tenantId: string, keys: KeyRef[]): Promise<Set<string>> {
  const out = new Set<string>();
  if (keys.length === 0) return out;
  const rows = await tx
    .select({ table: syncRows.tableName, rowId: syncRows.rowId })
    .from(syncRows)
    .where(sql`${syncRows.tenantId} <> ${tenantId} and (${syncRows.tableName}, ${syncRows.rowId}) in ${keySet(keys)}`);
  for (const row of rows) out.add(rowKey(row.table, row.rowId));
  return out;
}

async function writeRows(tx: Tx, tenantId: string, rows: Map<string, RowState>): Promise<void> {
  const batch: Array<{ t: string; r: string; v: number; d: Record<string, unknown>; f: Record<string, FieldStamp>; del: number | null }> = [];
  for (const [key, row] of rows) {
    if (!row.dirty) continue;
    const sep = key.indexOf('\u0000');
    batch.push({ t: key.slice(0, sep), r: key.slice(sep + 1), v: row.version, d: row.data, f: row.fieldVersions, del: row.deletedAt });
  }
  if (batch.length === 0) return;
  await tx.execute(sql`
    insert into sync_rows (tenant_id, table_name, row_id, version, data, field_versions, deleted_at, updated_at)
    select ${tenantId}::uuid, x.t, x.r, x.v, x.d, x.f, x.del, now()
    from jsonb_to_recordset(${JSON.stringify(batch)}::jsonb) as x(t text, r text, v bigint, d jsonb, f jsonb, del bigint)
    on conflict (tenant_id, table_name, row_id) do update set
      version = excluded.version, data = excluded.data, field_versions = excluded.field_versions,
      deleted_at = excluded.deleted_at, updated_at = excluded.updated_at`);
}

async function writeApplied(tx: Tx, tenantId: string, clientId: string, results: MutationResult[]): Promise<void> {
  if (results.length === 0) return;
  await tx.execute(sql`
    insert into applied_mutations (tenant_id, client_id, mutation_id, result)
    select ${tenantId}::uuid, ${clientId}, x.id, x.result
    from jsonb_to_recordset(${JSON.stringify(results.map((r) => ({ id: r.id, result: r })))}::jsonb) as x(id text, result jsonb)`);
}

async function writeConflicts(tx: Tx, tenantId: string, conflicts: StoredConflict[]): Promise<void> {
  if (conflicts.length === 0) return;
  // winner/loser travel wrapped ({v: value}) so a JSON null survives as a jsonb null, not SQL NULL.
  const batch = conflicts.map((c) => ({
    id: c.id, t: c.table, r: c.rowId, f: c.field, w: { v: c.winner }, l: { v: c.loser }, b: c.loserBy, p: c.policy, c: c.clientId, m: c.mutationId,
  }));
  await tx.execute(sql`
    insert into sync_conflicts (id, tenant_id, table_name, row_id, field, winner, loser, loser_by, policy, client_id, mutation_id)
    select x.id::uuid, ${tenantId}::uuid, x.t, x.r, x.f, x.w -> 'v', x.l -> 'v', x.b, x.p, x.c, x.m
    from jsonb_to_recordset(${JSON.stringify(batch)}::jsonb) as x(id text, t text, r text, f text, w jsonb, l jsonb, b text, p text, c text, m text)`);
}
