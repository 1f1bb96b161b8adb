// Opens the central database: PostgreSQL through a `pg` Pool when a URL is given (DATABASE_URL),
// else an embedded PGlite data folder so `npm run server` works on a fresh machine. Callers get one
// driver-agnostic drizzle handle (`PgDatabase<PgQueryResultHKT, schema>`) plus LISTEN/NOTIFY helpers,
// so the sync and auth code never branches on the driver.
import { PGlite } from '@electric-sql/pglite';
import { sql, type SQL } from 'drizzle-orm';
import { drizzle as drizzleNodePg } from 'drizzle-orm/node-postgres';
import { migrate as migrateNodePg } from 'drizzle-orm/node-postgres/migrator';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import * as schema from './schema';

export type ServerSchema = typeof schema;
export type Db = PgDatabase<PgQueryResultHKT, ServerSchema>;
/** What `db.transaction(cb)` hands to `cb`: usable wherever a `Db` is. */
export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];

export type Unlisten = () => Promise<void>;

export interface ServerDb {
  db: Db;
  kind: 'postgres' | 'pglite';
  /** Subscribes to a NOTIFY channel; the returned function unsubscribes. */
  listen(channel: string, onPayload: (payload: string) => void): Promise<Unlisten>;
  /** NOTIFY outside a transaction (inside one, run `select pg_notify(...)` on the tx: it fires at commit). */
  notify(channel: string, payload: string): Promise<void>;
  /** Applies server/migrations (idempotent; serialized across instances with an advisory lock). */
  migrate(): Promise<void>;
  close(): Promise<void>;
}

export interface OpenServerDbOptions {
  /** postgres://… ; wins over dataDir. */
  url?: string;
  /** PGlite data folder (default NOC_SERVER_DATA or ./.noc-server-data). */
  dataDir?: string;
  /** Pool size for PostgreSQL (default 10). */
  poolMax?: number;
}

export function defaultMigrationsFolder(): string {
  return path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../migrations');
}

export function defaultDataDir(): string {
  return path.resolve(process.env.NOC_SERVER_DATA ?? '.noc-server-data');
}

// An arbitrary constant: every instance takes the same advisory lock while migrating, so two
// instances starting together never apply the same migration twice.
const MIGRATION_LOCK_KEY = 0x6e6f6373; // 'nocs'

/** A quoted SQL identifier for LISTEN/UNLISTEN (which take no bind parameters). */
function quoteIdent(name: string): string {
  if (!/^[a-z_][a-z0-9_]{0,62}$/i.test(name)) throw new Error(`invalid channel name: ${name}`);
  return `"${name}"`;
}

export async function openServerDb(opts: OpenServerDbOptions = {}): Promise<ServerDb> {
  return opts.url ? openPostgres(opts.url, opts.poolMax ?? 10) : openPglite(opts.dataDir ?? defaultDataDir());
}

async function openPostgres(url: string, poolMax: number): Promise<ServerDb> {
  const pool = new pg.Pool({ connectionString: url, max: poolMax });
  // An idle client dropped by the server (restart, failover) must not crash the process.
  pool.on('error', () => undefined);
  const db = drizzleNodePg(pool, { schema });
  const listener = new PgListener(url);

  return {
    db: db as unknown as Db,
    kind: 'postgres',
    listen: (channel, onPayload) => listener.listen(channel, onPayload),
    notify: async (channel, payload) => {
      await pool.query('select pg_notify($1, $2)', [channel, payload]);
    },
    migrate: async () => {
      // The advisory lock is per session: lock, migrate and unlock on one dedicated connection.
      const client = await pool.connect();
      try {
        await client.query('select pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
        try {
          await migrateNodePg(drizzleNodePg(client, { schema }), { migrationsFolder: defaultMigrationsFolder() });
        } finally {
          await client.query('select pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]);
        }
      } finally {
        client.release();
      }
    },
    close: async () => {
      await listener.close();
      await pool.end();
    },
  };
}

/**
 * One dedicated connection for LISTEN (a pooled one would be handed to other queries). If it
 * drops, it reconnects with backoff and re-subscribes, so a database restart does not silently
 * stop live pokes.
 */
class PgListener {
  private client: pg.Client | null = null;
  private connecting: Promise<pg.Client> | null = null;
  private readonly subs = new Map<string, Set<(payload: string) => void>>();
  private closed = false;
  private retryTimer: NodeJS.Timeout | null = null;

  constructor(private readonly url: string) {}

  async listen(channel: string, onPayload: (payload: string) => void): Promise<Unlisten> {
    const q = quoteIdent(channel);
    let set = this.subs.get(channel);
    const first = !set;
    if (!set) {
      set = new Set();
      this.subs.set(channel, set);
    }
    set.add(onPayload);
    const client = await this.connection();
    if (first) await client.query(`LISTEN ${q}`);
    return async () => {
      const s = this.subs.get(channel);
      if (!s) return;
      s.delete(onPayload);
      if (s.size === 0) {
        this.subs.delete(channel);
        if (this.client && !this.closed) await this.client.query(`UNLISTEN ${q}`).catch(() => undefined);
      }
    };
  }

  private connection(): Promise<pg.Client> {
    if (this.client) return Promise.resolve(this.client);
    if (this.connecting) return this.connecting;
    this.connecting = (async () => {
      const client = new pg.Client({ connectionString: this.url });
      client.on('notification', (msg) => {
        const subs = this.subs.get(msg.channel);
        if (!subs) return;
        for (const cb of subs) cb(msg.payload ?? '');
      });
      client.on('error', () => this.dropped(client));
      client.on('end', () => this.dropped(client));
      try {
        await client.connect();
      } catch (err) {
        this.connecting = null;
        throw err;
      }
      for (const channel of this.subs.keys()) await client.query(`LISTEN ${quoteIdent(channel)}`);
      this.client = client;
      this.connecting = null;
      return client;
    })();
    return this.connecting;
  }

  private dropped(client: pg.Client): void {
    if (this.client !== client) return;
    this.client = null;
    client.removeAllListeners('end');
    void client.end().catch(() => undefined);
    this.scheduleReconnect(250);
  }

  private scheduleReconnect(delayMs: number): void {
    if (this.closed || this.subs.size === 0 || this.retryTimer) return;
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null;
      this.connection().catch(() => this.scheduleReconnect(Math.min(delayMs * 2, 10_000)));
    }, delayMs);
    this.retryTimer.unref();
  }

  async close(): Promise<void> {
    this.closed = true;
    if (this.retryTimer) clearTimeout(this.retryTimer);
    const client = this.client ?? (this.connecting ? await this.connecting.catch(() => null) : null);
    this.client = null;
    if (client) {
      client.removeAllListeners('end');
      await client.end().catch(() => undefined);
    }
  }
}

async function openPglite(dataDir: string): Promise<ServerDb> {
  fs.mkdirSync(dataDir, { recursive: true });
  const client = await PGlite.create(dataDir);
  const db = drizzlePglite(client, { schema });
  return {
    db: db as unknown as Db,
    kind: 'pglite',
    listen: (channel, onPayload) => client.listen(quoteIdent(channel), onPayload),
    notify: async (channel, payload) => {
      await db.execute(sql`select pg_notify(${channel}, ${payload})`);
    },
    // PGlite is single-process (one instance owns the folder): no lock needed.
    migrate: () => migratePglite(db, { migrationsFolder: defaultMigrationsFolder() }),
    close: () => client.close(),
  };
}

/**
 * Rows of a raw query on either driver (`db.execute` is typed per driver; both results carry
 * `rows`). Note: bigint columns come back as strings from node-postgres — cast in SQL (`::int`) or
 * convert.
 */
export async function queryRows<T extends Record<string, unknown>>(db: Db | Tx, query: SQL): Promise<T[]> {
  const result: unknown = await db.execute(query);
  const rows = typeof result === 'object' && result !== null ? (result as { rows?: unknown }).rows : undefined;
  if (!Array.isArray(rows)) throw new Error('unexpected driver result');
  return rows as T[];
}

/** How many migrations server/migrations holds (readiness compares it with the applied ones). */
export function expectedMigrationCount(folder = defaultMigrationsFolder()): number {
  const journal = JSON.parse(fs.readFileSync(path.join(folder, 'meta', '_journal.json'), 'utf8')) as { entries?: unknown[] };
  return journal.entries?.length ?? 0;
}

/** Applied migrations (0 when none ran yet). */
export async function appliedMigrationCount(db: Db): Promise<number> {
  const [exists] = await queryRows<{ t: string | null }>(db, sql`select to_regclass('drizzle.__drizzle_migrations')::text as t`);
  if (!exists?.t) return 0;
  const [row] = await queryRows<{ n: number }>(db, sql`select count(*)::int as n from drizzle.__drizzle_migrations`);
  return Number(row?.n ?? 0);
}

/** Applies the committed migrations (server/migrations). */
export function migrate(server: ServerDb): Promise<void> {
  return server.migrate();
}
