// Discovery (sweep, identify, follow LLDP to neighbours, record links) and the topology map's data
// (devices, links, saved positions). STUB: replaced by the discovery implementation (same public API).
import type { discoveryChannels } from '../../../shared/ipc/discoverySchemas';
import type { EventBus } from '../events/eventBus';
import type { HandlersFor } from '../ipc/dispatcher';
import type { SnmpService } from '../snmp/snmpService';
import type { Workspace } from '../workspace/workspace';

export class DiscoveryService {
  constructor(
    private readonly workspace: Workspace,
    private readonly bus: EventBus,
    private readonly snmp: SnmpService,
  ) {}

  handlers(): HandlersFor<keyof typeof discoveryChannels> {
    void this.workspace;
    void this.bus;
    void this.snmp;
    return {};
  }

  close(): void {}
}
