// Which tables sync, who may write them, who may read them, and how a conflicting field edit is
// settled. Declared once: the server applies it to every push and pull, the console to its outbox
// view and conflicts inbox. Table names are the cache's SQL names; row fields are the cache's
// drizzle property names (camelCase), exactly as the outbox patches carry them.
import type { Permission } from '../domain/permissions';

/**
 * `field-lww`: per field, the later pusher's value wins; the value it replaced is kept as a conflict
 *   for the later pusher to review (notes, locations, device fields).
 * `server-wins`: a field someone else changed since the pusher's base version keeps the server's
 *   value; the pusher's value is kept as the conflict's loser (billing).
 * `insert-only`: rows are written once and never change (audit log, config backups).
 */
export type ConflictPolicy = 'field-lww' | 'server-wins' | 'insert-only';

export interface SyncTableSpec {
  readonly policy: ConflictPolicy;
  /** Needed to push any mutation to this table. */
  readonly write: Permission;
  /** Needed to pull this table's rows. */
  readonly read: Permission;
  /** Fields holding a device id: a site pack selects rows of its sites' devices through them. */
  readonly deviceFields?: readonly string[];
}

export const SYNC_TABLES = {
  sites: { policy: 'field-lww', write: 'devices:write', read: 'devices:read' },
  credential_profiles: { policy: 'field-lww', write: 'devices:write', read: 'devices:read' },
  devices: { policy: 'field-lww', write: 'devices:write', read: 'devices:read' },
  interfaces: { policy: 'field-lww', write: 'devices:write', read: 'devices:read', deviceFields: ['deviceId'] },
  links: { policy: 'field-lww', write: 'devices:write', read: 'devices:read', deviceFields: ['aDeviceId', 'bDeviceId'] },
  alarms: { policy: 'field-lww', write: 'alarms:ack', read: 'alarms:read', deviceFields: ['deviceId'] },
  ssh_known_hosts: { policy: 'field-lww', write: 'ssh:connect', read: 'devices:read' },
  config_backups: { policy: 'insert-only', write: 'ssh:connect', read: 'devices:read', deviceFields: ['deviceId'] },
  config_templates: { policy: 'field-lww', write: 'ssh:automation', read: 'devices:read' },
  radius_profiles: { policy: 'field-lww', write: 'radius:test', read: 'radius:test' },
  voltha_endpoints: { policy: 'field-lww', write: 'voltha:manage', read: 'voltha:read' },
  service_plans: { policy: 'server-wins', write: 'billing:write', read: 'billing:read' },
  subscribers: { policy: 'server-wins', write: 'billing:write', read: 'billing:read' },
  invoices: { policy: 'server-wins', write: 'billing:write', read: 'billing:read' },
  payments: { policy: 'server-wins', write: 'billing:write', read: 'billing:read' },
  audit_log: { policy: 'insert-only', write: 'app:read', read: 'audit:read' },
} as const satisfies Record<string, SyncTableSpec>;

export type SyncTableName = keyof typeof SYNC_TABLES;
export const SYNC_TABLE_NAMES = Object.keys(SYNC_TABLES) as SyncTableName[];

export function isSyncTable(name: string): name is SyncTableName {
  return Object.hasOwn(SYNC_TABLES, name);
}

/** Fields the server owns: never taken from a patch. */
export const SERVER_FIELDS: ReadonlySet<string> = new Set(['id', 'tenantId', 'version']);
