// Alarms: raised by polls and traps, de-duplicated by key, acknowledged with a note, cleared,
// kept as history. STUB: replaced by the alarms implementation (same public API).
import type { alarmChannels } from '../../../shared/ipc/alarmSchemas';
import type { EventBus } from '../events/eventBus';
import type { HandlersFor } from '../ipc/dispatcher';
import type { Workspace } from '../workspace/workspace';

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

export class AlarmService {
  constructor(
    private readonly workspace: Workspace,
    private readonly bus: EventBus,
  ) {}

  /** Raises (or repeats) an alarm; returns its id and whether it is new. */
  raise(_alarm: AlarmRaise): { id: string; created: boolean } {
    void this.workspace;
    void this.bus;
    return { id: '', created: false };
  }

  /** Clears the open alarm with this key, if any; returns how many were cleared. */
  clear(_dedupKey: string, _reason: string): number {
    return 0;
  }

  handlers(): HandlersFor<keyof typeof alarmChannels> {
    return {};
  }

  close(): void {}
}
