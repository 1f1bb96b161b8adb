// The floor of the initial-sync bench: reads `psql \copy … to stdout` (CSV: table, row id, the
// row's JSON) from stdin and inserts the rows into a fresh cache (the same schema and indexes the
// console uses) with one prepared INSERT per table, 50,000 rows a transaction. No HTTP, no
// validation, no outbox, no rebase: what moving the bytes from PostgreSQL into SQLite costs.
import readline from 'node:readline';
import { getTableColumns } from 'drizzle-orm';
import type { SQLiteTable } from 'drizzle-orm/sqlite-core';
import { openCache } from '../../electron/services/cache/database';
import * as schema from '../../electron/services/cache/schema';

const [file, tenantId] = process.argv.slice(2);
if (file === undefined || tenantId === undefined) throw new Error('usage: syncFloorChild CACHE_FILE TENANT_ID < csv');
const cache = openCache(file);
const sqlite = cache.sqlite;

const TABLES: Record<string, SQLiteTable> = { sites: schema.sites, service_plans: schema.servicePlans, devices: schema.devices, subscribers: schema.subscribers };
const inserts = new Map<string, { stmt: ReturnType<typeof sqlite.prepare>; props: string[] }>();
function insertFor(table: string) {
  let i = inserts.get(table);
  if (i === undefined) {
    const t = TABLES[table];
    if (t === undefined) throw new Error(`unexpected table ${table}`);
    const cols = Object.entries(getTableColumns(t));
    i = { stmt: sqlite.prepare(`INSERT INTO ${table} (${cols.map(([, c]) => c.name).join(', ')}) VALUES (${cols.map(() => '?').join(', ')})`), props: cols.map(([p]) => p) };
    inserts.set(table, i);
  }
  return i;
}

/** One CSV record of three fields, the last a quoted JSON text ("" escapes a quote). */
function parseLine(line: string): [string, string, string] {
  const a = line.indexOf(',');
  const b = line.indexOf(',', a + 1);
  let json = line.slice(b + 1);
  if (json.startsWith('"')) json = json.slice(1, -1).replaceAll('""', '"');
  return [line.slice(0, a), line.slice(a + 1, b), json];
}

let batch: [string, string, Record<string, unknown>][] = [];
const flush = sqlite.transaction((rows: typeof batch) => {
  for (const [table, id, data] of rows) {
    const { stmt, props } = insertFor(table);
    stmt.run(props.map((p) => (p === 'id' ? id : p === 'tenantId' ? tenantId : p === 'version' ? 1 : (data[p] ?? null))));
  }
});
let rows = 0;
const rl = readline.createInterface({ input: process.stdin, crlfDelay: Infinity });
for await (const line of rl) {
  const [table, id, json] = parseLine(line);
  batch.push([table, id, JSON.parse(json) as Record<string, unknown>]);
  if (batch.length === 50_000) {
    flush(batch);
    rows += batch.length;
    batch = [];
  }
}
flush(batch);
rows += batch.length;
cache.close();
process.stdout.write(`${rows}\n`);
