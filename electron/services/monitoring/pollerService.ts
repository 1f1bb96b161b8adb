// The SNMP poller: every monitored device on its interval with bounded concurrency. STUB: replaced
// by the poller implementation (same public API).
import type { pollerChannels } from '../../../shared/ipc/pollerSchemas';
import type { AlarmService } from '../alarms/alarmService';
import type { EventBus } from '../events/eventBus';
import type { HandlersFor } from '../ipc/dispatcher';
import type { SnmpService } from '../snmp/snmpService';
import type { Workspace } from '../workspace/workspace';

export class PollerService {
  constructor(
    private readonly workspace: Workspace,
    private readonly bus: EventBus,
    private readonly snmp: SnmpService,
    private readonly alarms: AlarmService,
  ) {}

  /** Starts the schedule (the desktop and web hosts call this; the CLI polls on request). */
  start(): void {
    void this.workspace;
    void this.bus;
    void this.snmp;
    void this.alarms;
  }

  handlers(): HandlersFor<keyof typeof pollerChannels> {
    return {};
  }

  close(): void {}
}
