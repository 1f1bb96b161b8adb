// `noc login`, `noc logout` and `noc sync …`: the console's sync with the central service from a
// shell. `noc sync --once` pushes and pulls once (exit 1 when the server cannot be reached);
// without --once it keeps syncing (timer, local changes, live pokes) until Ctrl-C / SIGTERM.
// The password comes from an environment variable (--password-env) or a hidden prompt on a TTY,
// never from the command line (it would sit in the shell history and the process list).
import type { Command } from 'commander';
import { NocError } from '../../../shared/ipc/errors';
import type { SyncStatus } from '../../../shared/ipc/syncSchemas';
import { SiteRepository } from '../../services/cache/repositories/siteRepository';
import { CTX, openServices, withServices, workspaceOption, type GlobalOpts } from './common';
import { printJson, printTable } from './output';

interface LoginOpts extends GlobalOpts {
  server: string;
  tenant: string;
  user: string;
  passwordEnv?: string;
  otp?: string;
}

/** Reads a line from the terminal without echoing it. */
function promptHidden(question: string): Promise<string> {
  const stdin = process.stdin;
  if (!stdin.isTTY) return Promise.reject(new NocError('VALIDATION', 'No terminal to ask for the password: use --password-env VAR.'));
  process.stderr.write(question);
  return new Promise((resolve, reject) => {
    let value = '';
    const done = (err?: Error): void => {
      stdin.setRawMode(false);
      stdin.pause();
      stdin.off('data', onData);
      process.stderr.write('\n');
      if (err) reject(err);
      else resolve(value);
    };
    const onData = (buf: Buffer): void => {
      for (const ch of buf.toString('utf8')) {
        if (ch === '\r' || ch === '\n') return done();
        if (ch === '\u0003') return done(new NocError('VALIDATION', 'Cancelled.'));
        if (ch === '\u007f' || ch === '\b') value = value.slice(0, -1);
        else value += ch;
      }
    };
    stdin.setRawMode(true);
    stdin.resume();
    stdin.on('data', onData);
  });
}

/**
 * The options of a `noc sync <sub>` command merged with its parent's: `noc sync` has --json and
 * --workspace itself, and commander hands an option given after the subcommand to the parent.
 */
function merged<T>(cmd: Command): T {
  return cmd.optsWithGlobals<T & Record<string, unknown>>();
}

function ago(ms: number | null): string {
  if (ms === null) return 'never';
  const s = Math.max(0, Math.round((Date.now() - ms) / 1000));
  return s < 120 ? `${s} s ago` : s < 7200 ? `${Math.round(s / 60)} min ago` : `${Math.round(s / 3600)} h ago`;
}

function printStatus(s: SyncStatus): void {
  if (!s.loggedIn) process.stdout.write(`Not logged in${s.serverUrl ? ` (last server ${s.serverUrl})` : ''}.\n`);
  else process.stdout.write(`${s.username}@${s.tenantSlug} on ${s.serverUrl} as ${s.role} — ${s.online ? 'online' : 'offline'}\n`);
  process.stdout.write(`pending ${s.pending}, needs review ${s.review}, conflicts ${s.conflicts}, last sync ${ago(s.lastSyncAt)}, cursor ${s.cursor}\n`);
  if (s.offlineUnlockUntil !== null) process.stdout.write(`works offline until ${new Date(s.offlineUnlockUntil).toISOString()}\n`);
  if (s.lastError) process.stdout.write(`last error: ${s.lastError}\n`);
}

export function registerSyncCommands(program: Command): void {
  workspaceOption(
    program
      .command('login')
      .description('log in to the central sync service; its tenant and your role become this workspace’s')
      .requiredOption('--server <url>', 'sync service URL, e.g. https://noc.example.net')
      .requiredOption('--tenant <slug>', 'tenant (organisation) slug')
      .requiredOption('--user <name>', 'user name')
      .option('--password-env <var>', 'read the password from this environment variable (else a prompt on the terminal)')
      .option('--otp <code>', 'one-time code from your authenticator app (or a recovery code)'),
  ).action(async (o: LoginOpts) => {
    let password: string;
    if (o.passwordEnv !== undefined) {
      const v = process.env[o.passwordEnv];
      if (v === undefined || v === '') throw new NocError('VALIDATION', `Environment variable ${o.passwordEnv} is not set.`);
      password = v;
    } else password = await promptHidden(`Password for ${o.user}@${o.tenant}: `);
    await withServices(o, async (s) => {
      const status = await s.dispatcher.call(
        'sync.login',
        { server: o.server, tenant: o.tenant, username: o.user, password, ...(o.otp === undefined ? {} : { otp: o.otp }) },
        CTX,
      );
      if (o.json) printJson(status);
      else process.stdout.write(`Logged in as ${status.username}@${status.tenantSlug} (${status.role}). Run \`noc sync --once\` to fetch the tenant's data.\n`);
    });
  });

  workspaceOption(program.command('logout').description('log out of the sync service (the cache stays; the role drops to viewer)')).action((o: GlobalOpts) =>
    withServices(o, async (s) => {
      const status = await s.dispatcher.call('sync.logout', {}, CTX);
      if (o.json) printJson(status);
      else process.stdout.write('Logged out.\n');
    }),
  );

  const sync = workspaceOption(
    program
      .command('sync')
      .description('sync with the central service: push the outbox, pull changes (keeps running without --once)')
      .option('--once', 'push and pull once, then exit (exit 1 when the server cannot be reached)'),
  ).action(async (o: GlobalOpts & { once?: boolean }) => {
    if (o.once === true) {
      await withServices(o, async (s) => {
        const r = await s.dispatcher.call('sync.now', {}, CTX);
        if (o.json) printJson(r);
        else process.stdout.write(`pushed ${r.pushed}, refused ${r.rejected}, pulled ${r.pulled}, new conflicts ${r.conflicts}; pending ${r.status.pending}, needs review ${r.status.review}\n`);
      });
      return;
    }
    const s = await openServices(o);
    try {
      const off = s.bus.subscribe((name, payload) => {
        if (name !== 'sync.status') return;
        const st = payload as SyncStatus;
        if (st.syncing) return;
        if (o.json) process.stdout.write(`${JSON.stringify({ at: Date.now(), ...st })}\n`);
        else process.stdout.write(`${new Date().toISOString()} ${st.online ? 'online' : 'offline'} pending ${st.pending} review ${st.review} conflicts ${st.conflicts} cursor ${st.cursor}${st.lastError ? ` — ${st.lastError}` : ''}\n`);
      });
      if (!s.sync.session.loggedIn()) throw new NocError('UNAUTHENTICATED', 'Log in first: noc login --server URL --tenant SLUG --user NAME');
      s.sync.start();
      await new Promise<void>((resolve) => {
        process.once('SIGINT', resolve);
        process.once('SIGTERM', resolve);
      });
      off();
    } finally {
      s.close();
    }
  });

  workspaceOption(sync.command('status').description('session, online/offline, pending and review counts, conflicts, last sync')).action((_o: GlobalOpts, cmd: Command) =>
    withServices(merged<GlobalOpts>(cmd), async (s) => {
      const o = merged<GlobalOpts>(cmd);
      const st = await s.dispatcher.call('sync.status', {}, CTX);
      if (o.json) printJson(st);
      else printStatus(st);
    }),
  );

  workspaceOption(
    sync
      .command('outbox')
      .description('local changes not yet on the server')
      .option('--review', 'only the ones the server refused (needs review)')
      .option('--pending', 'only the ones waiting to be sent')
      .option('--retry <seq...>', 'send these refused entries again')
      .option('--discard <seq...>', 'drop these entries (never sent)'),
  ).action((_o: unknown, cmd: Command) =>
    withServices(merged<GlobalOpts>(cmd), async (s) => {
      const o = merged<GlobalOpts & { review?: boolean; pending?: boolean; retry?: string[]; discard?: string[] }>(cmd);
      const seqs = (v: string[]) => v.map((x) => Number(x));
      if (o.retry) {
        const r = await s.dispatcher.call('sync.outbox.retry', { seqs: seqs(o.retry) }, CTX);
        if (o.json) printJson(r);
        else process.stdout.write(`${r.retried} entries queued again\n`);
        return;
      }
      if (o.discard) {
        const r = await s.dispatcher.call('sync.outbox.discard', { seqs: seqs(o.discard) }, CTX);
        if (o.json) printJson(r);
        else process.stdout.write(`${r.discarded} entries discarded. ${r.note}\n`);
        return;
      }
      const status = o.review ? 'review' : o.pending ? 'pending' : undefined;
      const r = await s.dispatcher.call('sync.outbox.list', { ...(status ? { status } : {}), limit: 1000 }, CTX);
      if (o.json) printJson(r);
      else
        printTable(
          r.items.map((i) => ({ ...i, fields: Object.keys(i.patch).join(','), why: i.reviewCode ? `${i.reviewCode}: ${i.reviewMessage ?? ''}` : '' })),
          [
            { key: 'seq', title: 'SEQ' },
            { key: 'status', title: 'STATUS' },
            { key: 'table', title: 'TABLE' },
            { key: 'op', title: 'OP' },
            { key: 'rowId', title: 'ROW' },
            { key: 'fields', title: 'FIELDS' },
            { key: 'why', title: 'WHY' },
          ],
        );
    }),
  );

  workspaceOption(sync.command('conflicts').description('conflicting field edits, with both values').option('--all', 'resolved ones too')).action(
    (_o: unknown, cmd: Command) =>
      withServices(merged<GlobalOpts>(cmd), async (s) => {
        const o = merged<GlobalOpts & { all?: boolean }>(cmd);
        const r = await s.dispatcher.call('sync.conflicts.list', { includeResolved: o.all === true, limit: 1000 }, CTX);
        if (o.json) printJson(r);
        else
          printTable(
            r.items.map((c) => ({ ...c, mine: JSON.stringify(c.mine), theirs: JSON.stringify(c.theirs) })),
            [
              { key: 'id', title: 'ID' },
              { key: 'table', title: 'TABLE' },
              { key: 'rowId', title: 'ROW' },
              { key: 'field', title: 'FIELD' },
              { key: 'mine', title: 'MINE' },
              { key: 'theirs', title: 'THEIRS' },
              { key: 'winner', title: 'KEPT' },
              { key: 'resolution', title: 'RESOLVED' },
            ],
          );
      }),
  );

  workspaceOption(
    sync
      .command('resolve')
      .description('settle a conflict: keep mine, take theirs, or write a merged text')
      .argument('<id>', 'conflict id (noc sync conflicts)')
      .option('--mine', 'keep my value')
      .option('--theirs', 'take their value')
      .option('--value <text>', 'write this merged text'),
  ).action((id: string, _o: unknown, cmd: Command) =>
    withServices(merged<GlobalOpts>(cmd), async (s) => {
      const o = merged<GlobalOpts & { mine?: boolean; theirs?: boolean; value?: string }>(cmd);
      const picked = [o.mine === true, o.theirs === true, o.value !== undefined].filter(Boolean).length;
      if (picked !== 1) throw new NocError('VALIDATION', 'give exactly one of --mine, --theirs, --value TEXT');
      const req = o.mine ? { id, choice: 'mine' as const } : o.theirs ? { id, choice: 'theirs' as const } : { id, choice: 'merged' as const, value: o.value ?? '' };
      const r = await s.dispatcher.call('sync.conflicts.resolve', req, CTX);
      if (o.json) printJson(r);
      else process.stdout.write(`Resolved (${r.resolution}) = ${JSON.stringify(r.value)}${r.queuedChange ? '; the change is queued for the next sync' : ''}\n`);
    }),
  );

  workspaceOption(
    sync
      .command('site-pack')
      .description('pull everything now and show what the chosen sites carry offline')
      .requiredOption('--site <code...>', 'site code, name or id (several allowed)'),
  ).action((_o: unknown, cmd: Command) =>
    withServices(merged<GlobalOpts>(cmd), async (s) => {
      const o = merged<GlobalOpts & { site: string[] }>(cmd);
      const sites = new SiteRepository(s.workspace.sqlite, s.workspace.scope());
      const siteIds = o.site.map((ref) => {
        const site = sites.resolve(ref);
        if (!site) throw new NocError('NOT_FOUND', `No site "${ref}" in the cache (run noc sync --once first).`);
        return site.id;
      });
      const r = await s.dispatcher.call('sync.sitePack', { siteIds }, CTX);
      if (o.json) printJson(r);
      else {
        if (r.message) process.stderr.write(`${r.message}\n`);
        printTable(r.sites, [
          { key: 'code', title: 'SITE' },
          { key: 'devices', title: 'DEVICES' },
          { key: 'links', title: 'LINKS' },
          { key: 'interfaces', title: 'INTERFACES' },
          { key: 'configBackups', title: 'CONFIGS' },
          { key: 'knownHosts', title: 'HOST KEYS' },
          { key: 'subscribers', title: 'SUBSCRIBERS' },
        ]);
      }
      if (!r.synced) process.exitCode = 1;
    }),
  );
}
