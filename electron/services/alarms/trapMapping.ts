// What a received notification means: its trap OID (v1 traps translated per RFC 3584), its
// varbinds decoded and named from our MIB table, and the alarm it raises or clears. Pure, so the
// receiver stays small and the rules can be read in one place:
//   linkDown → major, keyed by sender + ifIndex; linkUp clears that linkDown (correlation);
//   coldStart / warmStart → warning; authenticationFailure → minor;
//   anything else → 'trap.<oid>' warning with the varbinds in the message.
import type { Varbind as RawVarbind } from 'net-snmp';
import { oidToName } from '../snmp/mib';
import { decodeVarbind, type SnmpVarbind } from '../snmp/varbinds';
import type { AlarmRaise, AlarmSeverity } from './alarmService';

const SNMP_TRAPS = '1.3.6.1.6.3.1.1.5';
const SYS_UPTIME_0 = '1.3.6.1.2.1.1.3.0';
const SNMP_TRAP_OID_0 = '1.3.6.1.6.3.1.1.4.1.0';
const IF_INDEX = '1.3.6.1.2.1.2.2.1.1.';
const IF_DESCR = '1.3.6.1.2.1.2.2.1.2.';
const IF_NAME = '1.3.6.1.2.1.31.1.1.1.1.';

export const TRAP_OIDS = {
  coldStart: `${SNMP_TRAPS}.1`,
  warmStart: `${SNMP_TRAPS}.2`,
  linkDown: `${SNMP_TRAPS}.3`,
  linkUp: `${SNMP_TRAPS}.4`,
  authenticationFailure: `${SNMP_TRAPS}.5`,
} as const;

/** The PDU fields net-snmp hands the receiver callback (v1 Trap-PDU fields only on v1). */
export interface RawNotification {
  type: number;
  /** Request id (informs are acknowledged by it). */
  id?: number;
  /** True for v3 (a scoped PDU). */
  scoped?: boolean;
  varbinds: RawVarbind[];
  enterprise?: string;
  agentAddr?: string;
  generic?: number;
  specific?: number;
}

export interface DecodedTrap {
  trapOid: string;
  trapName: string | null;
  /** The payload varbinds (v2's sysUpTime.0 and snmpTrapOID.0 are the header, not payload). */
  varbinds: SnmpVarbind[];
  /** Who sent it: the v1 agent-addr, else the UDP source address. */
  address: string;
}

export type TrapAction = { raise: AlarmRaise } | { clear: string } | null;

/** Decodes the trap OID and varbinds; throws on a PDU with no trap OID (counted as dropped). */
export function decodeTrap(pdu: RawNotification, udpAddress: string): DecodedTrap {
  const v1 = pdu.generic !== undefined && pdu.enterprise !== undefined;
  let trapOid: string;
  let payload: RawVarbind[];
  if (v1) {
    // RFC 3584 §3.1: generic 0–5 are the standard traps; 6 is enterprise.0.specific
    trapOid = pdu.generic !== undefined && pdu.generic < 6 ? `${SNMP_TRAPS}.${pdu.generic + 1}` : `${pdu.enterprise}.0.${pdu.specific ?? 0}`;
    payload = pdu.varbinds;
  } else {
    const oidVb = pdu.varbinds.find((v) => v.oid === SNMP_TRAP_OID_0);
    if (!oidVb || typeof oidVb.value !== 'string') throw new Error('notification without snmpTrapOID.0');
    trapOid = oidVb.value;
    payload = pdu.varbinds.filter((v) => v.oid !== SYS_UPTIME_0 && v.oid !== SNMP_TRAP_OID_0);
  }
  const address = v1 && pdu.agentAddr && pdu.agentAddr !== '0.0.0.0' ? pdu.agentAddr : udpAddress;
  return { trapOid, trapName: oidToName(trapOid), varbinds: payload.map(decodeVarbind), address };
}

function varbindText(v: SnmpVarbind): string {
  return `${v.name ?? v.oid}=${v.display ?? v.value}`;
}

/** The interface a link trap is about: ifIndex varbind first, else the instance of ifDescr/ifName. */
function ifIndexOf(vbs: readonly SnmpVarbind[]): string | null {
  const byIndex = vbs.find((v) => v.oid.startsWith(IF_INDEX));
  if (byIndex) return byIndex.value;
  const other = vbs.find((v) => v.oid.startsWith(IF_DESCR) || v.oid.startsWith(IF_NAME));
  return other ? (other.oid.split('.').pop() ?? null) : null;
}

function ifLabel(vbs: readonly SnmpVarbind[], ifIndex: string | null): string {
  const named = vbs.find((v) => (v.oid.startsWith(IF_NAME) || v.oid.startsWith(IF_DESCR)) && v.encoding === 'text');
  if (named) return `${named.value} (ifIndex ${ifIndex ?? '?'})`;
  return ifIndex === null ? 'an interface (no ifIndex in the trap)' : `ifIndex ${ifIndex}`;
}

/** The alarm a trap raises or clears; `deviceId` is the inventory device at the sender's address. */
export function trapAction(t: DecodedTrap, deviceId: string | null): TrapAction {
  const who = deviceId ?? t.address;
  const from = deviceId === null ? ` from ${t.address} (not in the inventory)` : ` from ${t.address}`;
  const base = { deviceId, source: `trap:${t.address}` };
  const simple = (name: string, severity: AlarmSeverity, what: string): TrapAction => ({
    raise: { ...base, severity, kind: `trap.${name}`, message: `${what}${from}`, dedupKey: `trap.${name}|${who}` },
  });
  switch (t.trapOid) {
    case TRAP_OIDS.linkDown: {
      const ifIndex = ifIndexOf(t.varbinds);
      return {
        raise: {
          ...base,
          severity: 'major',
          kind: 'trap.linkDown',
          message: `Link down on ${ifLabel(t.varbinds, ifIndex)}${from}`,
          dedupKey: linkDownKey(who, ifIndex),
        },
      };
    }
    case TRAP_OIDS.linkUp:
      return { clear: linkDownKey(who, ifIndexOf(t.varbinds)) };
    case TRAP_OIDS.coldStart:
      return simple('coldStart', 'warning', 'Agent restarted (coldStart)');
    case TRAP_OIDS.warmStart:
      return simple('warmStart', 'warning', 'Agent reinitialised (warmStart)');
    case TRAP_OIDS.authenticationFailure:
      return simple('authenticationFailure', 'minor', 'SNMP authentication failure reported');
    default: {
      const detail = t.varbinds.length === 0 ? '' : `: ${t.varbinds.map(varbindText).join(', ')}`;
      const message = `Trap ${t.trapName ?? t.trapOid}${from}${detail}`;
      // long varbind lists stay readable in a list row and bounded in the synced table
      return {
        raise: {
          ...base,
          severity: 'warning',
          kind: `trap.${t.trapOid}`,
          message: message.length > 1000 ? `${message.slice(0, 999)}…` : message,
          dedupKey: `trap.${t.trapOid}|${who}`,
        },
      };
    }
  }
}

function linkDownKey(who: string, ifIndex: string | null): string {
  return `trap.linkDown|${who}|${ifIndex ?? '-'}`;
}
