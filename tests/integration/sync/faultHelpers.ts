// Helpers of the sync fault tests (faults.test.ts): real child processes (the `noc` CLI and the
// `noc-server` service) that the test kills by PID, a TCP proxy that cuts a connection after N
// bytes of an answer, polling for observable states, and the two checks every scenario ends with:
// every local change reached the server exactly once, and the cache equals the server's view.
import { spawn, type ChildProcess } from 'node:child_process';
import net from 'node:net';
import path from 'node:path';
import Database from 'better-sqlite3';
import { sql } from 'drizzle-orm';
import { expect } from 'vitest';
import type { Db } from '../../../server/src/db/database';
import { CACHE_FILE_NAME } from '../../../electron/services/cache/database';
import { cacheTable, fromSqlValue } from '../../../electron/services/sync/cacheTables';
import type { SyncTableName } from '../../../shared/sync/tables';

export const NOC = path.resolve('bin/noc.mjs');
export const NOC_SERVER = path.resolve('bin/noc-server.mjs');

/** Polls `probe` until it returns a value other than undefined/false; fails after `timeoutMs`. */
export async function waitFor<T>(what: string, probe: () => T | undefined | false | Promise<T | undefined | false>, timeoutMs = 30_000, everyMs = 10): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await probe();
    if (v !== undefined && v !== false) return v;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}

export interface Exit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

/** A child process the test started (and only ever stops by its own PID). */
export class Child {
  readonly exited: Promise<Exit>;
  private out = '';
  private err = '';
  private done: Exit | null = null;

  constructor(readonly proc: ChildProcess) {
    proc.stdout?.setEncoding('utf8').on('data', (d: string) => (this.out += d));
    // keep only the tail of stderr (the server logs every request there)
    proc.stderr?.setEncoding('utf8').on('data', (d: string) => (this.err = (this.err + d).slice(-8000)));
    this.exited = new Promise((resolve) =>
      proc.on('exit', (code, signal) => {
        this.done = { code, signal };
        resolve(this.done);
      }),
    );
  }

  static node(args: string[], env: NodeJS.ProcessEnv = process.env): Child {
    return new Child(spawn(process.execPath, args, { env, stdio: ['ignore', 'pipe', 'pipe'] }));
  }

  get pid(): number {
    const pid = this.proc.pid;
    if (pid === undefined) throw new Error('child did not start');
    return pid;
  }

  get stdout(): string {
    return this.out;
  }

  get stderr(): string {
    return this.err;
  }

  get running(): boolean {
    return this.done === null;
  }

  /** SIGKILL by PID; resolves when the process is gone. */
  async kill(): Promise<Exit> {
    if (this.done) return this.done;
    process.kill(this.pid, 'SIGKILL');
    return this.exited;
  }
}

/** `noc-server serve --port P --json` on a database; resolves once it listens. */
export async function startServerChild(databaseUrl: string, port = 0): Promise<{ child: Child; url: string; port: number }> {
  const child = Child.node([NOC_SERVER, 'serve', '--port', String(port), '--json', '--database-url', databaseUrl], {
    ...process.env,
    NOC_SHUTDOWN_TIMEOUT_MS: '2000',
  });
  const line = await waitFor(
    'noc-server to listen',
    () => {
      if (!child.running) throw new Error(`noc-server exited early: ${child.stderr}`);
      const nl = child.stdout.indexOf('\n');
      return nl >= 0 ? child.stdout.slice(0, nl) : undefined;
    },
    60_000,
    25,
  );
  const info = JSON.parse(line) as { url: string; port: number };
  return { child, url: info.url, port: info.port };
}

/** `noc sync --once --json --workspace DIR` as a child process. */
export function syncOnceChild(workspace: string): Child {
  return Child.node([NOC, 'sync', '--once', '--json', '--workspace', workspace]);
}

/**
 * A TCP proxy between console and server. Healthy by default; `cutAfter(n)` makes it destroy the
 * connection carrying an answer once `n` bytes of answers have passed since it was armed (then it
 * is healthy again).
 */
export class CutProxy {
  private budget: number | null = null;
  private readonly sockets = new Set<net.Socket>();
  cuts = 0;

  private constructor(
    private readonly server: net.Server,
    readonly port: number,
  ) {}

  static async start(target: { host: string; port: number }): Promise<CutProxy> {
    let self: CutProxy | null = null;
    const server = net.createServer((client) => {
      const upstream = net.connect(target.port, target.host);
      const p = self;
      if (!p) return;
      p.sockets.add(client);
      p.sockets.add(upstream);
      const drop = (): void => {
        client.destroy();
        upstream.destroy();
        p.sockets.delete(client);
        p.sockets.delete(upstream);
      };
      client.on('error', drop).on('close', drop);
      upstream.on('error', drop).on('close', drop);
      client.pipe(upstream);
      upstream.on('data', (chunk: Buffer) => {
        if (p.budget === null) {
          client.write(chunk);
          return;
        }
        if (chunk.length < p.budget) {
          p.budget -= chunk.length;
          client.write(chunk);
          return;
        }
        // the first `budget` bytes pass, then the connection goes down mid-answer
        const head = chunk.subarray(0, p.budget);
        p.budget = null;
        p.cuts++;
        client.write(head, () => {
          client.resetAndDestroy();
          upstream.destroy();
        });
      });
      upstream.on('end', () => client.end());
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const addr = server.address();
    if (addr === null || typeof addr === 'string') throw new Error('proxy did not listen');
    self = new CutProxy(server, addr.port);
    return self;
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  cutAfter(bytes: number): void {
    this.budget = bytes;
  }

  heal(): void {
    this.budget = null;
  }

  async close(): Promise<void> {
    for (const s of this.sockets) s.destroy();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}

/** The workspace cache opened read-only (WAL: readable while a console process writes it). */
export function openCacheReadOnly(workspace: string): Database.Database {
  const db = new Database(path.join(workspace, CACHE_FILE_NAME), { readonly: true, fileMustExist: true });
  db.pragma('busy_timeout = 5000');
  return db;
}

function rowsOf<T>(res: unknown): T[] {
  return (res as { rows: T[] }).rows;
}

export async function changeSeq(db: Db, tenantId: string): Promise<number> {
  const [r] = rowsOf<{ s: string | number }>(await db.execute(sql`select change_seq as s from tenants where id = ${tenantId}::uuid`));
  return Number(r?.s);
}

export async function appliedIds(db: Db, tenantId: string, clientId: string): Promise<string[]> {
  return rowsOf<{ id: string }>(
    await db.execute(sql`select mutation_id as id from applied_mutations where tenant_id = ${tenantId}::uuid and client_id = ${clientId}`),
  ).map((r) => r.id);
}

export async function appliedCount(db: Db, tenantId: string, clientId: string): Promise<number> {
  const [r] = rowsOf<{ n: string | number }>(
    await db.execute(sql`select count(*) as n from applied_mutations where tenant_id = ${tenantId}::uuid and client_id = ${clientId}`),
  );
  return Number(r?.n);
}

export function setting(cache: Database.Database, key: string): string | null {
  const r = cache.prepare('SELECT value FROM settings WHERE key = ?').get(key) as { value: string } | undefined;
  return r?.value ?? null;
}

/** The mutation ids of the console's outbox (pending or in review) for the tenant. */
export function outboxIds(cache: Database.Database, tenantId: string): string[] {
  return (cache.prepare('SELECT mutation_id AS id FROM outbox WHERE tenant_id = ? ORDER BY seq').all(tenantId) as { id: string }[]).map((r) => r.id);
}

/**
 * Check (a): every change the console made reached the server exactly once — the server applied
 * exactly the console's mutation ids for its client id (none missing, none extra), the tenant's
 * change sequence moved exactly once per applied mutation since `seqBefore` (nothing was applied
 * twice; only this console wrote the tenant in between), and the console's outbox is empty.
 */
export async function expectExactlyOnce(o: {
  db: Db;
  tenantId: string;
  clientId: string;
  created: readonly string[];
  seqBefore: number;
  cache: Database.Database;
}): Promise<void> {
  const applied = await appliedIds(o.db, o.tenantId, o.clientId);
  expect(new Set(applied).size, 'applied_mutations holds each mutation once').toBe(applied.length);
  const missing = o.created.filter((id) => !applied.includes(id));
  const extra = applied.filter((id) => !o.created.includes(id));
  expect({ missing: missing.length, extra: extra.length }).toEqual({ missing: 0, extra: 0 });
  expect(applied.length).toBe(new Set(o.created).size);
  expect((await changeSeq(o.db, o.tenantId)) - o.seqBefore, 'change_seq moved once per applied mutation').toBe(applied.length);
  expect(outboxIds(o.cache, o.tenantId), 'outbox is empty').toEqual([]);
}

interface ServerRow {
  version: number;
  data: Record<string, unknown> | null;
  deletedAt: number | null;
}

export async function serverRows(db: Db, tenantId: string, table: SyncTableName): Promise<Map<string, ServerRow>> {
  const rows = rowsOf<{ row_id: string; version: string | number; data: Record<string, unknown> | null; deleted_at: string | number | null }>(
    await db.execute(
      sql`select row_id, version, data, deleted_at from sync_rows where tenant_id = ${tenantId}::uuid and table_name = ${table} order by row_id`,
    ),
  );
  return new Map(rows.map((r) => [r.row_id, { version: Number(r.version), data: r.data, deletedAt: r.deleted_at === null ? null : Number(r.deleted_at) }]));
}

/**
 * Check (b): the cache's rows of `table` equal the server's for the tenant, row by row — the same
 * live ids, and per row the same version, deletion and field values (updatedAt excluded: each
 * cache stamps its own when a pulled row lands). Tombstones the console never held are fine.
 */
export async function expectCacheEqualsServer(db: Db, cache: Database.Database, tenantId: string, table: SyncTableName = 'devices'): Promise<void> {
  const server = await serverRows(db, tenantId, table);
  const t = cacheTable(table);
  const local = cache.prepare(`SELECT * FROM ${t.name} WHERE tenant_id = ? ORDER BY id`).all(tenantId) as Record<string, unknown>[];
  const liveServer = [...server.entries()].filter(([, r]) => r.deletedAt === null).map(([id]) => id);
  const liveLocal = local.filter((r) => r.deleted_at === null).map((r) => String(r.id));
  expect(liveLocal.length, `live ${table} rows`).toBe(liveServer.length);
  expect(liveLocal).toEqual(liveServer);
  const mismatches: string[] = [];
  for (const row of local) {
    const id = String(row.id);
    const s = server.get(id);
    if (!s) {
      mismatches.push(`${id}: not on the server`);
      continue;
    }
    if (row.version !== s.version) mismatches.push(`${id}: version ${String(row.version)} ≠ ${s.version}`);
    const deletedAt = row.deleted_at === null ? null : Number(row.deleted_at);
    if (deletedAt !== s.deletedAt) mismatches.push(`${id}: deleted_at ${String(deletedAt)} ≠ ${String(s.deletedAt)}`);
    for (const [prop, value] of Object.entries(s.data ?? {})) {
      const col = t.columns.get(prop);
      if (col === undefined || ['id', 'tenantId', 'version', 'updatedAt', 'deletedAt'].includes(prop)) continue;
      const mine = fromSqlValue(t, prop, row[col]);
      if (mine !== value) mismatches.push(`${id}.${prop}: ${JSON.stringify(mine)} ≠ ${JSON.stringify(value)}`);
    }
    if (mismatches.length > 20) break;
  }
  expect(mismatches).toEqual([]);
}
