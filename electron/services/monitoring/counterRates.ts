// Interface rates from two readings of an octet counter. Pure: no I/O, counters as BigInt so a
// Counter64 above 2^53 stays exact. The rule is "no rate rather than a wrong rate": an interval is
// dropped whenever the two readings may not belong to one continuous counter (the agent restarted,
// the counter width changed, or a wrap would imply more traffic than the link can carry).

export type CounterBits = 32 | 64;

export interface CounterReading {
  /** Octets as the agent reported them. */
  in: bigint;
  out: bigint;
  bits: CounterBits;
}

export interface Reading {
  /** Wall clock (epoch ms) when the agent answered. */
  at: number;
  /** sysUpTime in hundredths of a second; null when the agent did not say. */
  uptimeTicks: number | null;
}

export type RateResult =
  | { ok: true; inBps: number; outBps: number }
  | { ok: false; reason: 'restart' | 'width-changed' | 'no-time' | 'implausible' };

const MODULUS: Record<CounterBits, bigint> = { 32: 1n << 32n, 64: 1n << 64n };

/**
 * True when the agent restarted between two readings: sysUpTime went back, or it moved forward
 * by much less than the wall clock did (the agent came back up and has been running for less
 * time than the gap). An uptime that does not move at all (a simulator with a fixed value) says
 * nothing either way and is not taken as a restart.
 */
export function agentRestarted(prev: Reading, cur: Reading): boolean {
  if (prev.uptimeTicks === null || cur.uptimeTicks === null) return false;
  if (cur.uptimeTicks < prev.uptimeTicks) return true;
  const uptimeMs = (cur.uptimeTicks - prev.uptimeTicks) * 10;
  const wallMs = cur.at - prev.at;
  // a slack of 5 s or half the gap absorbs clock jitter and slow answers
  return uptimeMs > 0 && uptimeMs < wallMs - Math.max(5000, wallMs / 2);
}

/**
 * Octets counted between two readings of one counter, or null when that cannot be known: a
 * counter that went backwards wrapped once at 2^bits, unless the wrapped delta is at least half
 * the counter's range (then a reset is far likelier than a wrap).
 */
export function counterDelta(prev: bigint, cur: bigint, bits: CounterBits): bigint | null {
  if (cur >= prev) return cur - prev;
  const wrapped = cur + MODULUS[bits] - prev;
  return wrapped < MODULUS[bits] / 2n ? wrapped : null;
}

/** bit/s = Δoctets × 8 / Δt, rounded to whole bits. */
export function bitsPerSecond(octets: bigint, ms: number): number {
  return Math.round((Number(octets) * 8 * 1000) / ms);
}

/**
 * In and out rates of one interface between two polls. `speedBps` (ifHighSpeed/ifSpeed), when
 * known, bounds what a wrap may explain: more than the line rate (plus 10 % for rounding of the
 * advertised speed) means the counter was reset, not wrapped.
 */
export function interfaceRate(prev: Reading & CounterReading, cur: Reading & CounterReading, speedBps: number | null): RateResult {
  if (agentRestarted(prev, cur)) return { ok: false, reason: 'restart' };
  if (prev.bits !== cur.bits) return { ok: false, reason: 'width-changed' };
  const ms = cur.at - prev.at;
  if (ms <= 0) return { ok: false, reason: 'no-time' };
  const din = counterDelta(prev.in, cur.in, cur.bits);
  const dout = counterDelta(prev.out, cur.out, cur.bits);
  if (din === null || dout === null) return { ok: false, reason: 'implausible' };
  const inBps = bitsPerSecond(din, ms);
  const outBps = bitsPerSecond(dout, ms);
  const wrapped = cur.in < prev.in || cur.out < prev.out;
  if (wrapped && speedBps !== null && speedBps > 0 && Math.max(inBps, outBps) > speedBps * 1.1) return { ok: false, reason: 'implausible' };
  return { ok: true, inBps, outBps };
}
