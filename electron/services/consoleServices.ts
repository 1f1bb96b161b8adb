// Composition root shared by the three hosts (Electron, web, CLI): one workspace, one event bus,
// the domain services, and the dispatcher that binds them to the IPC contract.
import { PERMISSIONS, roleHas } from '../../shared/domain/permissions';
import { NocError } from '../../shared/ipc/errors';
import type { Handlers } from './ipc/dispatcher';
import { Dispatcher } from './ipc/dispatcher';
import { CredentialProfileRepository } from './cache/repositories/credentialProfileRepository';
import { SiteRepository } from './cache/repositories/siteRepository';
import { DeviceRepository } from './cache/repositories/deviceRepository';
import { DemoSeeder } from './demo/demoSeeder';
import { DeviceService } from './devices/deviceService';
import { ChromiumPdfRenderer, type PdfRenderer } from './reports/pdfRenderer';
import { ReportService } from './reports/reportService';
import { RadiusService } from './radius/radiusService';
import { VolthaService } from './voltha/volthaService';
import { SshService } from './ssh/sshService';
import { SnmpService } from './snmp/snmpService';
import { AlarmService } from './alarms/alarmService';
import { TrapService } from './alarms/trapService';
import { PollerService } from './monitoring/pollerService';
import { DiscoveryService } from './discovery/discoveryService';
import { SyncService, type SyncServiceOptions } from './sync/syncService';
import { EventBus, ProgressReporter } from './events/eventBus';
import { uuidv7 } from './util/uuidv7';
import { Workspace, type WorkspaceOptions } from './workspace/workspace';
import { APP_VERSION } from './version';

export interface ConsoleServicesOptions extends WorkspaceOptions {
  host: 'electron' | 'web' | 'cli';
  /** Renders printable pages to PDF; defaults to Debian's Chromium through playwright-core. */
  pdfRenderer?: PdfRenderer;
  /** Asks the user where to keep an export (Electron's save dialog); returns the path or null. */
  saveExport?: (file: string, fileName: string) => Promise<string | null>;
  /** Our vendor RADIUS dictionaries; defaults to the folder next to the engine's source. */
  radiusDictionaryDir?: string;
  /** The VOLTHA .proto files; defaults to the folder next to the client's source. */
  volthaProtosDir?: string;
  /** Where terminal session logs go; defaults to <workspace>/session-logs. */
  sessionLogDir?: string;
  /** Sync timing and HTTP options (tests pass a short interval or their own fetch). */
  sync?: SyncServiceOptions;
}

export interface ConsoleServices {
  workspace: Workspace;
  bus: EventBus;
  devices: DeviceService;
  reports: ReportService;
  radius: RadiusService;
  voltha: VolthaService;
  ssh: SshService;
  snmp: SnmpService;
  alarms: AlarmService;
  traps: TrapService;
  poller: PollerService;
  discovery: DiscoveryService;
  sync: SyncService;
  seeder: DemoSeeder;
  dispatcher: Dispatcher;
  close(): void;
}

export function createConsoleServices(opts: ConsoleServicesOptions): ConsoleServices {
  const workspace = Workspace.open(opts);
  const bus = new EventBus();
  const devices = new DeviceService(workspace, bus);
  const seeder = new DemoSeeder(workspace.sqlite, workspace.box);
  const pdf = opts.pdfRenderer ?? new ChromiumPdfRenderer();
  const reports = new ReportService(workspace, bus, () => pdf);
  const radius = new RadiusService(workspace, bus, opts.radiusDictionaryDir);
  const voltha = new VolthaService(workspace, bus, opts.volthaProtosDir);
  // the desktop and web hosts keep the PON mirror fresh; the CLI polls only when asked
  if (opts.host !== 'cli') voltha.startPolling();
  // the CLI answers keyboard-interactive prompts on its own terminal; the UI hosts relay them over the bus
  const ssh = new SshService(workspace, bus, {
    relayPrompts: opts.host === 'cli' ? 'none' : 'bus',
    ...(opts.sessionLogDir === undefined ? {} : { sessionLogDir: opts.sessionLogDir }),
  });
  const snmp = new SnmpService(workspace, bus);
  const alarms = new AlarmService(workspace, bus);
  const traps = new TrapService(workspace, bus, alarms);
  const poller = new PollerService(workspace, bus, snmp, alarms);
  const discovery = new DiscoveryService(workspace, bus, snmp);
  const sync = new SyncService(workspace, bus, opts.sync);
  // the desktop and web hosts monitor (poll, listen for traps) and sync in the background; the CLI
  // does it only when asked (`noc sync` runs sync.start())
  if (opts.host !== 'cli') {
    poller.start();
    traps.start();
    sync.start();
  }
  let seeding = false;

  const handlers: Handlers = {
    'app.info': () => {
      const tenant = workspace.tenant();
      const role = workspace.role();
      return {
        version: APP_VERSION,
        host: opts.host,
        workspace: workspace.dir,
        tenantId: tenant.id,
        tenantName: tenant.name,
        role,
        permissions: PERMISSIONS.filter((p) => roleHas(role, p)),
        deviceCount: new DeviceRepository(workspace.sqlite, workspace.scope()).count(),
      };
    },
    'devices.list': (req) => devices.list(req),
    'devices.get': (req) => devices.get(req.id),
    'devices.create': (req) => devices.create(req),
    'devices.update': (req) => devices.update(req),
    'devices.delete': (req) => devices.delete(req.id),
    'devices.import': (req) => devices.import(req),
    'sites.list': () => new SiteRepository(workspace.sqlite, workspace.scope()).list(),
    'profiles.list': () => new CredentialProfileRepository(workspace.sqlite, workspace.scope(), workspace.box).list(),
    'plans.list': () => reports.plans(),
    'reports.list': () => reports.list(),
    'reports.run': (req) => reports.run(req),
    'reports.chart': (req) => reports.chart(req.query),
    'reports.export': async (req) => {
      const f = await reports.export(req.query, req.format, { csvBom: req.csvBom, taskId: req.taskId });
      const savedTo = opts.saveExport ? await opts.saveExport(f.file, f.fileName) : null;
      return {
        exportId: f.exportId,
        fileName: f.fileName,
        format: f.format,
        rows: f.rows,
        bytes: f.bytes,
        savedTo,
        downloadPath: opts.host === 'web' ? `/exports/${f.exportId}` : null,
      };
    },
    'demo.seed': async (req) => {
      if (seeding) throw new NocError('CONFLICT', 'A demo seed is already running.');
      seeding = true;
      const progress = new ProgressReporter(bus, req.taskId ?? uuidv7(), 'Creating the demo ISP');
      try {
        const summary = await seeder.seed({
          devices: req.devices,
          subscribers: req.subscribers,
          onProgress: (done, total, label) => progress.update(done, total, `Demo ISP: ${label}`),
        });
        progress.finish(1);
        bus.emit('devices.changed', { ids: [], reason: 'seeded' });
        return summary;
      } catch (err) {
        progress.finish(1, err instanceof Error ? err.message : String(err));
        throw err;
      } finally {
        seeding = false;
      }
    },
    'radius.dictionary': () => radius.dictionary(),
    'radius.profiles.list': () => radius.profiles(),
    'radius.profiles.save': (req) => radius.saveProfile(req),
    'radius.profiles.delete': (req) => radius.deleteProfile(req.id),
    'radius.auth': (req) => radius.auth(req),
    'radius.acct': (req) => radius.acct(req),
    'radius.status': (req) => radius.status(req),
    'radius.dynauth': (req) => radius.dynauth(req),
    'radius.session.run': (req) => radius.session(req),
    'radius.session.stop': (req) => radius.stopSession(req.sessionRunId),
    'radius.load': (req) => radius.load(req),
    'radius.load.stop': (req) => radius.stopLoad(req.taskId),
    'radius.history.list': (req) => radius.history(req.limit),
    'radius.history.get': (req) => radius.historyEntry(req.id),
    'radius.prefill': (req) => radius.prefill(req),
    'voltha.endpoints.list': () => voltha.listEndpoints(),
    'voltha.endpoints.save': (req) => voltha.saveEndpoint(req),
    'voltha.endpoints.delete': (req) => voltha.deleteEndpoint(req.id),
    'voltha.refresh': (req) => voltha.refresh(req.endpointId),
    'voltha.tree': (req) => voltha.tree(req.endpointId),
    'voltha.onus.list': (req) => voltha.onus(req),
    'voltha.device.get': (req) => voltha.device(req.endpointId, req.id),
    'voltha.device.action': (req) => voltha.action(req.endpointId, req.id, req.action),
    'voltha.preprovision': (req) => voltha.preprovision(req),
    'voltha.info': (req) => voltha.info(req.endpointId),
    'ssh.credentials.list': () => ssh.credentials(),
    'ssh.credentials.save': (req) => ssh.saveCredential(req),
    'ssh.credentials.delete': (req) => ssh.deleteCredential(req.id),
    'ssh.knownHosts.list': (req) => ssh.knownHosts(req),
    'ssh.knownHosts.remove': (req) => ssh.removeKnownHost(req.id),
    'ssh.terminal.open': (req) => ssh.terminals.open(req),
    'ssh.terminal.input': (req) => ssh.terminals.input(req),
    'ssh.terminal.broadcast': (req) => ssh.terminals.broadcast(req),
    'ssh.terminal.resize': (req) => ssh.terminals.resize(req),
    'ssh.terminal.ack': (req) => ssh.terminals.ack(req),
    'ssh.terminal.reconnect': (req) => ssh.terminals.reconnect(req),
    'ssh.terminal.close': (req) => ssh.terminals.close(req),
    'ssh.terminal.list': () => ssh.terminals.list(),
    'ssh.prompt.answer': (req) => ssh.answerPrompt(req),
    'ssh.exec': (req) => ssh.exec(req),
    'ssh.run.preview': (req) => ssh.automation.preview(req),
    'ssh.run.start': (req) => ssh.automation.start(req),
    'ssh.run.stop': (req) => ssh.automation.stop(req),
    'ssh.run.get': (req) => ssh.automation.get(req),
    'ssh.run.list': (req) => ssh.automation.list(req),
    'ssh.backup.run': (req) => ssh.config.backup(req),
    'ssh.backup.list': (req) => ssh.config.list(req),
    'ssh.backup.get': (req) => ssh.config.get(req),
    'ssh.backup.diff': (req) => ssh.config.diff(req),
    'ssh.templates.list': () => ssh.config.templates(),
    'ssh.templates.save': (req) => ssh.config.saveTemplate(req),
    'ssh.templates.delete': (req) => ssh.config.deleteTemplate(req),
    'ssh.templates.render': (req) => ssh.config.render(req),
    'ssh.templates.push': (req) => ssh.config.push(req),
    'snmp.credentials.list': () => snmp.credentials(),
    'snmp.credentials.save': (req) => snmp.saveCredential(req),
    'snmp.credentials.delete': (req) => snmp.deleteCredential(req.id),
    'snmp.get': (req) => snmp.get(req),
    'snmp.getNext': (req) => snmp.getNext(req),
    'snmp.walk': (req) => snmp.walk(req),
    'snmp.walk.stop': (req) => snmp.stopWalk(req.taskId),
    'snmp.set': (req) => snmp.set(req),
    'snmp.mib.search': (req) => snmp.mibSearch(req),
    ...alarms.handlers(),
    ...poller.handlers(),
    ...discovery.handlers(),
    ...sync.handlers(),
  };

  const dispatcher = new Dispatcher(handlers, () => workspace.role());
  return {
    workspace,
    bus,
    devices,
    reports,
    radius,
    voltha,
    ssh,
    snmp,
    alarms,
    traps,
    poller,
    discovery,
    sync,
    seeder,
    dispatcher,
    close: () => {
      radius.close();
      voltha.close();
      ssh.close();
      poller.close();
      traps.close();
      discovery.close();
      sync.close();
      alarms.close();
      snmp.close();
      workspace.close();
    },
  };
}
