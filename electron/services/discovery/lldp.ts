// LLDP-MIB (IEEE 802.1AB) tables → plain facts: the local ports, the neighbours seen on each port,
// and their management addresses. Everything here is pure, so index decoding is unit-tested.
//
// Indexes (from the MIB): lldpLocPortTable by lldpLocPortNum; lldpRemTable by
// timeMark.localPortNum.remIndex; lldpRemManAddrTable by
// timeMark.localPortNum.remIndex.addrSubtype.addrLen.addr… (the address is an OCTET STRING index, so
// its length comes first; IANA family 1 = IPv4, 2 = IPv6).
import type { SnmpVarbind } from '../snmp/varbinds';
import { ipv6Text } from '../util/ipv6Text';

export const LLDP = {
  locChassisId: '1.0.8802.1.1.2.1.3.2.0',
  locPortEntry: '1.0.8802.1.1.2.1.3.7.1',
  remEntry: '1.0.8802.1.1.2.1.4.1.1',
  /** lldpRemManAddrIfSubtype: present on every row, and the row's index carries the address. */
  remManAddrIfSubtype: '1.0.8802.1.1.2.1.4.2.1.3',
} as const;

/** Port ID subtypes (LldpPortIdSubtype). */
export const PORT_ID = { interfaceAlias: 1, portComponent: 2, macAddress: 3, networkAddress: 4, interfaceName: 5, agentCircuitId: 6, local: 7 } as const;
/** Chassis ID subtypes (LldpChassisIdSubtype). */
export const CHASSIS_ID = { macAddress: 4, networkAddress: 5, interfaceName: 6, local: 7 } as const;

export interface LocalPort {
  portNum: number;
  idSubtype: number;
  /** Port ID as text when printable, else lower-case colon hex. */
  id: string;
  desc: string;
}

export interface RemoteNeighbour {
  localPortNum: number;
  remIndex: number;
  chassisIdSubtype: number;
  chassisId: string;
  portIdSubtype: number;
  portId: string;
  portDesc: string;
  sysName: string;
  sysDesc: string;
  /** Management addresses from lldpRemManAddrTable (and an IPv4 chassis ID), IPv4 first. */
  addresses: string[];
}

/** The raw bytes of an OctetString varbind (the engine shows non-printable strings as "0a 1b" hex). */
export function octets(v: SnmpVarbind): Buffer {
  if (v.encoding === 'hex') return Buffer.from(v.value.replace(/\s/g, ''), 'hex');
  return Buffer.from(v.value, 'utf8');
}

/** An LLDP ID for people and for matching: printable text as is, anything else as colon hex (MACs). */
export function idText(v: SnmpVarbind): string {
  if (v.encoding !== 'hex') return v.value;
  return v.value.trim().toLowerCase().split(/\s+/).join(':');
}

/** A network-address ID (chassis subtype 5, port subtype 4): IANA family byte, then the address. */
export function networkAddressId(bytes: Buffer): string | null {
  if (bytes[0] === 1 && bytes.length === 5) return `${bytes[1]}.${bytes[2]}.${bytes[3]}.${bytes[4]}`;
  if (bytes[0] === 2 && bytes.length === 17) return ipv6Text(bytes.subarray(1));
  return null;
}


/**
 * The management address encoded in a lldpRemManAddrTable index suffix
 * (timeMark.localPortNum.remIndex.subtype.len.bytes…), with the row keys. Agents that leave the
 * length out (seen on some firmware) are accepted when the byte count fits the family.
 */
export function decodeManAddrIndex(suffix: string): { localPortNum: number; remIndex: number; address: string } | null {
  const parts = suffix.split('.').map(Number);
  if (parts.length < 6 || parts.some((n) => !Number.isInteger(n) || n < 0)) return null;
  const [, localPortNum = 0, remIndex = 0, subtype = 0, ...rest] = parts;
  let bytes = rest;
  if (rest[0] === rest.length - 1) bytes = rest.slice(1);
  if (bytes.some((b) => b > 255)) return null;
  if (subtype === 1 && bytes.length === 4) return { localPortNum, remIndex, address: bytes.join('.') };
  if (subtype === 2 && bytes.length === 16) return { localPortNum, remIndex, address: ipv6Text(bytes) };
  return null;
}

/** Groups a table walk by row index: column number → varbind, per index suffix after `entryOid.<col>.`. */
export function tableRows(varbinds: readonly SnmpVarbind[], entryOid: string): Map<string, Map<number, SnmpVarbind>> {
  const rows = new Map<string, Map<number, SnmpVarbind>>();
  const prefix = `${entryOid}.`;
  for (const v of varbinds) {
    if (!v.oid.startsWith(prefix)) continue;
    const rest = v.oid.slice(prefix.length);
    const dot = rest.indexOf('.');
    if (dot < 0) continue;
    const col = Number(rest.slice(0, dot));
    const index = rest.slice(dot + 1);
    let row = rows.get(index);
    if (row === undefined) rows.set(index, (row = new Map()));
    row.set(col, v);
  }
  return rows;
}

const int = (v: SnmpVarbind | undefined): number => (v === undefined ? 0 : Number(v.value) || 0);
const text = (v: SnmpVarbind | undefined): string => (v === undefined || v.encoding === 'hex' ? '' : v.value.trim());

export function parseLocalPorts(varbinds: readonly SnmpVarbind[]): Map<number, LocalPort> {
  const out = new Map<number, LocalPort>();
  for (const [index, row] of tableRows(varbinds, LLDP.locPortEntry)) {
    const portNum = Number(index);
    if (!Number.isInteger(portNum)) continue;
    const id = row.get(3);
    out.set(portNum, { portNum, idSubtype: int(row.get(2)), id: id === undefined ? '' : idText(id), desc: text(row.get(4)) });
  }
  return out;
}

/** lldpRemTable rows joined with their management addresses. */
export function parseNeighbours(remVarbinds: readonly SnmpVarbind[], manAddrVarbinds: readonly SnmpVarbind[]): RemoteNeighbour[] {
  const addresses = new Map<string, string[]>();
  for (const v of manAddrVarbinds) {
    if (!v.oid.startsWith(`${LLDP.remManAddrIfSubtype}.`)) continue;
    const decoded = decodeManAddrIndex(v.oid.slice(LLDP.remManAddrIfSubtype.length + 1));
    if (decoded === null) continue;
    const key = `${decoded.localPortNum}.${decoded.remIndex}`;
    addresses.set(key, [...(addresses.get(key) ?? []), decoded.address]);
  }
  const out: RemoteNeighbour[] = [];
  for (const [index, row] of tableRows(remVarbinds, LLDP.remEntry)) {
    const [, localPortNum = Number.NaN, remIndex = Number.NaN] = index.split('.').map(Number);
    if (!Number.isInteger(localPortNum) || !Number.isInteger(remIndex)) continue;
    const chassis = row.get(5);
    const chassisIdSubtype = int(row.get(4));
    const found = [...(addresses.get(`${localPortNum}.${remIndex}`) ?? [])];
    // a chassis ID that is itself a network address is one more way to reach the neighbour
    if (chassis !== undefined && chassisIdSubtype === CHASSIS_ID.networkAddress) {
      const a = networkAddressId(octets(chassis));
      if (a !== null && !found.includes(a)) found.push(a);
    }
    found.sort((a, b) => Number(a.includes(':')) - Number(b.includes(':')));
    const port = row.get(7);
    out.push({
      localPortNum,
      remIndex,
      chassisIdSubtype,
      chassisId: chassis === undefined ? '' : idText(chassis),
      portIdSubtype: int(row.get(6)),
      portId: port === undefined ? '' : idText(port),
      portDesc: text(row.get(8)),
      sysName: text(row.get(9)),
      sysDesc: text(row.get(10)),
      addresses: found,
    });
  }
  return out;
}
