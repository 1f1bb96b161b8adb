// Typed attribute values: text a technician types ↔ the octets on the wire, by dictionary type.
// Decoding never throws: a value that does not fit its type is shown as hex and flagged, since a
// test client exists precisely to look at what a misbehaving server sent.
import { isIPv4, isIPv6 } from 'node:net';
import type { AttributeDef } from './dictionary';
import { ipv6Text } from '../util/ipv6Text';

export class AttributeValueError extends Error {}

const MAX_VALUE = 253;

export function hex(buf: Uint8Array): string {
  return `0x${Buffer.from(buf).toString('hex')}`;
}

function parseHex(text: string): Buffer | undefined {
  const m = /^0x((?:[0-9a-f]{2})*)$/i.exec(text.trim());
  return m ? Buffer.from(m[1] ?? '', 'hex') : undefined;
}

function uintFrom(text: string, bits: number, def: AttributeDef): number {
  const named = def.values.get(text.trim().toLowerCase());
  if (named !== undefined) return named;
  const t = text.trim();
  if (!/^\d+$/.test(t) && !/^0x[0-9a-f]+$/i.test(t)) {
    const known = [...def.valueNames.values()].slice(0, 8).join(', ');
    throw new AttributeValueError(`${def.name} takes a number${known ? ` or one of: ${known}` : ''}`);
  }
  const n = Number(t);
  if (!Number.isSafeInteger(n) || n < 0 || n >= 2 ** bits) throw new AttributeValueError(`${def.name} must be 0–${2 ** bits - 1}`);
  return n;
}

function ipv6Bytes(text: string, name: string): Buffer {
  const t = text.trim();
  if (!isIPv6(t)) throw new AttributeValueError(`${name} must be an IPv6 address`);
  let head = t;
  let tail = '';
  const dbl = t.indexOf('::');
  if (dbl >= 0) {
    head = t.slice(0, dbl);
    tail = t.slice(dbl + 2);
  }
  const groups = (s: string): number[] => {
    if (s === '') return [];
    const out: number[] = [];
    for (const part of s.split(':')) {
      if (isIPv4(part)) {
        const o = part.split('.').map(Number);
        out.push(((o[0] ?? 0) << 8) | (o[1] ?? 0), ((o[2] ?? 0) << 8) | (o[3] ?? 0));
      } else out.push(parseInt(part, 16));
    }
    return out;
  };
  const h = groups(head);
  const tl = groups(tail);
  const all = dbl >= 0 ? [...h, ...new Array<number>(8 - h.length - tl.length).fill(0), ...tl] : h;
  const buf = Buffer.alloc(16);
  all.forEach((g, i) => buf.writeUInt16BE(g, i * 2));
  return buf;
}


/** Encodes a typed value (no tag, no hiding: the packet encoder adds those). */
export function encodeValue(def: AttributeDef, text: string): Buffer {
  const asHex = parseHex(text);
  let out: Buffer;
  switch (def.type) {
    case 'string':
      out = Buffer.from(text, 'utf8');
      break;
    case 'octets':
      out = asHex ?? Buffer.from(text, 'utf8');
      break;
    case 'ipaddr': {
      const t = text.trim();
      if (!isIPv4(t)) throw new AttributeValueError(`${def.name} must be an IPv4 address`);
      out = Buffer.from(t.split('.').map(Number));
      break;
    }
    case 'ipv6addr':
      out = ipv6Bytes(text, def.name);
      break;
    case 'ipv6prefix': {
      const [addr, lenText] = text.trim().split('/');
      const len = Number(lenText);
      if (!addr || !Number.isInteger(len) || len < 0 || len > 128) throw new AttributeValueError(`${def.name} must be an IPv6 prefix like 2001:db8::/48`);
      const bytes = ipv6Bytes(addr, def.name);
      out = Buffer.concat([Buffer.from([0, len]), bytes.subarray(0, Math.ceil(len / 8))]);
      break;
    }
    case 'integer':
    case 'date':
    case 'time': {
      let n: number;
      if ((def.type === 'date' || def.type === 'time') && !/^\d+$/.test(text.trim())) {
        const ms = Date.parse(text);
        if (Number.isNaN(ms)) throw new AttributeValueError(`${def.name} takes a Unix time or an ISO date`);
        n = Math.floor(ms / 1000);
        // 32 unsigned bits of seconds: 1970 to 2106; anything else would wrap to another date
        if (n < 0 || n >= 2 ** 32) throw new AttributeValueError(`${def.name} must be between 1970 and 2106`);
      } else n = uintFrom(text, 32, def);
      out = Buffer.alloc(4);
      out.writeUInt32BE(n >>> 0);
      break;
    }
    case 'integer64': {
      const t = text.trim();
      if (!/^\d+$/.test(t) || BigInt(t) >= 2n ** 64n) throw new AttributeValueError(`${def.name} must be 0–18446744073709551615`);
      out = Buffer.alloc(8);
      out.writeBigUInt64BE(BigInt(t));
      break;
    }
    case 'byte':
      out = Buffer.from([uintFrom(text, 8, def)]);
      break;
    case 'short':
      out = Buffer.alloc(2);
      out.writeUInt16BE(uintFrom(text, 16, def));
      break;
    case 'signed': {
      const n = /^[+-]?\d+$/.test(text.trim()) ? Number(text.trim()) : NaN;
      if (!Number.isInteger(n) || n < -(2 ** 31) || n >= 2 ** 31) throw new AttributeValueError(`${def.name} must be a signed 32-bit number`);
      out = Buffer.alloc(4);
      out.writeInt32BE(n);
      break;
    }
    case 'ether': {
      const parts = text.trim().split(/[:-]/);
      if (parts.length !== 6 || parts.some((p) => !/^[0-9a-f]{1,2}$/i.test(p))) throw new AttributeValueError(`${def.name} must be a MAC address`);
      out = Buffer.from(parts.map((p) => parseInt(p, 16)));
      break;
    }
    case 'ifid': {
      const digits = text.trim().replace(/:/g, '');
      if (!/^[0-9a-f]{16}$/i.test(digits)) throw new AttributeValueError(`${def.name} must be an interface id like 0011:22ff:fe33:4455`);
      out = Buffer.from(digits, 'hex');
      break;
    }
  }
  const room = MAX_VALUE - (def.vendorId !== null ? 6 : 0) - (def.hasTag ? 1 : 0);
  if (out.length > room) throw new AttributeValueError(`${def.name} is ${out.length} bytes; at most ${room} fit in one attribute`);
  return out;
}

export interface DecodedValue {
  value: string;
  /** Set when the octets do not fit the dictionary type (shown as hex instead). */
  problem: string | null;
}

const PRINTABLE = /^[\p{L}\p{N}\p{P}\p{S}\p{Zs}\t\r\n]*$/u;

function fixedLength(def: AttributeDef, buf: Buffer, n: number): string | null {
  return buf.length === n ? null : `${def.name} should be ${n} bytes, got ${buf.length}`;
}

export function decodeValue(def: AttributeDef, buf: Buffer): DecodedValue {
  const bad = (problem: string): DecodedValue => ({ value: hex(buf), problem });
  switch (def.type) {
    case 'string': {
      const text = buf.toString('utf8');
      // a string that is not valid printable UTF-8 is shown as hex, as radclient does
      if (Buffer.from(text, 'utf8').equals(buf) && PRINTABLE.test(text)) return { value: text, problem: null };
      return { value: hex(buf), problem: null };
    }
    case 'octets':
      return { value: hex(buf), problem: null };
    case 'ipaddr': {
      const p = fixedLength(def, buf, 4);
      return p ? bad(p) : { value: [...buf].join('.'), problem: null };
    }
    case 'ipv6addr': {
      const p = fixedLength(def, buf, 16);
      return p ? bad(p) : { value: ipv6Text(buf), problem: null };
    }
    case 'ipv6prefix': {
      const len = buf[1] ?? 0;
      if (buf.length < 2 || buf.length > 18 || len > 128 || buf.length - 2 < Math.ceil(len / 8)) return bad(`${def.name} is not a valid IPv6 prefix`);
      const full = Buffer.alloc(16);
      buf.copy(full, 0, 2);
      return { value: `${ipv6Text(full)}/${len}`, problem: null };
    }
    case 'integer':
    case 'date':
    case 'time': {
      const p = fixedLength(def, buf, 4);
      if (p) return bad(p);
      const n = buf.readUInt32BE(0);
      if (def.type !== 'integer') return { value: new Date(n * 1000).toISOString(), problem: null };
      return { value: def.valueNames.get(n) ?? String(n), problem: null };
    }
    case 'integer64': {
      const p = fixedLength(def, buf, 8);
      return p ? bad(p) : { value: buf.readBigUInt64BE(0).toString(), problem: null };
    }
    case 'byte': {
      const p = fixedLength(def, buf, 1);
      return p ? bad(p) : { value: def.valueNames.get(buf[0] ?? 0) ?? String(buf[0]), problem: null };
    }
    case 'short': {
      const p = fixedLength(def, buf, 2);
      return p ? bad(p) : { value: def.valueNames.get(buf.readUInt16BE(0)) ?? String(buf.readUInt16BE(0)), problem: null };
    }
    case 'signed': {
      const p = fixedLength(def, buf, 4);
      return p ? bad(p) : { value: String(buf.readInt32BE(0)), problem: null };
    }
    case 'ether': {
      const p = fixedLength(def, buf, 6);
      return p ? bad(p) : { value: [...buf].map((b) => b.toString(16).padStart(2, '0')).join(':'), problem: null };
    }
    case 'ifid': {
      const p = fixedLength(def, buf, 8);
      return p ? bad(p) : { value: (buf.toString('hex').match(/.{4}/g) ?? []).join(':'), problem: null };
    }
  }
}
