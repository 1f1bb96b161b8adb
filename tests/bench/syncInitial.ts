// `npm run bench -- sync`: the central sync service against its floor, in one run.
//   1. Initial sync of 1,000,000 rows (the demo ISP scaled up: 50 sites, 10 plans, 50,000 devices,
//      949,940 subscribers) from PostgreSQL into an empty cache: `noc-server` as its own process,
//      the console's sync service in this one (login, then one sync: pull until done), vs the
//      floor `psql \copy (…) to stdout` piped into a bare better-sqlite3 bulk insert into the same
//      cache schema (tests/bench/syncFloorChild.ts). Goal: within 2x of the floor.
//   2. Push of 10,000 queued mutations (device note edits made through the console's own IPC).
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { createConsoleServices } from '../../electron/services/consoleServices';
import { createTestDatabase } from '../integration/server/pgTestDb';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const ctx = { host: 'cli' } as const;
const PASSWORD = 'bench-password-1';
const PUSHES = Number(process.env.NOC_BENCH_SYNC_PUSHES ?? 10_000);
// NOC_BENCH_SYNC_ROWS scales the data down for a quick look (profiling); the bench's figure is 1M.
const TOTAL = Number(process.env.NOC_BENCH_SYNC_ROWS ?? 1_000_000);
const COUNTS = { sites: 50, plans: 10, devices: Math.round(TOTAL / 20), subscribers: TOTAL - 60 - Math.round(TOTAL / 20) };

/** UUID-shaped, time-ordered ids (as UUID v7 keeps the cache's B-tree appends local). */
const idSql = (v: string) => `'01900000-0000-7000-8000-' || lpad(to_hex(${v}), 12, '0')`;

async function seedServer(url: string, tenantId: string): Promise<number> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    const now = Date.now();
    const insert = (table: string, from: number, count: number, json: string) =>
      c.query(`INSERT INTO sync_rows (tenant_id, table_name, row_id, version, data, field_versions)
        SELECT $1::uuid, '${table}', ${idSql('v')}, v, ${json}, '{}'::jsonb FROM generate_series(${from}, ${from + count - 1}) AS v`, [tenantId]);
    let v = 1;
    await insert('sites', v, COUNTS.sites, `jsonb_build_object('id', ${idSql('v')}, 'tenantId', $1::text, 'updatedAt', ${now}, 'name', 'Site ' || v, 'code', 'S' || v, 'region', 'North', 'timezone', 'UTC', 'address', v || ' Fibre Road', 'latitude', 52.1, 'longitude', 4.3)`);
    const sites = v;
    v += COUNTS.sites;
    await insert('service_plans', v, COUNTS.plans, `jsonb_build_object('id', ${idSql('v')}, 'tenantId', $1::text, 'updatedAt', ${now}, 'code', 'P' || v, 'name', 'Fibre ' || v * 10, 'downloadKbps', v * 10000, 'uploadKbps', v * 1000, 'priceMinor', 2999, 'currency', 'EUR', 'quotaGb', null)`);
    const plans = v;
    v += COUNTS.plans;
    await insert('devices', v, COUNTS.devices, `jsonb_build_object('id', ${idSql('v')}, 'tenantId', $1::text, 'updatedAt', ${now}, 'siteId', ${idSql(`${sites} + v % ${COUNTS.sites}`)}, 'name', 'olt-' || v, 'vendor', 'Huawei', 'model', 'MA5800-X7', 'role', 'olt', 'mgmtAddress', '10.' || (v / 65536 % 256) || '.' || (v / 256 % 256) || '.' || (v % 256), 'snmpProfileId', null, 'sshProfileId', null, 'status', 'up', 'location', 'Cabinet ' || v, 'notes', '', 'serial', 'SN' || v)`);
    v += COUNTS.devices;
    await insert('subscribers', v, COUNTS.subscribers, `jsonb_build_object('id', ${idSql('v')}, 'tenantId', $1::text, 'updatedAt', ${now}, 'accountNo', 'A' || v, 'name', 'Subscriber ' || v, 'email', 'sub' || v || '@example.net', 'phone', '+31 20 ' || v, 'address', v || ' Main Street', 'siteId', ${idSql(`${sites} + v % ${COUNTS.sites}`)}, 'planId', ${idSql(`${plans} + v % ${COUNTS.plans}`)}, 'status', 'active', 'radiusUsername', 'sub' || v, 'onuSerial', 'HWTC' || lpad(to_hex(v), 8, '0'), 'accessDeviceId', null, 'activatedAt', ${now}, 'churnedAt', null)`);
    v += COUNTS.subscribers;
    const last = v - 1;
    await c.query('UPDATE tenants SET change_seq = $2 WHERE id = $1', [tenantId, last]);
    await c.query('ANALYZE sync_rows');
    return last;
  } finally {
    await c.end();
  }
}

function startServer(url: string): Promise<{ child: ChildProcess; url: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['bin/noc-server.mjs', 'serve', '--port', '0', '--json', '--database-url', url], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stderr?.on('data', (d: Buffer) => (err += d.toString()));
    child.stdout?.on('data', (d: Buffer) => {
      out += d.toString();
      const line = out.split('\n').find((l) => l.startsWith('{') && l.includes('"url"'));
      if (line !== undefined) resolve({ child, url: (JSON.parse(line) as { url: string }).url });
    });
    child.on('exit', (code) => reject(new Error(`noc-server exited ${code}: ${err}`)));
  });
}

function run(cmd: string, args: string[], input?: NodeJS.ReadableStream): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { cwd: ROOT, stdio: [input === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'] });
    if (input !== undefined && child.stdin) input.pipe(child.stdin);
    let out = '';
    let err = '';
    child.stdout?.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr?.on('data', (d: Buffer) => (err += d.toString()));
    child.on('close', (code) => (code === 0 ? resolve(out) : reject(new Error(`${cmd} exited ${code}: ${err}`))));
  });
}

/** psql \copy … to stdout | syncFloorChild: both processes, timed together. */
async function floor(url: string, tenantId: string, cacheFile: string): Promise<{ ms: number; rows: number }> {
  const t0 = performance.now();
  const psql = spawn('psql', [url, '-X', '-q', '-c', `\\copy (SELECT table_name, row_id, data::text FROM sync_rows WHERE tenant_id = '${tenantId}' ORDER BY version) TO STDOUT WITH (FORMAT csv)`], { stdio: ['ignore', 'pipe', 'inherit'] });
  const rows = Number((await run(process.execPath, ['--import', 'tsx', 'tests/bench/syncFloorChild.ts', cacheFile, tenantId], psql.stdout ?? undefined)).trim());
  return { ms: performance.now() - t0, rows };
}

export async function benchSync(root: string): Promise<void> {
  const db = await createTestDatabase('noc_bench');
  let server: ChildProcess | undefined;
  try {
    // the schema and a tenant with its admin, through noc-server itself
    await run(process.execPath, ['bin/noc-server.mjs', 'migrate', '--database-url', db.url]);
    const tenant = JSON.parse(await run(process.execPath, ['bin/noc-server.mjs', 'tenant', 'create', '--slug', 'bench', '--name', 'Bench ISP', '--json', '--database-url', db.url])) as { id: string };
    await new Promise<void>((resolve, reject) => {
      const child = spawn(process.execPath, ['bin/noc-server.mjs', 'user', 'create', '--tenant', 'bench', '--username', 'admin', '--role', 'admin', '--password-env', 'BENCH_PW', '--database-url', db.url], { cwd: ROOT, env: { ...process.env, BENCH_PW: PASSWORD }, stdio: 'ignore' });
      child.on('close', (code) => (code === 0 ? resolve() : reject(new Error(`user create exited ${code}`))));
    });
    const t0 = performance.now();
    const total = await seedServer(db.url, tenant.id);
    console.log(`sync bench set-up: ${total.toLocaleString('en-US')} rows in PostgreSQL in ${((performance.now() - t0) / 1000).toFixed(1)} s`);

    const started = await startServer(db.url);
    server = started.child;

    // ours: an empty console logs in and syncs
    const ws = path.join(root, 'sync-ws');
    const consoleServices = createConsoleServices({ dir: ws, host: 'cli', actor: 'bench' });
    let oursMs: number;
    let pulled: number;
    try {
      await consoleServices.dispatcher.call('sync.login', { server: started.url, tenant: 'bench', username: 'admin', password: PASSWORD }, ctx);
      const t1 = performance.now();
      const r = await consoleServices.dispatcher.call('sync.now', {}, ctx);
      oursMs = performance.now() - t1;
      pulled = r.pulled;
      const counted = (consoleServices.workspace.sqlite.prepare('SELECT (SELECT count(*) FROM sites) + (SELECT count(*) FROM service_plans) + (SELECT count(*) FROM devices) + (SELECT count(*) FROM subscribers) AS n').get() as { n: number }).n;
      if (counted < total) console.log(`  (the cache holds ${counted.toLocaleString('en-US')} of ${total.toLocaleString('en-US')} rows: ${r.status.lastError ?? 'no error reported'})`);

      // push: 10,000 queued device edits, then one sync
      const devices = consoleServices.workspace.sqlite.prepare('SELECT id FROM devices ORDER BY id LIMIT ?').all(PUSHES) as { id: string }[];
      for (const [i, d] of devices.entries()) await consoleServices.dispatcher.call('devices.update', { id: d.id, patch: { notes: `checked ${i}` } }, ctx);
      const t2 = performance.now();
      const p = await consoleServices.dispatcher.call('sync.now', {}, ctx);
      const pushMs = performance.now() - t2;
      console.log(`sync push of ${p.pushed.toLocaleString('en-US')} queued mutations (then the pull of their echo): ${(pushMs / 1000).toFixed(2)} s, ${Math.round((p.pushed / pushMs) * 1000).toLocaleString('en-US')} mutations/s`);
    } finally {
      consoleServices.close();
    }

    const f = await floor(db.url, tenant.id, path.join(root, 'sync-floor', 'cache.sqlite'));
    console.log(
      `${`sync initial pull ${pulled.toLocaleString('en-US')} rows PostgreSQL → empty cache`.padEnd(58)} ours ${(oursMs / 1000).toFixed(2).padStart(7)} s   floor (psql \\copy | better-sqlite3, ${f.rows.toLocaleString('en-US')} rows) ${(f.ms / 1000).toFixed(2).padStart(7)} s   ratio ${(oursMs / f.ms).toFixed(2)}x (goal ≤ 2x)`,
    );
  } finally {
    server?.kill('SIGTERM');
    await new Promise((r) => setTimeout(r, 500));
    await db.drop();
    fs.rmSync(path.join(root, 'sync-floor'), { recursive: true, force: true });
  }
}
