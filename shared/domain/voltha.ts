// VOLTHA vocabulary shared by main, the renderer and the CLI: the states as the core names them
// (common.AdminState / OperStatus / ConnectStatus / device.Port.PortType in voltha-protos v5).

export const PON_ADMIN_STATES = ['UNKNOWN', 'PREPROVISIONED', 'ENABLED', 'DISABLED', 'DOWNLOADING_IMAGE'] as const;
export type PonAdminState = (typeof PON_ADMIN_STATES)[number];

export const PON_OPER_STATUSES = ['UNKNOWN', 'DISCOVERED', 'ACTIVATING', 'TESTING', 'ACTIVE', 'FAILED', 'RECONCILING', 'RECONCILING_FAILED', 'REBOOTED'] as const;
export type PonOperStatus = (typeof PON_OPER_STATUSES)[number];

export const PON_CONNECT_STATUSES = ['UNKNOWN', 'UNREACHABLE', 'REACHABLE'] as const;
export type PonConnectStatus = (typeof PON_CONNECT_STATUSES)[number];

export const PON_PORT_TYPES = ['UNKNOWN', 'ETHERNET_NNI', 'ETHERNET_UNI', 'PON_OLT', 'PON_ONU', 'VENET_OLT', 'VENET_ONU'] as const;
export type PonPortType = (typeof PON_PORT_TYPES)[number];

export const PON_DEVICE_ACTIONS = ['enable', 'disable', 'reboot', 'delete'] as const;
export type PonDeviceAction = (typeof PON_DEVICE_ACTIONS)[number];

/** How the PON page filters ONUs. "down" is anything not ACTIVE while enabled, or unreachable. */
export const ONU_FILTERS = ['all', 'down', 'active', 'disabled'] as const;
export type OnuFilter = (typeof ONU_FILTERS)[number];

/** Where VOLTHA's core listens by default (rw_core 50057; deployments often expose 55555). */
export const VOLTHA_DEFAULT_PORT = 55555;
