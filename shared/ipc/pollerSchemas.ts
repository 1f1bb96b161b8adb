// IPC contract of the SNMP poller (live monitoring): its state, polls on demand, sample series and
// the latest interface rates; events for every device poll and every cycle. Rates are bit/s over
// the last poll interval (null when no rate could be computed: first poll, agent restart…).
import { z } from 'zod';
import type { Permission } from '../domain/permissions';
import { uuid } from './validators';

const polledStatus = z.enum(['up', 'degraded', 'down']);
const epochMs = z.number().int().min(0).max(8_640_000_000_000_000);

export const pollerInterfaceSchema = z.object({
  ifIndex: z.number().int(),
  name: z.string(),
  adminStatus: z.string(),
  operStatus: z.string(),
  speedBps: z.number().nullable(),
  inBps: z.number().nullable(),
  outBps: z.number().nullable(),
});

export const pollerCycleSchema = z.object({
  cycle: z.number().int(),
  startedAt: z.number(),
  devices: z.number().int(),
  ok: z.number().int(),
  failed: z.number().int(),
  slow: z.number().int(),
  durationMs: z.number(),
});

export const pollResultSchema = z.object({
  deviceId: uuid,
  name: z.string(),
  at: z.number(),
  /** null when the device could not be polled at all (its SNMP profile is gone). */
  status: polledStatus.nullable(),
  reachable: z.boolean(),
  slow: z.boolean(),
  rttMs: z.number().nullable(),
  uptimeTicks: z.number().nullable(),
  sysName: z.string().nullable(),
  cpuPct: z.number().nullable(),
  memPct: z.number().nullable(),
  error: z.string().nullable(),
  interfaces: z.array(pollerInterfaceSchema),
});

export const pollerChannels = {
  'poller.status': {
    summary: 'Poller state: running, interval, concurrency, monitored devices, last cycle',
    permission: 'snmp:read',
    request: z.object({}).strict(),
    response: z.object({
      running: z.boolean(),
      intervalMs: z.number().int(),
      concurrency: z.number().int(),
      monitoredDevices: z.number().int(),
      lastCycle: pollerCycleSchema.nullable(),
    }),
  },
  'poller.pollNow': {
    summary: 'Poll devices now (the given ones, or every monitored device) and store the results',
    // it writes device status and alarms, and sends SNMP to every monitored device
    permission: 'devices:write',
    request: z
      .object({
        deviceIds: z.array(uuid).min(1, 'give at least one device').max(10_000).optional(),
        all: z.boolean().optional(),
        concurrency: z.number().int().min(1).max(256).optional(),
      })
      .strict()
      .refine((r) => (r.deviceIds !== undefined) !== (r.all === true), { message: 'give deviceIds or all: true (not both)' }),
    response: z.object({ results: z.array(pollResultSchema), durationMs: z.number() }),
  },
  'poller.samples': {
    summary: 'Samples of a device (reachability, RTT, CPU, memory) or one interface (rates): raw up to 48 h back, hourly beyond',
    permission: 'snmp:read',
    request: z
      .object({ deviceId: uuid, ifIndex: z.number().int().min(0).max(2_147_483_647).optional(), from: epochMs, to: epochMs, limit: z.number().int().min(1).max(20_000).default(5000) })
      .strict()
      .refine((r) => r.from <= r.to, { message: 'from must not be after to', path: ['from'] }),
    response: z.object({
      deviceId: uuid,
      ifIndex: z.number().int().nullable(),
      resolution: z.enum(['raw', 'hour']),
      interface: z.array(z.object({ at: z.number(), inBps: z.number(), outBps: z.number(), inBpsMax: z.number(), outBpsMax: z.number() })),
      device: z.array(z.object({ at: z.number(), reachable: z.boolean(), rttMs: z.number().nullable(), uptimeTicks: z.number().nullable(), cpuPct: z.number().nullable(), memPct: z.number().nullable() })),
    }),
  },
  'poller.interfaces': {
    summary: 'Latest status and rates of every interface of a device (from its last poll)',
    permission: 'snmp:read',
    request: z.object({ deviceId: uuid }).strict(),
    response: z.object({
      deviceId: uuid,
      at: z.number().nullable(),
      status: polledStatus.nullable(),
      rttMs: z.number().nullable(),
      cpuPct: z.number().nullable(),
      memPct: z.number().nullable(),
      interfaces: z.array(pollerInterfaceSchema),
    }),
  },
} as const satisfies Record<string, { summary: string; permission: Permission; request: z.ZodType; response: z.ZodType }>;

export const pollerEvents = {
  /** One device polled (interfaces capped at 256; `interfaceCount` says how many there are). */
  'poller.sample': z.object({
    deviceId: uuid,
    at: z.number(),
    status: polledStatus,
    rttMs: z.number().nullable(),
    interfaceCount: z.number().int(),
    interfaces: z.array(z.object({ ifIndex: z.number().int(), name: z.string(), operStatus: z.string(), inBps: z.number().nullable(), outBps: z.number().nullable() })),
  }),
  'poller.cycle': pollerCycleSchema,
} as const satisfies Record<string, z.ZodType>;
