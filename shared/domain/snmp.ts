// SNMP vocabulary shared by every layer: plain values only (no zod).

export const SNMP_VERSIONS = ['1', '2c', '3'] as const;
export type SnmpVersion = (typeof SNMP_VERSIONS)[number];

export const SNMP_SECURITY_LEVELS = ['noAuthNoPriv', 'authNoPriv', 'authPriv'] as const;
export type SnmpSecurityLevel = (typeof SNMP_SECURITY_LEVELS)[number];

export const SNMP_AUTH_PROTOCOLS = ['md5', 'sha', 'sha224', 'sha256', 'sha384', 'sha512'] as const;
export type SnmpAuthProtocol = (typeof SNMP_AUTH_PROTOCOLS)[number];

/** DES and AES-128 (RFC 3826) are what agents ship; the 256-bit variants are the Blumenthal/Reeder drafts. */
export const SNMP_PRIV_PROTOCOLS = ['des', 'aes', 'aes256b', 'aes256r'] as const;
export type SnmpPrivProtocol = (typeof SNMP_PRIV_PROTOCOLS)[number];

/** Varbind value types as SNMP names them (RFC 2578 SMI plus the v2 exceptions). */
export const SNMP_VALUE_TYPES = [
  'Integer',
  'OctetString',
  'Null',
  'OID',
  'IpAddress',
  'Counter32',
  'Gauge32',
  'TimeTicks',
  'Opaque',
  'Counter64',
  'NoSuchObject',
  'NoSuchInstance',
  'EndOfMibView',
] as const;
export type SnmpValueType = (typeof SNMP_VALUE_TYPES)[number];

/** Types a SET may write. */
export const SNMP_SET_TYPES = ['Integer', 'OctetString', 'OID', 'IpAddress', 'Counter32', 'Gauge32', 'TimeTicks', 'Counter64'] as const;
export type SnmpSetType = (typeof SNMP_SET_TYPES)[number];

export const SNMP_DEFAULT_PORT = 161;
export const SNMP_DEFAULT_MAX_REPETITIONS = 25;
