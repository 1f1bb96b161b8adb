// `noc radius …`: the RADIUS test client from a shell, radclient-style. Exit codes: 0 for an
// Access-Accept / Accounting-Response / ACK, 1 for a Reject, NAK, no reply or a refused reply,
// 2 for bad input. `--json` prints the reply as the UI gets it.
import { Command, InvalidArgumentError, Option } from 'commander';
import { RADIUS_AUTH_METHODS } from '../../../shared/domain/radius';
import { NocError } from '../../../shared/ipc/errors';
import type { RadiusReply } from '../../../shared/ipc/radiusSchemas';
import type { ConsoleServices } from '../../services/consoleServices';
import { CTX, positiveInt, withProgress, withServices, workspaceOption, type GlobalOpts } from './common';
import { printJson, printTable } from './output';

interface TargetOpts extends GlobalOpts {
  server?: string;
  profile?: string;
  secret?: string;
  secretEnv?: string;
  attr: string[];
  strict?: boolean;
  timeout?: number;
  retries?: number;
}

const POSITIVE_CODES = new Set(['Access-Accept', 'Accounting-Response', 'CoA-ACK', 'Disconnect-ACK']);

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

/** `H`, `H:P`, `[v6]:P` or a bare IPv6 address. */
export function parseServer(text: string): { host: string; port?: number } {
  const bracket = /^\[([^\]]+)\](?::(\d+))?$/.exec(text);
  if (bracket?.[1]) return { host: bracket[1], ...(bracket[2] ? { port: Number(bracket[2]) } : {}) };
  const colons = text.split(':').length - 1;
  if (colons === 1) {
    const [host, port] = text.split(':');
    if (!host || !port || !/^\d+$/.test(port)) throw new InvalidArgumentError(`"${text}" is not HOST[:PORT]`);
    return { host, port: Number(port) };
  }
  return { host: text };
}

function parseAttr(text: string): { name: string; value: string } {
  const eq = text.indexOf('=');
  if (eq <= 0) throw new NocError('VALIDATION', `--attr "${text}" must be NAME=VALUE`);
  return { name: text.slice(0, eq).trim(), value: text.slice(eq + 1).trim().replace(/^"(.*)"$/, '$1') };
}

function targetOptions(cmd: Command): Command {
  return workspaceOption(
    cmd
      .option('--server <host[:port]>', 'RADIUS server or NAS (port defaults by packet type)')
      .option('--profile <name|id>', 'a saved RADIUS profile (secret from the vault)')
      .option('--secret-env <VAR>', 'read the shared secret from this environment variable')
      .option('--secret <secret>', 'shared secret (visible in the process list: prefer --secret-env)')
      .option('--attr <NAME=VALUE>', 'extra attribute by dictionary name (repeatable)', collect, [])
      .option('--strict', 'refuse replies without a valid Message-Authenticator (BlastRADIUS)')
      .option('--timeout <ms>', 'wait per try', positiveInt)
      .option('--retries <n>', 'retransmissions after the first try', positiveInt),
  );
}

async function resolveTarget(services: ConsoleServices, o: TargetOpts): Promise<{ profileId?: string; host?: string; port?: number; secret?: string }> {
  let secret = o.secret;
  if (o.secretEnv) {
    secret = process.env[o.secretEnv];
    if (!secret) throw new NocError('VALIDATION', `environment variable ${o.secretEnv} is empty or not set`);
  }
  const server = o.server ? parseServer(o.server) : undefined;
  if (o.profile) {
    const want = o.profile.toLowerCase();
    const p = (await services.dispatcher.call('radius.profiles.list', {}, CTX)).find((x) => x.id === o.profile || x.name.toLowerCase() === want);
    if (!p) throw new NocError('NOT_FOUND', `No RADIUS profile "${o.profile}".`);
    return { profileId: p.id, ...(server ? { host: server.host, port: server.port } : {}), ...(secret ? { secret } : {}) };
  }
  if (!server) throw new NocError('VALIDATION', 'give --server HOST[:PORT] or --profile NAME');
  if (!secret) throw new NocError('VALIDATION', 'give the shared secret with --secret-env VAR (or --secret)');
  return { host: server.host, ...(server.port !== undefined ? { port: server.port } : {}), secret };
}

function common(o: TargetOpts): { attributes: { name: string; value: string }[]; strict?: boolean; timeoutMs?: number; retries?: number } {
  return {
    attributes: o.attr.map(parseAttr),
    ...(o.strict ? { strict: true } : {}),
    ...(o.timeout !== undefined ? { timeoutMs: o.timeout } : {}),
    ...(o.retries !== undefined ? { retries: o.retries } : {}),
  };
}

function printReply(r: RadiusReply, json: boolean): void {
  if (json) {
    printJson(r);
  } else {
    const out = process.stdout;
    if (r.outcome === 'no-reply') out.write(`No reply from ${r.server}\n`);
    else out.write(`${r.outcome === 'refused' ? 'REFUSED ' : ''}${r.code ?? 'reply'} from ${r.server} in ${r.rttMs?.toFixed(1) ?? '?'} ms (id ${r.identifier}, ${r.tries} ${r.tries === 1 ? 'try' : 'tries'})\n`);
    if (r.messageAuthenticator) out.write(`Message-Authenticator: ${r.messageAuthenticator}\n`);
    for (const a of r.attributes) out.write(`  ${a.name}${a.tag !== null ? `:${a.tag}` : ''} = ${a.type === 'string' ? JSON.stringify(a.value) : a.value}\n`);
    for (const w of r.warnings) out.write(`warning: ${w}\n`);
    if (r.hint) out.write(`hint: ${r.hint}\n`);
  }
  process.exitCode = r.outcome === 'reply' && r.code !== null && POSITIVE_CODES.has(r.code) ? 0 : 1;
}

export function registerRadiusCommands(program: Command): void {
  const radius = program.command('radius').description('RADIUS test client: auth, accounting, CoA/Disconnect, Status-Server, sessions, load');

  targetOptions(
    radius
      .command('auth')
      .description('send an Access-Request')
      .requiredOption('--user <name>', 'User-Name')
      .option('--password <password>', 'password (or --password-env)')
      .option('--password-env <VAR>', 'read the password from this environment variable')
      .addOption(new Option('--method <method>', 'password proof').choices([...RADIUS_AUTH_METHODS]).default('pap')),
  ).action((o: TargetOpts & { user: string; password?: string; passwordEnv?: string; method: (typeof RADIUS_AUTH_METHODS)[number] }) =>
    withServices(o, async (s) => {
      const password = o.passwordEnv ? process.env[o.passwordEnv] : o.password;
      if (password === undefined) throw new NocError('VALIDATION', 'give --password or --password-env VAR');
      const r = await s.dispatcher.call('radius.auth', { target: await resolveTarget(s, o), user: o.user, password, method: o.method, ...common(o) }, CTX);
      printReply(r, o.json ?? false);
    }),
  );

  targetOptions(
    radius
      .command('acct')
      .description('send an Accounting-Request')
      .argument('<type>', 'start | interim | stop | on | off')
      .option('--user <name>', 'User-Name')
      .option('--session-id <id>', 'Acct-Session-Id (reuse it across start/interim/stop)'),
  ).action((type: string, o: TargetOpts & { user?: string; sessionId?: string }) =>
    withServices(o, async (s) => {
      const map: Record<string, 'start' | 'interim' | 'stop' | 'accounting-on' | 'accounting-off'> = {
        start: 'start',
        interim: 'interim',
        'interim-update': 'interim',
        stop: 'stop',
        on: 'accounting-on',
        off: 'accounting-off',
        'accounting-on': 'accounting-on',
        'accounting-off': 'accounting-off',
      };
      const t = map[type];
      if (!t) throw new NocError('VALIDATION', `accounting type "${type}": use start, interim, stop, on or off`);
      const r = await s.dispatcher.call(
        'radius.acct',
        { target: await resolveTarget(s, o), type: t, ...(o.user ? { user: o.user } : {}), ...(o.sessionId ? { sessionId: o.sessionId } : {}), ...common(o) },
        CTX,
      );
      printReply(r, o.json ?? false);
    }),
  );

  for (const kind of ['coa', 'disconnect'] as const) {
    targetOptions(
      radius
        .command(kind)
        .description(kind === 'coa' ? 'send a CoA-Request to a NAS (RFC 5176; port 3799, MikroTik 1700)' : 'send a Disconnect-Request to a NAS (RFC 5176)')
        .option('--user <name>', 'User-Name of the session'),
    ).action((o: TargetOpts & { user?: string }) =>
      withServices(o, async (s) => {
        const base = common(o);
        const attributes = o.user ? [{ name: 'User-Name', value: o.user }, ...base.attributes] : base.attributes;
        const r = await s.dispatcher.call('radius.dynauth', { target: await resolveTarget(s, o), kind, ...base, attributes }, CTX);
        printReply(r, o.json ?? false);
      }),
    );
  }

  targetOptions(radius.command('status').description('send a Status-Server (RFC 5997)')).action((o: TargetOpts) =>
    withServices(o, async (s) => {
      const r = await s.dispatcher.call('radius.status', { target: await resolveTarget(s, o), ...common(o) }, CTX);
      printReply(r, o.json ?? false);
    }),
  );

  targetOptions(
    radius
      .command('session')
      .description('simulate a subscriber session: Access, Accounting Start, Interim-Updates, Stop')
      .requiredOption('--user <name>', 'User-Name')
      .option('--password <password>', 'password', '')
      .option('--password-env <VAR>', 'read the password from this environment variable')
      .addOption(new Option('--method <method>').choices([...RADIUS_AUTH_METHODS]).default('pap'))
      .option('--acct-port <port>', 'accounting port of a --server target', positiveInt)
      .option('--interims <n>', 'Interim-Updates to send', positiveInt, 3)
      .option('--interval <ms>', 'time between updates', positiveInt, 10_000)
      .option('--bytes <n>', 'downstream octets per interval', positiveInt, 750_000_000)
      .option('--session-id <id>', 'reuse this Acct-Session-Id')
      .option('--record', 'record the session in the cache for billing reports'),
  ).action(
    (o: TargetOpts & { user: string; password: string; passwordEnv?: string; method: (typeof RADIUS_AUTH_METHODS)[number]; acctPort?: number; interims: number; interval: number; bytes: number; sessionId?: string; record?: boolean }) =>
      withServices(o, async (s) => {
        const json = o.json ?? false;
        const off = s.bus.subscribe((name, payload) => {
          if (name !== 'radius.session.step' || json) return;
          const p = payload as { step: string; index: number; code: string | null; rttMs: number | null; outputOctets: string };
          process.stderr.write(`${p.step}${p.step === 'interim' ? ` ${p.index}` : ''}: ${p.code ?? 'no reply'} ${p.rttMs !== null ? `${p.rttMs.toFixed(1)} ms` : ''} (${p.outputOctets} octets down)\n`);
        });
        try {
          const r = await s.dispatcher.call(
            'radius.session.run',
            {
              target: await resolveTarget(s, o),
              ...(o.acctPort !== undefined ? { acctPort: o.acctPort } : {}),
              user: o.user,
              password: o.passwordEnv ? (process.env[o.passwordEnv] ?? '') : o.password,
              method: o.method,
              interims: o.interims,
              intervalMs: o.interval,
              bytesPerInterval: o.bytes,
              ...(o.sessionId ? { sessionId: o.sessionId } : {}),
              record: o.record ?? false,
              ...(o.timeout !== undefined ? { timeoutMs: o.timeout } : {}),
              ...(o.retries !== undefined ? { retries: o.retries } : {}),
            },
            CTX,
          );
          if (json) printJson(r);
          else process.stdout.write(r.completed ? `Session ${r.acctSessionId} completed (${r.steps.length} steps)${r.recordedSessionId ? ', recorded' : ''}\n` : `Session failed: ${r.error}\n`);
          process.exitCode = r.completed ? 0 : 1;
        } finally {
          off();
        }
      }),
  );

  targetOptions(
    radius
      .command('load')
      .description('load test: N requests at concurrency C (or a target rate)')
      .requiredOption('--count <n>', 'requests to send', positiveInt)
      .option('--concurrency <n>', 'requests in flight', positiveInt, 50)
      .option('--rate <n>', 'target requests per second', positiveInt)
      .addOption(new Option('--kind <kind>', 'packet').choices(['auth', 'status']).default('auth'))
      .option('--user <name>', 'User-Name')
      .option('--password <password>', 'password')
      .option('--password-env <VAR>', 'read the password from this environment variable')
      .addOption(new Option('--method <method>').choices([...RADIUS_AUTH_METHODS]).default('pap')),
  ).action(
    (o: TargetOpts & { count: number; concurrency: number; rate?: number; kind: 'auth' | 'status'; user?: string; password?: string; passwordEnv?: string; method: (typeof RADIUS_AUTH_METHODS)[number] }) =>
      withServices(o, async (s) => {
        const off = withProgress(s, o.json ?? false);
        try {
          const password = o.passwordEnv ? process.env[o.passwordEnv] : o.password;
          const base = common(o);
          const stats = await s.dispatcher.call(
            'radius.load',
            {
              target: await resolveTarget(s, o),
              kind: o.kind,
              ...(o.user ? { user: o.user } : {}),
              ...(password !== undefined ? { password } : {}),
              method: o.method,
              count: o.count,
              concurrency: o.concurrency,
              ...(o.rate !== undefined ? { ratePerSecond: o.rate } : {}),
              ...(base.strict ? { strict: true } : {}),
              ...(base.timeoutMs !== undefined ? { timeoutMs: base.timeoutMs } : {}),
              ...(base.retries !== undefined ? { retries: base.retries } : {}),
            },
            CTX,
          );
          if (o.json) printJson(stats);
          else {
            const l = stats.latencyMs;
            process.stdout.write(
              `${stats.replies}/${stats.sent} replies in ${(stats.elapsedMs / 1000).toFixed(2)} s: ${Math.round(stats.requestsPerSecond)} requests/s\n` +
                `accepts ${stats.accepts}, rejects ${stats.rejects}, other ${stats.otherCodes}, timeouts ${stats.timeouts}, retransmissions ${stats.retransmissions}, refused ${stats.refused}\n` +
                `latency ms: p50 ${l.p50.toFixed(2)}, p95 ${l.p95.toFixed(2)}, p99 ${l.p99.toFixed(2)}, max ${l.max.toFixed(2)}\n` +
                `Message-Authenticator in replies: valid ${stats.messageAuthenticator.valid}, missing ${stats.messageAuthenticator.missing}, invalid ${stats.messageAuthenticator.invalid}\n`,
            );
          }
          process.exitCode = stats.timeouts === 0 && stats.refused === 0 ? 0 : 1;
        } finally {
          off();
        }
      }),
  );

  const profiles = radius.command('profile').description('saved RADIUS test profiles (secret sealed in the workspace vault)');
  workspaceOption(profiles.command('list').description('list profiles')).action((o: GlobalOpts) =>
    withServices(o, async (s) => {
      const list = await s.dispatcher.call('radius.profiles.list', {}, CTX);
      if (o.json) printJson(list);
      else
        printTable(list as unknown as Record<string, unknown>[], [
          { key: 'name', title: 'NAME' },
          { key: 'host', title: 'HOST' },
          { key: 'authPort', title: 'AUTH' },
          { key: 'acctPort', title: 'ACCT' },
          { key: 'coaPort', title: 'COA' },
          { key: 'deviceName', title: 'NAS DEVICE' },
        ]);
    }),
  );
  workspaceOption(
    profiles
      .command('add')
      .description('save a profile')
      .requiredOption('--name <name>', 'profile name')
      .requiredOption('--server <host>', 'server or NAS address')
      .option('--auth-port <port>', 'authentication port', positiveInt, 1812)
      .option('--acct-port <port>', 'accounting port', positiveInt, 1813)
      .option('--coa-port <port>', 'CoA/Disconnect port (MikroTik: 1700)', positiveInt, 3799)
      .option('--secret-env <VAR>', 'read the shared secret from this environment variable')
      .option('--secret <secret>', 'shared secret')
      .option('--nas-identifier <id>', 'NAS-Identifier to send', '')
      .option('--strict', 'refuse replies without a valid Message-Authenticator'),
  ).action(
    (o: GlobalOpts & { name: string; server: string; authPort: number; acctPort: number; coaPort: number; secretEnv?: string; secret?: string; nasIdentifier: string; strict?: boolean }) =>
      withServices(o, async (s) => {
        const secret = o.secretEnv ? process.env[o.secretEnv] : o.secret;
        if (!secret) throw new NocError('VALIDATION', 'give the shared secret with --secret-env VAR (or --secret)');
        const p = await s.dispatcher.call(
          'radius.profiles.save',
          { name: o.name, host: o.server, authPort: o.authPort, acctPort: o.acctPort, coaPort: o.coaPort, secret, nasIdentifier: o.nasIdentifier, strict: o.strict ?? false },
          CTX,
        );
        if (o.json) printJson(p);
        else process.stdout.write(`Saved RADIUS profile ${p.name} (${p.id})\n`);
      }),
  );

  workspaceOption(radius.command('history').description('recent RADIUS test runs').option('--limit <n>', 'runs to show', positiveInt, 20)).action((o: GlobalOpts & { limit: number }) =>
    withServices(o, async (s) => {
      const runs = await s.dispatcher.call('radius.history.list', { limit: Math.max(1, Math.min(500, o.limit)) }, CTX);
      if (o.json) printJson(runs);
      else
        printTable(
          runs.map((r) => ({ ...r, at: new Date(r.at).toISOString() })) as unknown as Record<string, unknown>[],
          [
            { key: 'at', title: 'AT' },
            { key: 'kind', title: 'KIND' },
            { key: 'server', title: 'SERVER' },
            { key: 'user', title: 'USER' },
            { key: 'summary', title: 'RESULT' },
          ],
        );
    }),
  );

  workspaceOption(radius.command('dictionary').description('attribute names and types').option('--search <text>', 'filter by name or vendor')).action(
    (o: GlobalOpts & { search?: string }) =>
      withServices(o, async (s) => {
        const d = await s.dispatcher.call('radius.dictionary', {}, CTX);
        const q = o.search?.toLowerCase();
        const rows = d.attributes.filter((a) => !q || a.name.toLowerCase().includes(q) || (a.vendor ?? '').toLowerCase().includes(q));
        if (o.json) printJson(rows);
        else printTable(rows.map((a) => ({ ...a, vendor: a.vendor ?? '', values: a.values.slice(0, 6).join(', ') })) as unknown as Record<string, unknown>[], [
          { key: 'name', title: 'NAME' },
          { key: 'vendor', title: 'VENDOR' },
          { key: 'type', title: 'TYPE' },
          { key: 'values', title: 'VALUES' },
        ]);
      }),
  );
}
