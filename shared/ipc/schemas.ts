// The typed IPC contract: for every request channel its zod request and response schemas and the
// permission it needs; for every event its payload schema. Every transport (Electron IPC,
// WebSocket, in-process CLI) goes through the same dispatcher, which parses with these schemas.
import { z } from 'zod';
import type { Permission } from '../domain/permissions';
import { DEVICE_ROLES, DEVICE_SORT_FIELDS, DEVICE_STATUSES, CREDENTIAL_KINDS } from '../domain/device';
import { ROLES, PERMISSIONS } from '../domain/permissions';
import { REPORT_NAMES } from '../domain/reports';
import { deviceName, hostAddress, uuid } from './validators';
import { radiusChannels, radiusEvents } from './radiusSchemas';
import { volthaChannels, volthaEvents } from './volthaSchemas';
import { sshChannels, sshEvents } from './sshSchemas';
import { snmpChannels } from './snmpSchemas';
import { alarmChannels, alarmEvents } from './alarmSchemas';
import { pollerChannels, pollerEvents } from './pollerSchemas';
import { discoveryChannels, discoveryEvents } from './discoverySchemas';
import { syncChannels, syncEvents } from './syncSchemas';

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

/** A calendar date typed by the user, read in the tenant's time zone. */
export const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date as YYYY-MM-DD')
  .refine((s) => !Number.isNaN(Date.parse(`${s}T00:00:00Z`)) && new Date(`${s}T00:00:00Z`).toISOString().startsWith(s), {
    message: 'is not a real calendar date',
  });

/** What a report shows: the same query drives the screen and every export of it. */
export const reportQuerySchema = z
  .object({
    name: z.enum(REPORT_NAMES),
    from: isoDate.optional(),
    to: isoDate.optional(),
    siteId: uuid.optional(),
    planId: uuid.optional(),
    subscriberId: uuid.optional(),
    sort: z.object({ key: z.string().min(1).max(64), dir: z.enum(['asc', 'desc']) }).strict().optional(),
  })
  .strict()
  .refine((q) => !q.from || !q.to || q.from <= q.to, { message: 'from must not be after to', path: ['from'] });

const reportColumnSchema = z.object({
  key: z.string(),
  title: z.string(),
  type: z.enum(['text', 'date', 'month', 'money', 'int', 'bytes', 'percent']),
  sum: z.boolean().optional(),
});

const reportCell = z.union([z.string(), z.number(), z.null()]);

export const reportResultSchema = z.object({
  name: z.enum(REPORT_NAMES),
  title: z.string(),
  columns: z.array(reportColumnSchema),
  rows: z.array(z.record(z.string(), reportCell)),
  rowCount: z.number().int(),
  offset: z.number().int(),
  totals: z.record(z.string(), z.number().nullable()),
  sort: z.object({ key: z.string(), dir: z.enum(['asc', 'desc']) }),
  /** The filters as applied, in words, for the screen, the xlsx second sheet and the PDF header. */
  filtersApplied: z.array(z.object({ label: z.string(), value: z.string() })),
  currency: z.string(),
  timezone: z.string(),
  generatedAt: z.number().int(),
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
  'plans.list': channel({
    summary: 'Service plans of the tenant',
    permission: 'billing:read',
    request: empty,
    response: z.array(z.object({ id: uuid, code: z.string(), name: z.string(), priceMinor: z.number().int(), currency: z.string() })),
  }),
  'reports.list': channel({
    summary: 'The billing reports this console can compute offline',
    permission: 'billing:read',
    request: empty,
    response: z.array(
      z.object({
        name: z.enum(REPORT_NAMES),
        title: z.string(),
        description: z.string(),
        periodLabel: z.string(),
        filters: z.array(z.enum(['from', 'to', 'siteId', 'planId', 'subscriberId'])),
        columns: z.array(reportColumnSchema),
        defaultSort: z.object({ key: z.string(), dir: z.enum(['asc', 'desc']) }),
        chart: z.enum(['revenue-bars', 'aging-stack', 'usage-bars', 'plan-bars', 'none']),
      }),
    ),
  }),
  'reports.run': channel({
    summary: 'Run a billing report over the local cache (one page of rows, with totals)',
    permission: 'billing:read',
    request: z.object({ query: reportQuerySchema, offset: z.number().int().min(0).default(0), limit: z.number().int().min(1).max(1000).default(200) }).strict(),
    response: reportResultSchema,
  }),
  'reports.chart': channel({
    summary: 'The series behind a report chart',
    permission: 'billing:read',
    request: z.object({ query: reportQuerySchema }).strict(),
    response: z.object({
      kind: z.enum(['revenue-bars', 'aging-stack', 'usage-bars', 'plan-bars', 'none']),
      labels: z.array(z.string()),
      series: z.array(z.object({ label: z.string(), unit: z.enum(['money', 'bytes', 'count']), values: z.array(z.number()) })),
    }),
  }),
  'reports.export': channel({
    summary: 'Export a report exactly as queried (xlsx, csv, pdf or json)',
    permission: 'billing:read',
    request: z
      .object({
        query: reportQuerySchema,
        format: z.enum(['xlsx', 'csv', 'pdf', 'json']),
        csvBom: z.boolean().default(false),
        taskId: z.string().max(64).optional(),
      })
      .strict(),
    response: z.object({
      exportId: z.string(),
      fileName: z.string(),
      format: z.enum(['xlsx', 'csv', 'pdf', 'json']),
      rows: z.number().int(),
      bytes: z.number().int(),
      /** Where the host saved it when it could ask the user (Electron); null on the web host. */
      savedTo: z.string().nullable(),
      /** Same-origin path the web host serves the file at (token-gated); null elsewhere. */
      downloadPath: z.string().nullable(),
    }),
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
  ...radiusChannels,
  ...volthaChannels,
  ...sshChannels,
  ...snmpChannels,
  ...alarmChannels,
  ...pollerChannels,
  ...discoveryChannels,
  ...syncChannels,
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
  ...radiusEvents,
  ...volthaEvents,
  ...sshEvents,
  ...alarmEvents,
  ...pollerEvents,
  ...discoveryEvents,
  ...syncEvents,
} as const;

export type Contract = typeof contract;
export type ChannelName = keyof Contract;
export type RequestOf<C extends ChannelName> = z.input<Contract[C]['request']>;
export type ParsedRequestOf<C extends ChannelName> = z.output<Contract[C]['request']>;
export type ResponseOf<C extends ChannelName> = z.output<Contract[C]['response']>;
export type EventName = keyof typeof events;
export type EventOf<E extends EventName> = z.output<(typeof events)[E]>;
export type ProgressEvent = EventOf<'task.progress'>;
