// SNMP trap and inform receiver (v1, v2c, v3) mapped to alarms. STUB: replaced by the trap
// implementation (same public API).
import type { EventBus } from '../events/eventBus';
import type { Workspace } from '../workspace/workspace';
import type { AlarmService } from './alarmService';

export class TrapService {
  constructor(
    private readonly workspace: Workspace,
    private readonly bus: EventBus,
    private readonly alarms: AlarmService,
  ) {}

  /** Starts listening where the settings say (the desktop and web hosts call this; the CLI does not). */
  start(): void {
    void this.workspace;
    void this.bus;
    void this.alarms;
  }

  close(): void {}
}
