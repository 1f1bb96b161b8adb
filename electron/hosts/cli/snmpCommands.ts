// `noc snmp …`: get / getnext / walk / bulkwalk / set from a shell, in Net-SNMP's style, plus the
// saved credential profiles. Output: `NAME = TYPE: VALUE` lines like snmpwalk; with --json, JSON
// lines — one object per varbind ({oid, name, type, value, encoding, display}), so a long walk can
// be piped into jq or read line by line. Exit codes: 0 ok, 1 SNMP failure (timeout, auth, error
// status), 2 bad input.
import { Command } from 'commander';
import { randomUUID } from 'node:crypto';
import { SNMP_SET_TYPES, type SnmpSetType } from '../../../shared/domain/snmp';
import { NocError } from '../../../shared/ipc/errors';
import type { ParsedRequestOf } from '../../../shared/ipc/schemas';
import type { ConsoleServices } from '../../services/consoleServices';
import { snmpChannels } from '../../../shared/ipc/snmpSchemas';
import { parseWith } from '../../services/ipc/validation';
import { inlineTarget, SNMP_DEFAULTS } from '../../services/snmp/inlineTarget';
import { resolveOid } from '../../services/snmp/mib';
import { SnmpEngine, type SnmpTarget } from '../../services/snmp/snmpEngine';
import { formatVarbind, varbindJsonLine, type SnmpVarbind } from '../../services/snmp/varbinds';
import { CTX, positiveInt, withProgress, withServices, workspaceOption, type GlobalOpts } from './common';
import { printJson, printTable } from './output';
import { inlineSnmpCredentials, MISSING_SNMP_CREDENTIALS, snmpCredentialOptions, snmpProfileId, v3Fields, type SnmpCredentialFlags } from './snmpCredentialOptions';

type Target = ParsedRequestOf<'snmp.get'>['target'];
type SetVarbind = ParsedRequestOf<'snmp.set'>['varbinds'][number];

interface SnmpOpts extends GlobalOpts, SnmpCredentialFlags {
  host?: string;
  port?: number;
  maxRepetitions?: number;
  timeout?: number;
  retries?: number;
  device?: string;
  limit?: number;
}

/** snmpset's type letters, and our own type names (case-insensitive). */
const SET_TYPE_LETTERS: Readonly<Record<string, { type: SnmpSetType; hex?: true }>> = {
  i: { type: 'Integer' },
  u: { type: 'Gauge32' },
  t: { type: 'TimeTicks' },
  a: { type: 'IpAddress' },
  o: { type: 'OID' },
  s: { type: 'OctetString' },
  x: { type: 'OctetString', hex: true },
  c: { type: 'Counter32' },
  g: { type: 'Gauge32' },
  C: { type: 'Counter64' },
};

export function parseSetTriples(args: string[]): SetVarbind[] {
  if (args.length === 0 || args.length % 3 !== 0) throw new NocError('VALIDATION', 'set takes OID TYPE VALUE triples (types: i u t a o s x c g C or Integer, OctetString, …)');
  const out: SetVarbind[] = [];
  for (let i = 0; i < args.length; i += 3) {
    const [oid = '', typeText = '', value = ''] = args.slice(i, i + 3);
    const letter = SET_TYPE_LETTERS[typeText];
    const named = SNMP_SET_TYPES.find((t) => t.toLowerCase() === typeText.toLowerCase());
    if (letter === undefined && named === undefined) {
      throw new NocError('VALIDATION', `unknown SET type "${typeText}" for ${oid}: use i u t a o s x c g C or ${SNMP_SET_TYPES.join(', ')}`);
    }
    out.push(letter?.hex === true ? { oid, type: 'OctetString', value, encoding: 'hex' } : { oid, type: letter?.type ?? (named as SnmpSetType), value });
  }
  return out;
}

function targetOptions(cmd: Command): Command {
  return workspaceOption(
    snmpCredentialOptions(
      cmd.option('--host <host>', 'agent address or DNS name').option('--port <n>', 'UDP port (default 161 or the profile)', positiveInt),
    )
      .option('--timeout <ms>', 'wait per try', positiveInt)
      .option('--retries <n>', 'retransmissions after the first try', positiveInt)
      .option('--device <id|name>', 'a device from the inventory (its address and SNMP profile)'),
  );
}

function deviceId(s: ConsoleServices, idOrName: string): string {
  const scope = s.workspace.scope();
  const row = s.workspace.sqlite
    .prepare('SELECT id FROM devices WHERE tenant_id = ? AND deleted_at IS NULL AND (id = ? OR lower(name) = lower(?)) ORDER BY name LIMIT 1')
    .get(scope.tenantId, idOrName, idOrName) as { id: string } | undefined;
  if (row === undefined) throw new NocError('NOT_FOUND', `No device "${idOrName}".`);
  return row.id;
}

function buildTarget(s: ConsoleServices, o: SnmpOpts): Target {
  const credentialId = snmpProfileId(s, o);
  const credentials = inlineSnmpCredentials(o);
  const target: Target = {
    ...(o.device !== undefined ? { deviceId: deviceId(s, o.device) } : {}),
    ...(o.host !== undefined ? { host: o.host } : {}),
    ...(o.port !== undefined ? { port: o.port } : {}),
    ...(o.timeout !== undefined ? { timeoutMs: o.timeout } : {}),
    ...(o.retries !== undefined ? { retries: o.retries } : {}),
    ...(credentialId !== undefined ? { credentialId } : {}),
    ...(credentials !== undefined ? { credentials } : {}),
  };
  if (target.deviceId === undefined && target.host === undefined) throw new NocError('VALIDATION', 'give --host H (with -c or the v3 flags, or --profile) or --device ID|NAME');
  if (target.deviceId === undefined && target.credentialId === undefined && target.credentials === undefined) {
    throw new NocError('VALIDATION', MISSING_SNMP_CREDENTIALS);
  }
  return target;
}

/**
 * Reads with one-off credentials (-c, or the v3 flags, and --host) need nothing from a workspace:
 * they run like snmpbulkwalk, straight on the engine, without opening one. The request is still
 * checked by the channel's schema; SNMP reads are allowed to every role, so there is no role to
 * look up. Undefined when the command names a --device or --profile (those live in the workspace).
 */
function standaloneTarget(o: SnmpOpts): { target: SnmpTarget; payload: Target } | undefined {
  const credentials = inlineSnmpCredentials(o);
  if (o.device !== undefined || o.profile !== undefined || o.host === undefined || credentials === undefined) return undefined;
  const payload: Target = {
    host: o.host,
    credentials,
    ...(o.port !== undefined ? { port: o.port } : {}),
    ...(o.timeout !== undefined ? { timeoutMs: o.timeout } : {}),
    ...(o.retries !== undefined ? { retries: o.retries } : {}),
  };
  const { target } = parseWith(snmpChannels['snmp.get'].request, { target: payload, oids: ['1.3'] });
  const base = { host: target.host ?? o.host, port: target.port ?? SNMP_DEFAULTS.port, timeoutMs: target.timeoutMs ?? SNMP_DEFAULTS.timeoutMs, retries: target.retries ?? SNMP_DEFAULTS.retries };
  return { target: inlineTarget(base, target.credentials ?? credentials), payload };
}

/** Lines to stdout in 64 KiB writes: a 200,000-varbind walk streams out as it arrives, in few syscalls. */
class LineWriter {
  private buf = '';
  line(text: string): void {
    this.buf += `${text}\n`;
    if (this.buf.length >= 65_536) this.flush();
  }
  flush(): void {
    if (this.buf !== '') process.stdout.write(this.buf);
    this.buf = '';
  }
}

async function streamWalk({ target, payload }: { target: SnmpTarget; payload: Target }, oid: string, o: SnmpOpts, bulk: boolean): Promise<void> {
  const req = parseWith(snmpChannels['snmp.walk'].request, {
    target: payload,
    oid,
    bulk,
    ...(o.maxRepetitions !== undefined ? { maxRepetitions: o.maxRepetitions } : {}),
    ...(o.limit !== undefined ? { limit: o.limit } : {}),
  });
  const json = o.json ?? false;
  const out = new LineWriter();
  const abort = new AbortController();
  const stop = (): void => abort.abort();
  process.once('SIGINT', stop);
  // `noc snmp walk … | head`: the reader left, stop asking the agent
  process.stdout.once('error', stop);
  try {
    const r = await new SnmpEngine().walk(target, req.oid, {
      bulk: req.bulk,
      maxRepetitions: req.maxRepetitions ?? SNMP_DEFAULTS.maxRepetitions,
      limit: req.limit,
      signal: abort.signal,
      onVarbinds: (batch) => {
        for (const v of batch) out.line(json ? varbindJsonLine(v) : formatVarbind(v));
      },
    });
    out.flush();
    if (r.truncated) process.stderr.write(`walk stopped after ${r.count} varbinds (limit or Ctrl-C)\n`);
  } finally {
    process.removeListener('SIGINT', stop);
    process.stdout.removeListener('error', stop);
  }
}

/** Varbinds as JSON lines or snmpwalk-style text, written in one go (a walk can be 100k lines). */
function printVarbinds(varbinds: SnmpVarbind[], json: boolean): void {
  let out = '';
  for (const v of varbinds) out += `${json ? JSON.stringify(v) : formatVarbind(v)}\n`;
  process.stdout.write(out);
}

export function registerSnmpCommands(program: Command): void {
  const snmp = program.command('snmp').description('SNMP tools: get, getnext, walk, bulkwalk, set (v1, v2c, v3) and credential profiles');

  for (const kind of ['get', 'getnext'] as const) {
    targetOptions(snmp.command(kind).description(kind === 'get' ? 'SNMP GET' : 'SNMP GET-NEXT').argument('<oid...>', 'numeric OIDs or MIB names (sysDescr.0)')).action(
      async (oids: string[], o: SnmpOpts) => {
        oids.forEach(resolveOid); // names the bad OID before anything is sent
        const standalone = standaloneTarget(o);
        if (standalone !== undefined) {
          const engine = new SnmpEngine();
          const r = await (kind === 'get' ? engine.get(standalone.target, oids) : engine.getNext(standalone.target, oids));
          printVarbinds(r.varbinds, o.json ?? false);
          return;
        }
        await withServices(o, async (s) => {
          const target = buildTarget(s, o);
          const r = await s.dispatcher.call(kind === 'get' ? 'snmp.get' : 'snmp.getNext', { target, oids }, CTX);
          printVarbinds(r.varbinds, o.json ?? false);
        });
      },
    );
  }

  for (const kind of ['walk', 'bulkwalk'] as const) {
    targetOptions(
      snmp
        .command(kind)
        .description(kind === 'walk' ? 'walk a subtree with GET-NEXT' : 'walk a subtree with GETBULK (v2c/v3)')
        .argument('[oid]', 'subtree root (default mib-2: 1.3.6.1.2.1)', '1.3.6.1.2.1')
        .option('--max-repetitions <n>', 'GETBULK max-repetitions (default 25 or the profile)', positiveInt)
        .option('--limit <n>', 'stop after this many varbinds', positiveInt),
    ).action(async (oid: string, o: SnmpOpts) => {
      resolveOid(oid);
      const standalone = standaloneTarget(o);
      if (standalone !== undefined) return streamWalk(standalone, oid, o, kind === 'bulkwalk');
      return withServices(o, async (s) => {
        const target = buildTarget(s, o);
        const taskId = randomUUID();
        const off = withProgress(s, o.json ?? false);
        const stop = (): void => void s.dispatcher.call('snmp.walk.stop', { taskId }, CTX);
        process.once('SIGINT', stop);
        try {
          const r = await s.dispatcher.call(
            'snmp.walk',
            {
              target,
              oid,
              bulk: kind === 'bulkwalk',
              taskId,
              ...(o.maxRepetitions !== undefined ? { maxRepetitions: o.maxRepetitions } : {}),
              ...(o.limit !== undefined ? { limit: o.limit } : {}),
            },
            CTX,
          );
          printVarbinds(r.varbinds, o.json ?? false);
          if (r.truncated) process.stderr.write(`walk stopped after ${r.varbinds.length} varbinds (limit or Ctrl-C)\n`);
        } finally {
          process.removeListener('SIGINT', stop);
          off();
        }
      });
    });
  }

  targetOptions(
    snmp
      .command('set')
      .description('SNMP SET: OID TYPE VALUE triples (types as snmpset: i u t a o s x c g C, or Integer, OctetString, …)')
      .argument('<triples...>', 'OID TYPE VALUE …'),
  ).action((triples: string[], o: SnmpOpts) =>
    withServices(o, async (s) => {
      const varbinds = parseSetTriples(triples);
      const target = buildTarget(s, o);
      const r = await s.dispatcher.call('snmp.set', { target, varbinds }, CTX);
      printVarbinds(r.varbinds, o.json ?? false);
    }),
  );

  const credential = snmp.command('credential').description('saved SNMP credential profiles (secrets sealed in the workspace vault)');
  workspaceOption(
    snmpCredentialOptions(
      credential.command('add').description('save a credential profile (-v defaults to 2c)').requiredOption('--name <name>', 'profile name'),
      null,
    )
      .option('--community-env <VAR>', 'read the community from this environment variable')
      .option('--port <n>', 'UDP port', positiveInt)
      .option('--timeout <ms>', 'wait per try', positiveInt)
      .option('--retries <n>', 'retransmissions', positiveInt)
      .option('--max-repetitions <n>', 'GETBULK max-repetitions', positiveInt),
  ).action((o: SnmpOpts & { name: string; communityEnv?: string }) =>
    withServices(o, async (s) => {
      const community = o.communityEnv !== undefined ? process.env[o.communityEnv] : o.community;
      if (o.communityEnv !== undefined && !community) throw new NocError('VALIDATION', `environment variable ${o.communityEnv} is empty or not set`);
      const saved = await s.dispatcher.call(
        'snmp.credentials.save',
        {
          name: o.name,
          version: o.snmpVersion ?? '2c',
          ...(community !== undefined ? { community } : {}),
          ...v3Fields(o),
          ...(o.port !== undefined ? { port: o.port } : {}),
          ...(o.timeout !== undefined ? { timeoutMs: o.timeout } : {}),
          ...(o.retries !== undefined ? { retries: o.retries } : {}),
          ...(o.maxRepetitions !== undefined ? { maxRepetitions: o.maxRepetitions } : {}),
        },
        CTX,
      );
      if (o.json) printJson(saved);
      else process.stdout.write(`Saved SNMP profile ${saved.name} (v${saved.version}) as ${saved.id}\n`);
    }),
  );
  workspaceOption(credential.command('list').description('list profiles (secrets are never shown)')).action((o: GlobalOpts) =>
    withServices(o, async (s) => {
      const list = await s.dispatcher.call('snmp.credentials.list', {}, CTX);
      if (o.json) printJson(list);
      else
        printTable(
          list.map((c) => ({ ...c, secrets: [c.hasCommunity ? 'community' : '', c.hasAuthKey ? 'auth' : '', c.hasPrivKey ? 'priv' : ''].filter(Boolean).join('+') })) as unknown as Record<string, unknown>[],
          [
            { key: 'name', title: 'NAME' },
            { key: 'version', title: 'VERSION' },
            { key: 'user', title: 'USER' },
            { key: 'securityLevel', title: 'LEVEL' },
            { key: 'port', title: 'PORT' },
            { key: 'secrets', title: 'SECRETS' },
            { key: 'deviceCount', title: 'DEVICES' },
          ],
        );
    }),
  );
}

