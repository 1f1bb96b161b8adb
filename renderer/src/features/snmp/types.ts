// The SNMP values the page works with, as the contract defines them.
import type { RequestOf, ResponseOf } from '../../../../shared/ipc/channels';

export type Varbind = ResponseOf<'snmp.get'>['varbinds'][number];
export type MibEntry = ResponseOf<'snmp.mib.search'>[number];
export type SnmpCredential = ResponseOf<'snmp.credentials.list'>[number];
export type SnmpCredentialInput = RequestOf<'snmp.credentials.save'>;
export type SnmpTargetRequest = RequestOf<'snmp.get'>['target'];
export type SnmpSetVarbind = RequestOf<'snmp.set'>['varbinds'][number];

export type SnmpOperation = 'get' | 'getNext' | 'walk';

/** A device picked as the target: what the page shows of it. */
export interface SnmpDevice {
  id: string;
  name: string;
  mgmtAddress: string;
  snmpProfileId: string | null;
}
