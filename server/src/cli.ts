// `noc-server`: run the central sync service and administer it (migrations, tenants, users,
// roles). Every command opens the same database the service would (--database-url / DATABASE_URL,
// else the PGlite folder --data-dir / NOC_SERVER_DATA / ./.noc-server-data) and applies pending
// migrations first, so a fresh machine needs no separate setup step.
import { Command, CommanderError, Option } from 'commander';
import { ZodError } from 'zod';
import { createTenant, createUser, enableTotpForUser, findUser, requireTenant, setRole } from './admin/users';
import { openServerDb, type ServerDb } from './db/database';
import { HttpError } from './http/errors';
import { closeOnSignals, startServer } from './serve';

interface DbOpts {
  databaseUrl?: string;
  dataDir?: string;
}

function print(json: boolean, value: unknown, text: string): void {
  process.stdout.write(json ? `${JSON.stringify(value)}\n` : `${text}\n`);
}

async function withDb<T>(opts: DbOpts, fn: (server: ServerDb) => Promise<T>): Promise<T> {
  const server = await openServerDb({ url: opts.databaseUrl, dataDir: opts.dataDir });
  try {
    await server.migrate();
    return await fn(server);
  } finally {
    await server.close();
  }
}

function port(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 65535) throw new CommanderError(2, 'noc-server.port', `bad port: ${value}`);
  return n;
}

export function buildProgram(): Command {
  const program = new Command('noc-server')
    .description('DotMac NOC central sync service')
    .showHelpAfterError()
    .exitOverride()
    .addOption(new Option('--database-url <url>', 'PostgreSQL URL (default: embedded PGlite)').env('DATABASE_URL'))
    .addOption(new Option('--data-dir <dir>', 'PGlite data folder').env('NOC_SERVER_DATA'));
  const dbOpts = (): DbOpts => program.opts<DbOpts>();

  program
    .command('serve')
    .description('run the service (applies migrations first)')
    .option('--host <host>', 'address to listen on', '127.0.0.1')
    .option('--port <port>', 'port (0: any free one)', port, 8787)
    .option('--database-url <url>', 'PostgreSQL URL (default: embedded PGlite)')
    .option('--json', 'print {"url","port"} as one JSON line on stdout; logs go to stderr')
    .action(async (o: { host: string; port: number; databaseUrl?: string; json?: boolean }) => {
      const json = o.json === true;
      const server = await startServer({
        host: o.host,
        port: o.port,
        databaseUrl: o.databaseUrl ?? dbOpts().databaseUrl,
        dataDir: dbOpts().dataDir,
        // with --json stdout is machine output only
        logger: json ? { stream: process.stderr } : true,
      });
      print(json, { url: server.url, port: server.port }, `noc-server listening on ${server.url}`);
      await closeOnSignals(server);
    });

  program
    .command('migrate')
    .description('apply pending database migrations')
    .action(async () => {
      await withDb(dbOpts(), async () => undefined);
      process.stdout.write('migrations applied\n');
    });

  const tenant = program.command('tenant').description('tenants');
  tenant
    .command('create')
    .requiredOption('--slug <slug>', 'short name users log in with')
    .requiredOption('--name <name>', 'display name')
    .option('--json', 'JSON output')
    .action(async (o: { slug: string; name: string; json?: boolean }) => {
      const t = await withDb(dbOpts(), (s) => createTenant(s.db, { slug: o.slug, name: o.name }));
      print(o.json === true, t, `tenant ${t.slug} created (${t.id})`);
    });

  const user = program.command('user').description('users');
  user
    .command('create')
    .requiredOption('--tenant <slug>', 'tenant slug')
    .requiredOption('--username <name>', 'user name')
    .requiredOption('--role <role>', 'viewer | technician | senior_technician | billing | admin')
    // never on the command line: argv is visible to every user of the machine
    .requiredOption('--password-env <var>', 'name of the environment variable holding the password')
    .option('--totp', 'enrol and enable TOTP MFA; prints the secret, otpauth URI and recovery codes')
    .option('--json', 'JSON output')
    .action(async (o: { tenant: string; username: string; role: string; passwordEnv: string; totp?: boolean; json?: boolean }) => {
      const password = process.env[o.passwordEnv];
      if (!password) throw new CommanderError(2, 'noc-server.password', `environment variable ${o.passwordEnv} is empty`);
      const out = await withDb(dbOpts(), async (s) => {
        const t = await requireTenant(s.db, o.tenant);
        const u = await createUser(s.db, { tenantId: t.id, username: o.username, password, role: o.role }, Date.now());
        const totp = o.totp ? await enableTotpForUser(s.db, t, u.id) : null;
        return { user: { ...u, tenant: t.slug, mfa: totp !== null }, totp };
      });
      const lines = [`user ${out.user.username} (${out.user.role}) created in ${out.user.tenant} (${out.user.id})`];
      if (out.totp) {
        const { secret, otpauthUri, recoveryCodes } = out.totp;
        lines.push(`TOTP secret: ${secret}`, `otpauth URI: ${otpauthUri}`, 'recovery codes (shown once):', ...recoveryCodes.map((c) => `  ${c}`));
      }
      print(o.json === true, { ...out.user, ...(out.totp ?? {}) }, lines.join('\n'));
    });

  program
    .command('role')
    .description('roles')
    .command('grant')
    .requiredOption('--tenant <slug>', 'tenant slug')
    .requiredOption('--username <name>', 'user name')
    .requiredOption('--role <role>', 'viewer | technician | senior_technician | billing | admin')
    .option('--json', 'JSON output')
    .action(async (o: { tenant: string; username: string; role: string; json?: boolean }) => {
      const u = await withDb(dbOpts(), async (s) => {
        const t = await requireTenant(s.db, o.tenant);
        const found = await findUser(s.db, t.id, o.username);
        if (!found) throw new HttpError(404, 'NOT_FOUND', `no user ${o.username} in ${t.slug}`);
        return setRole(s.db, t.id, found.id, o.role, Date.now());
      });
      print(o.json === true, u, `${u.username} is now ${u.role}`);
    });

  return program;
}

/** Exit code: 0 ok, 1 failure, 2 bad input. */
export async function main(argv: string[]): Promise<number> {
  try {
    await buildProgram().parseAsync(argv, { from: 'user' });
    return typeof process.exitCode === 'number' ? process.exitCode : 0;
  } catch (err) {
    if (err instanceof CommanderError) {
      if (err.code.startsWith('noc-server.')) process.stderr.write(`error: ${err.message}\n`);
      return err.exitCode === 0 ? 0 : 2;
    }
    if (err instanceof ZodError) {
      process.stderr.write(`error (VALIDATION): ${err.issues.map((i) => `${i.path.join('.') || 'value'}: ${i.message}`).join('; ')}\n`);
      return 2;
    }
    if (err instanceof HttpError) {
      process.stderr.write(`error (${err.code}): ${err.message}\n`);
      return 1;
    }
    process.stderr.write(`error: ${err instanceof Error ? err.message : String(err)}\n`);
    return 1;
  }
}
