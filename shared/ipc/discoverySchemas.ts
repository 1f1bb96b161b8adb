// IPC contract of Discovery (sweep, identify, LLDP links) and the topology map. Channels and events are added here and their names in
// shared/ipc/names/discovery.ts (the preload's zod-free list).
import { z } from 'zod';
import { DEVICE_ROLES, DEVICE_STATUSES } from '../domain/device';
import type { Permission } from '../domain/permissions';
import { snmpInlineCredentialsSchema } from './snmpSchemas';
import { uuid } from './validators';

/** An IPv4 address or an IPv4 CIDR block no larger than a /22 (1,024 addresses): a sweep is bounded. */
export const discoverySeed = z
  .string()
  .trim()
  .regex(/^(25[0-5]|2[0-4]\d|1?\d?\d)(\.(25[0-5]|2[0-4]\d|1?\d?\d)){3}(\/(3[0-2]|[12]?\d))?$/, 'a seed is an IPv4 address or CIDR (10.0.0.0/24)')
  .refine((s) => !s.includes('/') || Number(s.split('/')[1]) >= 22, { message: 'a seed range is at most a /22 (1,024 addresses)' });

const deviceRef = z.object({ device: z.string(), interface: z.string() });

/** What discovery and the map both say about a device. */
const deviceSummarySchema = z.object({
  id: uuid,
  name: z.string(),
  address: z.string(),
  vendor: z.string(),
  model: z.string(),
  role: z.enum(DEVICE_ROLES),
});

export const discoveredDeviceSchema = deviceSummarySchema.extend({
  /** True when this run created the device; false when it updated one already in the inventory. */
  new: z.boolean(),
});

export const discoveryRunRequest = z
  .object({
    seeds: z.array(discoverySeed).min(1, 'give at least one seed').max(16, 'at most 16 seeds'),
    /** A saved SNMP profile (it then becomes the new devices' SNMP profile) … */
    credentialId: uuid.optional(),
    /** … or one-off credentials (not stored). */
    credentials: snmpInlineCredentialsSchema.optional(),
    port: z.number().int().min(1).max(65535).optional(),
    followLldp: z.boolean().default(true),
    /** LLDP hops beyond the seeds. */
    maxDepth: z.number().int().min(0).max(16).default(3),
    concurrency: z.number().int().min(1).max(256).default(32),
    /** Requests per second cap for the sweep. */
    rate: z.number().int().min(1).max(5000).default(200),
    timeoutMs: z.number().int().min(100).max(10_000).optional(),
    retries: z.number().int().min(0).max(5).optional(),
    taskId: z.string().min(1).max(64).optional(),
  })
  .strict()
  .refine((r) => r.credentialId !== undefined || r.credentials !== undefined, { message: 'give a saved SNMP profile or credentials', path: ['credentialId'] });

export const discoveryResultSchema = z.object({
  devices: z.array(discoveredDeviceSchema),
  /** One entry per physical link; both ends named by device name and interface name. */
  links: z.array(z.object({ id: uuid, a: deviceRef, b: deviceRef, new: z.boolean() })),
  /** What this run no longer saw on devices it fully walked, and removed (tombstoned, synced). */
  removed: z.object({ interfaces: z.number().int(), links: z.array(z.object({ id: uuid, a: deviceRef, b: deviceRef })) }),
  errors: z.array(z.object({ address: z.string(), message: z.string() })),
  /** Addresses that were tried (seeds expanded plus LLDP neighbours). */
  probed: z.number().int(),
  stopped: z.boolean(),
});

export const topologyNodeSchema = deviceSummarySchema.extend({
  status: z.enum(DEVICE_STATUSES),
  siteId: z.string().nullable(),
  /** For the SSH button: a device without an SSH profile cannot open a terminal yet. */
  sshProfileId: z.string().nullable(),
  /** Saved map position (absent = let the layout place it). */
  x: z.number().nullable(),
  y: z.number().nullable(),
  pinned: z.boolean(),
});

export const topologyEdgeSchema = z.object({
  id: uuid,
  source: uuid,
  target: uuid,
  sourceInterface: z.string(),
  targetInterface: z.string(),
  kind: z.string(),
  origin: z.enum(['manual', 'lldp', 'demo']),
  /** Highest in/out rate over the link's speed (0..1) from the latest sample, when known. */
  utilisation: z.number().nullable(),
});

export const discoveryChannels = {
  'discovery.run': {
    summary: 'Sweep seeds for SNMP agents, identify them, follow LLDP to neighbours and record devices, interfaces and links',
    permission: 'devices:write',
    request: discoveryRunRequest,
    response: discoveryResultSchema,
  },
  'discovery.stop': {
    summary: 'Stop a running discovery (what was found so far is recorded)',
    permission: 'devices:write',
    request: z.object({ taskId: z.string().min(1).max(64) }).strict(),
    response: z.object({ stopping: z.boolean() }),
  },
  'topology.graph': {
    summary: 'Devices and links of the current tenant for the map, with status and saved positions',
    permission: 'devices:read',
    request: z.object({}).strict(),
    response: z.object({
      nodes: z.array(topologyNodeSchema),
      edges: z.array(topologyEdgeSchema),
      sites: z.array(z.object({ id: z.string(), name: z.string() })),
    }),
  },
  'topology.positions.save': {
    summary: 'Save map positions (pinned nodes keep theirs across layouts); local to this console',
    permission: 'devices:read',
    request: z
      .object({
        positions: z
          .array(z.object({ deviceId: uuid, x: z.number().finite().min(-1e7).max(1e7), y: z.number().finite().min(-1e7).max(1e7), pinned: z.boolean() }).strict())
          .min(1)
          .max(10_000),
      })
      .strict(),
    response: z.object({ saved: z.number().int() }),
  },
} as const satisfies Record<string, { summary: string; permission: Permission; request: z.ZodType; response: z.ZodType }>;

export const discoveryEvents = {} as const satisfies Record<string, z.ZodType>;
