// The RADIUS forms as plain strings, and the mapping between them, the shared zod request schemas
// (the very ones the host validates with) and the host's VALIDATION details. Nothing here throws
// away what the user typed: a refused request only adds errors beside the fields.
import { RADIUS_DEFAULT_PORTS } from '../../../../shared/domain/radius';
import type { ChannelName, RequestOf } from '../../../../shared/ipc/channels';
import { contract } from '../../../../shared/ipc/schemas';
import { ApiError } from '../../lib/api';
import type { AttrRow, DictionaryAttribute, FormErrors, RadiusAttrInput, RadiusProfile, RadiusTarget } from './types';

/** Which of a server's ports a packet goes to. */
export type PortKind = 'auth' | 'acct' | 'coa';

export interface TargetForm {
  /** '' = an ad-hoc server typed below. */
  profileId: string;
  host: string;
  authPort: string;
  acctPort: string;
  coaPort: string;
  /** Ad-hoc only; held in memory for this session, never persisted, never sent back by the host. */
  secret: string;
  timeoutMs: string;
  retries: string;
  strict: boolean;
}

export const EMPTY_TARGET: TargetForm = {
  profileId: '',
  host: '',
  authPort: String(RADIUS_DEFAULT_PORTS.auth),
  acctPort: String(RADIUS_DEFAULT_PORTS.acct),
  coaPort: String(RADIUS_DEFAULT_PORTS.coa),
  secret: '',
  timeoutMs: '3000',
  retries: '2',
  strict: false,
};

export const PORT_FIELD: Record<PortKind, 'authPort' | 'acctPort' | 'coaPort'> = { auth: 'authPort', acct: 'acctPort', coa: 'coaPort' };

/** Collects field errors while a request is built from the form. */
export class ErrorSink {
  readonly fields: Record<string, string> = {};

  add(key: string, message: string): void {
    if (!this.fields[key]) this.fields[key] = message;
  }

  get empty(): boolean {
    return Object.keys(this.fields).length === 0;
  }

  result(form: string | null = null): FormErrors {
    return { fields: { ...this.fields }, form: form ?? (this.empty ? null : 'Fix the marked fields; nothing was sent.') };
  }
}

/** An integer field: undefined when empty, a field error (and undefined) when not a whole number in range. */
export function intField(raw: string, key: string, label: string, min: number, max: number, sink: ErrorSink): number | undefined {
  const s = raw.trim();
  if (s === '') return undefined;
  if (!/^-?\d+$/.test(s)) {
    sink.add(key, `${label} must be a whole number`);
    return undefined;
  }
  const n = Number(s);
  if (n < min || n > max) {
    sink.add(key, `${label} must be ${min.toLocaleString()}–${max.toLocaleString()}`);
    return undefined;
  }
  return n;
}

/** A decimal field (seconds, megabytes): undefined when empty. */
export function numberField(raw: string, key: string, label: string, min: number, max: number, sink: ErrorSink): number | undefined {
  const s = raw.trim();
  if (s === '') return undefined;
  const n = Number(s);
  if (!Number.isFinite(n)) {
    sink.add(key, `${label} must be a number`);
    return undefined;
  }
  if (n < min || n > max) {
    sink.add(key, `${label} must be ${min.toLocaleString()}–${max.toLocaleString()}`);
    return undefined;
  }
  return n;
}

/**
 * The target of a request: the saved profile (its secret stays in the vault; `port` only when the
 * packet goes to a port other than the profile's own for that type), or the ad-hoc server.
 */
export function buildTarget(t: TargetForm, portKind: PortKind | null, profiles: readonly RadiusProfile[], sink: ErrorSink, hostPortKind: PortKind | null = portKind): RadiusTarget {
  if (t.profileId) {
    const target: RadiusTarget = { profileId: t.profileId };
    const profile = profiles.find((p) => p.id === t.profileId);
    if (!profile) sink.add('profile', 'this profile no longer exists; choose another');
    // the host picks the profile's port by packet type (Status-Server: the auth port); name it
    // only when this packet goes elsewhere (Status-Server to the accounting port)
    else if (portKind && hostPortKind && portKind !== hostPortKind) target.port = profile[PORT_FIELD[portKind]];
    return target;
  }
  const target: RadiusTarget = {};
  const host = t.host.trim();
  if (host === '') sink.add('host', 'server address is required');
  else target.host = host;
  if (t.secret === '') sink.add('secret', 'shared secret is required');
  else target.secret = t.secret;
  if (portKind) {
    const field = PORT_FIELD[portKind];
    const port = intField(t[field], field, 'port', 1, 65535, sink);
    if (port !== undefined) target.port = port;
  }
  return target;
}

/** Timeout, retries and strict mode as sent with every packet. */
export function buildSendOptions(t: TargetForm, sink: ErrorSink): { timeoutMs?: number; retries?: number; strict: boolean } {
  const out: { timeoutMs?: number; retries?: number; strict: boolean } = { strict: t.strict };
  const timeoutMs = intField(t.timeoutMs, 'timeoutMs', 'timeout', 100, 60_000, sink);
  if (timeoutMs !== undefined) out.timeoutMs = timeoutMs;
  const retries = intField(t.retries, 'retries', 'retries', 0, 10, sink);
  if (retries !== undefined) out.retries = retries;
  return out;
}

/** Dictionary lookups by lower-case name (FreeRADIUS matches names case-insensitively). */
export type DictIndex = ReadonlyMap<string, DictionaryAttribute>;

export function indexDictionary(attrs: readonly DictionaryAttribute[]): DictIndex {
  const m = new Map<string, DictionaryAttribute>();
  for (const a of attrs) m.set(a.name.toLowerCase(), a);
  return m;
}

/** `Tunnel-Type:1` → the dictionary entry of `Tunnel-Type` and the tag suffix `:1`. */
export function lookupAttribute(dict: DictIndex, typed: string): { def: DictionaryAttribute | undefined; tag: string } {
  const m = /^(.+?)(:\d{1,2})?$/.exec(typed.trim());
  if (!m?.[1]) return { def: undefined, tag: '' };
  return { def: dict.get(m[1].toLowerCase()), tag: m[2] ?? '' };
}

const INTEGER_TYPES = new Set(['integer', 'integer64', 'short', 'byte', 'signed', 'uint8', 'uint16', 'uint32', 'uint64', 'int32', 'int64']);
const IPV4 = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/;

/** The obvious local checks of one value against its dictionary type; the host has the last word. */
export function checkAttributeValue(def: DictionaryAttribute, value: string): string | null {
  const type = def.type.toLowerCase();
  const v = value.trim();
  if (INTEGER_TYPES.has(type)) {
    if (def.values.some((x) => x.toLowerCase() === v.toLowerCase())) return null;
    if (!(type === 'signed' || type.startsWith('int') ? /^-?\d+$/ : /^\d+$/).test(v)) {
      return def.values.length > 0 ? `a number or one of ${def.values.slice(0, 6).join(', ')}${def.values.length > 6 ? ', …' : ''}` : 'must be a whole number';
    }
    return null;
  }
  if (type === 'ipaddr' && !IPV4.test(v)) return 'must be an IPv4 address';
  if (type === 'ipv6addr' && !v.includes(':')) return 'must be an IPv6 address';
  if (type === 'octets' && /^0x/i.test(v) && !/^0x([0-9a-f]{2})*$/i.test(v)) return 'hex octets need an even number of hex digits after 0x';
  return null;
}

/**
 * The extra attributes to send, with field errors keyed by row index, and where each sent attribute
 * came from (so the host's `attributes.N.*` errors land on the right row). Rows without a value are
 * not sent: the starting rows name common attributes as a template, to be filled in or left alone.
 */
export function buildAttributes(rows: readonly AttrRow[], dict: DictIndex, sink: ErrorSink): { attributes: RadiusAttrInput[]; rowOf: number[] } {
  const attributes: RadiusAttrInput[] = [];
  const rowOf: number[] = [];
  rows.forEach((row, i) => {
    const name = row.name.trim();
    if (row.value === '') return;
    if (name === '') {
      sink.add(`attr.${i}.name`, 'attribute name is required');
      return;
    }
    const { def, tag } = lookupAttribute(dict, name);
    if (def) {
      const problem = checkAttributeValue(def, row.value);
      if (problem) sink.add(`attr.${i}.value`, problem);
    }
    attributes.push({ name: def ? `${def.name}${tag}` : name, value: row.value });
    rowOf.push(i);
  });
  return { attributes, rowOf };
}

/** Field key of a request path as the host and zod report it (`target.host`, `attributes.2.value`). */
export function fieldOfPath(path: string, portKind: PortKind | null, rowOf: readonly number[] = []): string | null {
  const parts = path.split('.').filter(Boolean);
  if (parts.length === 0) return null;
  if (parts[0] === 'target') {
    const f = parts[1];
    if (f === undefined) return 'host';
    if (f === 'port') return portKind ? PORT_FIELD[portKind] : 'authPort';
    if (f === 'profileId') return 'profile';
    return f;
  }
  if (parts[0] === 'attributes') {
    const sent = Number(parts[1]);
    const row = rowOf[sent] ?? sent;
    return Number.isInteger(row) ? `attr.${row}.${parts[2] ?? 'name'}` : null;
  }
  return parts[0] ?? null;
}

/** Checks a request with the contract's own schema before it leaves; null when it passes. */
export function validateRequest<C extends ChannelName>(channel: C, req: RequestOf<C>, portKind: PortKind | null, rowOf: readonly number[] = []): FormErrors | null {
  const r = contract[channel].request.safeParse(req);
  if (r.success) return null;
  const sink = new ErrorSink();
  let unmapped: string | null = null;
  for (const issue of r.error.issues) {
    const key = fieldOfPath(issue.path.map(String).join('.'), portKind, rowOf);
    if (key) sink.add(key, issue.message);
    else unmapped ??= issue.message;
  }
  return sink.result(unmapped);
}

/**
 * The host's refusal: every `details: [{path, message}]` beside its field, and the message itself
 * as the form-level line (it names the path), so nothing is hidden when a field is not on screen.
 */
export function errorsFromServer(err: unknown, portKind: PortKind | null, rowOf: readonly number[] = []): FormErrors {
  if (!(err instanceof ApiError)) return { fields: {}, form: err instanceof Error ? err.message : String(err) };
  const sink = new ErrorSink();
  if (err.code === 'VALIDATION' && Array.isArray(err.details)) {
    for (const item of err.details as unknown[]) {
      if (typeof item !== 'object' || item === null) continue;
      const { path, message } = item as { path?: unknown; message?: unknown };
      if (typeof path !== 'string' || typeof message !== 'string') continue;
      const key = fieldOfPath(path, portKind, rowOf);
      if (key) sink.add(key, message);
    }
  }
  const prefix = err.code === 'VALIDATION' ? 'The host refused the request: ' : '';
  return { fields: sink.fields, form: `${prefix}${err.message}` };
}

/** A new Acct-Session-Id in the hex style NASes use. */
export function newAcctSessionId(): string {
  const bytes = new Uint8Array(4);
  crypto.getRandomValues(bytes);
  return [...bytes].map((b) => b.toString(16).padStart(2, '0')).join('').toUpperCase();
}

/** A UUID v4; crypto.randomUUID is missing outside secure contexts, getRandomValues is not. */
export function newUuid(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const b = new Uint8Array(16);
  crypto.getRandomValues(b);
  b[6] = ((b[6] ?? 0) & 0x0f) | 0x40;
  b[8] = ((b[8] ?? 0) & 0x3f) | 0x80;
  const h = [...b].map((x) => x.toString(16).padStart(2, '0')).join('');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}
