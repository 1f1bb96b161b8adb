// The typed IPC contract: for every request channel its zod request and response schemas and the
// permission it needs; for every event its payload schema. Every transport (Electron IPC,
// WebSocket, in-process CLI) goes through the same dispatcher, which parses with these schemas.
import { z } from 'zod';
import type { Permission } from '../domain/permissions';
import { DEVICE_ROLES, DEVICE_SORT_FIELDS, DEVICE_STATUSES, CREDENTIAL_KINDS } from '../domain/device';
import { ROLES, PERMISSIONS } from '../domain/permissions';
import { deviceName, hostAddress, uuid } from './validators';

export interface ChannelSpec<Req extends z.ZodType, Res extends z.ZodType> {
  request: Req;
  response: Res;
  permission: Permission;
  /** One line for docs, the command palette and error messages. */
  summary: string;
}

function channel<Req extends z.ZodType, Res extends z.ZodType>(spec: ChannelSpec<Req, Res>): ChannelSpec<Req, Res> {
  return spec;
}

const empty = z.object({}).strict();

// ── Domain schemas ─────────────────────────────────────────────────────────────────────────────

export const deviceRole = z.enum(DEVICE_ROLES);
export const deviceStatus = z.enum(DEVICE_STATUSES);

export const deviceSchema = z.object({
  id: uuid,
  tenantId: uuid,
  siteId: uuid.nullable(),
  siteName: z.string().nullable(),
  name: z.string(),
  vendor: z.string(),
  model: z.string(),
  role: deviceRole,
  mgmtAddress: z.string(),
  snmpProfileId: uuid.nullable(),
  sshProfileId: uuid.nullable(),
  status: deviceStatus,
  location: z.string(),
  notes: z.string(),
  version: z.number().int(),
  updatedAt: z.number().int(),
});

/** What a user types when adding a device; the same shape the CSV import maps rows onto. */
export const deviceInputSchema = z
  .object({
    name: deviceName,
    mgmtAddress: hostAddress,
    role: deviceRole.default('other'),
    vendor: z.string().trim().max(64).default(''),
    model: z.string().trim().max(64).default(''),
    siteId: uuid.nullable().default(null),
    snmpProfileId: uuid.nullable().default(null),
    sshProfileId: uuid.nullable().default(null),
    status: deviceStatus.default('unknown'),
    location: z.string().trim().max(256).default(''),
    notes: z.string().max(4000).default(''),
  })
  .strict();

export const devicePatchSchema = z
  .object({
    name: deviceName,
    mgmtAddress: hostAddress,
    role: deviceRole,
    vendor: z.string().trim().max(64),
    model: z.string().trim().max(64),
    siteId: uuid.nullable(),
    snmpProfileId: uuid.nullable(),
    sshProfileId: uuid.nullable(),
    status: deviceStatus,
    location: z.string().trim().max(256),
    notes: z.string().max(4000),
  })
  .partial()
  .strict();

export const siteSchema = z.object({
  id: uuid,
  name: z.string(),
  code: z.string(),
  region: z.string(),
  timezone: z.string(),
  deviceCount: z.number().int(),
});

export const credentialProfileSummarySchema = z.object({
  id: uuid,
  name: z.string(),
  kind: z.enum(CREDENTIAL_KINDS),
  username: z.string().nullable(),
  hasSecret: z.boolean(),
  deviceCount: z.number().int(),
});

export const importErrorSchema = z.object({ line: z.number().int(), message: z.string() });

export const seedSummarySchema = z.object({
  tenantId: uuid,
  sites: z.number().int(),
  devices: z.number().int(),
  links: z.number().int(),
  interfaces: z.number().int(),
  subscribers: z.number().int(),
  invoices: z.number().int(),
  payments: z.number().int(),
  accountingSessions: z.number().int(),
  elapsedMs: z.number(),
});

// ── Request channels ───────────────────────────────────────────────────────────────────────────

export const contract = {
  'app.info': channel({
    summary: 'Workspace, tenant, role and version of this console',
    permission: 'app:read',
    request: empty,
    response: z.object({
      version: z.string(),
      host: z.enum(['electron', 'web', 'cli']),
      workspace: z.string(),
      tenantId: uuid,
      tenantName: z.string(),
      role: z.enum(ROLES),
      permissions: z.array(z.enum(PERMISSIONS)),
      deviceCount: z.number().int(),
    }),
  }),
  'devices.list': channel({
    summary: 'One keyset page of devices, filtered and sorted',
    permission: 'devices:read',
    request: z
      .object({
        search: z.string().max(200).optional(),
        siteId: uuid.optional(),
        role: deviceRole.optional(),
        status: deviceStatus.optional(),
        sort: z.enum(DEVICE_SORT_FIELDS).default('name'),
        dir: z.enum(['asc', 'desc']).default('asc'),
        cursor: z.string().max(2048).nullable().default(null),
        limit: z.number().int().min(1).max(1000).default(100),
        withTotal: z.boolean().default(true),
      })
      .strict(),
    response: z.object({
      items: z.array(deviceSchema),
      nextCursor: z.string().nullable(),
      total: z.number().int().nullable(),
    }),
  }),
  'devices.get': channel({
    summary: 'One device by id',
    permission: 'devices:read',
    request: z.object({ id: uuid }).strict(),
    response: deviceSchema,
  }),
  'devices.create': channel({
    summary: 'Add a device to the inventory',
    permission: 'devices:write',
    request: deviceInputSchema,
    response: deviceSchema,
  }),
  'devices.update': channel({
    summary: 'Edit a device; baseVersion guards against overwriting a newer edit',
    permission: 'devices:write',
    request: z.object({ id: uuid, baseVersion: z.number().int().optional(), patch: devicePatchSchema }).strict(),
    response: deviceSchema,
  }),
  'devices.delete': channel({
    summary: 'Remove a device (kept as a tombstone for sync)',
    permission: 'devices:write',
    request: z.object({ id: uuid }).strict(),
    response: z.object({ id: uuid }),
  }),
  'devices.import': channel({
    summary: 'Import devices from CSV text; bad rows are reported by line, good rows kept',
    permission: 'devices:import',
    request: z
      .object({
        csv: z.string().max(50 * 1024 * 1024, 'CSV is larger than 50 MB'),
        fileName: z.string().max(260).optional(),
        taskId: z.string().max(64).optional(),
      })
      .strict(),
    response: z.object({
      imported: z.number().int(),
      updated: z.number().int(),
      errors: z.array(importErrorSchema),
    }),
  }),
  'sites.list': channel({
    summary: 'Sites of the tenant with device counts',
    permission: 'devices:read',
    request: empty,
    response: z.array(siteSchema),
  }),
  'profiles.list': channel({
    summary: 'Credential profiles (names and kinds; secrets never leave main)',
    permission: 'devices:read',
    request: empty,
    response: z.array(credentialProfileSummarySchema),
  }),
  'demo.seed': channel({
    summary: 'Create the deterministic demo ISP in this workspace',
    permission: 'workspace:admin',
    request: z
      .object({
        devices: z.number().int().min(10).max(200_000).default(2000),
        subscribers: z.number().int().min(0).max(500_000).default(50_000),
        taskId: z.string().max(64).optional(),
      })
      .strict(),
    response: seedSummarySchema,
  }),
} as const;

// ── Events (main → renderer streams) ───────────────────────────────────────────────────────────

export const progressEventSchema = z.object({
  taskId: z.string(),
  label: z.string(),
  done: z.number(),
  total: z.number(),
  finished: z.boolean(),
  error: z.string().optional(),
});

export const events = {
  'task.progress': progressEventSchema,
  'devices.changed': z.object({ ids: z.array(uuid), reason: z.enum(['created', 'updated', 'deleted', 'imported', 'seeded']) }),
} as const;

export type Contract = typeof contract;
export type ChannelName = keyof Contract;
export type RequestOf<C extends ChannelName> = z.input<Contract[C]['request']>;
export type ParsedRequestOf<C extends ChannelName> = z.output<Contract[C]['request']>;
export type ResponseOf<C extends ChannelName> = z.output<Contract[C]['response']>;
export type EventName = keyof typeof events;
export type EventOf<E extends EventName> = z.output<(typeof events)[E]>;
export type ProgressEvent = EventOf<'task.progress'>;
