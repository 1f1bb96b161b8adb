// Varbinds as net-snmp decodes them → the contract's typed varbind (values as text, nothing lost):
// Counter64 arrives as a variable-length big-endian Buffer and becomes an exact decimal string;
// OctetString becomes text when it is printable UTF-8, else "0a 1b …" hex; TimeTicks and named
// enumerations (ifOperStatus 1 → up) get a display form. This runs once per varbind of every walk,
// so it avoids per-call allocations it does not need (no regexes over values, no BigInt below 2^48).
import { isUtf8 } from 'node:buffer';
import type { Varbind as RawVarbind } from 'net-snmp';
import type { z } from 'zod';
import type { SnmpValueType } from '../../../shared/domain/snmp';
import type { varbindSchema } from '../../../shared/ipc/snmpSchemas';
import { enumFor, nameOid } from './mib';

export type SnmpVarbind = z.infer<typeof varbindSchema>;

/** ASN.1/SMI tag → our type name. */
const TYPE_BY_TAG: Readonly<Record<number, SnmpValueType>> = {
  1: 'Integer', // BOOLEAN never appears in SNMP; treat as an integer if an agent sends one
  2: 'Integer',
  4: 'OctetString',
  5: 'Null',
  6: 'OID',
  64: 'IpAddress',
  65: 'Counter32',
  66: 'Gauge32',
  67: 'TimeTicks',
  68: 'Opaque',
  70: 'Counter64',
  128: 'NoSuchObject',
  129: 'NoSuchInstance',
  130: 'EndOfMibView',
};

/** Exact unsigned decimal of a big-endian byte string of any length. */
export function unsignedDecimal(buf: Buffer): string {
  let start = 0;
  while (start < buf.length - 1 && buf[start] === 0) start++;
  const len = buf.length - start;
  if (len === 0) return '0';
  if (len <= 6) return String(buf.readUIntBE(start, len));
  return BigInt(`0x${buf.toString('hex', start)}`).toString();
}

const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));

export function hexBytes(buf: Buffer): string {
  let out = '';
  for (let i = 0; i < buf.length; i++) out += i === 0 ? HEX[buf[i] ?? 0] : ` ${HEX[buf[i] ?? 0]}`;
  return out;
}

/**
 * Printable means: valid UTF-8 with no control characters except tab, newline and CR. Anything else
 * (MAC addresses, bit strings, DateAndTime, a string with a NUL) is shown as hex, so the text shown
 * is always exactly the bytes the agent sent.
 */
export function octetStringText(buf: Buffer): string | null {
  let ascii = true;
  for (let i = 0; i < buf.length; i++) {
    const b = buf[i] ?? 0;
    if (b < 0x20) {
      if (b !== 0x09 && b !== 0x0a && b !== 0x0d) return null;
    } else if (b === 0x7f) return null;
    else if (b > 0x7f) ascii = false;
  }
  if (ascii) return buf.toString('latin1');
  return isUtf8(buf) ? buf.toString('utf8') : null;
}

/** TimeTicks (1/100 s) as snmpwalk shows them: "3 days, 4:05:06.07". */
export function timeTicksDisplay(ticks: number): string {
  const cs = ticks % 100;
  let s = Math.floor(ticks / 100);
  const days = Math.floor(s / 86400);
  s -= days * 86400;
  const h = Math.floor(s / 3600);
  s -= h * 3600;
  const m = Math.floor(s / 60);
  s -= m * 60;
  const clock = `${h}:${String(m).padStart(2, '0')}:${String(s).padStart(2, '0')}.${String(cs).padStart(2, '0')}`;
  return days === 0 ? clock : `${days} day${days === 1 ? '' : 's'}, ${clock}`;
}

function integerText(value: RawVarbind['value']): string {
  if (typeof value === 'number') return String(value);
  if (Buffer.isBuffer(value)) return unsignedDecimal(value);
  return String(value);
}

export function decodeVarbind(raw: RawVarbind): SnmpVarbind {
  const type = TYPE_BY_TAG[raw.type] ?? 'Opaque';
  const named = nameOid(raw.oid);
  const name = named === undefined ? null : named.entry.name + named.instance;
  const v = raw.value;
  switch (type) {
    case 'OctetString': {
      const buf = Buffer.isBuffer(v) ? v : Buffer.from(String(v ?? ''));
      const text = octetStringText(buf);
      return text === null
        ? { oid: raw.oid, name, type, value: hexBytes(buf), encoding: 'hex', display: null }
        : { oid: raw.oid, name, type, value: text, encoding: 'text', display: null };
    }
    case 'Opaque':
      return { oid: raw.oid, name, type, value: Buffer.isBuffer(v) ? hexBytes(v) : String(v ?? ''), encoding: 'hex', display: null };
    case 'Integer': {
      const value = integerText(v);
      const labels = named === undefined ? undefined : enumFor(named.entry.name);
      const label = labels?.[Number(value)];
      return { oid: raw.oid, name, type, value, encoding: null, display: label === undefined ? null : label };
    }
    case 'TimeTicks': {
      const ticks = typeof v === 'number' ? v : Number(v);
      return { oid: raw.oid, name, type, value: String(ticks), encoding: null, display: timeTicksDisplay(ticks) };
    }
    case 'Counter32':
    case 'Gauge32':
    case 'Counter64':
      return { oid: raw.oid, name, type, value: integerText(v), encoding: null, display: null };
    case 'OID': {
      const value = String(v ?? '');
      return { oid: raw.oid, name, type, value, encoding: null, display: oidDisplay(value) };
    }
    case 'IpAddress':
      return { oid: raw.oid, name, type, value: String(v ?? ''), encoding: null, display: null };
    default:
      // Null and the v2 exceptions (noSuchObject, noSuchInstance, endOfMibView): typed, not errors
      return { oid: raw.oid, name, type, value: '', encoding: null, display: null };
  }
}

function oidDisplay(oid: string): string | null {
  const named = nameOid(oid);
  // "mib-2.49" says less than the number itself: name values only by a specific entry
  if (named === undefined || (named.entry.kind === 'node' && named.instance !== '')) return null;
  return named.entry.name + named.instance;
}

export function isException(v: SnmpVarbind): boolean {
  return v.type === 'NoSuchObject' || v.type === 'NoSuchInstance' || v.type === 'EndOfMibView';
}

/** snmpwalk-like text: `ifOperStatus.1 = INTEGER: up(1)`. */
export function formatVarbind(v: SnmpVarbind): string {
  const left = v.name ?? v.oid;
  switch (v.type) {
    case 'NoSuchObject':
      return `${left} = No Such Object available on this agent at this OID`;
    case 'NoSuchInstance':
      return `${left} = No Such Instance currently exists at this OID`;
    case 'EndOfMibView':
      return `${left} = No more variables left in this MIB View (It is past the end of the MIB tree)`;
    case 'Null':
      return `${left} = NULL`;
    case 'OctetString':
      return v.encoding === 'hex' ? `${left} = Hex-STRING: ${v.value.toUpperCase()}` : `${left} = STRING: ${JSON.stringify(v.value)}`;
    case 'Integer':
      return `${left} = INTEGER: ${v.display === null ? v.value : `${v.display}(${v.value})`}`;
    case 'TimeTicks':
      return `${left} = Timeticks: (${v.value}) ${v.display ?? ''}`;
    case 'OID':
      return `${left} = OID: ${v.display ?? v.value}`;
    case 'Counter32':
      return `${left} = Counter32: ${v.value}`;
    case 'Gauge32':
      return `${left} = Gauge32: ${v.value}`;
    case 'Counter64':
      return `${left} = Counter64: ${v.value}`;
    case 'IpAddress':
      return `${left} = IpAddress: ${v.value}`;
    case 'Opaque':
      return `${left} = Opaque: ${v.value.toUpperCase()}`;
  }
}

/**
 * The JSON line `noc snmp … --json` prints for a varbind: exactly what JSON.stringify gives for
 * it (same keys, same order), built directly, a third of the cost on a 200,000-line walk. OIDs,
 * names, types and encodings never need escaping; value and display go through JSON.stringify.
 */
export function varbindJsonLine(v: SnmpVarbind): string {
  const name = v.name === null ? 'null' : `"${v.name}"`;
  const encoding = v.encoding === null ? 'null' : `"${v.encoding}"`;
  const display = v.display === null ? 'null' : JSON.stringify(v.display);
  return `{"oid":"${v.oid}","name":${name},"type":"${v.type}","value":${JSON.stringify(v.value)},"encoding":${encoding},"display":${display}}`;
}
