// Opens the workspace's SQLite cache: WAL, foreign keys, busy timeout, then applies the committed
// drizzle migrations. The single place that knows the file layout of a workspace.
import Database from 'better-sqlite3';
import { drizzle, type BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as schema from './schema';

export type CacheDb = BetterSQLite3Database<typeof schema>;

export interface OpenCache {
  sqlite: Database.Database;
  db: CacheDb;
  file: string;
  close(): void;
}

export const CACHE_FILE_NAME = 'noc-cache.sqlite';

export function defaultMigrationsFolder(): string {
  return path.join(path.dirname(fileURLToPath(import.meta.url)), 'migrations');
}

export function openCache(file: string, opts: { migrationsFolder?: string; readonly?: boolean } = {}): OpenCache {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const sqlite = new Database(file, { readonly: opts.readonly ?? false });
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('synchronous = NORMAL');
  sqlite.pragma('busy_timeout = 2000');
  // reports scan hundreds of thousands of rows: a 64 MiB page cache keeps them off the disk
  sqlite.pragma('cache_size = -65536');
  const db = drizzle(sqlite, { schema });
  if (!opts.readonly) migrate(db, { migrationsFolder: opts.migrationsFolder ?? defaultMigrationsFolder() });
  return {
    sqlite,
    db,
    file,
    close: () => {
      if (sqlite.open) sqlite.close();
    },
  };
}
