// The SNMP forms as plain strings and the requests built from them. Requests are checked with the
// contract's own schemas (the ones main validates with) before they go, and main's VALIDATION
// details land beside the same fields. One-off secrets live only in these values and the request.
import { SNMP_DEFAULT_MAX_REPETITIONS, type SnmpAuthProtocol, type SnmpPrivProtocol, type SnmpSecurityLevel, type SnmpSetType, type SnmpVersion } from '../../../../shared/domain/snmp';
import { oidInput, snmpCredentialInputSchema, snmpInlineCredentialsSchema, snmpTargetSchema } from '../../../../shared/ipc/snmpSchemas';
import { ErrorSink, intField } from '../radius/formModel';
import type { FormErrors } from '../radius/types';
import type { SnmpCredential, SnmpCredentialInput, SnmpDevice, SnmpOperation, SnmpSetVarbind, SnmpTargetRequest } from './types';

export { ErrorSink, type FormErrors };

/** Version, community and the v3 user security parameters, as typed. */
export interface SecurityValues {
  version: SnmpVersion;
  community: string;
  user: string;
  securityLevel: SnmpSecurityLevel;
  authProtocol: SnmpAuthProtocol;
  authKey: string;
  privProtocol: SnmpPrivProtocol;
  privKey: string;
}

export const EMPTY_SECURITY: SecurityValues = {
  version: '2c',
  community: '',
  user: '',
  securityLevel: 'authPriv',
  authProtocol: 'sha',
  authKey: '',
  privProtocol: 'aes',
  privKey: '',
};

/** Which secrets a saved credential holds (the host says; it never sends them). */
export interface StoredSecrets {
  community: boolean;
  authKey: boolean;
  privKey: boolean;
}

export const NOTHING_STORED: StoredSecrets = { community: false, authKey: false, privKey: false };

export type TargetMode = 'device' | 'address';

export interface TargetForm {
  mode: TargetMode;
  device: SnmpDevice | null;
  host: string;
  port: string;
  /** '' = one-off credentials typed below. */
  credentialId: string;
  oneOff: SecurityValues;
  /** Empty = the profile's. */
  timeoutMs: string;
  retries: string;
}

export const EMPTY_TARGET: TargetForm = {
  mode: 'address',
  device: null,
  host: '',
  port: '161',
  credentialId: '',
  oneOff: EMPTY_SECURITY,
  timeoutMs: '',
  retries: '',
};

export interface OperationForm {
  op: SnmpOperation;
  /** One OID (walk) or several separated by spaces (get, get-next). */
  oid: string;
  bulk: boolean;
  /** Empty = the profile's. */
  maxRepetitions: string;
  /** Stop a walk after this many varbinds. */
  limit: string;
}

export const EMPTY_OPERATION: OperationForm = { op: 'walk', oid: '', bulk: true, maxRepetitions: '', limit: '100000' };

export interface SetForm {
  oid: string;
  type: SnmpSetType;
  value: string;
  /** OctetString only: the value is hex bytes ("0a 1b ff"), as snmpset's `x` type. */
  hex: boolean;
}

export const EMPTY_SET: SetForm = { oid: '', type: 'OctetString', value: '', hex: false };

const usesAuth = (level: SnmpSecurityLevel) => level !== 'noAuthNoPriv';
const usesPriv = (level: SnmpSecurityLevel) => level === 'authPriv';

/**
 * The security part of a request (inline credentials or a saved profile): only the fields of the
 * chosen version and level. A secret left empty is omitted — for a saved profile that keeps the
 * stored one; where nothing is stored it is an error.
 */
export function securityPart(s: SecurityValues, stored: StoredSecrets, sink: ErrorSink): Omit<SnmpCredentialInput, 'name'> {
  if (s.version !== '3') {
    if (s.community === '' && !stored.community) sink.add('community', 'community is required');
    return { version: s.version, ...(s.community !== '' ? { community: s.community } : {}) };
  }
  const out: Omit<SnmpCredentialInput, 'name'> = { version: '3', securityLevel: s.securityLevel };
  if (s.user.trim() === '') sink.add('user', 'user is required for SNMPv3');
  else out.user = s.user.trim();
  if (usesAuth(s.securityLevel)) {
    out.authProtocol = s.authProtocol;
    if (s.authKey !== '') out.authKey = s.authKey;
    else if (!stored.authKey) sink.add('authKey', `auth password is required for ${s.securityLevel}`);
  }
  if (usesPriv(s.securityLevel)) {
    out.privProtocol = s.privProtocol;
    if (s.privKey !== '') out.privKey = s.privKey;
    else if (!stored.privKey) sink.add('privKey', 'privacy password is required for authPriv');
  }
  return out;
}

/**
 * The key of the form field a contract path points at: `target.host` → host,
 * `target.credentials.authKey` → authKey, `oids.2` / `oid` → oid, `varbinds.0.value` → set.value.
 */
export function fieldOfPath(path: string): string | null {
  const parts = path.split('.').filter(Boolean);
  const [first, second, third] = parts;
  if (first === undefined) return null;
  if (first === 'target') {
    if (second === undefined) return null;
    if (second === 'credentials') return third ?? 'credentials';
    if (second === 'deviceId') return 'device';
    return second;
  }
  if (first === 'oids' || first === 'oid') return 'oid';
  if (first === 'varbinds') return `set.${parts[2] ?? 'oid'}`;
  return first;
}

function addIssues(sink: ErrorSink, issues: readonly { path: readonly PropertyKey[]; message: string }[], prefix: string): string | null {
  let unplaced: string | null = null;
  for (const issue of issues) {
    const key = fieldOfPath([prefix, ...issue.path.map(String)].filter(Boolean).join('.'));
    if (key) sink.add(key, issue.message);
    else unplaced ??= issue.message;
  }
  return unplaced;
}

/** The target of a request, or the errors that stop it (nothing is sent then). */
export function buildTarget(form: TargetForm): { target: SnmpTargetRequest } | { errors: FormErrors } {
  const sink = new ErrorSink();
  const target: SnmpTargetRequest = {};
  if (form.mode === 'device') {
    if (!form.device) sink.add('device', 'pick a device');
    else target.deviceId = form.device.id;
  } else {
    if (form.host.trim() === '') sink.add('host', 'host is required');
    else target.host = form.host.trim();
    const port = intField(form.port, 'port', 'port', 1, 65535, sink);
    if (port !== undefined) target.port = port;
    if (form.credentialId !== '') target.credentialId = form.credentialId;
    else {
      const inline = securityPart(form.oneOff, NOTHING_STORED, sink);
      const parsed = snmpInlineCredentialsSchema.safeParse(inline);
      if (parsed.success) target.credentials = parsed.data;
      else addIssues(sink, parsed.error.issues, 'target.credentials');
    }
  }
  const timeoutMs = intField(form.timeoutMs, 'timeoutMs', 'timeout', 100, 60_000, sink);
  if (timeoutMs !== undefined) target.timeoutMs = timeoutMs;
  const retries = intField(form.retries, 'retries', 'retries', 0, 10, sink);
  if (retries !== undefined) target.retries = retries;
  if (!sink.empty) return { errors: sink.result() };
  const parsed = snmpTargetSchema.safeParse(target);
  if (!parsed.success) {
    const unplaced = addIssues(sink, parsed.error.issues, 'target');
    return { errors: sink.result(unplaced) };
  }
  return { target };
}

/** The OIDs typed in the OID field: several (space or comma separated) for get and get-next. */
export function oidsOf(raw: string): string[] {
  return raw
    .split(/[\s,]+/)
    .map((s) => s.trim())
    .filter((s) => s !== '');
}

export type OperationRequest =
  | { op: 'get' | 'getNext'; oids: string[] }
  | { op: 'walk'; oid: string; bulk: boolean; maxRepetitions?: number; limit: number };

/** The operation part of a request, or the errors that stop it. */
export function buildOperation(form: OperationForm): { request: OperationRequest } | { errors: FormErrors } {
  const sink = new ErrorSink();
  const oids = oidsOf(form.oid);
  if (oids.length === 0) sink.add('oid', 'type an OID or a MIB name');
  for (const o of oids) {
    const r = oidInput.safeParse(o);
    if (!r.success) sink.add('oid', `${o}: ${r.error.issues[0]?.message ?? 'not an OID'}`);
  }
  if (form.op === 'walk') {
    if (oids.length > 1) sink.add('oid', 'a walk takes one OID');
    const maxRepetitions = intField(form.maxRepetitions, 'maxRepetitions', 'max-repetitions', 1, 200, sink);
    const limit = intField(form.limit, 'limit', 'limit', 1, 1_000_000, sink) ?? 100_000;
    if (!sink.empty) return { errors: sink.result() };
    return { request: { op: 'walk', oid: oids[0] ?? '', bulk: form.bulk, limit, ...(maxRepetitions !== undefined ? { maxRepetitions } : {}) } };
  }
  if (oids.length > 128) sink.add('oid', 'at most 128 OIDs per request');
  if (!sink.empty) return { errors: sink.result() };
  return { request: { op: form.op, oids } };
}

/** The varbind a SET writes, checked as main will check it. */
export function buildSetVarbind(form: SetForm): { varbind: SnmpSetVarbind } | { errors: FormErrors } {
  const sink = new ErrorSink();
  const oid = form.oid.trim();
  const r = oidInput.safeParse(oid);
  if (!r.success) sink.add('set.oid', r.error.issues[0]?.message ?? 'not an OID');
  if (INTEGER_SET_TYPES.has(form.type) && !/^-?\d+$/.test(form.value.trim())) sink.add('set.value', `${form.type} takes a whole number`);
  if (form.type === 'IpAddress' && !/^\d{1,3}(\.\d{1,3}){3}$/.test(form.value.trim())) sink.add('set.value', 'IpAddress takes a dotted IPv4 address');
  if (form.type === 'OID' && !oidInput.safeParse(form.value.trim()).success) sink.add('set.value', 'OID takes a dotted OID');
  const hex = form.type === 'OctetString' && form.hex;
  if (hex && !/^\s*([0-9a-f]{2}([\s:]+|$))*$/i.test(form.value)) sink.add('set.value', 'hex bytes, two digits each: 0a 1b ff');
  if (!sink.empty) return { errors: sink.result() };
  const value = form.type === 'OctetString' && !hex ? form.value : form.value.trim();
  return { varbind: { oid, type: form.type, value, ...(hex ? { encoding: 'hex' as const } : {}) } };
}

const INTEGER_SET_TYPES: ReadonlySet<SnmpSetType> = new Set(['Integer', 'Counter32', 'Gauge32', 'TimeTicks', 'Counter64']);

// ── Saved credentials ──────────────────────────────────────────────────────────────────────

export interface CredentialValues {
  name: string;
  port: string;
  timeoutMs: string;
  retries: string;
  maxRepetitions: string;
  security: SecurityValues;
}

export function credentialValuesOf(existing: SnmpCredential | null): CredentialValues {
  return {
    name: existing?.name ?? '',
    port: String(existing?.port ?? 161),
    timeoutMs: String(existing?.timeoutMs ?? 2000),
    retries: String(existing?.retries ?? 1),
    maxRepetitions: String(existing?.maxRepetitions ?? SNMP_DEFAULT_MAX_REPETITIONS),
    security: {
      ...EMPTY_SECURITY,
      version: existing?.version ?? '2c',
      user: existing?.user ?? '',
      securityLevel: existing?.securityLevel ?? 'authPriv',
      authProtocol: existing?.authProtocol ?? 'sha',
      privProtocol: existing?.privProtocol ?? 'aes',
    },
  };
}

export function storedOf(existing: SnmpCredential | null): StoredSecrets {
  return existing ? { community: existing.hasCommunity, authKey: existing.hasAuthKey, privKey: existing.hasPrivKey } : NOTHING_STORED;
}

/** The save request of the credential dialog, or the errors that stop it. */
export function buildCredentialInput(values: CredentialValues, existing: SnmpCredential | null): { input: SnmpCredentialInput } | { errors: FormErrors } {
  const sink = new ErrorSink();
  // a version change drops what the old version stored: the new one needs its own secrets
  const stored = existing && existing.version === values.security.version ? storedOf(existing) : NOTHING_STORED;
  const input: SnmpCredentialInput = { name: values.name.trim(), ...securityPart(values.security, stored, sink) };
  if (existing) input.id = existing.id;
  const port = intField(values.port, 'port', 'port', 1, 65535, sink);
  if (port !== undefined) input.port = port;
  const timeoutMs = intField(values.timeoutMs, 'timeoutMs', 'timeout', 100, 60_000, sink);
  if (timeoutMs !== undefined) input.timeoutMs = timeoutMs;
  const retries = intField(values.retries, 'retries', 'retries', 0, 10, sink);
  if (retries !== undefined) input.retries = retries;
  const maxRepetitions = intField(values.maxRepetitions, 'maxRepetitions', 'max-repetitions', 1, 200, sink);
  if (maxRepetitions !== undefined) input.maxRepetitions = maxRepetitions;
  const parsed = snmpCredentialInputSchema.safeParse(input);
  const unplaced = parsed.success ? null : addIssues(sink, parsed.error.issues, '');
  if (!sink.empty || unplaced) return { errors: sink.result(unplaced) };
  return { input };
}

/** main's VALIDATION details beside their fields; the message itself as the form-level line. */
export function errorsFromDetails(message: string, details: unknown): FormErrors {
  const sink = new ErrorSink();
  if (Array.isArray(details)) {
    for (const item of details as unknown[]) {
      const { path, message: m } = (item ?? {}) as { path?: unknown; message?: unknown };
      const key = typeof path === 'string' ? fieldOfPath(path) : null;
      if (key && typeof m === 'string') sink.add(key, m);
    }
  }
  return { fields: sink.fields, form: message };
}
