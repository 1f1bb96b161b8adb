// `noc discover`: sweep seeds (addresses or CIDR blocks up to a /22) for SNMP agents, identify them,
// follow LLDP to neighbours and record devices, interfaces and links in the workspace. A device is
// matched to the inventory by management address, else by a unique name equal to its sysName, so
// re-running updates rather than duplicates. Output: a device table and "r1 eth1 — r2 eth1" links;
// --json prints { devices, links, errors } with both ends' interface names on every link.
import { Command } from 'commander';
import { randomUUID } from 'node:crypto';
import { NocError } from '../../../shared/ipc/errors';
import { CTX, positiveInt, withProgress, withServices, workspaceOption, type GlobalOpts } from './common';
import { printJson, printTable } from './output';
import { inlineSnmpCredentials, MISSING_SNMP_CREDENTIALS, snmpCredentialOptions, snmpProfileId, type SnmpCredentialFlags } from './snmpCredentialOptions';

interface DiscoverOpts extends GlobalOpts, SnmpCredentialFlags {
  seed: string[];
  port?: number;
  depth?: number;
  concurrency?: number;
  rate?: number;
  timeout?: number;
  lldp: boolean;
}

const collect = (v: string, all: string[] = []): string[] => [...all, v];

export function registerDiscoverCommands(program: Command): void {
  workspaceOption(
    snmpCredentialOptions(
      program
        .command('discover')
      .description('find SNMP devices from seeds and their LLDP neighbours; record devices, interfaces and links (re-running updates, never duplicates)')
        .requiredOption('--seed <addr|cidr>', 'an address or a CIDR block up to /22; repeat for more', collect),
      'a saved SNMP credential profile (new devices get it as their SNMP profile)',
    )
      .option('--port <n>', 'UDP port (default 161 or the profile)', positiveInt)
      .option('--depth <n>', 'LLDP hops to follow beyond the seeds (default 3)', positiveInt)
      .option('--concurrency <n>', 'agents queried at once (default 32)', positiveInt)
      .option('--rate <n>', 'SNMP operations started per second at most (default 200)', positiveInt)
      .option('--timeout <ms>', 'wait per try (default 1500)', positiveInt)
      .option('--no-lldp', 'only sweep the seeds; do not follow LLDP'),
  ).action((o: DiscoverOpts) =>
    withServices(o, async (s) => {
      const credentials = inlineSnmpCredentials(o);
      const credentialId = snmpProfileId(s, o);
      if (credentials === undefined && credentialId === undefined) throw new NocError('VALIDATION', MISSING_SNMP_CREDENTIALS);
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
        for (const l of r.removed.links) process.stdout.write(`  removed (no longer reported by LLDP): ${l.a.device} ${l.a.interface} — ${l.b.device} ${l.b.interface}\n`);
        if (r.removed.interfaces > 0) process.stdout.write(`${r.removed.interfaces} interface${r.removed.interfaces === 1 ? '' : 's'} no longer on their devices: removed\n`);
        for (const e of r.errors) process.stderr.write(`warning: ${e.address}: ${e.message}\n`);
        if (r.stopped) process.stderr.write('discovery stopped early (Ctrl-C): what was found so far is recorded\n');
      } finally {
        process.removeListener('SIGINT', stop);
        off();
      }
    }),
  );
}
