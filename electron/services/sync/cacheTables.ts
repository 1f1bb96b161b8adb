// The cache's synced tables as sync sees them: SQL name → drizzle table, and each drizzle property
// (the protocol's field names) → its SQL column. Built from the schema itself (getTableColumns),
// so a column added to the schema syncs without touching this file.
import { getTableColumns, getTableName } from 'drizzle-orm';
import type { SQLiteTable } from 'drizzle-orm/sqlite-core';
import { SYNC_TABLE_NAMES, type SyncTableName } from '../../../shared/sync/tables';
import * as schema from '../cache/schema';

export interface CacheTable {
  name: SyncTableName;
  /** property name → SQL column name */
  columns: ReadonlyMap<string, string>;
  /** property names of boolean-mode columns (SQLite holds 0/1). */
  booleans: ReadonlySet<string>;
}

function isTable(v: unknown): v is SQLiteTable {
  try {
    return typeof v === 'object' && v !== null && typeof getTableName(v as SQLiteTable) === 'string';
  } catch {
    return false;
  }
}

function build(): ReadonlyMap<SyncTableName, CacheTable> {
  const byName = new Map<string, SQLiteTable>();
  for (const v of Object.values(schema)) if (isTable(v)) byName.set(getTableName(v), v);
  const out = new Map<SyncTableName, CacheTable>();
  for (const name of SYNC_TABLE_NAMES) {
    const table = byName.get(name);
    if (!table) throw new Error(`synced table ${name} is not in the cache schema`);
    const columns = new Map<string, string>();
    const booleans = new Set<string>();
    for (const [prop, col] of Object.entries(getTableColumns(table))) {
      columns.set(prop, col.name);
      if (col.columnType === 'SQLiteBoolean') booleans.add(prop);
    }
    out.set(name, { name, columns, booleans });
  }
  return out;
}

let tables: ReadonlyMap<SyncTableName, CacheTable> | null = null;

export function cacheTable(name: SyncTableName): CacheTable {
  tables ??= build();
  const t = tables.get(name);
  if (!t) throw new Error(`unknown synced table ${name}`);
  return t;
}

/** A field value as better-sqlite3 can bind it: booleans as 0/1, objects as JSON text. */
export function toSqlValue(v: unknown): string | number | bigint | null {
  if (v === null || v === undefined) return null;
  if (typeof v === 'boolean') return v ? 1 : 0;
  if (typeof v === 'number' || typeof v === 'string' || typeof v === 'bigint') return v;
  return JSON.stringify(v);
}

/** A column value read from SQLite as the protocol carries it (booleans back to true/false). */
export function fromSqlValue(t: CacheTable, prop: string, v: unknown): string | number | boolean | null {
  if (v === null || v === undefined) return null;
  if (t.booleans.has(prop)) return v === 1 || v === true;
  if (typeof v === 'bigint') return Number(v);
  if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') return v;
  return JSON.stringify(v);
}
