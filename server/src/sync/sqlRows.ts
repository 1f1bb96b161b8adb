// `db.execute()` returns the driver's own result type (node-postgres QueryResult, PGlite Results);
// through the driver-agnostic handle it is opaque. Both carry `rows`: read them with a runtime check
// instead of a cast, so a driver change fails loudly here rather than somewhere downstream.
import type { SQL } from 'drizzle-orm';
import type { SyncDb } from './types';

export type SqlRow = Record<string, unknown>;

export async function queryRows(db: SyncDb, query: SQL): Promise<SqlRow[]> {
  const result: unknown = await db.execute(query);
  if (typeof result === 'object' && result !== null && 'rows' in result && Array.isArray(result.rows)) {
    return result.rows as SqlRow[];
  }
  throw new Error('unexpected result shape from db.execute');
}

/** A bigint column: node-postgres returns int8 as a string, PGlite as a number or bigint. */
export function toInt(value: unknown): number {
  if (typeof value === 'number') return value;
  if (typeof value === 'bigint' || typeof value === 'string') return Number(value);
  if (value === null || value === undefined) return 0;
  throw new Error(`not an integer: ${typeof value}`);
}

/** A PostgreSQL error code (SQLSTATE) on an error or on the error drizzle wrapped it in. */
export function pgErrorCode(err: unknown): string | null {
  for (let e: unknown = err, depth = 0; e && depth < 4; depth++) {
    if (typeof e !== 'object') break;
    if ('code' in e && typeof e.code === 'string' && /^[0-9A-Z]{5}$/.test(e.code)) return e.code;
    e = 'cause' in e ? e.cause : undefined;
  }
  return null;
}
