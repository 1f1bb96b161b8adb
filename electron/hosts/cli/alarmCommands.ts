// `noc traps listen` and `noc alarms list|ack|clear`. `traps listen` runs the same receiver the UI
// hosts run, in the foreground: every accepted trap or inform is printed (one JSON object per line
// with --json) and recorded as an alarm in the workspace, until Ctrl+C. Communities given with
// --community replace the saved ones for this run; v3 users come from the saved settings.
import { Command, Option } from 'commander';
import { ALARM_SEVERITIES, ALARM_STATES } from '../../../shared/ipc/alarmSchemas';
import type { EventOf } from '../../../shared/ipc/schemas';
import { CTX, openServices, positiveInt, withServices, workspaceOption, type GlobalOpts } from './common';
import { printJson, printTable } from './output';

const ALARM_COLUMNS = [
  { key: 'raised', title: 'RAISED' },
  { key: 'severity', title: 'SEVERITY' },
  { key: 'state', title: 'STATE' },
  { key: 'count', title: 'COUNT' },
  { key: 'device', title: 'DEVICE' },
  { key: 'message', title: 'MESSAGE' },
  { key: 'id', title: 'ID' },
];

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

function trapLine(t: EventOf<'traps.received'>): string {
  const vbs = t.varbinds.map((v) => `${v.name ?? v.oid} = ${v.value}`).join('; ');
  return `${new Date(t.at).toISOString()} ${t.from} v${t.version} ${t.pdu} ${t.trapName ?? t.trapOid}${vbs ? ` | ${vbs}` : ''}\n`;
}

export function registerAlarmCommands(program: Command): void {
  const traps = program.command('traps').description('SNMP trap receiver');
  workspaceOption(
    traps
      .command('listen')
      .description('receive traps and informs (v1, v2c, v3), print them and record alarms, until Ctrl+C')
      .option('--port <n>', 'UDP port (default: the saved setting, $NOC_TRAP_PORT or 10162)', positiveInt)
      .option('--community <c>', 'accept this community (repeatable; replaces the saved ones)', collect, [] as string[]),
  ).action(async (o: GlobalOpts & { port?: number; community: string[] }) => {
    const s = await openServices(o);
    const off = s.bus.subscribe((name, payload) => {
      if (name !== 'traps.received') return;
      const t = payload as EventOf<'traps.received'>;
      process.stdout.write(o.json ? `${JSON.stringify(t)}\n` : trapLine(t));
    });
    try {
      const { port } = await s.traps.listen({ ...(o.port ? { port: o.port } : {}), ...(o.community.length > 0 ? { communities: o.community } : {}) });
      process.stderr.write(`listening for traps on udp/${port} (Ctrl+C to stop)\n`);
      await new Promise<void>((resolve) => {
        process.once('SIGINT', () => resolve());
        process.once('SIGTERM', () => resolve());
      });
      const st = s.traps.status();
      process.stderr.write(`received ${st.received}, dropped ${st.dropped}\n`);
    } finally {
      off();
      s.close();
    }
  });

  const alarms = program.command('alarms').description('alarms raised by the poller, traps and VOLTHA');
  workspaceOption(
    alarms
      .command('list')
      .description('list alarms, newest first')
      .addOption(new Option('--state <state>', 'active = open + acked; cleared = history').choices([...ALARM_STATES]).default('active'))
      .addOption(new Option('--severity <s...>', 'only these severities').choices([...ALARM_SEVERITIES]))
      .option('--search <text>', 'match message, kind, source or device')
      .option('--limit <n>', 'at most this many', positiveInt, 100),
  ).action((o: GlobalOpts & { state: (typeof ALARM_STATES)[number]; severity?: (typeof ALARM_SEVERITIES)[number][]; search?: string; limit: number }) =>
    withServices(o, async (s) => {
      const r = await s.dispatcher.call('alarms.list', { state: o.state, severities: o.severity, search: o.search, limit: Math.min(500, Math.max(1, o.limit)) }, CTX);
      if (o.json) printJson(r.items);
      else
        printTable(
          r.items.map((a) => ({ ...a, raised: new Date(a.raisedAt).toISOString(), device: a.deviceName ?? '' })),
          ALARM_COLUMNS,
        );
    }),
  );
  workspaceOption(
    alarms.command('ack').description('acknowledge an alarm with a note').argument('<id>', 'alarm id').requiredOption('--note <text>', 'why / what is being done'),
  ).action((id: string, o: GlobalOpts & { note: string }) =>
    withServices(o, async (s) => {
      const a = await s.dispatcher.call('alarms.ack', { id, note: o.note }, CTX);
      if (o.json) printJson(a);
      else process.stdout.write(`Acknowledged by ${a.ackedBy ?? '?'}: ${a.message}\n`);
    }),
  );
  workspaceOption(alarms.command('clear').description('clear an alarm by hand (moves it to the history)').argument('<id>', 'alarm id')).action((id: string, o: GlobalOpts) =>
    withServices(o, async (s) => {
      const a = await s.dispatcher.call('alarms.clear', { id }, CTX);
      if (o.json) printJson(a);
      else process.stdout.write(`Cleared: ${a.message}\n`);
    }),
  );
}
