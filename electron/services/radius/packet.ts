// RADIUS packets: request encoding (framing, User-Password hiding and the Request Authenticator by
// the `radius` package), and everything about replies owned here — bounds-checked parsing that
// never throws past `decodePacket`, Response Authenticator and Message-Authenticator checks in
// constant time (RFC 2865 §3, RFC 3579 §3.2, BlastRADIUS / CVE-2024-3596).
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import radius from 'radius';
import type { AttributeDef, RadiusDictionary } from './dictionary';
import { decodeValue, hex } from './attributeValues';
import type { MessageAuthenticatorState } from '../../../shared/domain/radius';
import type { RadiusAttribute } from '../../../shared/ipc/radiusSchemas';

export const CODES: Readonly<Record<number, string>> = {
  1: 'Access-Request',
  2: 'Access-Accept',
  3: 'Access-Reject',
  4: 'Accounting-Request',
  5: 'Accounting-Response',
  11: 'Access-Challenge',
  12: 'Status-Server',
  13: 'Status-Client',
  40: 'Disconnect-Request',
  41: 'Disconnect-ACK',
  42: 'Disconnect-NAK',
  43: 'CoA-Request',
  44: 'CoA-ACK',
  45: 'CoA-NAK',
};
export const CODE = {
  accessRequest: 1,
  accessAccept: 2,
  accessReject: 3,
  accountingRequest: 4,
  accountingResponse: 5,
  accessChallenge: 11,
  statusServer: 12,
  disconnectRequest: 40,
  coaRequest: 43,
} as const;

export const HEADER_LENGTH = 20;
export const MAX_PACKET = 4096;
const MESSAGE_AUTHENTICATOR = 80;
const MAX_ATTRIBUTE_VALUE = 253;
const VENDOR_SPECIFIC = 26;

export function codeName(code: number): string {
  return CODES[code] ?? `Unknown-Code-${code}`;
}

/** An attribute ready for the wire: value already typed; User-Password still in clear. */
export interface OutgoingAttribute {
  readonly def: AttributeDef;
  readonly tag: number | null;
  readonly value: Buffer;
}

export interface RequestSpec {
  readonly code: number;
  readonly identifier: number;
  /** Random for Access-Request/Status-Server; ignored (computed) for the others. */
  readonly authenticator: Buffer;
  readonly secret: string;
  readonly attributes: readonly OutgoingAttribute[];
  /** Put a Message-Authenticator first (Access-Request, Status-Server). */
  readonly messageAuthenticator: boolean;
}

type PackageAttribute = [number | string, Buffer | string] | [string, number, PackageAttribute[]];

function valueWithTag(a: OutgoingAttribute): Buffer {
  if (a.tag === null) return a.value;
  // RFC 2868 §3: a tagged integer gives its first octet to the tag
  const body = a.def.type === 'integer' ? a.value.subarray(1) : a.value;
  return Buffer.concat([Buffer.from([a.tag]), body]);
}

function hiddenValue(a: OutgoingAttribute, spec: RequestSpec): Buffer {
  const out = Buffer.alloc(Math.max(1, Math.ceil(a.value.length / 16)) * 16);
  const room = MAX_ATTRIBUTE_VALUE - (a.def.vendorId !== null ? 6 : 0);
  if (out.length > room) throw new RangeError(`${a.def.name} is ${a.value.length} bytes; hidden it needs ${out.length} and at most ${room} fit in one attribute`);
  hidePassword(a.value, Buffer.from(spec.secret, 'utf8'), spec.authenticator, out, 0);
  return out;
}

/** Encodes a request; returns the packet. Throws on a value too long for the packet. */
export function encodeRequest(spec: RequestSpec): Buffer {
  const list: PackageAttribute[] = [];
  let size = HEADER_LENGTH;
  if (spec.messageAuthenticator) {
    list.push([MESSAGE_AUTHENTICATOR, Buffer.alloc(16)]);
    size += 18;
  }
  for (const a of spec.attributes) {
    // encrypt=1 values are hidden here, not by the package: it sends an empty password as a
    // zero-length attribute (RFC 2865 §5.2 wants at least one 16-octet block), goes through a
    // UTF-8 string, and would put an encrypt=1 VSA on the wire as User-Password
    const value = a.def.encrypt === 1 ? hiddenValue(a, spec) : valueWithTag(a);
    // checked here because the package writes into a 4096-octet buffer: past it, it either
    // throws about offsets or silently cuts the last attribute and leaves a Length above 4096
    const room = MAX_ATTRIBUTE_VALUE - (a.def.vendorId !== null ? 6 : 0);
    if (value.length > room) throw new RangeError(`${a.def.name} is ${value.length} bytes; at most ${room} fit in one attribute`);
    size += value.length + (a.def.vendorId !== null ? 8 : 2);
    if (size > MAX_PACKET) throw new RangeError(`request would be over ${MAX_PACKET} bytes, the most RADIUS allows: send fewer or shorter attributes`);
    if (a.def.vendorId !== null) {
      list.push(['Vendor-Specific', a.def.vendorId, [[a.def.code, value]]]);
    } else {
      list.push([a.def.code, value]);
    }
  }
  const packet: Buffer = radius.encode({
    code: codeName(spec.code),
    identifier: spec.identifier,
    authenticator: spec.code === CODE.accessRequest || spec.code === CODE.statusServer ? Buffer.from(spec.authenticator) : undefined,
    attributes: list,
    secret: spec.secret,
    add_message_authenticator: false,
  });
  if (packet.length > MAX_PACKET) throw new RangeError(`request is ${packet.length} bytes; RADIUS allows ${MAX_PACKET}`);
  if (spec.messageAuthenticator) signMessageAuthenticator(packet, spec.secret, HEADER_LENGTH + 2);
  return packet;
}

/** Fills the 16 zero octets at `valueOffset` with HMAC-MD5(secret, packet) (RFC 3579 §3.2). */
export function signMessageAuthenticator(packet: Buffer, secret: string | Buffer, valueOffset: number): void {
  packet.fill(0, valueOffset, valueOffset + 16);
  createHmac('md5', secret).update(packet).digest().copy(packet, valueOffset);
}

/** RFC 2865 §5.2 User-Password hiding, for the load generator's per-request re-hide. */
export function hidePassword(password: Buffer, secret: Buffer, authenticator: Buffer, out: Buffer, outOffset: number): void {
  const blocks = Math.max(1, Math.ceil(password.length / 16));
  let prev: Buffer = authenticator;
  for (let b = 0; b < blocks; b++) {
    const x = createHash('md5').update(secret).update(prev).digest();
    for (let i = 0; i < 16; i++) {
      const p = b * 16 + i < password.length ? (password[b * 16 + i] ?? 0) : 0;
      out[outOffset + b * 16 + i] = p ^ (x[i] ?? 0);
    }
    prev = out.subarray(outOffset + b * 16, outOffset + b * 16 + 16);
  }
}

// ── Replies ──────────────────────────────────────────────────────────────────────────────────

export class MalformedPacketError extends Error {}

export interface RawAttribute {
  readonly type: number;
  /** Offset of the attribute's type octet in the packet. */
  readonly offset: number;
  readonly value: Buffer;
}

export interface RawPacket {
  readonly code: number;
  readonly identifier: number;
  readonly length: number;
  readonly authenticator: Buffer;
  readonly attributes: readonly RawAttribute[];
  /** The packet up to its Length field (octets beyond it are padding, RFC 2865 §3). */
  readonly bytes: Buffer;
}

/** Parses the framing. Throws MalformedPacketError (only) for anything that is not a RADIUS packet. */
export function decodePacket(buf: Buffer): RawPacket {
  if (buf.length < HEADER_LENGTH) throw new MalformedPacketError(`packet is ${buf.length} bytes; a RADIUS header is 20`);
  const length = buf.readUInt16BE(2);
  if (length < HEADER_LENGTH || length > MAX_PACKET) throw new MalformedPacketError(`Length field says ${length}; it must be 20–4096`);
  if (length > buf.length) throw new MalformedPacketError(`Length field says ${length} but only ${buf.length} bytes arrived`);
  const bytes = buf.subarray(0, length);
  const attributes: RawAttribute[] = [];
  for (let off = HEADER_LENGTH; off < length; ) {
    if (off + 2 > length) throw new MalformedPacketError(`attribute at offset ${off} is cut off`);
    const type = bytes[off] ?? 0;
    const alen = bytes[off + 1] ?? 0;
    if (alen < 2) throw new MalformedPacketError(`attribute ${type} at offset ${off} has length ${alen}`);
    if (off + alen > length) throw new MalformedPacketError(`attribute ${type} at offset ${off} runs past the packet`);
    attributes.push({ type, offset: off, value: bytes.subarray(off + 2, off + alen) });
    off += alen;
  }
  return { code: bytes[0] ?? 0, identifier: bytes[1] ?? 0, length, authenticator: bytes.subarray(4, 20), attributes, bytes };
}

function safeEqual(a: Buffer, b: Buffer): boolean {
  return a.length === b.length && timingSafeEqual(a, b);
}

/** Response Authenticator = MD5(Code+ID+Length+RequestAuth+Attributes+Secret), RFC 2865 §3. */
export function responseAuthenticatorValid(reply: RawPacket, requestAuthenticator: Buffer, secret: string | Buffer): boolean {
  const h = createHash('md5');
  h.update(reply.bytes.subarray(0, 4));
  h.update(requestAuthenticator);
  h.update(reply.bytes.subarray(HEADER_LENGTH));
  h.update(secret);
  return safeEqual(h.digest(), reply.authenticator);
}

/** A reply's Message-Authenticator is HMAC-MD5 over it with the request's authenticator in place. */
export function messageAuthenticatorState(reply: RawPacket, requestAuthenticator: Buffer, secret: string | Buffer): MessageAuthenticatorState {
  const mas = reply.attributes.filter((a) => a.type === MESSAGE_AUTHENTICATOR);
  if (mas.length === 0) return 'missing';
  const ma = mas[0];
  if (mas.length > 1 || !ma || ma.value.length !== 16) return 'invalid';
  const copy = Buffer.from(reply.bytes);
  requestAuthenticator.copy(copy, 4);
  copy.fill(0, ma.offset + 2, ma.offset + 18);
  const expected = createHmac('md5', secret).update(copy).digest();
  return safeEqual(expected, ma.value) ? 'valid' : 'invalid';
}

export interface DecodedAttributes {
  attributes: RadiusAttribute[];
  problems: string[];
}

function unknownName(vendorId: number | null, code: number, dict: RadiusDictionary): string {
  if (vendorId === null) return `Attr-${code}`;
  return `${dict.vendorName(vendorId) ?? `Vendor-${vendorId}`}-Attr-${code}`;
}

const MICROSOFT = 311;
/** MS-CHAP-Error (2) and MS-CHAP2-Success (26) are an ident octet then text (RFC 2548 §2.1.5, §2.3.3). */
function identPrefixed(def: AttributeDef, body: Buffer): { value: string; problem: null } | null {
  if (def.vendorId !== MICROSOFT || (def.code !== 2 && def.code !== 26) || body.length < 2) return null;
  const text = body.subarray(1).toString('latin1');
  return /^[\x20-\x7e]*$/.test(text) ? { value: `ident ${body[0]}: ${text}`, problem: null } : null;
}

function decodeOne(def: AttributeDef | undefined, vendorId: number | null, code: number, value: Buffer, dict: RadiusDictionary, problems: string[]): RadiusAttribute {
  if (!def) {
    return { name: unknownName(vendorId, code, dict), value: hex(value), type: 'octets', vendor: vendorId === null ? null : (dict.vendorName(vendorId) ?? String(vendorId)), code, tag: null };
  }
  let tag: number | null = null;
  let body = value;
  if (def.hasTag && value.length > 0 && (value[0] ?? 0x20) <= 0x1f) {
    tag = value[0] ?? 0;
    // a tagged integer keeps three octets after its tag (RFC 2868 §3)
    body = def.type === 'integer' ? Buffer.concat([Buffer.alloc(1), value.subarray(1)]) : value.subarray(1);
  }
  const decoded = def.encrypt !== 0 ? { value: hex(body), problem: null } : identPrefixed(def, body) ?? decodeValue(def, body);
  if (decoded.problem) problems.push(decoded.problem);
  return { name: def.name, value: decoded.value, type: def.type, vendor: def.vendorName, code, tag };
}

/** Attributes by name and type; unknown ones as Attr-N / Vendor-Attr-N in hex. Never throws. */
export function decodeAttributes(raw: readonly RawAttribute[], dict: RadiusDictionary): DecodedAttributes {
  const attributes: RadiusAttribute[] = [];
  const problems: string[] = [];
  for (const a of raw) {
    if (a.type === VENDOR_SPECIFIC && a.value.length < 4) problems.push(`Vendor-Specific of ${a.value.length} bytes has no room for a vendor id`);
    else if (a.type === VENDOR_SPECIFIC) {
      const vendorId = a.value.readUInt32BE(0);
      const subs: RadiusAttribute[] = [];
      let ok = a.value.length >= 6;
      for (let off = 4; ok && off < a.value.length; ) {
        const code = a.value[off] ?? 0;
        const len = a.value[off + 1] ?? 0;
        if (len < 2 || off + len > a.value.length) {
          ok = false;
          break;
        }
        subs.push(decodeOne(dict.byNumber(vendorId, code), vendorId, code, a.value.subarray(off + 2, off + len), dict, problems));
        off += len;
      }
      if (ok) {
        attributes.push(...subs);
        continue;
      }
      problems.push(`Vendor-Specific for vendor ${vendorId} is not in the 1-octet type/length format`);
    }
    attributes.push(decodeOne(dict.byNumber(null, a.type), null, a.type, a.value, dict, problems));
  }
  return { attributes, problems };
}
