// The permission catalogue, declared once. Every IPC channel and (later) every server route
// names the permission it needs; roles are sets of permissions.

export const PERMISSIONS = [
  'app:read',
  'devices:read',
  'devices:write',
  'devices:import',
  'workspace:admin',
  'ssh:connect',
  'ssh:automation',
  'ssh:hostkeys:manage',
  'snmp:read',
  'snmp:set',
  'radius:test',
  'radius:coa',
  'voltha:read',
  'voltha:manage',
  'alarms:read',
  'alarms:ack',
  'billing:read',
  'billing:write',
  'sync:read',
  'sync:admin',
  'audit:read',
] as const;

export type Permission = (typeof PERMISSIONS)[number];

export const ROLES = ['viewer', 'technician', 'senior_technician', 'billing', 'admin'] as const;
export type Role = (typeof ROLES)[number];

const VIEWER: Permission[] = ['app:read', 'devices:read', 'snmp:read', 'voltha:read', 'alarms:read', 'sync:read'];
const TECHNICIAN: Permission[] = [...VIEWER, 'devices:write', 'devices:import', 'ssh:connect', 'radius:test', 'alarms:ack'];
const SENIOR: Permission[] = [
  ...TECHNICIAN,
  'ssh:automation',
  'ssh:hostkeys:manage',
  'snmp:set',
  'radius:coa',
  'voltha:manage',
  'audit:read',
];

export const ROLE_PERMISSIONS: Record<Role, ReadonlySet<Permission>> = {
  viewer: new Set(VIEWER),
  technician: new Set(TECHNICIAN),
  senior_technician: new Set(SENIOR),
  billing: new Set<Permission>(['app:read', 'devices:read', 'billing:read', 'billing:write', 'sync:read']),
  admin: new Set<Permission>(PERMISSIONS),
};

export function roleHas(role: Role, permission: Permission): boolean {
  return ROLE_PERMISSIONS[role].has(permission);
}

/** How the UI names each role. */
export const ROLE_LABELS: Record<Role, string> = {
  viewer: 'Viewer',
  technician: 'Technician',
  senior_technician: 'Senior technician',
  billing: 'Billing',
  admin: 'Administrator',
};
