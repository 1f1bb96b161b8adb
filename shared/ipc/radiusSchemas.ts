// IPC contract of the RADIUS test client. Secrets travel one way only: the renderer may send a
// shared secret it was typed into (to save it in the vault or for a one-off test); main never
// sends one back — profiles say `hasSecret`.
import { z } from 'zod';
import {
  MESSAGE_AUTHENTICATOR_STATES,
  RADIUS_ACCT_TYPES,
  RADIUS_AUTH_METHODS,
  RADIUS_DYNAUTH_KINDS,
  RADIUS_RUN_KINDS,
} from '../domain/radius';
import { hostAddress, uuid } from './validators';

const port = z.number().int().min(1, 'port must be 1–65535').max(65535, 'port must be 1–65535');
const secret = z.string().min(1, 'shared secret is required').max(128, 'shared secret is at most 128 characters');
/** RFC limits are in octets: count the UTF-8 bytes, not the characters. */
function utf8Bytes(s: string): number {
  return new TextEncoder().encode(s).length;
}
const userName = z
  .string()
  .min(1, 'user name is required')
  .refine((s) => utf8Bytes(s) <= 253, 'user name is at most 253 bytes');
// RFC 2865 §5.2: User-Password is at most 128 octets
const password = z.string().refine((s) => utf8Bytes(s) <= 128, 'password is at most 128 bytes');

/** One attribute as a user types it: a dictionary name (e.g. `Mikrotik-Rate-Limit`) and a value. */
export const radiusAttributeInputSchema = z
  .object({
    name: z.string().trim().min(1, 'attribute name is required').max(96),
    value: z.string().max(4096),
  })
  .strict();

/** Where a request goes: a saved profile (secret from the vault) or a one-off server. */
export const radiusTargetSchema = z
  .object({
    profileId: uuid.optional(),
    host: hostAddress.optional(),
    /** Overrides the profile's port for this packet type. */
    port: port.optional(),
    secret: secret.optional(),
  })
  .strict()
  .refine((t) => t.profileId !== undefined || (t.host !== undefined && t.secret !== undefined), {
    message: 'choose a saved profile, or give a server and a shared secret',
  });

const sendOptions = {
  target: radiusTargetSchema,
  attributes: z.array(radiusAttributeInputSchema).max(64).default([]),
  /** Refuse replies without a valid Message-Authenticator (BlastRADIUS, CVE-2024-3596). */
  strict: z.boolean().optional(),
  timeoutMs: z.number().int().min(100).max(60_000).optional(),
  retries: z.number().int().min(0).max(10).optional(),
};

export const radiusAttributeSchema = z.object({
  name: z.string(),
  value: z.string(),
  /** Dictionary type (string, integer, ipaddr, date, octets, …). */
  type: z.string(),
  vendor: z.string().nullable(),
  code: z.number().int(),
  tag: z.number().int().nullable(),
});
export type RadiusAttribute = z.output<typeof radiusAttributeSchema>;

export const radiusReplySchema = z.object({
  runId: uuid,
  server: z.string(),
  /** reply: an answer was accepted; no-reply: every try timed out; refused: strict mode or a bad authenticator. */
  outcome: z.enum(['reply', 'no-reply', 'refused']),
  code: z.string().nullable(),
  identifier: z.number().int().nullable(),
  attributes: z.array(radiusAttributeSchema),
  rttMs: z.number().nullable(),
  tries: z.number().int(),
  messageAuthenticator: z.enum(MESSAGE_AUTHENTICATOR_STATES).nullable(),
  responseAuthenticator: z.enum(['valid', 'invalid']).nullable(),
  warnings: z.array(z.string()),
  /** Why nothing came back, in words a technician acts on. */
  hint: z.string().nullable(),
  /** What was sent, User-Password and other secrets masked. */
  request: z.object({ code: z.string(), identifier: z.number().int(), attributes: z.array(radiusAttributeSchema) }),
});
export type RadiusReply = z.output<typeof radiusReplySchema>;

export const radiusProfileSchema = z.object({
  id: uuid,
  name: z.string(),
  host: z.string(),
  authPort: z.number().int(),
  acctPort: z.number().int(),
  coaPort: z.number().int(),
  hasSecret: z.boolean(),
  deviceId: uuid.nullable(),
  deviceName: z.string().nullable(),
  nasIdentifier: z.string(),
  strict: z.boolean(),
  timeoutMs: z.number().int(),
  retries: z.number().int(),
  updatedAt: z.number().int(),
});
export type RadiusProfile = z.output<typeof radiusProfileSchema>;

export const radiusProfileInputSchema = z
  .object({
    id: uuid.optional(),
    name: z.string().trim().min(1, 'name is required').max(128),
    host: hostAddress,
    authPort: port.default(1812),
    acctPort: port.default(1813),
    coaPort: port.default(3799),
    /** Write-only; absent on update keeps the stored secret. */
    secret: secret.optional(),
    deviceId: uuid.nullable().default(null),
    nasIdentifier: z.string().trim().max(64).default(''),
    strict: z.boolean().default(false),
    timeoutMs: z.number().int().min(100).max(60_000).default(3000),
    retries: z.number().int().min(0).max(10).default(2),
  })
  .strict();

export const radiusLoadStatsSchema = z.object({
  sent: z.number().int(),
  replies: z.number().int(),
  accepts: z.number().int(),
  rejects: z.number().int(),
  otherCodes: z.number().int(),
  timeouts: z.number().int(),
  retransmissions: z.number().int(),
  /** Replies that failed verification (bad Response Authenticator, or strict mode without Message-Authenticator). */
  refused: z.number().int(),
  elapsedMs: z.number(),
  requestsPerSecond: z.number(),
  latencyMs: z.object({ p50: z.number(), p95: z.number(), p99: z.number(), max: z.number() }),
  messageAuthenticator: z.object({ valid: z.number().int(), missing: z.number().int(), invalid: z.number().int() }),
});
export type RadiusLoadStats = z.output<typeof radiusLoadStatsSchema>;

const sessionStep = z.object({
  step: z.enum(['auth', 'start', 'interim', 'stop']),
  index: z.number().int(),
  at: z.number().int(),
  outcome: z.enum(['reply', 'no-reply', 'refused']),
  code: z.string().nullable(),
  rttMs: z.number().nullable(),
  inputOctets: z.string(),
  outputOctets: z.string(),
});

export const radiusSessionSummarySchema = z.object({
  sessionRunId: uuid,
  acctSessionId: z.string(),
  user: z.string(),
  steps: z.array(sessionStep),
  /** accounting_sessions row written for billing reports, when recording was asked for. */
  recordedSessionId: uuid.nullable(),
  completed: z.boolean(),
  error: z.string().nullable(),
});

export const radiusRunSchema = z.object({
  id: uuid,
  kind: z.enum(RADIUS_RUN_KINDS),
  at: z.number().int(),
  server: z.string(),
  user: z.string().nullable(),
  outcome: z.string(),
  code: z.string().nullable(),
  rttMs: z.number().nullable(),
  summary: z.string(),
});

export const radiusChannels = {
  'radius.dictionary': {
    summary: 'RADIUS attribute names, types and values for autocomplete',
    permission: 'radius:test',
    request: z.object({}).strict(),
    response: z.object({
      attributes: z.array(
        z.object({ name: z.string(), vendor: z.string().nullable(), type: z.string(), values: z.array(z.string()) }),
      ),
      vendors: z.array(z.string()),
    }),
  },
  'radius.profiles.list': {
    summary: 'Saved RADIUS test profiles, one per NAS or server',
    permission: 'radius:test',
    request: z.object({}).strict(),
    response: z.array(radiusProfileSchema),
  },
  'radius.profiles.save': {
    summary: 'Create or update a RADIUS test profile (shared secret sealed in the vault)',
    permission: 'radius:test',
    request: radiusProfileInputSchema,
    response: radiusProfileSchema,
  },
  'radius.profiles.delete': {
    summary: 'Delete a RADIUS test profile',
    permission: 'radius:test',
    request: z.object({ id: uuid }).strict(),
    response: z.object({ deleted: z.boolean() }),
  },
  'radius.auth': {
    summary: 'Send an Access-Request (PAP, CHAP or MS-CHAPv2)',
    permission: 'radius:test',
    request: z
      .object({ ...sendOptions, user: userName, password, method: z.enum(RADIUS_AUTH_METHODS).default('pap') })
      .strict(),
    response: radiusReplySchema,
  },
  'radius.acct': {
    summary: 'Send an Accounting-Request (Start, Interim-Update, Stop, Accounting-On/Off)',
    permission: 'radius:test',
    request: z
      .object({
        ...sendOptions,
        type: z.enum(RADIUS_ACCT_TYPES),
        user: userName.optional(),
        sessionId: z.string().min(1).max(64).optional(),
      })
      .strict(),
    response: radiusReplySchema,
  },
  'radius.status': {
    summary: 'Send a Status-Server (RFC 5997)',
    permission: 'radius:test',
    request: z.object(sendOptions).strict(),
    response: radiusReplySchema,
  },
  'radius.dynauth': {
    summary: 'Send a CoA-Request or Disconnect-Request to a NAS (RFC 5176)',
    permission: 'radius:coa',
    request: z.object({ ...sendOptions, kind: z.enum(RADIUS_DYNAUTH_KINDS) }).strict(),
    response: radiusReplySchema,
  },
  'radius.session.run': {
    summary: 'Simulate a subscriber session: Access, Accounting Start, Interim-Updates, Stop',
    permission: 'radius:test',
    request: z
      .object({
        target: radiusTargetSchema,
        /** Accounting port when the target is a one-off server (a profile knows its own). */
        acctPort: port.optional(),
        user: userName,
        password,
        method: z.enum(RADIUS_AUTH_METHODS).default('pap'),
        interims: z.number().int().min(0).max(1000).default(3),
        intervalMs: z.number().int().min(0).max(3_600_000).default(10_000),
        /** Octets added per interval, downstream; upstream is a tenth of it. */
        bytesPerInterval: z.number().int().min(0).max(1e15).default(750_000_000),
        /** Reuse an Acct-Session-Id (e.g. to continue a session after a NAS restart). */
        sessionId: z.string().min(1).max(64).optional(),
        framedIp: z.string().max(15).optional(),
        record: z.boolean().default(false),
        subscriberId: uuid.optional(),
        strict: z.boolean().optional(),
        timeoutMs: z.number().int().min(100).max(60_000).optional(),
        retries: z.number().int().min(0).max(10).optional(),
        sessionRunId: uuid.optional(),
      })
      .strict(),
    response: radiusSessionSummarySchema,
  },
  'radius.session.stop': {
    summary: 'End a running simulated session now (sends its Accounting Stop)',
    permission: 'radius:test',
    request: z.object({ sessionRunId: uuid }).strict(),
    response: z.object({ stopping: z.boolean() }),
  },
  'radius.load': {
    summary: 'Load test: N requests at concurrency C or a target rate',
    permission: 'radius:test',
    request: z
      .object({
        target: radiusTargetSchema,
        kind: z.enum(['auth', 'status']).default('auth'),
        user: userName.optional(),
        password: password.optional(),
        method: z.enum(RADIUS_AUTH_METHODS).default('pap'),
        count: z.number().int().min(1).max(10_000_000),
        concurrency: z.number().int().min(1).max(4096).default(50),
        ratePerSecond: z.number().int().min(1).max(1_000_000).optional(),
        strict: z.boolean().optional(),
        timeoutMs: z.number().int().min(100).max(60_000).optional(),
        retries: z.number().int().min(0).max(10).optional(),
        taskId: z.string().max(64).optional(),
      })
      .strict(),
    response: radiusLoadStatsSchema,
  },
  'radius.load.stop': {
    summary: 'Stop a running load test (requests in flight still count)',
    permission: 'radius:test',
    request: z.object({ taskId: z.string().min(1).max(64) }).strict(),
    response: z.object({ stopping: z.boolean() }),
  },
  'radius.history.get': {
    summary: 'One past RADIUS run with its full reply',
    permission: 'radius:test',
    request: z.object({ id: uuid }).strict(),
    response: radiusRunSchema.extend({ detail: z.unknown() }),
  },
  'radius.history.list': {
    summary: 'Recent RADIUS test runs, newest first',
    permission: 'radius:test',
    request: z.object({ limit: z.number().int().min(1).max(500).default(50) }).strict(),
    response: z.array(radiusRunSchema),
  },
  'radius.prefill': {
    summary: 'A RADIUS test prefilled from a NAS device or a subscriber',
    permission: 'radius:test',
    request: z
      .object({ deviceId: uuid.optional(), subscriberId: uuid.optional() })
      .strict()
      .refine((r) => (r.deviceId === undefined) !== (r.subscriberId === undefined), {
        message: 'give a device or a subscriber',
      }),
    response: z.object({
      profileId: uuid.nullable(),
      /** The NAS: the device asked for, or the subscriber's access device. */
      deviceId: uuid.nullable(),
      host: z.string().nullable(),
      user: z.string().nullable(),
      deviceName: z.string().nullable(),
      subscriberName: z.string().nullable(),
    }),
  },
} as const;

export const radiusEvents = {
  'radius.session.step': sessionStep.extend({ sessionRunId: uuid }),
} as const;
