// The SNMP engine over net-snmp: one UDP session per operation (v1, v2c, or v3 with engine-id
// discovery done by net-snmp on the first request), get / get-next / set, and walks bounded to the
// requested subtree (net-snmp's own walk() runs past its end). Every failure becomes a specific
// NocError and every wait is bounded by the target's timeout × (retries + 1):
//   DNS failure → UNAVAILABLE "cannot resolve"; silence → TIMEOUT (for v1/v2c that is also what a
//   wrong community looks like); v3 USM reports → AUTH_FAILED naming the counter the agent bumped.
import { lookup } from 'node:dns/promises';
import { isIP } from 'node:net';
import snmp, { type Session, type SetVarbind, type V3User, type Varbind as RawVarbind } from 'net-snmp';
import type { SnmpAuthProtocol, SnmpPrivProtocol, SnmpSecurityLevel, SnmpSetType, SnmpVersion } from '../../../shared/domain/snmp';
import { NocError } from '../../../shared/ipc/errors';
import { resolveOid } from './mib';
import { V2cBulkChannel, decodeOidContent, encodeOidContent, type ScannedResponse } from './v2cBulk';
import { decodeVarbind, isException, type SnmpVarbind } from './varbinds';

export interface SnmpV3Security {
  user: string;
  level: SnmpSecurityLevel;
  authProtocol?: SnmpAuthProtocol;
  authKey?: string;
  privProtocol?: SnmpPrivProtocol;
  privKey?: string;
}

/** Everything needed to talk to one agent; secrets in clear (main process only). */
export interface SnmpTarget {
  host: string;
  port: number;
  version: SnmpVersion;
  community?: string;
  v3?: SnmpV3Security;
  timeoutMs: number;
  retries: number;
}

export interface SnmpSetInput {
  oid: string;
  type: SnmpSetType;
  value: string;
  /** OctetString only: the value is hex ("0a 1b", "0a1b"), as snmpset's `x` type. */
  encoding?: 'text' | 'hex';
}

export interface WalkOptions {
  /** GETBULK (v2c/v3); v1 always walks with GETNEXT. */
  bulk: boolean;
  maxRepetitions: number;
  /** Stop after this many varbinds (`truncated` then says so). */
  limit: number;
  signal?: AbortSignal;
  /** Called after each response with the number of varbinds so far. */
  onProgress?: (count: number) => void;
  /** Receives each batch as it arrives; the result's `varbinds` then stays empty. */
  onVarbinds?: (batch: SnmpVarbind[]) => void;
}

export interface WalkResult {
  varbinds: SnmpVarbind[];
  /** Varbinds walked (equal to varbinds.length unless they were streamed to `onVarbinds`). */
  count: number;
  truncated: boolean;
  requests: number;
  durationMs: number;
}

const VERSION_CODE = { '1': snmp.Version1, '2c': snmp.Version2c, '3': snmp.Version3 } as const;

/** net-snmp's ErrorStatus names in SNMP's own spelling, for messages. */
const ERROR_STATUS = [
  'noError', 'tooBig', 'noSuchName', 'badValue', 'readOnly', 'genErr', 'noAccess', 'wrongType', 'wrongLength', 'wrongEncoding',
  'wrongValue', 'noCreation', 'inconsistentValue', 'resourceUnavailable', 'commitFailed', 'undoFailed', 'authorizationError', 'notWritable', 'inconsistentName',
];

function describe(t: SnmpTarget): string {
  return `${t.host.includes(':') ? `[${t.host}]` : t.host}:${t.port}`;
}

/** Numeric OID from a numeric OID or a MIB name; VALIDATION when neither. */
export function toOid(input: string): string {
  return resolveOid(input);
}

/** True when `oid` lies strictly under `root`. */
export function inSubtree(oid: string, root: string): boolean {
  return oid.length > root.length && oid.charCodeAt(root.length) === 46 /* . */ && oid.startsWith(root);
}

/** Numeric comparison of dotted OIDs (so 1.10 sorts after 1.9). */
export function compareOids(a: string, b: string): number {
  const x = a.split('.');
  const y = b.split('.');
  for (let i = 0; i < Math.min(x.length, y.length); i++) {
    const d = Number(x[i]) - Number(y[i]);
    if (d !== 0) return d;
  }
  return x.length - y.length;
}

async function resolveHost(host: string): Promise<{ address: string; transport: 'udp4' | 'udp6' }> {
  const family = isIP(host);
  if (family !== 0) return { address: host, transport: family === 6 ? 'udp6' : 'udp4' };
  try {
    const r = await lookup(host);
    return { address: r.address, transport: r.family === 6 ? 'udp6' : 'udp4' };
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'error';
    throw new NocError('UNAVAILABLE', `cannot resolve ${host} (${code})`, { host });
  }
}

function v3User(sec: SnmpV3Security): V3User {
  const user: V3User = { name: sec.user, level: snmp.SecurityLevel[sec.level] };
  if (sec.level !== 'noAuthNoPriv') {
    if (sec.authKey === undefined) throw new NocError('VALIDATION', `SNMPv3 ${sec.level} needs an auth password`, [{ path: 'authKey', message: 'auth password is required' }]);
    user.authProtocol = snmp.AuthProtocols[sec.authProtocol ?? 'sha'];
    user.authKey = sec.authKey;
  }
  if (sec.level === 'authPriv') {
    if (sec.privKey === undefined) throw new NocError('VALIDATION', 'SNMPv3 authPriv needs a privacy password', [{ path: 'privKey', message: 'privacy password is required' }]);
    user.privProtocol = snmp.PrivProtocols[sec.privProtocol ?? 'aes'];
    user.privKey = sec.privKey;
  }
  return user;
}

async function openSession(t: SnmpTarget): Promise<Session> {
  const { address, transport } = await resolveHost(t.host);
  const options = { port: t.port, retries: t.retries, timeout: t.timeoutMs, transport, version: VERSION_CODE[t.version], backwardsGetNexts: true };
  if (t.version === '3') {
    if (t.v3 === undefined) throw new NocError('VALIDATION', 'SNMPv3 needs a user', [{ path: 'user', message: 'user is required' }]);
    return snmp.createV3Session(address, v3User(t.v3), options);
  }
  if (t.community === undefined || t.community === '') throw new NocError('VALIDATION', `SNMPv${t.version} needs a community`, [{ path: 'community', message: 'community is required' }]);
  return snmp.createSession(address, t.community, options);
}

/** net-snmp's errors → specific NocErrors. */
export function translateError(t: SnmpTarget, error: Error): NocError {
  if (error instanceof NocError) return error;
  if (error instanceof snmp.RequestTimedOutError) {
    const tries = t.retries + 1;
    const why = t.version === '3' ? 'ACL, or the agent is down' : 'wrong community, ACL, or the agent is down';
    return new NocError('TIMEOUT', `no answer from ${describe(t)} after ${tries} ${tries === 1 ? 'try' : 'tries'} (${t.timeoutMs} ms each): ${why}`, { host: t.host, port: t.port });
  }
  if (error instanceof snmp.ResponseInvalidError) {
    const user = t.v3?.user ?? '';
    if (/Unknown User Name/i.test(error.message)) return new NocError('AUTH_FAILED', `SNMPv3 user "${user}" is unknown to ${describe(t)} (agent report usmStatsUnknownUserNames)`, { report: 'unknownUserNames' });
    if (/Wrong Digest/i.test(error.message) || (error.code === snmp.ResponseInvalidCode.EAuthFailure && /digest/i.test(error.message))) {
      return new NocError('AUTH_FAILED', `SNMPv3 authentication failed for "${user}" at ${describe(t)}: wrong auth password or protocol (agent report usmStatsWrongDigests)`, { report: 'wrongDigests' });
    }
    if (/Decryption Error/i.test(error.message) || error.code === snmp.ResponseInvalidCode.ECouldNotDecrypt) {
      return new NocError('AUTH_FAILED', `SNMPv3 decryption failed for "${user}" at ${describe(t)}: wrong privacy password or protocol (agent report usmStatsDecryptionErrors)`, { report: 'decryptionErrors' });
    }
    if (/Unsupported Security Level/i.test(error.message)) {
      return new NocError('AUTH_FAILED', `SNMPv3 security level ${t.v3?.level ?? ''} is not allowed for "${user}" at ${describe(t)} (agent report usmStatsUnsupportedSecLevels)`, { report: 'unsupportedSecLevels' });
    }
    if (/Not In Time Window/i.test(error.message) || error.code === snmp.ResponseInvalidCode.ENotInTimeWindow) {
      return new NocError('AUTH_FAILED', `SNMPv3 message outside the time window of ${describe(t)} (agent report usmStatsNotInTimeWindows)`, { report: 'notInTimeWindows' });
    }
    return new NocError('UNAVAILABLE', `invalid response from ${describe(t)}: ${error.message}`);
  }
  if (error instanceof snmp.RequestFailedError) {
    const status = ERROR_STATUS[error.status] ?? `errorStatus ${error.status}`;
    const at = /: (\S+)$/.exec(error.message)?.[1];
    return new NocError('UNAVAILABLE', `${describe(t)} answered ${status}${at === undefined ? '' : ` for ${at}`}`, { errorStatus: error.status, status, oid: at ?? null });
  }
  if (error instanceof snmp.RequestInvalidError) return new NocError('VALIDATION', error.message);
  return new NocError('UNAVAILABLE', `SNMP request to ${describe(t)} failed: ${error.message}`);
}

function call<T>(t: SnmpTarget, fn: (cb: (error: Error | null, result: T) => void) => void): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    try {
      fn((error, result) => (error ? reject(translateError(t, error)) : resolve(result)));
    } catch (error) {
      reject(translateError(t, error as Error));
    }
  });
}

async function withSession<T>(t: SnmpTarget, fn: (s: Session) => Promise<T>): Promise<T> {
  const session = await openSession(t);
  // a socket error (e.g. EHOSTUNREACH) is reported through the pending request; keep it from crashing the process
  session.on('error', () => undefined);
  try {
    return await fn(session);
  } catch (error) {
    if (error instanceof NocError && error.code === 'TIMEOUT' && t.v3?.level === 'authPriv' && session.msgSecurityParameters !== undefined) {
      throw await diagnosePrivacy(t, error);
    }
    throw error;
  } finally {
    session.close();
  }
}

/**
 * snmpd drops an authPriv request it cannot decrypt without a report (it only counts it in
 * usmStatsDecryptionErrors), so a wrong privacy password looks like silence. The agent did answer
 * engine-ID discovery, though; one authNoPriv request with the same user and auth key tells the
 * cases apart: any answer (even authorizationError) proves the user and auth key right.
 */
async function diagnosePrivacy(t: SnmpTarget, timeout: NocError): Promise<NocError> {
  if (t.v3 === undefined) return timeout;
  const probe: SnmpTarget = { ...t, timeoutMs: Math.min(t.timeoutMs, 1000), retries: 0, v3: { ...t.v3, level: 'authNoPriv' } };
  const session = await openSession(probe);
  session.on('error', () => undefined);
  try {
    await call<RawVarbind[]>(probe, (cb) => session.get(['1.3.6.1.2.1.1.3.0'], cb));
  } catch (error) {
    const e = error as NocError;
    if (e.code === 'AUTH_FAILED') return e;
    if (e.code === 'TIMEOUT') return new NocError('TIMEOUT', `${timeout.message} (the agent answered engine-ID discovery, then nothing)`, timeout.details);
  } finally {
    session.close();
  }
  return new NocError(
    'AUTH_FAILED',
    `SNMPv3 decryption failed for "${t.v3.user}" at ${describe(t)}: wrong privacy password or protocol (the user and auth password are right; the agent counts usmStatsDecryptionErrors and sends no report)`,
    { report: 'decryptionErrors' },
  );
}

/** Checks and encodes SET varbinds; VALIDATION naming the first bad one. */
export function toSetVarbinds(inputs: SnmpSetInput[]): SetVarbind[] {
  return inputs.map(toSetVarbind);
}

function toSetVarbind(input: SnmpSetInput): SetVarbind {
  const oid = toOid(input.oid);
  const bad = (why: string): never => {
    throw new NocError('VALIDATION', `value "${input.value}" for ${input.oid} is not ${why}`, [{ path: 'value', message: why }]);
  };
  const unsigned32 = (): number => {
    if (!/^\d+$/.test(input.value) || Number(input.value) > 0xffffffff) bad('an unsigned 32-bit integer');
    return Number(input.value);
  };
  const T = snmp.ObjectType;
  switch (input.type) {
    case 'Integer': {
      if (!/^-?\d+$/.test(input.value) || Number(input.value) < -0x80000000 || Number(input.value) > 0x7fffffff) bad('a signed 32-bit integer');
      return { oid, type: T.Integer, value: Number(input.value) };
    }
    case 'OctetString': {
      if (input.encoding === 'hex') {
        const hex = input.value.replace(/[\s:]/g, '');
        if (!/^([0-9a-fA-F]{2})*$/.test(hex)) bad('hex bytes (0a 1b …)');
        return { oid, type: T.OctetString, value: Buffer.from(hex, 'hex') };
      }
      return { oid, type: T.OctetString, value: Buffer.from(input.value, 'utf8') };
    }
    case 'OID':
      return { oid, type: T.OID, value: toOid(input.value) };
    case 'IpAddress':
      if (isIP(input.value) !== 4) bad('an IPv4 address');
      return { oid, type: T.IpAddress, value: input.value };
    case 'Counter32':
      return { oid, type: T.Counter, value: unsigned32() };
    case 'Gauge32':
      return { oid, type: T.Gauge, value: unsigned32() };
    case 'TimeTicks':
      return { oid, type: T.TimeTicks, value: unsigned32() };
    case 'Counter64': {
      if (!/^\d+$/.test(input.value) || BigInt(input.value) > 0xffffffffffffffffn) bad('an unsigned 64-bit integer');
      let hex = BigInt(input.value).toString(16);
      if (hex.length % 2 === 1) hex = `0${hex}`;
      // BER INTEGER: a leading 0x80 bit would read as negative
      if (/^[89a-f]/.test(hex)) hex = `00${hex}`;
      return { oid, type: T.Counter64, value: Buffer.from(hex, 'hex') };
    }
  }
}

export class SnmpEngine {
  async get(t: SnmpTarget, oids: string[]): Promise<{ varbinds: SnmpVarbind[]; rttMs: number }> {
    const numeric = oids.map(toOid);
    return withSession(t, async (s) => {
      const t0 = performance.now();
      const raw = await call<RawVarbind[]>(t, (cb) => s.get(numeric, cb));
      return { varbinds: raw.map(decodeVarbind), rttMs: performance.now() - t0 };
    });
  }

  async getNext(t: SnmpTarget, oids: string[]): Promise<{ varbinds: SnmpVarbind[]; rttMs: number }> {
    const numeric = oids.map(toOid);
    return withSession(t, async (s) => {
      const t0 = performance.now();
      const raw = await getNextOrEnd(t, s, numeric);
      return { varbinds: raw.map(decodeVarbind), rttMs: performance.now() - t0 };
    });
  }

  async set(t: SnmpTarget, inputs: SnmpSetInput[]): Promise<{ varbinds: SnmpVarbind[]; rttMs: number }> {
    const varbinds = toSetVarbinds(inputs);
    return withSession(t, async (s) => {
      const t0 = performance.now();
      const raw = await call<RawVarbind[]>(t, (cb) => s.set(varbinds, cb));
      return { varbinds: raw.map(decodeVarbind), rttMs: performance.now() - t0 };
    });
  }

  /**
   * Walks the subtree under `oid` (exclusive), GETBULK or GETNEXT, stopping at its end, at
   * endOfMibView, at `limit` or when `signal` aborts. Like snmpwalk, an OID with nothing under it
   * (a scalar instance such as sysUpTime.0) is fetched with a GET instead.
   *
   * Pipelined by one step: as soon as an answer shows the walk goes on, the next request is sent,
   * and only then is this answer decoded and handed on. The agent works on the next batch while
   * we decode (and the CLI prints) this one; still one request in flight, as snmpbulkwalk.
   * SNMPv2c bulk walks read answers with our own BER scanner (v2cBulk.ts says why); the rest
   * through net-snmp.
   * With `onVarbinds`, batches go there as they arrive and are not collected (`varbinds` is empty,
   * `count` says how many there were): a 200,000-row walk then streams in constant memory.
   */
  async walk(t: SnmpTarget, oid: string, opts: WalkOptions): Promise<WalkResult> {
    const root = toOid(oid);
    const t0 = performance.now();
    const out: SnmpVarbind[] = [];
    const emit = opts.onVarbinds ?? ((batch: SnmpVarbind[]) => void out.push(...batch));
    let r: { count: number; truncated: boolean; requests: number };
    if (opts.bulk && t.version === '2c') {
      if (t.community === undefined || t.community === '') throw new NocError('VALIDATION', 'SNMPv2c needs a community', [{ path: 'community', message: 'community is required' }]);
      const { address, transport } = await resolveHost(t.host);
      const community = t.community;
      const channels: V2cBulkChannel[] = [];
      const open = (): V2cBulkChannel => {
        const c = new V2cBulkChannel(address, t.port, transport, community, t.timeoutMs, t.retries);
        channels.push(c);
        return c;
      };
      try {
        r = await v2cBulkWalk(t, root, opts, emit, open);
      } finally {
        for (const c of channels) c.close();
      }
    } else {
      const bulk = opts.bulk && t.version !== '1';
      r = await withSession(t, (s) => walkLoop(t, root, opts, emit, (reps) => rawBatch(t, s, root, root, bulk, reps)));
    }
    let { count } = r;
    if (count === 0 && !r.truncated) {
      const single = (await this.get(t, [root])).varbinds.filter((v) => !isException(v));
      count = single.length;
      if (single.length > 0) emit(single);
      r.requests++;
    }
    return { varbinds: out, count, truncated: r.truncated, requests: r.requests, durationMs: performance.now() - t0 };
  }
}

/** One GETBULK or GETNEXT answer as the walk loop sees it, however it was read. */
interface WalkBatch {
  readonly size: number;
  /** How many leading varbinds are inside the subtree and not exceptions (endOfMibView…). */
  inside(): number;
  /** Sends the request that continues after this answer's last varbind. */
  follow(reps: number): Promise<WalkBatch>;
  decode(n: number): SnmpVarbind[];
  lastOid(): string;
}

/** Answers net-snmp parsed (v1, v3, GETNEXT). */
async function rawBatch(t: SnmpTarget, s: Session, root: string, from: string, bulk: boolean, reps: number): Promise<WalkBatch> {
  const raw = bulk ? ((await call<RawVarbind[][]>(t, (cb) => s.getBulk([from], 0, reps, cb)))[0] ?? []) : await getNextOrEnd(t, s, [from]);
  return {
    size: raw.length,
    inside: () => {
      let end = 0;
      while (end < raw.length && (raw[end] as RawVarbind).type < 128 && inSubtree((raw[end] as RawVarbind).oid, root)) end++;
      return end;
    },
    follow: (n) => rawBatch(t, s, root, (raw[raw.length - 1] as RawVarbind).oid, bulk, n),
    decode: (n) => raw.slice(0, n).map(decodeVarbind),
    lastOid: () => (raw[raw.length - 1] as RawVarbind).oid,
  };
}

async function bulkRequest(t: SnmpTarget, channel: V2cBulkChannel, from: Buffer, reps: number): Promise<ScannedResponse> {
  try {
    return await channel.request(from, reps);
  } catch (error) {
    throw translateError(t, error as Error);
  }
}

/** v2c GETBULK answers, only scanned until decoded. `orEqual`: the subtree's own OID counts (a lane's first varbind may be it). */
async function scannedBatch(t: SnmpTarget, channel: V2cBulkChannel, rootContent: Buffer, from: Buffer, reps: number, orEqual = false): Promise<WalkBatch> {
  return scannedBatchOf(t, channel, rootContent, await bulkRequest(t, channel, from, reps), orEqual);
}

function scannedBatchOf(t: SnmpTarget, channel: V2cBulkChannel, rootContent: Buffer, a: ScannedResponse, orEqual: boolean): WalkBatch {
  return {
    size: a.count,
    inside: () => {
      let end = 0;
      while (end < a.count && a.tag(end) < 0x80 && a.under(end, rootContent, orEqual)) end++;
      return end;
    },
    follow: (n) => scannedBatch(t, channel, rootContent, a.oidContent(a.count - 1), n, orEqual),
    decode: (n) => {
      const vbs: SnmpVarbind[] = new Array(n);
      for (let i = 0; i < n; i++) vbs[i] = decodeVarbind(a.varbind(i));
      return vbs;
    },
    lastOid: () => a.varbind(a.count - 1).oid,
  };
}

/** Walks of a subtree's parts at once (v2c bulk): at most this many requests in flight to one agent. */
const WALK_LANES = 4;
/** A level with more children than this is walked in one lane (it is rows, not columns). */
const MAX_PARTS = 64;

interface Part {
  prefix: Buffer;
  /** The part's first varbind, already fetched by the probe. */
  first: ScannedResponse;
}

/**
 * The parts of the subtree under `root` to walk side by side: its children (their first varbinds
 * found by one GETNEXT each), descending through single children (ifTable → ifEntry → its
 * columns). Null when the subtree should be walked in one lane: rows or leaves under it, too many
 * children, or one child only all the way down.
 */
async function partsOf(t: SnmpTarget, channel: V2cBulkChannel, root: string): Promise<{ parts: Part[] | null; requests: number }> {
  let requests = 0;
  let base = root;
  for (let depth = 0; depth < 3; depth++) {
    const baseContent = encodeOidContent(base);
    const baseIds = base.split('.').length;
    const parts: Part[] = [];
    let from = baseContent;
    for (;;) {
      requests++;
      const a = await bulkRequest(t, channel, from, 1);
      if (a.count === 0 || a.tag(0) >= 0x80 || !a.under(0, baseContent)) break;
      const oid = a.varbind(0).oid.split('.');
      const child = Number(oid[baseIds]);
      // a leaf right under the base (an instance, not a column): rows, walk them in one lane
      if (oid.length === baseIds + 1 || parts.length >= MAX_PARTS) return { parts: null, requests };
      const prefix = `${base}.${child}`;
      parts.push({ prefix: encodeOidContent(prefix), first: a });
      from = encodeOidContent(`${base}.${child + 1}`);
    }
    if (parts.length === 0) return { parts: [], requests };
    if (parts.length > 1) return { parts, requests };
    base = decodeOidContent(parts[0]?.prefix as Buffer, 0, (parts[0]?.prefix as Buffer).length);
  }
  return { parts: null, requests };
}

/**
 * A v2c GETBULK walk. Where the subtree splits into parts (a table's columns), up to WALK_LANES
 * parts are walked at once, each on its own socket with one request in flight, and their varbinds
 * handed on strictly in subtree order (later parts wait in memory until the earlier are done): the
 * same varbinds in the same order as one sequential walk, but the agent is never idle while we
 * decode. `limit` and `signal` apply to the whole walk.
 */
async function v2cBulkWalk(
  t: SnmpTarget,
  root: string,
  opts: WalkOptions,
  emit: (batch: SnmpVarbind[]) => void,
  open: () => V2cBulkChannel,
): Promise<{ count: number; truncated: boolean; requests: number }> {
  const rootContent = encodeOidContent(root);
  const probe = open();
  const { parts, requests: probes } = opts.signal?.aborted === true ? { parts: null, requests: 0 } : await partsOf(t, probe, root);
  if (parts === null || parts.length <= 1) {
    const r = await walkLoop(t, root, opts, emit, (reps) => scannedBatch(t, probe, rootContent, rootContent, reps));
    return { ...r, requests: r.requests + probes };
  }
  const stop = new AbortController();
  const onAbort = () => stop.abort();
  opts.signal?.addEventListener('abort', onAbort);
  let total = 0;
  let truncated = false;
  let head = 0;
  const held: SnmpVarbind[][][] = parts.map(() => []);
  const finished: boolean[] = parts.map(() => false);
  const deliver = (batch: SnmpVarbind[]): void => {
    if (stop.signal.aborted) return;
    const room = opts.limit - total;
    const take = batch.length > room ? batch.slice(0, room) : batch;
    total += take.length;
    if (take.length > 0) emit(take);
    opts.onProgress?.(total);
    if (total >= opts.limit && (take.length < batch.length || finished.some((f) => !f))) {
      truncated = true;
      stop.abort();
    }
  };
  let requests = probes;
  let next = 0;
  const lane = async (): Promise<void> => {
    const channel = open();
    while (next < parts.length && !stop.signal.aborted) {
      const i = next++;
      const part = parts[i] as Part;
      const r = await walkLoop(
        t,
        decodeOidContent(part.prefix, 0, part.prefix.length),
        { ...opts, signal: stop.signal, onProgress: undefined, onVarbinds: undefined },
        (batch) => (i === head ? deliver(batch) : held[i]?.push(batch)),
        async () => scannedBatchOf(t, channel, part.prefix, part.first, true),
      );
      requests += r.requests - 1; // the first "request" was the probe's answer
      finished[i] = true;
      while (head < parts.length && finished[head]) {
        head++;
        for (const b of held[head] ?? []) deliver(b);
        if (head < parts.length) held[head] = [];
      }
    }
  };
  try {
    await Promise.all(Array.from({ length: Math.min(WALK_LANES, parts.length) }, lane));
  } catch (error) {
    stop.abort();
    throw error;
  } finally {
    opts.signal?.removeEventListener('abort', onAbort);
  }
  if (opts.signal?.aborted === true && finished.some((f) => !f)) truncated = true;
  return { count: total, truncated, requests };
}

async function walkLoop(
  t: SnmpTarget,
  root: string,
  opts: WalkOptions,
  emit: (batch: SnmpVarbind[]) => void,
  first: (reps: number) => Promise<WalkBatch>,
): Promise<{ count: number; truncated: boolean; requests: number }> {
  let count = 0;
  let requests = 0;
  let truncated = false;
  // ask for no more than the limit still allows
  const reps = (already: number): number => Math.max(1, Math.min(opts.maxRepetitions, opts.limit - already));
  const sent = (p: Promise<WalkBatch>): Promise<WalkBatch> => {
    requests++;
    p.catch(() => undefined); // a request left in flight by a failure below must not go unhandled
    return p;
  };
  let previous = root;
  let pending: Promise<WalkBatch> | null = opts.signal?.aborted === true ? null : sent(first(reps(0)));
  if (pending === null) truncated = true;
  while (pending !== null) {
    const batch: WalkBatch = await pending;
    pending = null;
    let end = batch.inside();
    let done = batch.size === 0 || end < batch.size;
    if (count + end >= opts.limit) {
      if (count + end > opts.limit || !done) truncated = true;
      end = opts.limit - count;
      done = true;
    }
    if (!done) {
      if (opts.signal?.aborted === true) truncated = true;
      else pending = sent(batch.follow(reps(count + end)));
    }
    if (end > 0) {
      const decoded = batch.decode(end);
      count += end;
      emit(decoded);
    }
    if (!done) {
      // an agent that does not move forward would loop for ever
      const last = batch.lastOid();
      if (compareOids(last, previous) <= 0) throw new NocError('UNAVAILABLE', `${describe(t)} returned OIDs out of order (${last} after ${previous}): the walk stops here`);
      previous = last;
    }
    opts.onProgress?.(count);
  }
  return { count, truncated, requests };
}

/** GETNEXT; an SNMPv1 agent signals the end of its MIB with noSuchName, which we turn into endOfMibView. */
async function getNextOrEnd(t: SnmpTarget, s: Session, oids: string[]): Promise<RawVarbind[]> {
  try {
    return await call<RawVarbind[]>(t, (cb) => s.getNext(oids, cb));
  } catch (error) {
    if (t.version === '1' && error instanceof NocError && (error.details as { errorStatus?: number } | undefined)?.errorStatus === 2) {
      return oids.map((oid) => ({ oid, type: snmp.ObjectType.EndOfMibView, value: null }));
    }
    throw error;
  }
}
