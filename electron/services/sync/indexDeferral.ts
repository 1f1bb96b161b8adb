// An initial sync into empty tables loads faster with the secondary indexes built once at the end
// than maintained row by row (about half the insert cost on these machines, docs/ARCHITECTURE.md).
// Only non-unique indexes are deferred: unique ones keep refusing clashing rows during the load.
// The dropped indexes' SQL is saved in the settings before they go, so a console killed mid-load
// rebuilds them the next time sync opens (restoreDeferredIndexes), never running without them.
import type Database from 'better-sqlite3';
import { SYNC_TABLE_NAMES } from '../../../shared/sync/tables';

const SETTING = 'sync.deferredIndexes';

interface Settings {
  getSetting(key: string): string | null;
  setSetting(key: string, value: string): void;
  deleteSetting(key: string): void;
}

function rebuild(sqlite: Database.Database, settings: Settings, sqls: string[]): void {
  sqlite.transaction(() => {
    // IF NOT EXISTS: a crash may have come after some were rebuilt
    for (const sql of sqls) sqlite.exec(sql.replace(/^CREATE INDEX /i, 'CREATE INDEX IF NOT EXISTS '));
    settings.deleteSetting(SETTING);
  })();
}

/** Rebuilds indexes a killed initial sync left dropped. Cheap when there are none. */
export function restoreDeferredIndexes(sqlite: Database.Database, settings: Settings): void {
  const saved = settings.getSetting(SETTING);
  if (saved === null) return;
  let sqls: string[] = [];
  try {
    const v: unknown = JSON.parse(saved);
    if (Array.isArray(v)) sqls = v.filter((x): x is string => typeof x === 'string' && /^CREATE INDEX /i.test(x));
  } catch {
    // damaged setting: nothing we can rebuild from it
  }
  rebuild(sqlite, settings, sqls);
}

/**
 * Drops the non-unique secondary indexes of the synced tables that hold no rows yet and returns
 * the function that builds them again. Tables with rows keep theirs (rebuilding a big index for a
 * small pull would cost more than it saves).
 */
export function deferIndexesOfEmptyTables(sqlite: Database.Database, settings: Settings): () => void {
  restoreDeferredIndexes(sqlite, settings);
  const sqls: { name: string; sql: string }[] = [];
  for (const table of SYNC_TABLE_NAMES) {
    if (sqlite.prepare(`SELECT 1 FROM ${table} LIMIT 1`).get() !== undefined) continue;
    const indexes = sqlite.prepare("SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = ? AND sql IS NOT NULL").all(table) as { name: string; sql: string }[];
    sqls.push(...indexes.filter((i) => /^CREATE INDEX /i.test(i.sql)));
  }
  if (sqls.length === 0) return () => undefined;
  sqlite.transaction(() => {
    settings.setSetting(SETTING, JSON.stringify(sqls.map((i) => i.sql)));
    for (const i of sqls) sqlite.exec(`DROP INDEX IF EXISTS "${i.name.replaceAll('"', '""')}"`);
  })();
  return () => rebuild(sqlite, settings, sqls.map((i) => i.sql));
}
