// `noc`: the console's services in-process, for scripts, tests and headless use. Every command
// goes through the same Dispatcher (validation, permissions, typed errors) as the UI.
import { Command, Option } from 'commander';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { DEVICE_ROLES, DEVICE_SORT_FIELDS, DEVICE_STATUSES, type Device } from '../../../shared/domain/device';
import { NocError } from '../../../shared/ipc/errors';
import { reportQuerySchema } from '../../../shared/ipc/schemas';
import { SiteRepository } from '../../services/cache/repositories/siteRepository';
import { APP_VERSION } from '../../services/version';
import { startWebHost } from '../web/webHost';
import { parseWith } from '../../services/ipc/validation';
import { runProgram } from './runProgram';
import { CTX, openServices, positiveInt, withProgress, workspaceOption, type GlobalOpts } from './common';
import { printJson, printTable } from './output';
import { registerRadiusCommands } from './radiusCommands';
import { registerVolthaCommands } from './volthaCommands';
import { registerSshAutomationCommands } from './sshAutomationCommands';
import { registerSshCommands } from './sshCommands';
import { registerSnmpCommands } from './snmpCommands';
import { registerPollCommands } from './pollCommands';
import { registerDiscoverCommands } from './discoverCommands';
import { registerAlarmCommands } from './alarmCommands';
import { registerSyncCommands } from './syncCommands';

const PACKAGE_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const DEVICE_COLUMNS = [
  { key: 'name', title: 'NAME' },
  { key: 'mgmtAddress', title: 'ADDRESS' },
  { key: 'role', title: 'ROLE' },
  { key: 'vendor', title: 'VENDOR' },
  { key: 'model', title: 'MODEL' },
  { key: 'siteName', title: 'SITE' },
  { key: 'status', title: 'STATUS' },
];

export function buildProgram(): Command {
  const program = new Command('noc')
    .description('DotMac NOC Console: inventory, SNMP, SSH, RADIUS, VOLTHA and billing for ISP networks')
    .version(APP_VERSION)
    .showHelpAfterError()
    .exitOverride();

  workspaceOption(
    program
      .command('serve')
      .description('serve the console to a local browser (token-protected WebSocket)')
      .option('--host <host>', 'address to bind (loopback by default)', '127.0.0.1')
      .option('--port <n>', 'port (0 picks a free one)', positiveInt, 0),
  ).action(async (o: GlobalOpts & { host: string; port: number }) => {
    const services = await openServices(o, 'web');
    const host = await startWebHost({ services, rendererDir: path.join(PACKAGE_ROOT, 'out/renderer'), host: o.host, port: o.port });
    if (o.json) printJson({ url: host.url, port: host.port, workspace: services.workspace.dir });
    else process.stdout.write(`DotMac NOC Console (${services.workspace.dir}) is serving at ${host.url}\n`);
    if (o.host !== '127.0.0.1' && o.host !== 'localhost' && o.host !== '::1') {
      process.stderr.write(`warning: bound to ${o.host}: anyone who can reach it and has the token can use this console\n`);
    }
    if (services.workspace.isEmpty()) {
      // a first start creates the demo ISP, in the background so the page loads and shows progress
      void services.dispatcher.invoke('demo.seed', {}, CTX).then((r) => {
        if (!r.ok) process.stderr.write(`demo seed failed: ${r.error.message}\n`);
      });
    }
    await new Promise<void>((resolve) => {
      const stop = () => resolve();
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    });
    await host.close();
    services.close();
  });

  const demo = program.command('demo').description('demo workspace');
  workspaceOption(
    demo
      .command('seed')
      .description('create the deterministic demo ISP (replaces an earlier demo tenant)')
      .option('--devices <n>', 'number of devices', positiveInt, 2000)
      .option('--subscribers <n>', 'number of subscribers', positiveInt, 50_000),
  ).action(async (o: GlobalOpts & { devices: number; subscribers: number }) => {
    const services = await openServices(o);
    const off = withProgress(services, o.json ?? false);
    try {
      const summary = await services.dispatcher.call('demo.seed', { devices: o.devices, subscribers: o.subscribers }, CTX);
      if (o.json) printJson(summary);
      else
        process.stdout.write(
          `Demo ISP ready in ${(summary.elapsedMs / 1000).toFixed(1)} s: ${summary.sites} sites, ${summary.devices} devices, ` +
            `${summary.links} links, ${summary.subscribers} subscribers, ${summary.invoices} invoices, ${summary.payments} payments, ` +
            `${summary.accountingSessions} accounting sessions\n`,
        );
    } finally {
      off();
      services.close();
    }
  });

  const devices = program.command('devices').description('device inventory');
  workspaceOption(
    devices
      .command('list')
      .description('list devices (pages through the cache by keyset)')
      .option('--search <text>', 'match name, address, vendor or site')
      .option('--limit <n>', 'at most this many devices', positiveInt, 100)
      .addOption(new Option('--sort <field>', 'sort field').choices([...DEVICE_SORT_FIELDS]).default('name'))
      .option('--desc', 'descending order')
      .addOption(new Option('--role <role>').choices([...DEVICE_ROLES]))
      .addOption(new Option('--status <status>').choices([...DEVICE_STATUSES]))
      .option('--site <site>', 'site code, name or id'),
  ).action(async (o: GlobalOpts & { search?: string; limit: number; sort: (typeof DEVICE_SORT_FIELDS)[number]; desc?: boolean; role?: (typeof DEVICE_ROLES)[number]; status?: (typeof DEVICE_STATUSES)[number]; site?: string }) => {
    const services = await openServices(o);
    try {
      let siteId: string | undefined;
      if (o.site) {
        const site = new SiteRepository(services.workspace.sqlite, services.workspace.scope()).resolve(o.site);
        if (!site) throw new NocError('NOT_FOUND', `No site "${o.site}".`);
        siteId = site.id;
      }
      const items: Device[] = [];
      let cursor: string | null = null;
      while (items.length < o.limit) {
        const page: { items: Device[]; nextCursor: string | null } = await services.dispatcher.call(
          'devices.list',
          {
            search: o.search,
            siteId,
            role: o.role,
            status: o.status,
            sort: o.sort,
            dir: o.desc ? 'desc' : 'asc',
            cursor,
            limit: Math.min(1000, o.limit - items.length),
            withTotal: false,
          },
          CTX,
        );
        items.push(...page.items);
        cursor = page.nextCursor;
        if (!cursor) break;
      }
      if (o.json) printJson(items);
      else printTable(items as unknown as Record<string, unknown>[], DEVICE_COLUMNS);
    } finally {
      services.close();
    }
  });

  workspaceOption(
    devices
      .command('add')
      .description('add a device')
      .requiredOption('--name <name>', 'device name (unique)')
      .requiredOption('--address <addr>', 'management address (IPv4, IPv6 or DNS name)')
      .addOption(new Option('--role <role>').choices([...DEVICE_ROLES]).default('other'))
      .option('--vendor <vendor>', 'vendor', '')
      .option('--model <model>', 'model', '')
      .option('--site <site>', 'site code, name or id')
      .addOption(new Option('--status <status>').choices([...DEVICE_STATUSES]).default('unknown'))
      .option('--location <text>', 'location', '')
      .option('--notes <text>', 'notes', ''),
  ).action(async (o: GlobalOpts & { name: string; address: string; role: (typeof DEVICE_ROLES)[number]; vendor: string; model: string; site?: string; status: (typeof DEVICE_STATUSES)[number]; location: string; notes: string }) => {
    const services = await openServices(o);
    try {
      let siteId: string | null = null;
      if (o.site) {
        const site = new SiteRepository(services.workspace.sqlite, services.workspace.scope()).resolve(o.site);
        if (!site) throw new NocError('VALIDATION', `No site "${o.site}".`);
        siteId = site.id;
      }
      const d = await services.dispatcher.call(
        'devices.create',
        { name: o.name, mgmtAddress: o.address, role: o.role, vendor: o.vendor, model: o.model, siteId, status: o.status, location: o.location, notes: o.notes },
        CTX,
      );
      if (o.json) printJson(d);
      else process.stdout.write(`Added ${d.name} (${d.mgmtAddress}) as ${d.id}\n`);
    } finally {
      services.close();
    }
  });

  workspaceOption(
    devices.command('import').description('import devices from a CSV file (header: name,mgmt_address,role,vendor,model,site,…)').argument('<file>', 'CSV file'),
  ).action(async (file: string, o: GlobalOpts) => {
    let csv: string;
    try {
      csv = fs.readFileSync(file, 'utf8');
    } catch (err) {
      throw new NocError('NOT_FOUND', `Cannot read ${file}: ${(err as Error).message}`);
    }
    const services = await openServices(o);
    const off = withProgress(services, o.json ?? false);
    try {
      const r = await services.dispatcher.call('devices.import', { csv, fileName: path.basename(file) }, CTX);
      if (o.json) printJson(r);
      else {
        process.stdout.write(`Imported ${r.imported} new and updated ${r.updated} devices; ${r.errors.length} rows refused\n`);
        for (const e of r.errors) process.stdout.write(`  line ${e.line}: ${e.message}\n`);
      }
      if (r.errors.length > 0) process.exitCode = 3;
    } finally {
      off();
      services.close();
    }
  });

  const report = program.command('report').description('billing reports, computed offline from the cache');
  workspaceOption(report.command('list').description('list the reports')).action(async (o: GlobalOpts) => {
    const services = await openServices(o);
    try {
      const list = await services.dispatcher.call('reports.list', {}, CTX);
      if (o.json) printJson(list.map((r) => ({ name: r.name, title: r.title, description: r.description, filters: r.filters })));
      else printTable(list as unknown as Record<string, unknown>[], [{ key: 'name', title: 'NAME' }, { key: 'title', title: 'TITLE' }, { key: 'description', title: 'DESCRIPTION' }]);
    } finally {
      services.close();
    }
  });
  workspaceOption(
    report
      .command('run')
      .description('run a report and write it to a file (xlsx, csv, pdf or json)')
      .argument('<name>', 'report name (see noc report list)')
      .option('--from <date>', 'first day of the period, YYYY-MM-DD (tenant time zone)')
      .option('--to <date>', 'last day of the period, YYYY-MM-DD (inclusive)')
      .option('--site <site>', 'site code, name or id')
      .option('--plan <plan>', 'service plan code, name or id')
      .option('--sort <column>', 'sort by this column key')
      .option('--desc', 'descending sort')
      .addOption(new Option('--format <format>', 'output format').choices(['xlsx', 'csv', 'pdf', 'json']).default('json'))
      .option('--bom', 'CSV: start with a UTF-8 byte order mark (for Excel)')
      .option('--out <file>', 'output file (default: stdout for json/csv, required for xlsx/pdf)'),
  ).action(async (name: string, o: GlobalOpts & { from?: string; to?: string; site?: string; plan?: string; sort?: string; desc?: boolean; format: 'xlsx' | 'csv' | 'pdf' | 'json'; bom?: boolean; out?: string }) => {
    const services = await openServices(o);
    const off = withProgress(services, true);
    try {
      const scope = services.workspace.scope();
      let siteId: string | undefined;
      if (o.site) {
        const site = new SiteRepository(services.workspace.sqlite, scope).resolve(o.site);
        if (!site) throw new NocError('VALIDATION', `No site "${o.site}".`);
        siteId = site.id;
      }
      let planId: string | undefined;
      if (o.plan) {
        const want = o.plan.toLowerCase();
        const plan = (await services.dispatcher.call('plans.list', {}, CTX)).find((p) => p.id === o.plan || p.code.toLowerCase() === want || p.name.toLowerCase() === want);
        if (!plan) throw new NocError('VALIDATION', `No plan "${o.plan}".`);
        planId = plan.id;
      }
      const parsed = parseWith(reportQuerySchema, {
        name,
        from: o.from,
        to: o.to,
        siteId,
        planId,
        ...(o.sort ? { sort: { key: o.sort, dir: o.desc ? 'desc' : 'asc' } } : {}),
      });
      // through the contract once: sort keys and filters are checked against the report too
      await services.dispatcher.call('reports.run', { query: parsed, offset: 0, limit: 1 }, CTX);
      if (!o.out && (o.format === 'xlsx' || o.format === 'pdf')) throw new NocError('VALIDATION', `--out FILE is required for ${o.format}.`);
      if (o.out) {
        const f = await services.reports.export(parsed, o.format, { csvBom: o.bom, out: o.out });
        if (o.json && o.format !== 'json') printJson({ file: f.file, format: f.format, rows: f.rows, bytes: f.bytes });
        else process.stderr.write(`Wrote ${f.rows} rows to ${f.file} (${f.bytes} bytes)\n`);
      } else {
        const f = await services.reports.export(parsed, o.format, { csvBom: o.bom });
        process.stdout.write(fs.readFileSync(f.file));
        fs.rmSync(path.dirname(f.file), { recursive: true, force: true });
      }
    } finally {
      off();
      services.close();
    }
  });

  registerRadiusCommands(program);
  registerVolthaCommands(program);
  registerSshAutomationCommands(registerSshCommands(program));
  registerSnmpCommands(program);
  registerPollCommands(program);
  registerDiscoverCommands(program);
  registerAlarmCommands(program);
  registerSyncCommands(program);

  return program;
}

/** Runs the CLI; returns the exit code (0 ok, 1 failure, 2 bad input, 3 partial import). */
export function main(argv: string[]): Promise<number> {
  return runProgram(buildProgram(), argv);
}
