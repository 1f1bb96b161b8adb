// `noc-server` as an administrator and a deployment would run it: child processes of
// bin/noc-server.mjs create a tenant and a TOTP user, then serve over real HTTP, where that user
// logs in; SIGTERM shuts it down cleanly. Once on PostgreSQL (DATABASE_URL), once on the embedded
// PGlite folder (no DATABASE_URL: a fresh machine).
import { spawn, spawnSync, type ChildProcessWithoutNullStreams } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tokenResponseSchema } from '../../../shared/sync/protocol';
import { currentTotp } from '../../../server/src/auth/mfa';
import { createTestDatabase, type TestDatabase } from './pgTestDb';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const BIN = path.join(ROOT, 'bin/noc-server.mjs');
const PASSWORD = 'a long enough admin password';

function baseEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, ADMIN_PW: PASSWORD };
  delete env.DATABASE_URL;
  delete env.NOC_SERVER_DATA;
  return { ...env, ...extra };
}

function run(args: string[], env: NodeJS.ProcessEnv, cwd = ROOT): { code: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [BIN, ...args], { env, cwd, encoding: 'utf8', timeout: 120_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

interface Served {
  child: ChildProcessWithoutNullStreams;
  url: string;
  exited: Promise<number | null>;
}

/** Starts `serve --json --port 0` and waits for its {url, port} line. */
function serve(env: NodeJS.ProcessEnv, cwd = ROOT): Promise<Served> {
  const child = spawn(process.execPath, [BIN, 'serve', '--port', '0', '--json'], { env, cwd });
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  return new Promise((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`serve did not start: ${stderr}`)), 120_000);
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      const line = out.split('\n').find((l) => l.startsWith('{'));
      if (!line) return;
      clearTimeout(timer);
      const { url } = JSON.parse(line) as { url: string; port: number };
      resolve({ child, url, exited });
    });
    void exited.then((code) => reject(new Error(`serve exited ${code}: ${stderr}`)));
  });
}

/** `full`: also the refusals and role grant (PGlite opens take seconds each: the smoke test skips them). */
async function setUpAndLogIn(env: NodeJS.ProcessEnv, cwd: string | undefined, full: boolean): Promise<void> {
  const tenant = run(['tenant', 'create', '--slug', 'acme', '--name', 'Acme ISP', '--json'], env, cwd);
  expect(tenant.code, tenant.stderr).toBe(0);
  expect(JSON.parse(tenant.stdout)).toMatchObject({ slug: 'acme', name: 'Acme ISP' });

  const user = run(['user', 'create', '--tenant', 'acme', '--username', 'root', '--role', 'admin', '--password-env', 'ADMIN_PW', '--totp', '--json'], env, cwd);
  expect(user.code, user.stderr).toBe(0);
  const created = JSON.parse(user.stdout) as { secret: string; otpauthUri: string; recoveryCodes: string[]; role: string; mfa: boolean };
  expect(created).toMatchObject({ role: 'admin', mfa: true });
  expect(created.otpauthUri).toContain(`secret=${created.secret}`);
  expect(created.recoveryCodes).toHaveLength(10);
  expect(user.stdout).not.toContain(PASSWORD);

  const expected = ['root:admin'];
  if (full) {
    // a bad role is refused as bad input (exit 2), a missing tenant as a failure (exit 1)
    expect(run(['user', 'create', '--tenant', 'acme', '--username', 'x', '--role', 'god', '--password-env', 'ADMIN_PW'], env, cwd).code).toBe(2);
    expect(run(['user', 'create', '--tenant', 'nope', '--username', 'x', '--role', 'viewer', '--password-env', 'ADMIN_PW'], env, cwd).code).toBe(1);
    const viewer = run(['user', 'create', '--tenant', 'acme', '--username', 'val', '--role', 'viewer', '--password-env', 'ADMIN_PW'], env, cwd);
    expect(viewer.code, viewer.stderr).toBe(0);
    const grant = run(['role', 'grant', '--tenant', 'acme', '--username', 'val', '--role', 'senior_technician', '--json'], env, cwd);
    expect(grant.code, grant.stderr).toBe(0);
    expect(JSON.parse(grant.stdout)).toMatchObject({ username: 'val', role: 'senior_technician' });
    expected.push('val:senior_technician');
  }

  const server = await serve(env, cwd);
  try {
    expect((await fetch(`${server.url}/readyz`)).status).toBe(200);
    const login = await fetch(`${server.url}/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ tenant: 'acme', username: 'root', password: PASSWORD, otp: currentTotp(created.secret) }),
    });
    expect(login.status).toBe(200);
    const tokens = tokenResponseSchema.parse(await login.json());
    expect(tokens.user).toMatchObject({ username: 'root', role: 'admin', mfa: true });
    const list = await fetch(`${server.url}/v1/admin/users`, { headers: { authorization: `Bearer ${tokens.accessToken}` } });
    const body = (await list.json()) as { users: { username: string; role: string }[] };
    expect(body.users.map((u) => `${u.username}:${u.role}`)).toEqual(expected);
  } finally {
    server.child.kill('SIGTERM');
  }
  // graceful shutdown: exit code 0
  expect(await server.exited).toBe(0);
}

describe('noc-server CLI on PostgreSQL', () => {
  let pg: TestDatabase;
  beforeAll(async () => {
    pg = await createTestDatabase('noc_cli');
  });
  afterAll(async () => {
    await pg?.drop();
  });

  it('migrate, tenant create, user create --totp, role grant, serve, log in over HTTP, SIGTERM', async () => {
    const env = baseEnv({ DATABASE_URL: pg.url });
    const migrate = run(['migrate'], env);
    expect(migrate.code, migrate.stderr).toBe(0);
    await setUpAndLogIn(env, undefined, true);
  });
});

describe('noc-server on PGlite (no DATABASE_URL)', () => {
  let dir: string;
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'noc-server-pglite-'));
  });
  afterAll(() => {
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('creates ./.noc-server-data in the working folder, migrates, and serves a login', async () => {
    await setUpAndLogIn(baseEnv({}), dir, false);
    expect(fs.existsSync(path.join(dir, '.noc-server-data', 'PG_VERSION'))).toBe(true);
  });
});
