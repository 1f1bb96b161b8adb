// One UDP session per polled device, reused for all of that poll's requests (a GET of the
// scalars, then GETBULKs that walk several table columns side by side), working on net-snmp's raw
// varbinds: the poller reads numbers and counters, so it skips the engine's per-varbind naming and
// text decoding. Errors become the engine's NocErrors (translateError), so a poll failure reads
// like an SNMP tool failure. The session can be aborted: the poll deadline closes it.
import snmp, { type Session, type Varbind as RawVarbind } from 'net-snmp';
import { NocError } from '../../../shared/ipc/errors';
import { compareOids, inSubtree, translateError, type SnmpTarget } from '../snmp/snmpEngine';

const VERSION_CODE = { '1': snmp.Version1, '2c': snmp.Version2c, '3': snmp.Version3 } as const;

/** Rows of one column: the instance suffix after the column OID (the ifIndex for IF-MIB) → value. */
export type Column = Map<string, RawVarbind>;

/** Budget of varbinds asked for in one GETBULK, shared by the columns still being walked. */
const VARBINDS_PER_REQUEST = 60;

export class PollSession {
  private readonly session: Session;
  private closed = false;

  constructor(
    readonly target: SnmpTarget,
    /** Numeric IP: the poller resolves names once per cycle, not per request. */
    address: string,
  ) {
    const options = { port: target.port, retries: target.retries, timeout: target.timeoutMs, transport: address.includes(':') ? ('udp6' as const) : ('udp4' as const), version: VERSION_CODE[target.version], backwardsGetNexts: true };
    if (target.version === '3') {
      const v3 = target.v3;
      if (v3 === undefined) throw new NocError('VALIDATION', 'SNMPv3 needs a user');
      this.session = snmp.createV3Session(address, {
        name: v3.user,
        level: snmp.SecurityLevel[v3.level],
        ...(v3.level === 'noAuthNoPriv' ? {} : { authProtocol: snmp.AuthProtocols[v3.authProtocol ?? 'sha'], authKey: v3.authKey ?? '' }),
        ...(v3.level === 'authPriv' ? { privProtocol: snmp.PrivProtocols[v3.privProtocol ?? 'aes'], privKey: v3.privKey ?? '' } : {}),
      }, options);
    } else {
      this.session = snmp.createSession(address, target.community ?? '', options);
    }
    // socket errors (EHOSTUNREACH…) arrive through the pending request as well
    this.session.on('error', () => undefined);
  }

  private call<T>(fn: (cb: (error: Error | null, result: T) => void) => void): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      if (this.closed) {
        reject(new NocError('TIMEOUT', 'poll deadline passed'));
        return;
      }
      try {
        fn((error, result) => (error ? reject(translateError(this.target, error)) : resolve(result)));
      } catch (error) {
        reject(translateError(this.target, error as Error));
      }
    });
  }

  /** GET; exceptions (noSuchObject…) come back as varbinds with type ≥ 128. */
  get(oids: string[]): Promise<RawVarbind[]> {
    return this.call<RawVarbind[]>((cb) => this.session.get(oids, cb));
  }

  /**
   * Walks several columns at once: each GETBULK carries the next OID of every column not yet
   * finished, so a table of N rows and C columns costs about N×C/60 requests instead of C walks.
   * `scalars` (object OIDs without the .0, e.g. sysUpTime) ride in the first request as
   * non-repeaters, so a small device is polled in ONE round trip; `onFirstAnswer` hears when that
   * first answer arrived (reachability and round-trip time). SNMPv1 has no GETBULK: a GET of the
   * scalars, then GETNEXT, one row of every column per request.
   */
  async columns(roots: readonly string[], maxRepetitions: number, scalars: readonly string[] = [], onFirstAnswer?: () => void): Promise<{ scalars: (RawVarbind | undefined)[]; columns: Map<string, Column> }> {
    const out = new Map<string, Column>(roots.map((r) => [r, new Map()]));
    const cursor = new Map<string, string>(roots.map((r) => [r, r]));
    let scalarValues: (RawVarbind | undefined)[] = [];
    let first = true;
    if (scalars.length > 0 && this.target.version === '1') {
      scalarValues = await this.get(scalars.map((o) => `${o}.0`));
      onFirstAnswer?.();
      first = false;
    }
    while (cursor.size > 0) {
      const active = [...cursor.keys()];
      const next = active.map((r) => cursor.get(r) ?? r);
      const reps = Math.max(1, Math.min(maxRepetitions, Math.floor(VARBINDS_PER_REQUEST / active.length)));
      let rows: RawVarbind[][];
      if (this.target.version === '1') rows = (await this.getNextV1(next)).map((vb) => [vb]);
      else if (first && scalars.length > 0) {
        const got = await this.call<(RawVarbind | RawVarbind[])[]>((cb) => this.session.getBulk([...scalars, ...next], scalars.length, reps, cb as (e: Error | null, r: RawVarbind[][]) => void));
        // a non-repeater answers with the next object: it is ours only when it is the .0 instance
        scalarValues = scalars.map((o, i) => {
          const vb = got[i];
          return vb !== undefined && !Array.isArray(vb) && vb.oid === `${o}.0` ? vb : undefined;
        });
        rows = got.slice(scalars.length).map((r) => (Array.isArray(r) ? r : [r]));
      } else rows = await this.call<RawVarbind[][]>((cb) => this.session.getBulk(next, 0, reps, cb));
      if (first) {
        onFirstAnswer?.();
        first = false;
      }
      active.forEach((root, i) => {
        const got = rows[i] ?? [];
        const column = out.get(root);
        const from = cursor.get(root) ?? root;
        let last = from;
        let finished = got.length === 0;
        for (const vb of got) {
          if (vb.type >= 128 || !inSubtree(vb.oid, root)) {
            finished = true;
            break;
          }
          column?.set(vb.oid.slice(root.length + 1), vb);
          last = vb.oid;
        }
        // an agent that does not move forward would keep us here for ever
        if (!finished && compareOids(last, from) <= 0) finished = true;
        if (finished) cursor.delete(root);
        else cursor.set(root, last);
      });
    }
    return { scalars: scalarValues, columns: out };
  }

  /** GETNEXT on v1, where noSuchName marks the end of the MIB. */
  private async getNextV1(oids: string[]): Promise<RawVarbind[]> {
    try {
      return await this.call<RawVarbind[]>((cb) => this.session.getNext(oids, cb));
    } catch (error) {
      if (error instanceof NocError && (error.details as { errorStatus?: number } | undefined)?.errorStatus === 2) {
        return oids.map((oid) => ({ oid, type: snmp.ObjectType.EndOfMibView, value: null }));
      }
      throw error;
    }
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.session.close();
  }
}
