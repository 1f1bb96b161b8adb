// One device's poll: a side-by-side walk of the interface columns we need plus HOST-RESOURCES CPU
// and storage, whose first GETBULK also carries sysUpTime, sysName, sysDescr and sysObjectID (its
// answer gives reachability and round trip: most devices need this one request), and a walk of
// the 32-bit counters and ifSpeed only for an agent without the IF-MIB ifX 64-bit columns. The whole poll runs under a deadline:
// past it the session is closed and what is known so far (the device answered, or not) is kept.
import type { Varbind as RawVarbind } from 'net-snmp';
import { NocError } from '../../../shared/ipc/errors';
import { octetStringText, unsignedDecimal } from '../snmp/varbinds';
import type { CounterBits } from './counterRates';
import type { Column, PollSession } from './pollSession';

/** sysUpTime, sysName, sysDescr, sysObjectID (objects: the .0 instance is added or fetched next). */
export const SYS_SCALARS = ['1.3.6.1.2.1.1.3', '1.3.6.1.2.1.1.5', '1.3.6.1.2.1.1.1', '1.3.6.1.2.1.1.2'];

const IF = '1.3.6.1.2.1.2.2.1';
const IFX = '1.3.6.1.2.1.31.1.1.1';
const COL = {
  ifDescr: `${IF}.2`,
  ifSpeed: `${IF}.5`,
  ifAdminStatus: `${IF}.7`,
  ifOperStatus: `${IF}.8`,
  ifInOctets: `${IF}.10`,
  ifOutOctets: `${IF}.16`,
  ifName: `${IFX}.1`,
  ifHCInOctets: `${IFX}.6`,
  ifHCOutOctets: `${IFX}.10`,
  ifHighSpeed: `${IFX}.15`,
  hrProcessorLoad: '1.3.6.1.2.1.25.3.3.1.2',
  hrStorageType: '1.3.6.1.2.1.25.2.3.1.2',
  hrStorageSize: '1.3.6.1.2.1.25.2.3.1.5',
  hrStorageUsed: '1.3.6.1.2.1.25.2.3.1.6',
} as const;
const HR_STORAGE_RAM = '1.3.6.1.2.1.25.2.1.2';

/** The columns every poll walks; the 32-bit fallback walks FALLBACK_COLUMNS afterwards. */
export const POLL_COLUMNS = [
  COL.ifDescr, COL.ifAdminStatus, COL.ifOperStatus, COL.ifName, COL.ifHCInOctets, COL.ifHCOutOctets, COL.ifHighSpeed,
  COL.hrProcessorLoad, COL.hrStorageType, COL.hrStorageSize, COL.hrStorageUsed,
] as const;
const FALLBACK_COLUMNS = [COL.ifInOctets, COL.ifOutOctets, COL.ifSpeed] as const;

/** IF-MIB ifOperStatus / ifAdminStatus values by number. */
const IF_STATUS = ['', 'up', 'down', 'testing', 'unknown', 'dormant', 'notPresent', 'lowerLayerDown'] as const;
export type IfStatus = (typeof IF_STATUS)[number] | 'unknown';

export interface PolledInterface {
  ifIndex: number;
  name: string;
  adminStatus: IfStatus;
  operStatus: IfStatus;
  speedBps: number | null;
  /** Octet counters; null when the agent has neither the 64- nor the 32-bit column for this row. */
  inOctets: bigint | null;
  outOctets: bigint | null;
  bits: CounterBits;
}

export interface DevicePoll {
  at: number;
  reachable: boolean;
  rttMs: number | null;
  /** The poll did not finish before its deadline (the device answered at first, then not). */
  timedOut: boolean;
  error: string | null;
  uptimeTicks: number | null;
  sysName: string | null;
  sysDescr: string | null;
  sysObjectId: string | null;
  interfaces: PolledInterface[];
  cpuPct: number | null;
  memPct: number | null;
}

function num(vb: RawVarbind | undefined): number | null {
  if (vb === undefined || vb.type >= 128) return null;
  if (typeof vb.value === 'number') return vb.value;
  if (Buffer.isBuffer(vb.value)) return Number(unsignedDecimal(vb.value));
  return null;
}

function counter(vb: RawVarbind | undefined): bigint | null {
  if (vb === undefined || vb.type >= 128) return null;
  if (typeof vb.value === 'number') return BigInt(vb.value);
  // Counter64 arrives as a variable-length big-endian buffer
  if (Buffer.isBuffer(vb.value)) return vb.value.length === 0 ? 0n : BigInt(`0x${vb.value.toString('hex')}`);
  return null;
}

function text(vb: RawVarbind | undefined): string | null {
  if (vb === undefined || vb.type >= 128 || vb.value === null) return null;
  if (Buffer.isBuffer(vb.value)) return octetStringText(vb.value) ?? vb.value.toString('hex');
  return String(vb.value);
}

function ifStatus(vb: RawVarbind | undefined): IfStatus {
  const n = num(vb);
  return n === null ? 'unknown' : (IF_STATUS[n] ?? 'unknown') || 'unknown';
}

/** Average hrProcessorLoad over all processors, in %. */
function cpuOf(loads: Column | undefined): number | null {
  if (loads === undefined || loads.size === 0) return null;
  let sum = 0;
  for (const vb of loads.values()) sum += num(vb) ?? 0;
  return sum / loads.size;
}

/** Used / size of the hrStorageRam rows (the agent's physical memory), in % (both count the same allocation units). */
function memOf(cols: Map<string, Column>): number | null {
  const types = cols.get(COL.hrStorageType);
  let used = 0;
  let size = 0;
  for (const [idx, vb] of types ?? []) {
    if (String(vb.value) !== HR_STORAGE_RAM) continue;
    used += num(cols.get(COL.hrStorageUsed)?.get(idx)) ?? 0;
    size += num(cols.get(COL.hrStorageSize)?.get(idx)) ?? 0;
  }
  return size > 0 ? (used / size) * 100 : null;
}

function interfacesOf(cols: Map<string, Column>): PolledInterface[] {
  const at = (c: string, idx: string): RawVarbind | undefined => cols.get(c)?.get(idx);
  const indexes = new Set<string>();
  for (const c of [COL.ifDescr, COL.ifName, COL.ifOperStatus]) for (const idx of cols.get(c)?.keys() ?? []) indexes.add(idx);
  const out: PolledInterface[] = [];
  for (const idx of indexes) {
    const ifIndex = Number(idx);
    if (!Number.isSafeInteger(ifIndex)) continue;
    const hcIn = counter(at(COL.ifHCInOctets, idx));
    const hcOut = counter(at(COL.ifHCOutOctets, idx));
    const hc = hcIn !== null && hcOut !== null;
    const highSpeed = num(at(COL.ifHighSpeed, idx));
    const speed = num(at(COL.ifSpeed, idx));
    out.push({
      ifIndex,
      name: text(at(COL.ifName, idx)) || text(at(COL.ifDescr, idx)) || `if${idx}`,
      adminStatus: ifStatus(at(COL.ifAdminStatus, idx)),
      operStatus: ifStatus(at(COL.ifOperStatus, idx)),
      // ifSpeed saturates at 2^32-1 (4.29 Gb/s): ifHighSpeed (Mb/s) is the one to trust when present
      speedBps: highSpeed !== null && highSpeed > 0 ? highSpeed * 1_000_000 : speed,
      inOctets: hc ? hcIn : counter(at(COL.ifInOctets, idx)),
      outOctets: hc ? hcOut : counter(at(COL.ifOutOctets, idx)),
      bits: hc ? 64 : 32,
    });
  }
  return out.sort((a, b) => a.ifIndex - b.ifIndex);
}

export interface PollOptions {
  maxRepetitions: number;
  deadlineMs: number;
}

/** Polls one device through an open session; never throws (a failure is in the result). */
export async function pollDevice(session: PollSession, opts: PollOptions): Promise<DevicePoll> {
  const result: DevicePoll = {
    at: Date.now(),
    reachable: false,
    rttMs: null,
    timedOut: false,
    error: null,
    uptimeTicks: null,
    sysName: null,
    sysDescr: null,
    sysObjectId: null,
    interfaces: [],
    cpuPct: null,
    memPct: null,
  };
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<'deadline'>((resolve) => {
    timer = setTimeout(() => resolve('deadline'), opts.deadlineMs);
  });
  const work = async (): Promise<void> => {
    const t0 = performance.now();
    // one GETBULK: the system scalars as non-repeaters and the first rows of every column
    const first = await session.columns(POLL_COLUMNS, opts.maxRepetitions, SYS_SCALARS, () => {
      result.rttMs = performance.now() - t0;
      result.at = Date.now();
      result.reachable = true;
    });
    const [uptime, name, descr, objectId] = first.scalars;
    result.uptimeTicks = num(uptime);
    result.sysName = text(name);
    result.sysDescr = text(descr);
    result.sysObjectId = objectId === undefined ? null : String(objectId.value);
    const cols = first.columns;
    const hcMissing = [...(cols.get(COL.ifOperStatus)?.keys() ?? [])].some((idx) => cols.get(COL.ifHCInOctets)?.has(idx) !== true);
    if (hcMissing) for (const [k, v] of (await session.columns(FALLBACK_COLUMNS, opts.maxRepetitions)).columns) cols.set(k, v);
    result.interfaces = interfacesOf(cols);
    result.cpuPct = cpuOf(cols.get(COL.hrProcessorLoad));
    result.memPct = memOf(cols);
  };
  try {
    const outcome = await Promise.race([work().then(() => 'done' as const), deadline]);
    if (outcome === 'deadline') {
      result.timedOut = true;
      result.error = `no complete answer within ${opts.deadlineMs} ms`;
    }
  } catch (error) {
    result.error = error instanceof NocError || error instanceof Error ? error.message : String(error);
    // an answer to the GET and a failure later is a device that is up but not fully polled
    if (result.reachable) result.timedOut = true;
  } finally {
    clearTimeout(timer);
    session.close();
  }
  return result;
}
