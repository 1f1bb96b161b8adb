// The network side of discovery: sweep addresses for SNMP agents (bounded concurrency, a request-rate
// cap, stoppable), read what identifies each responder (system group, LLDP chassis ID, ifTable) and
// its LLDP neighbours, then follow neighbours' management addresses level by level up to maxDepth.
// Nothing is written here: the result is plain facts for discoveryStore.
import { NocError } from '../../../shared/ipc/errors';
import type { SnmpEngine, SnmpTarget } from '../snmp/snmpEngine';
import type { SnmpVarbind } from '../snmp/varbinds';
import { LLDP, idText, octets, parseLocalPorts, parseNeighbours, type RemoteNeighbour } from './lldp';
import type { DeviceFacts, InterfaceFacts } from './linkResolver';

const SYS = { descr: '1.3.6.1.2.1.1.1.0', objectId: '1.3.6.1.2.1.1.2.0', name: '1.3.6.1.2.1.1.5.0' } as const;
const IF_COLUMNS = {
  descr: '1.3.6.1.2.1.2.2.1.2',
  speed: '1.3.6.1.2.1.2.2.1.5',
  mac: '1.3.6.1.2.1.2.2.1.6',
  admin: '1.3.6.1.2.1.2.2.1.7',
  oper: '1.3.6.1.2.1.2.2.1.8',
  name: '1.3.6.1.2.1.31.1.1.1.1',
  highSpeed: '1.3.6.1.2.1.31.1.1.1.15',
  alias: '1.3.6.1.2.1.31.1.1.1.18',
} as const;
/** A table walk in discovery never needs more rows than this (a chassis with 20k ports is not a seed). */
const WALK_LIMIT = 50_000;

export interface CrawlOptions {
  targetFor(address: string): SnmpTarget;
  maxRepetitions: number;
  followLldp: boolean;
  maxDepth: number;
  concurrency: number;
  /** Operations started per second at most. */
  rate: number;
  signal: AbortSignal;
  onProgress(done: number, total: number, label: string): void;
}

export interface CrawlError {
  address: string;
  message: string;
}

export interface CrawlResult {
  reached: DeviceFacts[];
  errors: CrawlError[];
  probed: number;
  stopped: boolean;
}

/** Spaces operation starts 1/rate seconds apart across all workers. */
class RateLimiter {
  private next = 0;
  constructor(private readonly perSecond: number) {}
  async take(signal: AbortSignal): Promise<void> {
    const gap = 1000 / this.perSecond;
    const now = performance.now();
    const at = Math.max(now, this.next);
    this.next = at + gap;
    const wait = at - now;
    if (wait > 1 && !signal.aborted) await new Promise<void>((resolve) => setTimeout(resolve, wait));
  }
}

/** Runs `work` over `items` with at most `concurrency` in flight; stops taking new items once aborted. */
async function pool<T>(items: readonly T[], concurrency: number, signal: AbortSignal, work: (item: T) => Promise<void>): Promise<void> {
  let i = 0;
  const worker = async (): Promise<void> => {
    while (i < items.length && !signal.aborted) {
      const item = items[i++] as T;
      await work(item);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, items.length) }, worker));
}

const present = (v: SnmpVarbind | undefined): v is SnmpVarbind => v !== undefined && v.type !== 'NoSuchObject' && v.type !== 'NoSuchInstance' && v.type !== 'EndOfMibView';

function byIndex(varbinds: readonly SnmpVarbind[], column: string): Map<number, SnmpVarbind> {
  const out = new Map<number, SnmpVarbind>();
  for (const v of varbinds) {
    const index = Number(v.oid.slice(column.length + 1));
    if (Number.isInteger(index)) out.set(index, v);
  }
  return out;
}

function macText(v: SnmpVarbind | undefined): string | null {
  if (v === undefined) return null;
  const b = octets(v);
  if (b.length !== 6) return null;
  return [...b].map((x) => x.toString(16).padStart(2, '0')).join(':');
}

export class DiscoveryCrawl {
  private readonly limiter: RateLimiter;
  private readonly errors: CrawlError[] = [];
  private readonly reached = new Map<string, DeviceFacts>();
  private readonly tried = new Set<string>();
  private done = 0;
  private total = 0;

  constructor(
    private readonly engine: SnmpEngine,
    private readonly o: CrawlOptions,
  ) {
    this.limiter = new RateLimiter(o.rate);
  }

  async run(sweep: readonly string[], single: ReadonlySet<string>): Promise<CrawlResult> {
    let level = sweep.filter((a) => !this.tried.has(a));
    for (let depth = 0; level.length > 0 && !this.o.signal.aborted; depth++) {
      this.total += level.length;
      for (const a of level) this.tried.add(a);
      const found: DeviceFacts[] = [];
      // sweep silence is normal; only an address someone named (a single seed, an LLDP neighbour) is an error when silent
      await pool(level, this.o.concurrency, this.o.signal, async (address) => {
        const facts = await this.probe(address, depth > 0 || single.has(address));
        if (facts !== null) found.push(facts);
        this.done++;
        this.o.onProgress(this.done, this.total, `Discovery: ${this.done}/${this.total} addresses, ${this.reached.size} devices`);
      });
      if (!this.o.followLldp || depth >= this.o.maxDepth) break;
      level = this.nextLevel(found);
    }
    return { reached: [...this.reached.values()], errors: this.errors, probed: this.done, stopped: this.o.signal.aborted };
  }

  /** Neighbours' management addresses not tried yet, unless the neighbour is already known by chassis ID or name. */
  private nextLevel(found: readonly DeviceFacts[]): string[] {
    const next = new Set<string>();
    const known = (n: RemoteNeighbour): boolean =>
      (n.chassisId !== '' && this.reached.has(n.chassisId)) || (n.sysName !== '' && [...this.reached.values()].some((d) => d.sysName === n.sysName));
    for (const d of found) {
      for (const n of d.neighbours) {
        if (known(n)) continue;
        const address = n.addresses.find((a) => !a.includes(':')) ?? n.addresses[0];
        if (address === undefined) this.errors.push({ address: d.address, message: `neighbour ${n.sysName || n.chassisId} on ${d.sysName || d.address} advertises no management address` });
        else if (!this.tried.has(address)) next.add(address);
      }
    }
    return [...next];
  }

  private async op<T>(fn: () => Promise<T>): Promise<T> {
    await this.limiter.take(this.o.signal);
    if (this.o.signal.aborted) throw new NocError('CONFLICT', 'discovery stopped');
    return fn();
  }

  private async walk(target: SnmpTarget, oid: string): Promise<SnmpVarbind[]> {
    try {
      const r = await this.op(() => this.engine.walk(target, oid, { bulk: true, maxRepetitions: this.o.maxRepetitions, limit: WALK_LIMIT, signal: this.o.signal }));
      return r.varbinds.filter(present);
    } catch (error) {
      // an agent without a MIB answers noSuchName (v1) or an error status: that table is simply absent
      if (error instanceof NocError && error.code === 'UNAVAILABLE') return [];
      throw error;
    }
  }

  private async probe(address: string, named: boolean): Promise<DeviceFacts | null> {
    const target = this.o.targetFor(address);
    let sys: SnmpVarbind[];
    try {
      sys = (await this.op(() => this.engine.get(target, [SYS.descr, SYS.objectId, SYS.name]))).varbinds;
    } catch (error) {
      const e = error instanceof NocError ? error : new NocError('UNAVAILABLE', String(error));
      if (this.o.signal.aborted) return null;
      if (named || e.code !== 'TIMEOUT') this.errors.push({ address, message: e.message });
      return null;
    }
    const value = (oid: string): string => {
      const v = sys.find((x) => x.oid === oid);
      return present(v) ? (v.encoding === 'hex' ? '' : v.value.trim()) : '';
    };
    try {
      const [chassis, ifVarbinds, localPorts, remotes, manAddrs] = await Promise.all([
        this.op(() => this.engine.get(target, [LLDP.locChassisId]))
          .then((r) => r.varbinds.find(present))
          .catch(() => undefined),
        Promise.all(Object.values(IF_COLUMNS).map((c) => this.walk(target, c))),
        this.o.followLldp ? this.walk(target, LLDP.locPortEntry) : Promise.resolve([]),
        this.o.followLldp ? this.walk(target, LLDP.remEntry) : Promise.resolve([]),
        this.o.followLldp ? this.walk(target, LLDP.remManAddrIfSubtype) : Promise.resolve([]),
      ]);
      const chassisId = chassis === undefined ? '' : idText(chassis);
      const sysName = value(SYS.name);
      const facts: DeviceFacts = {
        key: chassisId !== '' ? chassisId : sysName !== '' ? `name:${sysName}` : `addr:${address}`,
        address,
        sysName,
        sysDescr: value(SYS.descr),
        sysObjectId: value(SYS.objectId),
        chassisId,
        interfaces: interfacesFrom(ifVarbinds),
        localPorts: parseLocalPorts(localPorts),
        neighbours: parseNeighbours(remotes, manAddrs),
      };
      // the same device answering on a second address (a loopback in the swept range) is recorded once, by the first
      if (this.reached.has(facts.key)) return null;
      this.reached.set(facts.key, facts);
      return facts;
    } catch (error) {
      if (!this.o.signal.aborted) this.errors.push({ address, message: error instanceof Error ? error.message : String(error) });
      return null;
    }
  }
}

function interfacesFrom(columns: SnmpVarbind[][]): InterfaceFacts[] {
  const keys = Object.keys(IF_COLUMNS) as (keyof typeof IF_COLUMNS)[];
  const col = Object.fromEntries(keys.map((k, i) => [k, byIndex(columns[i] ?? [], IF_COLUMNS[k])])) as Record<keyof typeof IF_COLUMNS, Map<number, SnmpVarbind>>;
  const indexes = new Set<number>([...col.descr.keys(), ...col.name.keys()]);
  const text = (v: SnmpVarbind | undefined): string => (v === undefined || v.encoding === 'hex' ? '' : v.value.trim());
  return [...indexes]
    .sort((a, b) => a - b)
    .map((ifIndex): InterfaceFacts => {
      const descr = text(col.descr.get(ifIndex));
      const high = Number(col.highSpeed.get(ifIndex)?.value ?? 0);
      const speed = Number(col.speed.get(ifIndex)?.value ?? 0);
      const status = (v: SnmpVarbind | undefined, fallback: string): string => v?.display ?? (v === undefined ? fallback : v.value);
      return {
        ifIndex,
        name: text(col.name.get(ifIndex)) || descr || `ifIndex ${ifIndex}`,
        descr,
        alias: text(col.alias.get(ifIndex)),
        // ifSpeed saturates at 4.29 Gb/s; ifHighSpeed (Mb/s) is then the truth
        speedBps: high > 0 && (speed === 0 || speed >= 4_294_967_295) ? high * 1_000_000 : speed > 0 ? speed : null,
        mac: macText(col.mac.get(ifIndex)),
        adminStatus: status(col.admin.get(ifIndex), 'up'),
        operStatus: status(col.oper.get(ifIndex), 'unknown'),
      };
    });
}
