// IPC contract of the SNMP tools: credentials (communities and v3 keys sealed in the vault, never
// sent back), get / get-next / walk / set, and the MIB name table. Values travel as text: Counter64
// as a decimal string (no precision lost), OctetString as text when printable and hex otherwise.
import { z } from 'zod';
import { SNMP_AUTH_PROTOCOLS, SNMP_PRIV_PROTOCOLS, SNMP_SECURITY_LEVELS, SNMP_SET_TYPES, SNMP_VALUE_TYPES, SNMP_VERSIONS } from '../domain/snmp';
import { deviceName, hostAddress, uuid } from './validators';

const port = z.number().int().min(1, 'port must be 1–65535').max(65535, 'port must be 1–65535');
/** A numeric OID (1.3.6.1…, a leading dot allowed) or a MIB name with an optional instance (ifDescr.3, sysUpTime.0). */
export const oidInput = z
  .string()
  .trim()
  .min(1, 'OID is required')
  .max(512, 'OID is at most 512 characters')
  .regex(/^(\.?\d+(\.\d+)*|[A-Za-z][A-Za-z0-9-]*(::[A-Za-z][A-Za-z0-9-]*)?(\.\d+)*)$/, 'not an OID (1.3.6.1.2.1.1) or a MIB name (sysDescr.0, ifHCInOctets)');
const timeoutMs = z.number().int().min(100).max(60_000);
const retries = z.number().int().min(0).max(10);
const secret = (what: string) => z.string().min(1, `${what} is required`).max(256, `${what} is at most 256 characters`);
/** RFC 3414: a v3 password must have at least 8 characters. */
const v3Key = (what: string) => z.string().min(8, `${what} must have at least 8 characters`).max(256);

/** Non-secret SNMP settings as the renderer may see them. */
export const snmpCredentialSchema = z.object({
  id: uuid,
  name: z.string(),
  version: z.enum(SNMP_VERSIONS),
  port,
  timeoutMs,
  retries,
  maxRepetitions: z.number().int(),
  /** v3 only. */
  user: z.string().nullable(),
  securityLevel: z.enum(SNMP_SECURITY_LEVELS).nullable(),
  authProtocol: z.enum(SNMP_AUTH_PROTOCOLS).nullable(),
  privProtocol: z.enum(SNMP_PRIV_PROTOCOLS).nullable(),
  hasCommunity: z.boolean(),
  hasAuthKey: z.boolean(),
  hasPrivKey: z.boolean(),
  deviceCount: z.number().int(),
  updatedAt: z.number().int(),
});

/** Secret fields: omitted = keep the stored one; text = replace it. */
export const snmpCredentialInputSchema = z
  .object({
    id: uuid.optional(),
    name: deviceName,
    version: z.enum(SNMP_VERSIONS),
    port: port.default(161),
    timeoutMs: timeoutMs.default(2000),
    retries: retries.default(1),
    maxRepetitions: z.number().int().min(1).max(200).default(25),
    community: secret('community').optional(),
    user: z.string().trim().min(1).max(64).optional(),
    securityLevel: z.enum(SNMP_SECURITY_LEVELS).optional(),
    authProtocol: z.enum(SNMP_AUTH_PROTOCOLS).optional(),
    authKey: v3Key('auth password').optional(),
    privProtocol: z.enum(SNMP_PRIV_PROTOCOLS).optional(),
    privKey: v3Key('privacy password').optional(),
  })
  .strict();

/** One-off credentials typed into the tools page (not saved): the same fields as a profile. */
export const snmpInlineCredentialsSchema = z
  .object({
    version: z.enum(SNMP_VERSIONS),
    community: secret('community').optional(),
    user: z.string().trim().min(1).max(64).optional(),
    securityLevel: z.enum(SNMP_SECURITY_LEVELS).optional(),
    authProtocol: z.enum(SNMP_AUTH_PROTOCOLS).optional(),
    authKey: v3Key('auth password').optional(),
    privProtocol: z.enum(SNMP_PRIV_PROTOCOLS).optional(),
    privKey: v3Key('privacy password').optional(),
  })
  .strict();

/** Where a request goes: a device (its SNMP profile), an address with a profile, or an address with one-off credentials. */
export const snmpTargetSchema = z
  .object({
    deviceId: uuid.optional(),
    host: hostAddress.optional(),
    port: port.optional(),
    credentialId: uuid.optional(),
    credentials: snmpInlineCredentialsSchema.optional(),
    timeoutMs: timeoutMs.optional(),
    retries: retries.optional(),
  })
  .strict()
  .refine((t) => t.deviceId !== undefined || (t.host !== undefined && (t.credentialId !== undefined || t.credentials !== undefined)), {
    message: 'give a device, or a host with a credential profile or credentials',
  });

export const varbindSchema = z.object({
  oid: z.string(),
  /** MIB name with the instance suffix (ifDescr.3) where the OID is in our table, else null. */
  name: z.string().nullable(),
  type: z.enum(SNMP_VALUE_TYPES),
  /** The value as text: integers and counters in decimal (Counter64 exact), OIDs dotted, IpAddress dotted, OctetString as `display`. */
  value: z.string(),
  /** OctetString: 'text' when printable UTF-8, else 'hex' (value is then "0a 1b …"). */
  encoding: z.enum(['text', 'hex']).nullable(),
  /** Named value where the MIB defines one (ifOperStatus 1 → "up"), TimeTicks as a duration, else null. */
  display: z.string().nullable(),
});

export const mibEntrySchema = z.object({
  name: z.string(),
  oid: z.string(),
  module: z.string(),
  /** 'scalar' (instance .0), 'column' (of a table), 'table', 'entry', 'node'. */
  kind: z.enum(['scalar', 'column', 'table', 'entry', 'node']),
  description: z.string(),
});

const oids = z.array(oidInput).min(1, 'give at least one OID').max(128, 'at most 128 OIDs per request');

export const snmpChannels = {
  'snmp.credentials.list': {
    summary: 'Saved SNMP credentials (names and settings; communities and keys never leave main)',
    permission: 'devices:read',
    request: z.object({}).strict(),
    response: z.array(snmpCredentialSchema),
  },
  'snmp.credentials.save': {
    summary: 'Create or update an SNMP credential; secrets are sealed in the vault',
    permission: 'devices:write',
    request: snmpCredentialInputSchema,
    response: snmpCredentialSchema,
  },
  'snmp.credentials.delete': {
    summary: 'Delete an SNMP credential (devices using it lose their SNMP profile)',
    permission: 'devices:write',
    request: z.object({ id: uuid }).strict(),
    response: z.object({ deleted: z.boolean(), devicesCleared: z.number().int() }),
  },
  'snmp.get': {
    summary: 'SNMP GET of one or more OIDs',
    permission: 'snmp:read',
    request: z.object({ target: snmpTargetSchema, oids }).strict(),
    response: z.object({ varbinds: z.array(varbindSchema), rttMs: z.number() }),
  },
  'snmp.getNext': {
    summary: 'SNMP GET-NEXT of one or more OIDs',
    permission: 'snmp:read',
    request: z.object({ target: snmpTargetSchema, oids }).strict(),
    response: z.object({ varbinds: z.array(varbindSchema), rttMs: z.number() }),
  },
  'snmp.walk': {
    summary: 'Walk a subtree (GETBULK on v2c/v3, GETNEXT on v1 or on request)',
    permission: 'snmp:read',
    request: z
      .object({
        target: snmpTargetSchema,
        oid: oidInput,
        bulk: z.boolean().default(true),
        maxRepetitions: z.number().int().min(1).max(200).optional(),
        /** Stop after this many varbinds (the reply says it was cut). */
        limit: z.number().int().min(1).max(1_000_000).default(100_000),
        taskId: z.string().max(64).optional(),
      })
      .strict(),
    response: z.object({
      varbinds: z.array(varbindSchema),
      truncated: z.boolean(),
      requests: z.number().int(),
      durationMs: z.number(),
    }),
  },
  'snmp.walk.stop': {
    summary: 'Stop a running walk (what was received is returned)',
    permission: 'snmp:read',
    request: z.object({ taskId: z.string().min(1).max(64) }).strict(),
    response: z.object({ stopping: z.boolean() }),
  },
  'snmp.set': {
    summary: 'SNMP SET (writes to the device; the UI asks for confirmation first)',
    permission: 'snmp:set',
    request: z
      .object({
        target: snmpTargetSchema,
        varbinds: z
          .array(
            z
              .object({
                oid: oidInput,
                type: z.enum(SNMP_SET_TYPES),
                value: z.string().max(65_535),
                /** OctetString only: 'hex' when value is hex bytes ("0a 1b"), as snmpset's `x` type; text by default. */
                encoding: z.enum(['text', 'hex']).optional(),
              })
              .strict(),
          )
          .min(1)
          .max(32),
      })
      .strict(),
    response: z.object({ varbinds: z.array(varbindSchema), rttMs: z.number() }),
  },
  'snmp.mib.search': {
    summary: 'MIB names and OIDs we know (SNMPv2-MIB, IF-MIB, IP-MIB, HOST-RESOURCES-MIB, ENTITY-MIB, LLDP-MIB, BRIDGE-MIB)',
    permission: 'snmp:read',
    request: z.object({ query: z.string().max(128).default(''), limit: z.number().int().min(1).max(500).default(50) }).strict(),
    response: z.array(mibEntrySchema),
  },
} as const;
