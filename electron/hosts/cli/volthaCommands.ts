// `noc voltha …`: voltctl's everyday commands against a VOLTHA core (`--endpoint H:P` or a saved
// endpoint's name), the cache mirror (`endpoint add`, `refresh`, `onus`), and the simulator
// (`noc voltha sim`). Table columns follow voltctl's so habits carry over.
import { Command, Option } from 'commander';
import type { Permission } from '../../../shared/domain/permissions';
import { roleHas } from '../../../shared/domain/permissions';
import { ONU_FILTERS, VOLTHA_DEFAULT_PORT } from '../../../shared/domain/voltha';
import { NocError } from '../../../shared/ipc/errors';
import { hostAndPort } from '../../../shared/ipc/volthaSchemas';
import type { ConsoleServices } from '../../services/consoleServices';
import type { OfpFlowStats, VolthaDevice } from '../../services/voltha/protoTypes';
import { VolthaClient } from '../../services/voltha/volthaClient';
import { CTX, openServices, positiveInt, workspaceOption, type GlobalOpts } from './common';
import { printJson, printTable } from './output';

interface VolthaOpts extends GlobalOpts {
  endpoint?: string;
  tls?: boolean;
  timeout?: number;
}

/** voltctl's tables: the row keys are the column titles. */
function upperColumns(...keys: string[]): { key: string; title: string }[] {
  return keys.map((k) => ({ key: k, title: k }));
}

const DEVICE_COLUMNS = upperColumns('ID', 'TYPE', 'ROOT', 'PARENTID', 'SERIALNUMBER', 'ADMINSTATE', 'OPERSTATUS', 'CONNECTSTATUS', 'REASON');

function deviceRow(d: VolthaDevice): Record<string, unknown> {
  return {
    ID: d.id,
    TYPE: d.type,
    ROOT: d.root,
    PARENTID: d.parent_id,
    SERIALNUMBER: d.serial_number,
    ADMINSTATE: d.admin_state,
    OPERSTATUS: d.oper_status,
    CONNECTSTATUS: d.connect_status,
    REASON: d.reason,
  };
}

function flowMatch(f: OfpFlowStats): string {
  const fields = f.match?.oxm_fields ?? [];
  return fields
    .map((o) => {
      const b = o.ofb_field;
      if (!b) return o.oxm_class;
      const member = b.value;
      const v = member ? (b as unknown as Record<string, unknown>)[member] : '';
      return `${b.type.replace('OFPXMT_OFB_', '')}=${String(v)}`;
    })
    .join(',');
}

async function withClient<T>(o: VolthaOpts, permission: Permission, fn: (c: VolthaClient) => Promise<T>): Promise<T> {
  const services = await openServices(o);
  let client: VolthaClient | undefined;
  try {
    if (!roleHas(services.workspace.role(), permission)) throw new NocError('PERMISSION_DENIED', `Your role cannot do this (${permission}).`);
    client = resolveClient(services, o);
    return await fn(client);
  } finally {
    client?.close();
    services.close();
  }
}

/** --endpoint is H:P, or the name of a saved endpoint; $VOLTHA_ENDPOINT otherwise. */
function resolveClient(services: ConsoleServices, o: VolthaOpts): VolthaClient {
  const wanted = o.endpoint ?? process.env.VOLTHA_ENDPOINT;
  if (!wanted) throw new NocError('VALIDATION', `give --endpoint HOST:PORT (VOLTHA's core, often :${VOLTHA_DEFAULT_PORT}) or a saved endpoint's name`);
  const saved = services.voltha.listEndpoints().find((e) => e.name.toLowerCase() === wanted.toLowerCase() || e.id === wanted);
  if (saved) return new VolthaClient({ address: saved.address, tls: o.tls ?? saved.tls, deadlineMs: o.timeout ?? saved.deadlineMs });
  const parsed = hostAndPort.safeParse(wanted);
  if (!parsed.success) throw new NocError('VALIDATION', `--endpoint "${wanted}" is neither HOST:PORT nor a saved endpoint`);
  return new VolthaClient({ address: parsed.data, tls: o.tls ?? false, deadlineMs: o.timeout ?? 10_000 });
}

export function registerVolthaCommands(program: Command): void {
  const voltha = workspaceOption(
    program
      .command('voltha')
      .description("VOLTHA: OLTs, PON ports and ONUs over VOLTHA's gRPC API (voltctl's commands), the PON mirror, and a simulator")
      .option('--endpoint <host:port|name>', 'VOLTHA core (or a saved endpoint); default $VOLTHA_ENDPOINT')
      .option('--tls', 'use TLS to the core')
      .option('--timeout <ms>', 'deadline per call', positiveInt),
  );
  const opts = (cmd: Command): VolthaOpts => cmd.optsWithGlobals();
  const out = (o: VolthaOpts, json: unknown, table: () => void): void => (o.json ? printJson(json) : table());

  voltha
    .command('version')
    .description('core version (GetVoltha)')
    .action((_o: unknown, cmd: Command) =>
      withClient(opts(cmd), 'voltha:read', async (c) => {
        const v = await c.version();
        const text = await c.versionText();
        out(opts(cmd), { ...v, versionText: text }, () => process.stdout.write(`VOLTHA ${text}\n`));
      }),
    );

  voltha
    .command('devices')
    .description('list devices (ListDevices)')
    .action((_o: unknown, cmd: Command) =>
      withClient(opts(cmd), 'voltha:read', async (c) => {
        const list = await c.devices();
        out(opts(cmd), list, () => printTable(list.map(deviceRow), DEVICE_COLUMNS));
      }),
    );

  voltha
    .command('device')
    .description('one device (GetDevice)')
    .argument('<id>')
    .action((id: string, _o: unknown, cmd: Command) =>
      withClient(opts(cmd), 'voltha:read', async (c) => {
        const d = await c.device(id);
        out(opts(cmd), d, () => printTable([deviceRow(d)], DEVICE_COLUMNS));
      }),
    );

  voltha
    .command('ports')
    .description("a device's ports (ListDevicePorts)")
    .argument('<id>')
    .action((id: string, _o: unknown, cmd: Command) =>
      withClient(opts(cmd), 'voltha:read', async (c) => {
        const ports = await c.ports(id);
        out(opts(cmd), ports, () =>
          printTable(
            ports.map((p) => ({ PORTNO: p.port_no, LABEL: p.label, TYPE: p.type, ADMINSTATE: p.admin_state, OPERSTATUS: p.oper_status, DEVICEID: p.device_id, PEERS: p.peers.map((x) => `${x.device_id}:${x.port_no}`).join(',') })),
            upperColumns('PORTNO', 'LABEL', 'TYPE', 'ADMINSTATE', 'OPERSTATUS', 'DEVICEID', 'PEERS'),
          ),
        );
      }),
    );

  voltha
    .command('logical-devices')
    .description('list logical devices (ListLogicalDevices)')
    .action((_o: unknown, cmd: Command) =>
      withClient(opts(cmd), 'voltha:read', async (c) => {
        const list = await c.logicalDevices();
        out(opts(cmd), list, () =>
          printTable(
            list.map((l) => ({ ID: l.id, DATAPATHID: l.datapath_id, ROOTDEVICEID: l.root_device_id, SERIALNUMBER: l.desc?.serial_num ?? '' })),
            upperColumns('ID', 'DATAPATHID', 'ROOTDEVICEID', 'SERIALNUMBER'),
          ),
        );
      }),
    );

  voltha
    .command('logical-ports')
    .description("a logical device's ports (ListLogicalDevicePorts)")
    .argument('<id>')
    .action((id: string, _o: unknown, cmd: Command) =>
      withClient(opts(cmd), 'voltha:read', async (c) => {
        const list = await c.logicalPorts(id);
        out(opts(cmd), list, () =>
          printTable(
            list.map((p) => ({ ID: p.id, DEVICEID: p.device_id, DEVICEPORTNO: p.device_port_no, ROOTPORT: p.root_port, OFPPORT: p.ofp_port?.port_no ?? '', NAME: p.ofp_port?.name ?? '' })),
            upperColumns('ID', 'DEVICEID', 'DEVICEPORTNO', 'ROOTPORT', 'OFPPORT', 'NAME'),
          ),
        );
      }),
    );

  voltha
    .command('flows')
    .description("a logical device's flows (ListLogicalDeviceFlows)")
    .argument('<id>')
    .action((id: string, _o: unknown, cmd: Command) =>
      withClient(opts(cmd), 'voltha:read', async (c) => {
        const list = await c.flows(id);
        out(opts(cmd), list, () =>
          printTable(
            list.map((f) => ({ ID: f.id, TABLEID: f.table_id, PRIORITY: f.priority, COOKIE: f.cookie, PACKETS: f.packet_count, BYTES: f.byte_count, MATCH: flowMatch(f) })),
            upperColumns('ID', 'TABLEID', 'PRIORITY', 'COOKIE', 'PACKETS', 'BYTES', 'MATCH'),
          ),
        );
      }),
    );

  voltha
    .command('adapters')
    .description('list adapters (ListAdapters)')
    .action((_o: unknown, cmd: Command) =>
      withClient(opts(cmd), 'voltha:read', async (c) => {
        const list = await c.adapters();
        out(opts(cmd), list, () =>
          printTable(
            list.map((a) => ({ ID: a.id, VENDOR: a.vendor, TYPE: a.type, ENDPOINT: a.endpoint, VERSION: a.version, CURRENTREPLICA: a.currentReplica, TOTALREPLICAS: a.totalReplicas })),
            upperColumns('ID', 'VENDOR', 'TYPE', 'ENDPOINT', 'VERSION', 'CURRENTREPLICA', 'TOTALREPLICAS'),
          ),
        );
      }),
    );

  voltha
    .command('preprovision')
    .description('pre-provision an OLT (CreateDevice)')
    .requiredOption('--host-and-port <h:p>', "the OLT's address as the adapter reaches it")
    .option('--type <type>', 'device type', 'openolt')
    .action((o: { hostAndPort: string; type: string }, cmd: Command) =>
      withClient(opts(cmd), 'voltha:manage', async (c) => {
        const d = await c.preprovision(o.type, o.hostAndPort);
        out(opts(cmd), d, () => process.stdout.write(`${d.id}\n`));
      }),
    );

  for (const action of ['enable', 'disable', 'reboot', 'delete'] as const) {
    voltha
      .command(action)
      .description(`${action} a device (${action[0]?.toUpperCase()}${action.slice(1)}Device)`)
      .argument('<id>')
      .action((id: string, _o: unknown, cmd: Command) =>
        withClient(opts(cmd), 'voltha:manage', async (c) => {
          await c.act(action, id);
          out(opts(cmd), { id, action, ok: true }, () => process.stdout.write(`${id}\n`));
        }),
      );
  }

  // ── the PON mirror in the workspace cache ──────────────────────────────────────────────────
  const endpoint = voltha.command('endpoint').description('saved VOLTHA endpoints of this workspace');
  endpoint.command('list').action(async (_o: unknown, cmd: Command) => {
    const services = await openServices(opts(cmd));
    try {
      const list = await services.dispatcher.call('voltha.endpoints.list', {}, CTX);
      out(opts(cmd), list, () => printTable(list as unknown as Record<string, unknown>[], [{ key: 'name', title: 'NAME' }, { key: 'address', title: 'ADDRESS' }, { key: 'tls', title: 'TLS' }]));
    } finally {
      services.close();
    }
  });
  endpoint
    .command('add')
    .requiredOption('--name <name>', 'endpoint name')
    .requiredOption('--address <host:port>', "the core's address")
    .option('--poll <ms>', 'background poll interval', positiveInt, 15_000)
    .action(async (o: { name: string; address: string; poll: number }, cmd: Command) => {
      const g = opts(cmd);
      const services = await openServices(g);
      try {
        const e = await services.dispatcher.call('voltha.endpoints.save', { name: o.name, address: o.address, tls: g.tls ?? false, pollIntervalMs: o.poll }, CTX);
        out(g, e, () => process.stdout.write(`Saved VOLTHA endpoint ${e.name} (${e.id})\n`));
      } finally {
        services.close();
      }
    });

  voltha
    .command('refresh')
    .description('poll a saved endpoint into the cache (OLTs, PON ports, ONUs; alarms)')
    .argument('<name>', 'saved endpoint name or id')
    .action(async (name: string, _o: unknown, cmd: Command) => {
      const g = opts(cmd);
      const services = await openServices(g);
      try {
        const e = services.voltha.listEndpoints().find((x) => x.name.toLowerCase() === name.toLowerCase() || x.id === name);
        if (!e) throw new NocError('NOT_FOUND', `No saved VOLTHA endpoint "${name}".`);
        const r = await services.dispatcher.call('voltha.refresh', { endpointId: e.id }, CTX);
        out(g, r, () =>
          process.stdout.write(
            r.error
              ? `Poll failed: ${r.error}\n`
              : `${r.olts} OLTs, ${r.onus} ONUs; ${r.changed} changed; alarms raised ${r.alarmsRaised}, cleared ${r.alarmsCleared} (${r.elapsedMs.toFixed(0)} ms)\n`,
          ),
        );
        if (r.error) process.exitCode = 1;
      } finally {
        services.close();
      }
    });

  voltha
    .command('onus')
    .description('ONUs from the cache, down first')
    .addOption(new Option('--filter <f>').choices([...ONU_FILTERS]).default('all'))
    .option('--search <text>', 'serial, id or subscriber')
    .option('--limit <n>', 'at most', positiveInt, 100)
    .action(async (o: { filter: (typeof ONU_FILTERS)[number]; search?: string; limit: number }, cmd: Command) => {
      const g = opts(cmd);
      const services = await openServices(g);
      try {
        const r = await services.dispatcher.call('voltha.onus.list', { filter: o.filter, ...(o.search ? { search: o.search } : {}), limit: Math.min(5000, Math.max(1, o.limit)) }, CTX);
        out(g, r, () =>
          printTable(
            r.items.map((d) => ({ ID: d.id, SERIALNUMBER: d.serialNumber, PARENTID: d.parentId, PORT: d.parentPortNo, ADMINSTATE: d.adminState, OPERSTATUS: d.operStatus, CONNECTSTATUS: d.connectStatus, REASON: d.reason, SUBSCRIBER: d.subscriberName ?? '' })),
            upperColumns('ID', 'SERIALNUMBER', 'PARENTID', 'PORT', 'ADMINSTATE', 'OPERSTATUS', 'CONNECTSTATUS', 'REASON', 'SUBSCRIBER'),
          ),
        );
      } finally {
        services.close();
      }
    });

  // ── simulator ──────────────────────────────────────────────────────────────────────────────
  voltha
    .command('sim')
    .description('run the VOLTHA simulator (voltha.VolthaService with BBSim-like OLTs and ONUs) until interrupted')
    .option('--host <host>', 'address to bind', '127.0.0.1')
    .option('--port <n>', 'port (0 picks a free one)', positiveInt, VOLTHA_DEFAULT_PORT)
    .option('--olts <n>', 'OLTs', positiveInt, 1)
    .option('--pons <n>', 'PON ports per OLT', positiveInt, 16)
    .option('--onus <n>', 'ONUs per PON port', positiveInt, 32)
    .option('--empty', 'start with no OLT provisioned (pre-provision them from its OLT addresses)')
    .option('--serial-prefix <p>', 'ONU serial prefix', 'BBSM')
    .option('--step <ms>', 'time per state change', positiveInt, 500)
    .option('--unreachable <n>', 'make the first N OLTs unreachable', positiveInt, 0)
    .option('--flap <n>', 'N ONUs keep going down and up', positiveInt, 0)
    .option('--slow <ms>', 'answer every call after this delay', positiveInt, 0)
    .action(
      async (o: { host: string; port: number; olts: number; pons: number; onus: number; empty?: boolean; serialPrefix: string; step: number; unreachable: number; flap: number; slow: number }, cmd: Command) => {
        const g = opts(cmd);
        // loaded only here: the other commands need no gRPC server
        const { startVolthaSimulator } = await import('../../services/voltha/simulator/index');
        const sim = await startVolthaSimulator({
          host: o.host,
          port: o.port,
          olts: o.olts,
          pons: o.pons,
          onus: o.onus,
          provisioned: !o.empty,
          serialPrefix: o.serialPrefix,
          stepMs: o.step,
        });
        for (const a of sim.oltAddresses.slice(0, o.unreachable)) sim.setOltReachable(a, false);
        if (o.flap > 0) sim.flapOnus(o.flap);
        if (o.slow > 0) sim.setLatency(o.slow);
        if (g.json) printJson({ address: sim.address, oltAddresses: sim.oltAddresses });
        else
          process.stdout.write(
            `VOLTHA simulator on ${sim.address}: ${o.olts} OLTs × ${o.pons} PONs × ${o.onus} ONUs${o.empty ? ' (none provisioned)' : ''}\n` +
              `OLT addresses: ${sim.oltAddresses.join(' ')}\n`,
          );
        await new Promise<void>((resolve) => {
          process.once('SIGINT', resolve);
          process.once('SIGTERM', resolve);
        });
        await sim.stop();
      },
    );
}
