// Sync with the central service, end to end and real: a `noc-server` on a fresh PostgreSQL
// database (the local 127.0.0.1:5432), a fresh workspace served by `noc serve` in Chromium, and a
// second console (another workspace) driven through the `noc` CLI. What an operator sees: logging
// in on the Sync page with a TOTP code (after a wrong password and a wrong code are explained), the
// chip going Online; the server stopped, a device edited, the chip saying Offline and "1 pending";
// the server back, the chip back to Online with nothing pending and the edit on the server (read
// from PostgreSQL directly). Then a conflict: while this console is offline the other one changes
// the same notes through a second server instance; when this console reconnects its Conflicts tab
// shows both values and who wrote theirs, and Keep mine settles it.
import { execFile, spawn, type ChildProcessByStdio } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { expect, test, type Page } from '@playwright/test';
import * as OTPAuth from 'otpauth';
import pg from 'pg';
import { createTestDatabase, type TestDatabase } from '../../integration/server/pgTestDb';
import { startNocServe, type NocServer } from './nocServe';

const run = promisify(execFile);
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const NOC = path.join(root, 'bin/noc.mjs');
const NOC_SERVER = path.join(root, 'bin/noc-server.mjs');

const TENANT = 'acme-e2e';
const ADMIN = { user: 'noc-admin', password: 'e2e-admin-password-1' };
const TECH = { user: 'field-tech', password: 'e2e-tech-password-1' };
const DEVICE = { name: 'e2e-olt-sync-1', address: '198.18.40.10' };
const PASSWORD_ENV = 'NOC_E2E_SYNC_PW';

type ServerProc = ChildProcessByStdio<null, Readable, Readable>;

interface CentralServer {
  proc: ServerProc;
  url: string;
  port: number;
  log: () => string;
}

let db: TestDatabase | null = null;
const servers = new Set<ServerProc>();
let nocServe: NocServer | null = null;
let consoleUrl = '';
let wsA = '';
let wsB = '';
let totpSecret = '';
let central: CentralServer | null = null;
let serverPort = 0;
let deviceId = '';

/** `noc-server serve --json` on the test database; resolves once it listens (it migrates first). */
async function startCentral(port: number): Promise<CentralServer> {
  if (!db) throw new Error('no test database');
  const proc = spawn(process.execPath, [NOC_SERVER, 'serve', '--host', '127.0.0.1', '--port', String(port), '--database-url', db.url, '--json'], {
    cwd: root,
    stdio: ['ignore', 'pipe', 'pipe'],
    // a stopped server drains quickly (the console's event stream would otherwise hold it)
    env: { ...process.env, NOC_SHUTDOWN_TIMEOUT_MS: '1500', NOC_LOG_LEVEL: 'warn' },
  });
  servers.add(proc);
  proc.once('exit', () => servers.delete(proc));
  let out = '';
  let err = '';
  proc.stderr.on('data', (d: Buffer) => (err = (err + d.toString()).slice(-8000)));
  const info = await new Promise<{ url: string; port: number }>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`noc-server printed no address: ${out} ${err}`)), 60_000);
    proc.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      const line = out.split('\n').find((l) => l.trim().startsWith('{'));
      if (!line) return;
      clearTimeout(timer);
      resolve(JSON.parse(line) as { url: string; port: number });
    });
    proc.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`noc-server exited with ${code}: ${err}`));
    });
  });
  return { proc, url: info.url, port: info.port, log: () => err };
}

/** SIGTERM to the PID we started, and wait for it to be gone. */
async function stopProcess(proc: { pid?: number | undefined; exitCode: number | null; signalCode: NodeJS.Signals | null; once(ev: 'exit', cb: () => void): unknown }): Promise<void> {
  if (proc.pid === undefined || proc.exitCode !== null || proc.signalCode !== null) return;
  const exited = new Promise<void>((r) => proc.once('exit', () => r()));
  process.kill(proc.pid, 'SIGTERM');
  const killTimer = setTimeout(() => {
    if (proc.pid !== undefined && proc.exitCode === null && proc.signalCode === null) process.kill(proc.pid, 'SIGKILL');
  }, 15_000);
  await exited;
  clearTimeout(killTimer);
}

async function serverAdmin(args: string[], env: Record<string, string> = {}): Promise<string> {
  if (!db) throw new Error('no test database');
  const r = await run(process.execPath, [NOC_SERVER, '--database-url', db.url, ...args], { cwd: root, env: { ...process.env, ...env } });
  return r.stdout;
}

/** The `noc` CLI of the second console (workspace B). */
async function nocB(args: string[]): Promise<string> {
  const r = await run(process.execPath, [NOC, ...args, '--workspace', wsB], { cwd: root, env: { ...process.env, [PASSWORD_ENV]: TECH.password }, maxBuffer: 16 * 1024 * 1024 });
  return r.stdout;
}

/** A device's row as the central server holds it, read from PostgreSQL (not through noc-server). */
async function serverRow(table: string, rowId: string): Promise<Record<string, unknown> | null> {
  if (!db) throw new Error('no test database');
  const client = new pg.Client({ connectionString: db.url });
  await client.connect();
  try {
    const r = await client.query<{ data: Record<string, unknown> }>('SELECT data FROM sync_rows WHERE table_name = $1 AND row_id = $2', [table, rowId]);
    return r.rows[0]?.data ?? null;
  } finally {
    await client.end();
  }
}

/** A UDP port free right now, for this console's trap receiver (so it clashes with no other console). */
async function freeUdpPort(): Promise<number> {
  const dgram = await import('node:dgram');
  const s = dgram.createSocket('udp4');
  await new Promise<void>((r) => s.bind(0, '127.0.0.1', () => r()));
  const { port } = s.address();
  await new Promise<void>((r) => s.close(() => r()));
  return port;
}

function totpNow(): string {
  return new OTPAuth.TOTP({ secret: OTPAuth.Secret.fromBase32(totpSecret), algorithm: 'SHA1', digits: 6, period: 30 }).generate();
}

/** Opens the device by name on the Devices page and saves new notes through the edit form. */
async function editNotes(page: Page, notes: string): Promise<void> {
  await page.getByTestId('nav-devices').click();
  await page.getByTestId('device-search').fill(DEVICE.name);
  const row = page.locator(`[data-testid="device-row"][data-device-name="${DEVICE.name}"]`);
  await expect(row).toHaveCount(1);
  await row.click();
  await expect(page.getByTestId('device-detail-name')).toHaveText(DEVICE.name);
  await page.getByTestId('device-edit').click();
  const form = page.getByTestId('device-form');
  await expect(form).toBeVisible();
  await page.getByTestId('field-notes').fill(notes);
  await page.getByTestId('device-form-submit').click();
  await expect(form).toBeHidden();
}

test.describe.serial('sync with the central service', () => {
  test.beforeAll(async () => {
    test.setTimeout(180_000);
    db = await createTestDatabase('noc_e2e_sync');
    central = await startCentral(0);
    serverPort = central.port;
    await serverAdmin(['tenant', 'create', '--slug', TENANT, '--name', 'Acme e2e', '--json']);
    const admin = JSON.parse(
      await serverAdmin(['user', 'create', '--tenant', TENANT, '--username', ADMIN.user, '--role', 'admin', '--password-env', PASSWORD_ENV, '--totp', '--json'], { [PASSWORD_ENV]: ADMIN.password }),
    ) as { secret?: string };
    if (!admin.secret) throw new Error('user create --totp printed no secret');
    totpSecret = admin.secret;
    await serverAdmin(['user', 'create', '--tenant', TENANT, '--username', TECH.user, '--role', 'technician', '--password-env', PASSWORD_ENV, '--json'], { [PASSWORD_ENV]: TECH.password });
    wsA = fs.mkdtempSync(path.join(os.tmpdir(), 'noc-e2e-sync-a-'));
    wsB = fs.mkdtempSync(path.join(os.tmpdir(), 'noc-e2e-sync-b-'));
    const served = await startNocServe(wsA, { NOC_TRAP_PORT: String(await freeUdpPort()) });
    nocServe = served.server;
    consoleUrl = served.url;
  });

  test.afterAll(async () => {
    test.setTimeout(120_000);
    if (nocServe) await stopProcess(nocServe);
    for (const s of [...servers]) await stopProcess(s);
    await db?.drop();
    for (const ws of [wsA, wsB]) if (ws) fs.rmSync(ws, { recursive: true, force: true });
  });

  test('log in with TOTP, edit a device while the server is down, and see it sync when it is back', async ({ page }, info) => {
    test.setTimeout(240_000);
    if (!central) throw new Error('the central server did not start');
    await page.goto(`${consoleUrl}#/sync`);
    const chip = page.getByTestId('sync-chip');
    await expect(chip).toHaveAttribute('data-state', 'local');
    await expect(page.getByTestId('sync-login')).toBeVisible();

    // a wrong password is named as such
    await page.getByTestId('sync-login-server').fill(central.url);
    await page.getByTestId('sync-login-tenant').fill(TENANT);
    await page.getByTestId('sync-login-user').fill(ADMIN.user);
    await page.getByTestId('sync-login-password').fill('not-the-password');
    await page.getByTestId('sync-login-submit').click();
    await expect(page.getByTestId('sync-login-error')).toHaveAttribute('data-problem', 'auth_failed');
    await expect(page.getByTestId('sync-login-error')).toContainText(/password/i);
    await expect(page.getByTestId('sync-login-otp')).toHaveCount(0);

    // the right password: the server asks for the second factor and the code field appears
    await page.getByTestId('sync-login-password').fill(ADMIN.password);
    await page.getByTestId('sync-login-submit').click();
    await expect(page.getByTestId('sync-login-error')).toHaveAttribute('data-problem', 'mfa_required');
    await expect(page.getByTestId('sync-login-otp')).toBeVisible();
    await expect(page.getByTestId('sync-login-otp')).toBeFocused();

    // a wrong code is named as such (a code off by one digit from the current one cannot be valid now)
    const good = totpNow();
    const wrong = good.slice(0, 5) + String((Number(good[5]) + 5) % 10);
    await page.getByTestId('sync-login-otp').fill(wrong);
    await page.getByTestId('sync-login-submit').click();
    await expect(page.getByTestId('sync-login-error')).toHaveAttribute('data-problem', 'mfa_failed');

    await page.getByTestId('sync-login-otp').fill(totpNow());
    await page.getByTestId('sync-login-submit').click();
    await expect(page.getByTestId('sync-session')).toBeVisible();
    await expect(page.getByTestId('sync-user')).toHaveText(ADMIN.user);
    await expect(page.getByTestId('sync-tenant')).toHaveText(TENANT);
    await expect(page.getByTestId('sync-role')).toHaveText('Administrator');
    await expect(page.getByTestId('sync-offline-until')).not.toHaveText('—');
    await expect(chip).toHaveAttribute('data-state', 'online');
    await expect(chip).toContainText('Online');
    await expect(page.getByTestId('status-role')).toContainText('admin');
    await page.screenshot({ path: info.outputPath('sync-logged-in.png') });

    // the second console logs in through the CLI and adds a device; this one pulls it live
    await nocB(['login', '--server', central.url, '--tenant', TENANT, '--user', TECH.user, '--password-env', PASSWORD_ENV]);
    const added = JSON.parse(await nocB(['devices', 'add', '--name', DEVICE.name, '--address', DEVICE.address, '--role', 'olt', '--json'])) as { id: string };
    deviceId = added.id;
    await nocB(['sync', '--once']);
    await expect.poll(async () => (await serverRow('devices', deviceId))?.name ?? null).toBe(DEVICE.name);
    // the server pokes this console, which pulls the new device (the status bar counts it)
    await expect(page.getByTestId('status-devices')).toContainText('1');

    // the server goes away: an edit made now waits in the outbox and the chip says so
    await stopProcess(central.proc);
    await editNotes(page, 'edited offline by e2e');
    await expect(chip).toHaveAttribute('data-state', 'offline', { timeout: 20_000 });
    await expect(chip).toHaveAttribute('data-pending', '1');
    await expect(chip).toContainText('Offline');
    await expect(chip).toContainText('1 pending');
    await page.screenshot({ path: info.outputPath('sync-offline-pending.png') });

    // the Sync page lists it in the outbox: devices, update, the notes field
    await chip.click();
    await expect(page.getByTestId('sync-page')).toBeVisible();
    await expect(page.getByTestId('sync-online')).toHaveAttribute('data-online', 'false');
    const entry = page.getByTestId('outbox-row').filter({ has: page.getByTestId('outbox-fields').filter({ hasText: 'notes' }) });
    await expect(entry).toHaveCount(1);
    await expect(entry).toHaveAttribute('data-table', 'devices');
    await expect(entry).toHaveAttribute('data-row', deviceId);
    await expect(entry).toHaveAttribute('data-status', 'pending');

    // the server is back on the same port: the console retries on its own and the change goes up
    central = await startCentral(serverPort);
    await expect(chip).toHaveAttribute('data-state', /online|syncing/, { timeout: 75_000 });
    await expect(chip).toHaveAttribute('data-pending', '0', { timeout: 20_000 });
    await expect(page.getByTestId('outbox-empty')).toBeVisible();
    await expect.poll(async () => (await serverRow('devices', deviceId))?.notes ?? null).toBe('edited offline by e2e');
    await expect(page.getByTestId('sync-last')).not.toHaveText('never');
    await page.screenshot({ path: info.outputPath('sync-back-online.png') });
  });

  test('a conflicting edit from another console shows both values, and Keep mine settles it', async ({ page }, info) => {
    test.setTimeout(240_000);
    if (!central || !deviceId) throw new Error('the first test did not leave a synced device');
    await page.goto(`${consoleUrl}#/sync`);
    const chip = page.getByTestId('sync-chip');
    await expect(chip).toHaveAttribute('data-state', /online|syncing/);

    // this console goes offline and edits the notes…
    await stopProcess(central.proc);
    await editNotes(page, 'mine: replaced the splitter');
    await expect(chip).toHaveAttribute('data-state', 'offline', { timeout: 20_000 });
    await expect(chip).toHaveAttribute('data-pending', '1');

    // …while the other console, through a second instance of the service, changes the same notes
    const second = await startCentral(0);
    await nocB(['login', '--server', second.url, '--tenant', TENANT, '--user', TECH.user, '--password-env', PASSWORD_ENV]);
    await nocB(['sync', '--once']);
    const csv = path.join(wsB, 'notes.csv');
    fs.writeFileSync(csv, `name,mgmt_address,role,notes\n${DEVICE.name},${DEVICE.address},olt,theirs: fibre cut at pole 7\n`);
    const imported = JSON.parse(await nocB(['devices', 'import', csv, '--json'])) as { updated: number };
    expect(imported.updated).toBe(1);
    await nocB(['sync', '--once']);
    await expect.poll(async () => (await serverRow('devices', deviceId))?.notes ?? null).toBe('theirs: fibre cut at pole 7');
    await stopProcess(second.proc);

    // this console's server comes back: its push meets the other edit — a conflict with both values
    central = await startCentral(serverPort);
    await expect(chip).toHaveAttribute('data-pending', '0', { timeout: 75_000 });
    await expect(chip).toHaveAttribute('data-conflicts', '1', { timeout: 20_000 });
    await expect(page.getByTestId('sync-chip-conflicts')).toHaveText('1 conflict');

    await chip.click();
    await page.getByTestId('sync-tab-conflicts').click();
    const item = page.locator(`[data-testid="conflict-item"][data-row="${deviceId}"]`);
    await expect(item).toHaveCount(1);
    await expect(item).toHaveAttribute('data-table', 'devices');
    await expect(item).toHaveAttribute('data-field', 'notes');
    await expect(item.getByTestId('conflict-mine-value')).toHaveText('mine: replaced the splitter');
    await expect(item.getByTestId('conflict-theirs-value')).toHaveText('theirs: fibre cut at pole 7');
    await expect(item.getByTestId('conflict-theirs')).toContainText(TECH.user);
    // notes are last-writer-wins per field: this console pushed last, so the row kept mine
    await expect(item.getByTestId('conflict-mine')).toHaveAttribute('data-kept', 'true');
    await expect(item.getByTestId('conflict-current')).toHaveText('mine: replaced the splitter');
    // Merge… offers a box prefilled with both texts (not saved here)
    await item.getByTestId('conflict-merge').click();
    await expect(item.getByTestId('conflict-merge-text')).toHaveValue('mine: replaced the splitter\ntheirs: fibre cut at pole 7');
    await item.getByRole('button', { name: 'Cancel' }).click();
    await page.screenshot({ path: info.outputPath('sync-conflict.png') });

    await item.getByTestId('conflict-keep-mine').click();
    await expect(page.getByTestId('conflicts-empty')).toBeVisible();
    await expect(chip).toHaveAttribute('data-conflicts', '0');
    await expect(chip).toHaveAttribute('data-pending', '0');
    await expect.poll(async () => (await serverRow('devices', deviceId))?.notes ?? null).toBe('mine: replaced the splitter');
  });
});
