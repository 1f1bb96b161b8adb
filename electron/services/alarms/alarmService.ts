// Alarms: raised by polls and traps, de-duplicated by key (a repeat bumps count and last-seen, it
// is not a new alarm and notifies nobody), acknowledged with a note and who acked, cleared (by the
// raiser's correlation — linkUp clears linkDown — or by hand), kept as history. Every change is
// synced (outbox, see AlarmStore) and announced on the bus: 'alarms.changed' for lists and
// 'alarms.raised' for NEW alarms, which the UI turns into a notification when critical.
import type { alarmChannels } from '../../../shared/ipc/alarmSchemas';
import { NocError } from '../../../shared/ipc/errors';
import type { ParsedRequestOf, ResponseOf } from '../../../shared/ipc/schemas';
import type { EventBus } from '../events/eventBus';
import type { HandlersFor } from '../ipc/dispatcher';
import type { Workspace } from '../workspace/workspace';
import { AlarmStore, type Alarm, type AlarmListRequest } from './alarmStore';

export type AlarmSeverity = 'critical' | 'major' | 'minor' | 'warning' | 'info';

export interface AlarmRaise {
  deviceId: string | null;
  severity: AlarmSeverity;
  /** e.g. 'device.down', 'interface.down', 'threshold.cpu', 'trap.linkDown', 'trap.<oid>'. */
  kind: string;
  message: string;
  /** Who raised it: 'poller', 'trap:<address>', 'voltha:…'. */
  source: string;
  /** Two raises with one key are one alarm (repeats bump its count); a clear names the key. */
  dedupKey: string;
}

/** The trap receiver's channels, answered through this service (the composition root spreads only ours). */
export interface TrapControl {
  status(): ResponseOf<'traps.status'>;
  configure(req: ParsedRequestOf<'traps.config'>): Promise<ResponseOf<'traps.config'>>;
}

export class AlarmService {
  private readonly store: AlarmStore;
  private traps: TrapControl | null = null;

  constructor(
    private readonly workspace: Workspace,
    private readonly bus: EventBus,
  ) {
    this.store = new AlarmStore(workspace.sqlite, () => workspace.scope());
  }

  /** Raises (or repeats) an alarm; returns its id and whether it is new. */
  raise(alarm: AlarmRaise): { id: string; created: boolean } {
    const r = this.store.raise(alarm);
    this.bus.emit('alarms.changed', { ids: [r.id], reason: r.created ? 'raised' : 'repeated' });
    if (r.created) {
      const row = this.store.get(r.id);
      if (row) this.bus.emit('alarms.raised', { alarm: row });
    }
    return r;
  }

  /** Clears the open alarm with this key, if any; returns how many were cleared. */
  clear(dedupKey: string, _reason: string): number {
    const ids = this.store.clearByKey(dedupKey);
    if (ids.length > 0) this.bus.emit('alarms.changed', { ids, reason: 'cleared' });
    return ids.length;
  }

  /** The inventory device managed at this address (traps name their sender by address). */
  deviceByAddress(address: string): string | null {
    return this.store.deviceByAddress(address);
  }

  list(q: AlarmListRequest): { items: Alarm[]; total: number; offset: number } {
    return this.store.list(q);
  }

  get(id: string): Alarm {
    const a = this.store.get(id);
    if (!a) throw new NocError('NOT_FOUND', `No alarm ${id}.`);
    return a;
  }

  acknowledge(id: string, note: string): Alarm {
    const before = this.get(id);
    if (before.state === 'cleared') throw new NocError('CONFLICT', 'This alarm is already cleared; there is nothing to acknowledge.');
    this.store.acknowledge(id, note);
    this.bus.emit('alarms.changed', { ids: [id], reason: 'acked' });
    return this.get(id);
  }

  clearById(id: string): Alarm {
    const before = this.get(id);
    if (before.state !== 'cleared' && this.store.clearById(id)) this.bus.emit('alarms.changed', { ids: [id], reason: 'cleared' });
    return this.get(id);
  }

  /** The TrapService registers itself here when it is built. */
  attachTraps(traps: TrapControl): void {
    this.traps = traps;
  }

  handlers(): HandlersFor<keyof typeof alarmChannels> {
    const traps = (): TrapControl => {
      if (!this.traps) throw new NocError('UNAVAILABLE', 'This console has no trap receiver.');
      return this.traps;
    };
    return {
      'alarms.list': (req) => this.list(req),
      'alarms.get': (req) => this.get(req.id),
      'alarms.ack': (req) => this.acknowledge(req.id, req.note),
      'alarms.clear': (req) => this.clearById(req.id),
      'traps.status': () => traps().status(),
      'traps.config': (req) => traps().configure(req),
    };
  }

  close(): void {
    void this.workspace;
  }
}
