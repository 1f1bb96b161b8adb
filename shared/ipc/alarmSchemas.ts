// IPC contract of Alarms and SNMP traps. Channels and events are added here and their names in
// shared/ipc/names/alarms.ts (the preload's zod-free list). Alarms are the synced `alarms` rows
// (raised by the poller, the trap receiver and VOLTHA); the trap receiver's settings hold
// communities and v3 keys that are write-only: the renderer only learns whether they are set.
import { z } from 'zod';
import type { Permission } from '../domain/permissions';
import { SNMP_AUTH_PROTOCOLS, SNMP_PRIV_PROTOCOLS, SNMP_SECURITY_LEVELS } from '../domain/snmp';
import { uuid } from './validators';

export const ALARM_SEVERITIES = ['critical', 'major', 'minor', 'warning', 'info'] as const;
/** open = active and not acknowledged; acked = active and acknowledged; active = either; cleared = history. */
export const ALARM_STATES = ['active', 'open', 'acked', 'cleared', 'all'] as const;
export const ALARM_CHANGE_REASONS = ['raised', 'repeated', 'acked', 'cleared'] as const;
/** Unprivileged by default (162 needs root or CAP_NET_BIND_SERVICE). */
export const TRAP_DEFAULT_PORT = 10162;

const severity = z.enum(ALARM_SEVERITIES);
const epochMs = z.number().int().min(0).max(8_640_000_000_000_000);
const port = z.number().int().min(1, 'port must be 1–65535').max(65535, 'port must be 1–65535');

export const alarmSchema = z.object({
  id: uuid,
  deviceId: uuid.nullable(),
  deviceName: z.string().nullable(),
  severity,
  kind: z.string(),
  message: z.string(),
  source: z.string(),
  state: z.enum(['open', 'acked', 'cleared']),
  raisedAt: z.number().int(),
  lastSeenAt: z.number().int(),
  count: z.number().int(),
  ackedAt: z.number().int().nullable(),
  ackedBy: z.string().nullable(),
  ackNote: z.string().nullable(),
  clearedAt: z.number().int().nullable(),
});

export const alarmListRequestSchema = z
  .object({
    state: z.enum(ALARM_STATES).default('active'),
    severities: z.array(severity).max(ALARM_SEVERITIES.length).optional(),
    deviceId: uuid.optional(),
    /** Prefix of `source` ('trap:', 'poller', 'voltha:') or of `kind` ('trap.linkDown'). */
    source: z.string().trim().min(1).max(128).optional(),
    kind: z.string().trim().min(1).max(128).optional(),
    /** Matches message, kind, source and device name. */
    search: z.string().trim().max(200, 'search is at most 200 characters').optional(),
    from: epochMs.optional(),
    to: epochMs.optional(),
    offset: z.number().int().min(0).max(10_000_000).default(0),
    limit: z.number().int().min(1, 'limit is 1–500').max(500, 'limit is 1–500').default(100),
  })
  .strict();

const trapUserSchema = z.object({
  name: z.string(),
  level: z.enum(SNMP_SECURITY_LEVELS),
  authProtocol: z.enum(SNMP_AUTH_PROTOCOLS).nullable(),
  privProtocol: z.enum(SNMP_PRIV_PROTOCOLS).nullable(),
  hasAuthKey: z.boolean(),
  hasPrivKey: z.boolean(),
});

/** RFC 3414: a v3 password has at least 8 characters. Omitted = keep the stored one (same user name). */
const v3Key = (what: string) => z.string().min(8, `${what} must have at least 8 characters`).max(256).optional();

export const trapUserInputSchema = z
  .object({
    name: z.string().trim().min(1, 'user name is required').max(64),
    level: z.enum(SNMP_SECURITY_LEVELS),
    authProtocol: z.enum(SNMP_AUTH_PROTOCOLS).optional(),
    authKey: v3Key('auth password'),
    privProtocol: z.enum(SNMP_PRIV_PROTOCOLS).optional(),
    privKey: v3Key('privacy password'),
  })
  .strict();

export const trapConfigSchema = z.object({
  port: z.number().int(),
  /** True when NOC_TRAP_PORT overrides the saved port (tests, containers). */
  portFromEnv: z.boolean(),
  communityCount: z.number().int(),
  users: z.array(trapUserSchema),
});

export const trapStatusSchema = z.object({
  listening: z.boolean(),
  port: z.number().int(),
  /** Why it is not listening (port in use, not allowed), else null. */
  error: z.string().nullable(),
  received: z.number().int(),
  /** Refused (unknown community or user, bad digest) or not decodable. */
  dropped: z.number().int(),
  lastTrapAt: z.number().int().nullable(),
});

export const trapVarbindSchema = z.object({ oid: z.string(), name: z.string().nullable(), type: z.string(), value: z.string() });

export const alarmChannels = {
  'alarms.list': {
    summary: 'List alarms (active, open, acknowledged, cleared history) with filters, newest first',
    permission: 'alarms:read',
    request: alarmListRequestSchema,
    response: z.object({ items: z.array(alarmSchema), total: z.number().int(), offset: z.number().int() }),
  },
  'alarms.get': {
    summary: 'One alarm',
    permission: 'alarms:read',
    request: z.object({ id: uuid }).strict(),
    response: alarmSchema,
  },
  'alarms.ack': {
    summary: 'Acknowledge an alarm with a note',
    permission: 'alarms:ack',
    request: z.object({ id: uuid, note: z.string().trim().max(2000, 'note is at most 2000 characters').default('') }).strict(),
    response: alarmSchema,
  },
  'alarms.clear': {
    summary: 'Clear an alarm by hand (it moves to the history)',
    permission: 'alarms:ack',
    request: z.object({ id: uuid }).strict(),
    response: alarmSchema,
  },
  'traps.status': {
    summary: 'Trap receiver state: listening, port, received and dropped counts',
    permission: 'alarms:read',
    request: z.object({}).strict(),
    response: trapStatusSchema,
  },
  'traps.config': {
    summary: 'Read or change the trap receiver settings (port, communities, v3 users; secrets are write-only)',
    permission: 'devices:write',
    request: z
      .object({
        port: port.optional(),
        /** Replaces the accepted communities. */
        communities: z.array(z.string().min(1, 'community is required').max(256)).max(32).optional(),
        /** Replaces the v3 users; a user keeps its stored keys when they are omitted. */
        users: z.array(trapUserInputSchema).max(32).optional(),
      })
      .strict(),
    response: trapConfigSchema,
  },
} as const satisfies Record<string, { summary: string; permission: Permission; request: z.ZodType; response: z.ZodType }>;

export const alarmEvents = {
  'alarms.changed': z.object({ ids: z.array(uuid), reason: z.enum(ALARM_CHANGE_REASONS) }),
  /** A NEW alarm (not a repeat): the UI notifies on critical ones. */
  'alarms.raised': z.object({ alarm: alarmSchema }),
  /** Every accepted trap or inform, decoded (the CLI's `traps listen` prints these). */
  'traps.received': z.object({
    at: z.number().int(),
    from: z.string(),
    version: z.enum(['1', '2c', '3']),
    pdu: z.enum(['trap', 'inform']),
    trapOid: z.string(),
    trapName: z.string().nullable(),
    varbinds: z.array(trapVarbindSchema),
    alarmId: uuid.nullable(),
  }),
} as const satisfies Record<string, z.ZodType>;
