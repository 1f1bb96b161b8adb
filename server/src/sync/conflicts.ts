// GET /v1/sync/conflicts: the tenant's recent conflicts (losing values are kept server side too, so
// a console that lost its local inbox, or an admin, can still find what was overwritten).
// Only conflicts of tables the caller may read: a conflict carries row values.
import { and, desc, eq, inArray } from 'drizzle-orm';
import { z } from 'zod';
import { conflictSchema, type SyncConflict } from '../../../shared/sync/protocol';
import { isSyncTable } from '../../../shared/sync/tables';
import { syncConflicts } from '../db/schema';
import { readableTables } from './pull';
import type { SyncDb, SyncUser } from './types';

export const conflictsQuerySchema = z.object({
  limit: z.coerce.number().int().min(1).max(1000).default(100),
  /** Only conflicts raised by this client's pushes. */
  clientId: z.string().min(1).max(100).optional(),
});
export type ConflictsQuery = z.infer<typeof conflictsQuerySchema>;

export const storedConflictSchema = conflictSchema.extend({ clientId: z.string(), createdAt: z.number().int() });
export type StoredConflictView = SyncConflict & { clientId: string; createdAt: number };

export async function listConflicts(db: SyncDb, user: SyncUser, query: ConflictsQuery): Promise<StoredConflictView[]> {
  const tables = readableTables(user);
  if (tables.length === 0) return [];
  const rows = await db
    .select()
    .from(syncConflicts)
    .where(
      and(
        eq(syncConflicts.tenantId, user.tenantId),
        inArray(syncConflicts.tableName, tables),
        query.clientId ? eq(syncConflicts.clientId, query.clientId) : undefined,
      ),
    )
    .orderBy(desc(syncConflicts.createdAt))
    .limit(query.limit);
  const out: StoredConflictView[] = [];
  for (const r of rows) {
    if (!isSyncTable(r.tableName)) continue; // a table dropped from SYNC_TABLES since
    const policy = r.policy === 'server-wins' || r.policy === 'insert-only' ? r.policy : 'field-lww';
    out.push({
      id: r.id,
      table: r.tableName,
      rowId: r.rowId,
      field: r.field,
      winner: r.winner,
      loser: r.loser,
      loserBy: r.loserBy,
      policy,
      mutationId: r.mutationId,
      clientId: r.clientId,
      createdAt: r.createdAt.getTime(),
    });
  }
  return out;
}
