// Channel and event names, plus the types of the contract. No runtime dependency beyond this
// file, so the sandboxed preload can import it (zod stays in main and in the renderer).
import type { ChannelName, EventName } from './schemas';
import { ALARM_CHANNEL_NAMES, ALARM_EVENT_NAMES } from './names/alarms';
import { POLLER_CHANNEL_NAMES, POLLER_EVENT_NAMES } from './names/poller';
import { DISCOVERY_CHANNEL_NAMES, DISCOVERY_EVENT_NAMES } from './names/discovery';
import { SYNC_CHANNEL_NAMES, SYNC_EVENT_NAMES } from './names/sync';

export type { ChannelName, EventName, RequestOf, ResponseOf, EventOf, ProgressEvent } from './schemas';
export type { IpcErrorValue, IpcResult, ErrorCode } from './errors';

export const CHANNEL_NAMES = [
  'app.info',
  'devices.list',
  'devices.get',
  'devices.create',
  'devices.update',
  'devices.delete',
  'devices.import',
  'sites.list',
  'profiles.list',
  'plans.list',
  'reports.list',
  'reports.run',
  'reports.chart',
  'reports.export',
  'demo.seed',
  'radius.dictionary',
  'radius.profiles.list',
  'radius.profiles.save',
  'radius.profiles.delete',
  'radius.auth',
  'radius.acct',
  'radius.status',
  'radius.dynauth',
  'radius.session.run',
  'radius.session.stop',
  'radius.load',
  'radius.load.stop',
  'radius.history.list',
  'radius.history.get',
  'radius.prefill',
  'voltha.endpoints.list',
  'voltha.endpoints.save',
  'voltha.endpoints.delete',
  'voltha.refresh',
  'voltha.tree',
  'voltha.onus.list',
  'voltha.device.get',
  'voltha.device.action',
  'voltha.preprovision',
  'voltha.info',
  'ssh.credentials.list',
  'ssh.credentials.save',
  'ssh.credentials.delete',
  'ssh.knownHosts.list',
  'ssh.knownHosts.remove',
  'ssh.terminal.open',
  'ssh.terminal.input',
  'ssh.terminal.broadcast',
  'ssh.terminal.resize',
  'ssh.terminal.ack',
  'ssh.terminal.reconnect',
  'ssh.terminal.close',
  'ssh.terminal.list',
  'ssh.prompt.answer',
  'ssh.exec',
  'ssh.run.preview',
  'ssh.run.start',
  'ssh.run.stop',
  'ssh.run.get',
  'ssh.run.list',
  'ssh.backup.run',
  'ssh.backup.list',
  'ssh.backup.get',
  'ssh.backup.diff',
  'ssh.templates.list',
  'ssh.templates.save',
  'ssh.templates.delete',
  'ssh.templates.render',
  'ssh.templates.push',
  'snmp.credentials.list',
  'snmp.credentials.save',
  'snmp.credentials.delete',
  'snmp.get',
  'snmp.getNext',
  'snmp.walk',
  'snmp.walk.stop',
  'snmp.set',
  'snmp.mib.search',
  ...ALARM_CHANNEL_NAMES,
  ...POLLER_CHANNEL_NAMES,
  ...DISCOVERY_CHANNEL_NAMES,
  ...SYNC_CHANNEL_NAMES,
] as const satisfies readonly ChannelName[];

export const EVENT_NAMES = ['task.progress', 'devices.changed', 'radius.session.step', 'voltha.changed', 'ssh.terminal.data', 'ssh.terminal.state', 'ssh.prompt', 'ssh.run.update', ...ALARM_EVENT_NAMES, ...POLLER_EVENT_NAMES, ...DISCOVERY_EVENT_NAMES, ...SYNC_EVENT_NAMES] as const satisfies readonly EventName[];

/** Electron IPC channel names used by the preload and ipcMain binding. */
export const ELECTRON_INVOKE = 'noc:invoke';
export const ELECTRON_EVENT = 'noc:event';

/** The API the preload exposes as window.noc and the web client implements over WebSocket. */
export interface NocApi {
  invoke(channel: string, payload: unknown): Promise<import('./errors').IpcResult<unknown>>;
  on(event: string, listener: (payload: unknown) => void): () => void;
}
