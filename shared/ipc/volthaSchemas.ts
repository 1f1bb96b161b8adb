// IPC contract of the VOLTHA client: endpoints (several per workspace), the cached OLT → PON port
// → ONU tree, live device detail, and the actions that change a device (voltha:manage).
import { z } from 'zod';
import { ONU_FILTERS, PON_ADMIN_STATES, PON_CONNECT_STATUSES, PON_DEVICE_ACTIONS, PON_OPER_STATUSES, PON_PORT_TYPES } from '../domain/voltha';
import { uuid } from './validators';

/** host:port, [v6]:port; the host part is a name or an address. */
export const hostAndPort = z
  .string()
  .trim()
  .min(3)
  .max(260)
  .regex(/^(\[[0-9a-f:.]+\]|[a-z0-9]([a-z0-9.-]{0,251}[a-z0-9])?):\d{1,5}$/i, 'must be HOST:PORT')
  .refine((s) => {
    const port = Number(s.slice(s.lastIndexOf(':') + 1));
    return port >= 1 && port <= 65535;
  }, 'port must be 1–65535');

/** A VOLTHA device id as the core makes them (hex), or anything the core gave us, bounded. */
const deviceId = z.string().trim().min(1, 'device id is required').max(64).regex(/^[\w.:-]+$/, 'not a VOLTHA device id');

export const volthaEndpointSchema = z.object({
  id: uuid,
  name: z.string(),
  address: z.string(),
  tls: z.boolean(),
  deadlineMs: z.number().int(),
  pollIntervalMs: z.number().int(),
  /** Last poll: when, and what went wrong if it did. */
  lastPollAt: z.number().int().nullable(),
  lastError: z.string().nullable(),
  version: z.string().nullable(),
});
export type VolthaEndpoint = z.output<typeof volthaEndpointSchema>;

const counts = z.object({ total: z.number().int(), active: z.number().int(), down: z.number().int(), disabled: z.number().int() });

export const ponDeviceSchema = z.object({
  endpointId: uuid,
  id: z.string(),
  kind: z.enum(['olt', 'onu']),
  type: z.string(),
  parentId: z.string(),
  parentPortNo: z.number().int(),
  serialNumber: z.string(),
  vendor: z.string(),
  model: z.string(),
  hostAndPort: z.string(),
  adminState: z.enum(PON_ADMIN_STATES),
  operStatus: z.enum(PON_OPER_STATUSES),
  connectStatus: z.enum(PON_CONNECT_STATUSES),
  reason: z.string(),
  /** Inventory device with this serial or management address, if any. */
  inventoryDeviceId: uuid.nullable(),
  inventoryDeviceName: z.string().nullable(),
  /** Subscriber whose ONU serial this is (ONUs only). */
  subscriberId: uuid.nullable(),
  subscriberName: z.string().nullable(),
  subscriberAccount: z.string().nullable(),
  changedAt: z.number().int(),
});
export type PonDevice = z.output<typeof ponDeviceSchema>;

export const ponPortSchema = z.object({
  portNo: z.number().int(),
  label: z.string(),
  type: z.enum(PON_PORT_TYPES),
  adminState: z.enum(PON_ADMIN_STATES),
  operStatus: z.enum(PON_OPER_STATUSES),
});

export const volthaChannels = {
  'voltha.endpoints.list': {
    summary: 'VOLTHA endpoints of this workspace',
    permission: 'voltha:read',
    request: z.object({}).strict(),
    response: z.array(volthaEndpointSchema),
  },
  'voltha.endpoints.save': {
    summary: 'Add or change a VOLTHA endpoint',
    permission: 'voltha:manage',
    request: z
      .object({
        id: uuid.optional(),
        name: z.string().trim().min(1, 'name is required').max(128),
        address: hostAndPort,
        tls: z.boolean().default(false),
        deadlineMs: z.number().int().min(200).max(120_000).default(10_000),
        pollIntervalMs: z.number().int().min(1000).max(3_600_000).default(15_000),
      })
      .strict(),
    response: volthaEndpointSchema,
  },
  'voltha.endpoints.delete': {
    summary: 'Remove a VOLTHA endpoint and its cached devices',
    permission: 'voltha:manage',
    request: z.object({ id: uuid }).strict(),
    response: z.object({ deleted: z.boolean() }),
  },
  'voltha.refresh': {
    summary: 'Poll a VOLTHA endpoint now and update the cache',
    permission: 'voltha:read',
    request: z.object({ endpointId: uuid }).strict(),
    response: z.object({
      olts: z.number().int(),
      onus: z.number().int(),
      changed: z.number().int(),
      alarmsRaised: z.number().int(),
      alarmsCleared: z.number().int(),
      elapsedMs: z.number(),
      error: z.string().nullable(),
    }),
  },
  'voltha.tree': {
    summary: 'OLTs with their PON ports and ONU counts, from the cache',
    permission: 'voltha:read',
    request: z.object({ endpointId: uuid.optional() }).strict(),
    response: z.array(
      z.object({
        olt: ponDeviceSchema,
        onuCounts: counts,
        ponPorts: z.array(ponPortSchema.extend({ onuCounts: counts })),
      }),
    ),
  },
  'voltha.onus.list': {
    summary: 'ONUs from the cache, filtered, down ones first',
    permission: 'voltha:read',
    request: z
      .object({
        endpointId: uuid.optional(),
        oltId: deviceId.optional(),
        portNo: z.number().int().min(0).optional(),
        filter: z.enum(ONU_FILTERS).default('all'),
        search: z.string().trim().max(100).optional(),
        offset: z.number().int().min(0).default(0),
        limit: z.number().int().min(1).max(5000).default(500),
      })
      .strict(),
    response: z.object({ items: z.array(ponDeviceSchema), total: z.number().int() }),
  },
  'voltha.device.get': {
    summary: 'One OLT or ONU, live from VOLTHA, with its ports and subscriber',
    permission: 'voltha:read',
    request: z.object({ endpointId: uuid, id: deviceId }).strict(),
    response: z.object({ device: ponDeviceSchema, ports: z.array(ponPortSchema), live: z.boolean(), error: z.string().nullable() }),
  },
  'voltha.device.action': {
    summary: 'Enable, disable, reboot or delete an OLT or ONU',
    permission: 'voltha:manage',
    request: z.object({ endpointId: uuid, id: deviceId, action: z.enum(PON_DEVICE_ACTIONS) }).strict(),
    response: z.object({ ok: z.boolean(), device: ponDeviceSchema.nullable() }),
  },
  'voltha.preprovision': {
    summary: 'Pre-provision an OLT by host_and_port (CreateDevice)',
    permission: 'voltha:manage',
    request: z
      .object({
        endpointId: uuid,
        type: z.string().trim().min(1, 'device type is required').max(64).regex(/^[\w.-]+$/, 'letters, digits, _ . -').default('openolt'),
        hostAndPort,
        enable: z.boolean().default(false),
      })
      .strict(),
    response: ponDeviceSchema,
  },
  'voltha.info': {
    summary: 'VOLTHA version and adapters, live',
    permission: 'voltha:read',
    request: z.object({ endpointId: uuid }).strict(),
    response: z.object({
      version: z.string(),
      adapters: z.array(z.object({ id: z.string(), vendor: z.string(), version: z.string(), type: z.string(), endpoint: z.string(), currentReplica: z.number().int(), totalReplicas: z.number().int() })),
    }),
  },
} as const;

export const volthaEvents = {
  'voltha.changed': z.object({ endpointId: uuid, changed: z.number().int(), at: z.number().int() }),
} as const;
