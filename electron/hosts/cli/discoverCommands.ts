// `noc discover`: sweep seeds (addresses or CIDR blocks up to a /22) for SNMP agents, identify them,
// follow LLDP to neighbours and record devices, interfaces and links in the workspace. A device is
// matched to the inventory by management address, else by a unique name equal to its sysName, so
// re-running updates rather than duplicates. Output: a device table and "r1 eth1 — r2 eth1" links;
// --json prints { devices, links, errors } with both ends' interface names on every link.
import { Command, Option } from 'commander';
import { randomUUID } from 'node:crypto';
import { SNMP_AUTH_PROTOCOLS, SNMP_PRIV_PROTOCOLS, SNMP_SECURITY_LEVELS, SNMP_VERSIONS } from '../../../shared/domain/snmp';
import { NocError } from '../../../shared/ipc/errors';
import type { ParsedRequestOf } from '../../../shared/ipc/schemas';
import { CTX, positiveInt, withProgress, withServices, workspaceOption, type GlobalOpts } from './common';
import { printJson, printTable } from './output';

interface DiscoverOpts extends GlobalOpts {
  seed: string[];
  community?: string;
  snmpVersion?: (typeof SNMP_VERSIONS)[number];
  user?: string;
  level?: (typeof SNMP_SECURITY_LEVELS)[number];
  authProto?: (typeof SNMP_AUTH_PROTOCOLS)[number];
  authKey?: string;
  privProto?: (typeof SNMP_PRIV_PROTOCOLS)[number];
  privKey?: string;
  profile?: string;
  port?: number;
  depth?: number;
  concurrency?: number;
  rate?: number;
  timeout?: number;
  lldp: boolean;
}

type Credentials = ParsedRequestOf<'discovery.run'>['credentials'];

function inlineCredentials(o: DiscoverOpts): Credentials {
  if (o.community === undefined && o.user === undefined && o.snmpVersion === undefined) return undefined;
  const version = o.snmpVersion ?? (o.user !== undefined ? '3' : '2c');
  if (version !== '3') return { version, ...(o.community !== undefined ? { community: o.community } : {}) };
  return {
    version,
    ...(o.user !== undefined ? { user: o.user } : {}),
    ...(o.level !== undefined ? { securityLevel: o.level } : {}),
    ...(o.authProto !== undefined ? { authProtocol: o.authProto } : {}),
    ...(o.authKey !== undefined ? { authKey: o.authKey } : {}),
    ...(o.privProto !== undefined ? { privProtocol: o.privProto } : {}),
    ...(o.privKey !== undefined ? { privKey: o.privKey } : {}),
  };
}

const collect = (v: string, all: string[] = []): string[] => [...all, v];

export function registerDiscoverCommands(program: Command): void {
  workspaceOption(
    program
      .command('discover')
      .description('find SNMP devices from seeds and their LLDP neighbours; record devices, interfaces and links (re-running updates, never duplicates)')
      .requiredOption('--seed <addr|cidr>', 'an address or a CIDR block up to /22; repeat for more', collect)
      .option('-c, --community <community>', 'v1/v2c community (visible in the process list: prefer a --profile)')
      .addOption(new Option('-v, --snmp-version <v>', 'SNMP version').choices([...SNMP_VERSIONS]))
      .option('--user <name>', 'v3 user')
      .addOption(new Option('--level <level>', 'v3 security level (default from the keys given)').choices([...SNMP_SECURITY_LEVELS]))
      .addOption(new Option('--auth-proto <proto>', 'v3 auth protocol').choices([...SNMP_AUTH_PROTOCOLS]))
      .option('--auth-key <password>', 'v3 auth password')
      .addOption(new Option('--priv-proto <proto>', 'v3 privacy protocol').choices([...SNMP_PRIV_PROTOCOLS]))
      .option('--priv-key <password>', 'v3 privacy password')
      .option('--profile <name|id>', 'a saved SNMP credential profile (new devices get it as their SNMP profile)')
      .option('--port <n>', 'UDP port (default 161 or the profile)', positiveInt)
      .option('--depth <n>', 'LLDP hops to follow beyond the seeds (default 3)', positiveInt)
      .option('--concurrency <n>', 'agents queried at once (default 32)', positiveInt)
      .option('--rate <n>', 'SNMP operations started per second at most (default 200)', positiveInt)
      .option('--timeout <ms>', 'wait per try (default 1500)', positiveInt)
      .option('--no-lldp', 'only sweep the seeds; do not follow LLDP'),
  ).action((o: DiscoverOpts) =>
    withServices(o, async (s) => {
      const credentials = inlineCredentials(o);
      let credentialId: string | undefined;
      if (o.profile !== undefined) {
        const p = s.snmp.vault.find(o.profile);
        if (p === undefined) throw new NocError('NOT_FOUND', `No SNMP profile "${o.profile}".`);
        credentialId = p.id;
      }
      if (credentials === undefined && credentialId === undefined) throw new NocError('VALIDATION', 'give credentials: -c COMMUNITY, the v3 flags (--user …) or --profile NAME');
      const taskId = randomUUID();
      const off = withProgress(s, o.json ?? false);
      const stop = (): void => void s.dispatcher.call('discovery.stop', { taskId }, CTX);
      process.once('SIGINT', stop);
      try {
        const r = await s.dispatcher.call(
          'discovery.run',
          {
            seeds: o.seed,
            taskId,
            followLldp: o.lldp,
            ...(credentials !== undefined ? { credentials } : {}),
            ...(credentialId !== undefined ? { credentialId } : {}),
            ...(o.port !== undefined ? { port: o.port } : {}),
            ...(o.depth !== undefined ? { maxDepth: o.depth } : {}),
            ...(o.concurrency !== undefined ? { concurrency: o.concurrency } : {}),
            ...(o.rate !== undefined ? { rate: o.rate } : {}),
            ...(o.timeout !== undefined ? { timeoutMs: o.timeout } : {}),
          },
          CTX,
        );
        if (o.json) {
          printJson(r);
          return;
        }
        printTable(
          r.devices.map((d) => ({ ...d, new: d.new ? 'new' : 'updated' })),
          [
            { key: 'name', title: 'NAME' },
            { key: 'address', title: 'ADDRESS' },
            { key: 'vendor', title: 'VENDOR' },
            { key: 'model', title: 'MODEL' },
            { key: 'role', title: 'ROLE' },
            { key: 'new', title: '' },
          ],
        );
        process.stdout.write(`\n${r.links.length} link${r.links.length === 1 ? '' : 's'}:\n`);
        for (const l of r.links) process.stdout.write(`  ${l.a.device} ${l.a.interface} — ${l.b.device} ${l.b.interface}\n`);
        for (const e of r.errors) process.stderr.write(`warning: ${e.address}: ${e.message}\n`);
        if (r.stopped) process.stderr.write('discovery stopped early (Ctrl-C): what was found so far is recorded\n');
      } finally {
        process.removeListener('SIGINT', stop);
        off();
      }
    }),
  );
}
