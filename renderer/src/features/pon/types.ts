// Types of the PON page, all taken from the IPC contract (shared/ipc/volthaSchemas.ts).
import type { RequestOf, ResponseOf } from '../../../../shared/ipc/channels';

export type VolthaEndpoint = ResponseOf<'voltha.endpoints.list'>[number];
export type EndpointInput = RequestOf<'voltha.endpoints.save'>;
export type TreeOlt = ResponseOf<'voltha.tree'>[number];
export type TreePonPort = TreeOlt['ponPorts'][number];
export type OnuCounts = TreeOlt['onuCounts'];
export type PonDevice = ResponseOf<'voltha.onus.list'>['items'][number];
export type DeviceDetail = ResponseOf<'voltha.device.get'>;
export type PonPort = DeviceDetail['ports'][number];
export type RefreshResult = ResponseOf<'voltha.refresh'>;
export type PreprovisionInput = RequestOf<'voltha.preprovision'>;
