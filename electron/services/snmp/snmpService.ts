// The SNMP tools behind the `snmp.*` channels. STUB: replaced by the SNMP implementation.
import { NocError } from '../../../shared/ipc/errors';
import type { ParsedRequestOf, ResponseOf } from '../../../shared/ipc/schemas';
import type { EventBus } from '../events/eventBus';
import type { Workspace } from '../workspace/workspace';

const notYet = (): never => {
  throw new NocError('UNAVAILABLE', 'SNMP is not built yet.');
};

export class SnmpService {
  constructor(
    private readonly workspace: Workspace,
    private readonly bus: EventBus,
  ) {}
  credentials(): ResponseOf<'snmp.credentials.list'> {
    void this.workspace;
    void this.bus;
    return [];
  }
  saveCredential(_req: ParsedRequestOf<'snmp.credentials.save'>): ResponseOf<'snmp.credentials.save'> {
    return notYet();
  }
  deleteCredential(_id: string): ResponseOf<'snmp.credentials.delete'> {
    return notYet();
  }
  get(_req: ParsedRequestOf<'snmp.get'>): Promise<ResponseOf<'snmp.get'>> {
    return Promise.resolve(notYet());
  }
  getNext(_req: ParsedRequestOf<'snmp.getNext'>): Promise<ResponseOf<'snmp.getNext'>> {
    return Promise.resolve(notYet());
  }
  walk(_req: ParsedRequestOf<'snmp.walk'>): Promise<ResponseOf<'snmp.walk'>> {
    return Promise.resolve(notYet());
  }
  stopWalk(_taskId: string): ResponseOf<'snmp.walk.stop'> {
    return notYet();
  }
  set(_req: ParsedRequestOf<'snmp.set'>): Promise<ResponseOf<'snmp.set'>> {
    return Promise.resolve(notYet());
  }
  mibSearch(_req: ParsedRequestOf<'snmp.mib.search'>): ResponseOf<'snmp.mib.search'> {
    return [];
  }
  close(): void {}
}
