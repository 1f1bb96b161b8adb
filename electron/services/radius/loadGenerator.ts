// Load mode: N requests at concurrency C (or at a target rate) against one server, measured the
// way radclient is: every request a fresh Request Authenticator and Message-Authenticator, every
// reply's Response Authenticator checked. The request is encoded once by the normal encoder and
// then patched in place per send (identifier, authenticator, hidden password, HMAC), so the hot
// path allocates almost nothing. Drops are counted and retransmitted, never hidden.
import { createHash, createHmac, randomFillSync, timingSafeEqual } from 'node:crypto';
import dgram from 'node:dgram';
import { lookup } from 'node:dns/promises';
import { isIP } from 'node:net';
import type { RadiusLoadStats } from '../../../shared/ipc/radiusSchemas';
import { CODE, encodeRequest, HEADER_LENGTH, type OutgoingAttribute } from './packet';
import type { Destination } from './transport';

export interface LoadPlan {
  readonly destination: Destination;
  readonly secret: string;
  readonly code: typeof CODE.accessRequest | typeof CODE.statusServer;
  /** Attributes as for a single request; a User-Password among them is re-hidden per send. */
  readonly attributes: readonly OutgoingAttribute[];
  readonly count: number;
  readonly concurrency: number;
  readonly ratePerSecond?: number;
  readonly timeoutMs: number;
  readonly retries: number;
  readonly strict: boolean;
  readonly onProgress?: (done: number, total: number) => void;
  readonly signal?: AbortSignal;
}

/** Identifiers per socket: stay under 256 so a late reply rarely meets a reused identifier. */
const IDS_PER_SOCKET = 200;
const LATENCY_SAMPLES = 1 << 21;

interface Slot {
  readonly packet: Buffer;
  sentAt: number;
  tries: number;
  busy: boolean;
}

class Latencies {
  private readonly samples: Float64Array;
  private n = 0;
  private seen = 0;
  max = 0;

  constructor(expected: number) {
    this.samples = new Float64Array(Math.min(expected, LATENCY_SAMPLES));
  }

  add(ms: number): void {
    this.seen++;
    if (ms > this.max) this.max = ms;
    if (this.n < this.samples.length) this.samples[this.n++] = ms;
    else {
      // reservoir sampling keeps percentiles honest past two million replies
      const j = Math.floor(Math.random() * this.seen);
      if (j < this.samples.length) this.samples[j] = ms;
    }
  }

  percentiles(): { p50: number; p95: number; p99: number; max: number } {
    const s = this.samples.slice(0, this.n).sort();
    const at = (q: number): number => (s.length === 0 ? 0 : (s[Math.min(s.length - 1, Math.floor(q * s.length))] ?? 0));
    return { p50: at(0.5), p95: at(0.95), p99: at(0.99), max: this.max };
  }
}

export async function runLoad(plan: LoadPlan): Promise<RadiusLoadStats> {
  const address = isIP(plan.destination.host) ? plan.destination.host : (await lookup(plan.destination.host)).address;
  const secret = Buffer.from(plan.secret, 'utf8');
  const withMa = true;
  const template = encodeRequest({ code: plan.code, identifier: 0, authenticator: Buffer.alloc(16), secret: plan.secret, attributes: plan.attributes, messageAuthenticator: withMa });
  const maOffset = HEADER_LENGTH + 2;
  // where the hidden User-Password sits in the template, to re-hide it for each authenticator
  const passwordAttr = plan.attributes.find((a) => a.def.encrypt === 1);
  let pwOffset = -1;
  let pwLength = 0;
  for (let off = HEADER_LENGTH; passwordAttr && off < template.length; off += template[off + 1] ?? 255) {
    if (template[off] === passwordAttr.def.code) {
      pwOffset = off + 2;
      pwLength = (template[off + 1] ?? 2) - 2;
      break;
    }
  }
  const password = passwordAttr ? Buffer.alloc(pwLength) : Buffer.alloc(0);
  passwordAttr?.value.copy(password);

  const stats = {
    sent: 0,
    replies: 0,
    accepts: 0,
    rejects: 0,
    otherCodes: 0,
    timeouts: 0,
    retransmissions: 0,
    refused: 0,
    ma: { valid: 0, missing: 0, invalid: 0 },
  };
  const latencies = new Latencies(plan.count);
  const socketCount = Math.max(1, Math.ceil(plan.concurrency / IDS_PER_SOCKET));
  const randomPool = Buffer.alloc(16 * 4096);
  let randomAt = randomPool.length;
  const md5Input = Buffer.alloc(secret.length + 16);
  secret.copy(md5Input);

  const sockets: { sock: dgram.Socket; slots: Slot[]; free: number[] }[] = [];
  for (let s = 0; s < socketCount; s++) {
    const sock = dgram.createSocket({ type: isIP(address) === 6 ? 'udp6' : 'udp4', recvBufferSize: 4 << 20, sendBufferSize: 4 << 20 });
    await new Promise<void>((resolve, reject) => {
      sock.once('error', reject);
      sock.connect(plan.destination.port, address, () => {
        sock.off('error', reject);
        resolve();
      });
    });
    const slots: Slot[] = [];
    for (let id = 0; id < 256; id++) slots.push({ packet: Buffer.from(template), sentAt: 0, tries: 0, busy: false });
    const free: number[] = [];
    for (let id = 0; id < IDS_PER_SOCKET; id++) free.push(id);
    sockets.push({ sock, slots, free });
  }

  let started = 0;
  let finished = 0;
  let inFlight = 0;
  const startAt = performance.now();
  let done!: () => void;
  const allDone = new Promise<void>((r) => (done = r));

  const send = (sock: dgram.Socket, slot: Slot): void => {
    slot.sentAt = performance.now();
    slot.tries++;
    sock.send(slot.packet);
  };

  const prepare = (slot: Slot, id: number): void => {
    const p = slot.packet;
    p[1] = id;
    if (randomAt >= randomPool.length) {
      randomFillSync(randomPool);
      randomAt = 0;
    }
    randomPool.copy(p, 4, randomAt, randomAt + 16);
    randomAt += 16;
    if (pwOffset > 0) {
      // RFC 2865 §5.2, inlined: c(i) = p(i) xor MD5(secret + c(i-1)), c(0) chained from the authenticator
      for (let b = 0; b < pwLength; b += 16) {
        if (b === 0) p.copy(md5Input, secret.length, 4, 20);
        else p.copy(md5Input, secret.length, pwOffset + b - 16, pwOffset + b);
        const x = createHash('md5').update(md5Input).digest();
        for (let i = 0; i < 16; i++) p[pwOffset + b + i] = (password[b + i] ?? 0) ^ (x[i] ?? 0);
      }
    }
    if (withMa) {
      p.fill(0, maOffset, maOffset + 16);
      createHmac('md5', secret).update(p).digest().copy(p, maOffset);
    }
  };

  const launch = (): void => {
    while (started < plan.count && inFlight < plan.concurrency && !plan.signal?.aborted) {
      if (plan.ratePerSecond !== undefined && started >= allowance()) return;
      const s = sockets[started % socketCount];
      const id = s?.free.pop();
      if (!s || id === undefined) return;
      const slot = s.slots[id];
      if (!slot) return;
      slot.busy = true;
      slot.tries = 0;
      prepare(slot, id);
      started++;
      inFlight++;
      stats.sent++;
      send(s.sock, slot);
    }
    if (finished >= plan.count || (plan.signal?.aborted && inFlight === 0)) done();
  };

  const complete = (s: (typeof sockets)[number], id: number, slot: Slot): void => {
    slot.busy = false;
    s.free.unshift(id);
    inFlight--;
    finished++;
  };

  for (const s of sockets) {
    s.sock.on('message', (msg: Buffer) => {
      if (msg.length < HEADER_LENGTH) return;
      const id = msg[1] ?? 0;
      const slot = s.slots[id];
      if (!slot?.busy) return;
      const len = msg.readUInt16BE(2);
      if (len < HEADER_LENGTH || len > msg.length) return;
      // Response Authenticator over the reply with the request's authenticator in place
      const h = createHash('md5');
      h.update(msg.subarray(0, 4));
      h.update(slot.packet.subarray(4, 20));
      h.update(msg.subarray(HEADER_LENGTH, len));
      h.update(secret);
      if (!timingSafeEqual(h.digest(), msg.subarray(4, 20))) {
        stats.refused++;
        return;
      }
      const rtt = performance.now() - slot.sentAt;
      let ma: 'valid' | 'missing' | 'invalid' = 'missing';
      for (let off = HEADER_LENGTH; off + 2 <= len; ) {
        const alen = msg[off + 1] ?? 0;
        if (alen < 2) break;
        if (msg[off] === 80 && alen === 18) {
          const copy = Buffer.from(msg.subarray(0, len));
          slot.packet.copy(copy, 4, 4, 20);
          copy.fill(0, off + 2, off + 18);
          ma = timingSafeEqual(createHmac('md5', secret).update(copy).digest(), msg.subarray(off + 2, off + 18)) ? 'valid' : 'invalid';
          break;
        }
        off += alen;
      }
      stats.ma[ma]++;
      if (ma === 'invalid' || (plan.strict && ma !== 'valid')) stats.refused++;
      else {
        stats.replies++;
        const code = msg[0];
        if (code === 2 || (plan.code === CODE.statusServer && code === 5)) stats.accepts++;
        else if (code === 3) stats.rejects++;
        else stats.otherCodes++;
        latencies.add(rtt);
      }
      complete(s, id, slot);
      launch();
    });
  }

  // One sweep timer instead of a timer per request: retransmit or give up on what is overdue.
  const sweepEvery = plan.ratePerSecond !== undefined ? 5 : Math.max(5, Math.min(100, Math.floor(plan.timeoutMs / 4)));
  const sweep = setInterval(() => {
    const now = performance.now();
    for (const s of sockets) {
      for (let id = 0; id < 256; id++) {
        const slot = s.slots[id];
        if (!slot?.busy || now - slot.sentAt < plan.timeoutMs) continue;
        if (slot.tries <= plan.retries && !plan.signal?.aborted) {
          stats.retransmissions++;
          send(s.sock, slot);
        } else {
          stats.timeouts++;
          complete(s, id, slot);
        }
      }
    }
    plan.onProgress?.(finished, plan.count);
    launch();
  }, sweepEvery);

  const allowance = (): number => Math.floor(((performance.now() - startAt) / 1000) * (plan.ratePerSecond ?? Infinity)) + 1;

  plan.signal?.addEventListener('abort', () => launch(), { once: true });
  launch();
  await allDone;
  clearInterval(sweep);
  const elapsedMs = performance.now() - startAt;
  for (const s of sockets) s.sock.close();
  plan.onProgress?.(finished, plan.count);
  return {
    sent: stats.sent,
    replies: stats.replies,
    accepts: stats.accepts,
    rejects: stats.rejects,
    otherCodes: stats.otherCodes,
    timeouts: stats.timeouts,
    retransmissions: stats.retransmissions,
    refused: stats.refused,
    elapsedMs,
    requestsPerSecond: elapsedMs > 0 ? (stats.replies / elapsedMs) * 1000 : 0,
    latencyMs: latencies.percentiles(),
    messageAuthenticator: stats.ma,
  };
}
