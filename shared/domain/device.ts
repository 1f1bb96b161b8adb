// Device vocabulary shared by every layer. Plain values only: no zod here, so the preload and
// the renderer can use them without pulling in validation code.

export const DEVICE_ROLES = [
  'core_router',
  'edge_router',
  'bng',
  'switch',
  'olt',
  'wireless_ap',
  'firewall',
  'server',
  'other',
] as const;
export type DeviceRole = (typeof DEVICE_ROLES)[number];

export const DEVICE_ROLE_LABELS: Record<DeviceRole, string> = {
  core_router: 'Core router',
  edge_router: 'Edge router',
  bng: 'BNG / NAS',
  switch: 'Switch',
  olt: 'OLT',
  wireless_ap: 'Wireless AP',
  firewall: 'Firewall',
  server: 'Server',
  other: 'Other',
};

export const DEVICE_STATUSES = ['up', 'degraded', 'down', 'unknown', 'maintenance'] as const;
export type DeviceStatus = (typeof DEVICE_STATUSES)[number];

export const DEVICE_SORT_FIELDS = ['name', 'mgmtAddress', 'vendor', 'role', 'status', 'site', 'updatedAt'] as const;
export type DeviceSortField = (typeof DEVICE_SORT_FIELDS)[number];

export interface Device {
  id: string;
  tenantId: string;
  siteId: string | null;
  siteName: string | null;
  name: string;
  vendor: string;
  model: string;
  role: DeviceRole;
  mgmtAddress: string;
  snmpProfileId: string | null;
  sshProfileId: string | null;
  status: DeviceStatus;
  location: string;
  notes: string;
  version: number;
  updatedAt: number;
}

export interface Site {
  id: string;
  name: string;
  code: string;
  region: string;
  timezone: string;
  deviceCount: number;
}

export const CREDENTIAL_KINDS = ['snmp_v1', 'snmp_v2c', 'snmp_v3', 'ssh_password', 'ssh_key'] as const;
export type CredentialKind = (typeof CREDENTIAL_KINDS)[number];

/** What the renderer may know of a credential profile: never the secret itself. */
export interface CredentialProfileSummary {
  id: string;
  name: string;
  kind: CredentialKind;
  username: string | null;
  hasSecret: boolean;
  deviceCount: number;
}
