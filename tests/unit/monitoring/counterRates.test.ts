// Rates from crafted counter readings: plain deltas, 32- and 64-bit wraps, agent restarts and
// readings that cannot belong to one continuous counter.
import { describe, expect, it } from 'vitest';
import { agentRestarted, counterDelta, interfaceRate } from '../../../electron/services/monitoring/counterRates';

const T0 = 1_700_000_000_000;
const reading = (at: number, uptimeTicks: number | null, inOctets: bigint, outOctets: bigint, bits: 32 | 64 = 64) => ({ at, uptimeTicks, in: inOctets, out: outOctets, bits });

describe('interface rates from counter deltas', () => {
  it('is Δoctets × 8 / Δt', () => {
    const r = interfaceRate(reading(T0, 100_000, 1_000n, 5_000n), reading(T0 + 60_000, 106_000, 7_501_000n, 5_000n), 1_000_000_000);
    expect(r).toEqual({ ok: true, inBps: 1_000_000, outBps: 0 });
  });

  it('resolves a 32-bit counter that wrapped at 2^32', () => {
    // 2^32 - 1,000 → 7,499,000 after the wrap: 7,500,000 octets in 60 s = 1 Mb/s
    const r = interfaceRate(reading(T0, 100_000, 4_294_966_296n, 0n, 32), reading(T0 + 60_000, 106_000, 7_499_000n, 0n, 32), 1_000_000_000);
    expect(r).toEqual({ ok: true, inBps: 1_000_000, outBps: 0 });
  });

  it('resolves a 64-bit counter that wrapped at 2^64, exactly (values above 2^53)', () => {
    const max = (1n << 64n) - 1n;
    const r = interfaceRate(reading(T0, 100_000, max - 74_999_999n, 18_000_000_000_000_000_001n), reading(T0 + 60_000, 106_000, 75_000_000n, 18_000_000_000_075_000_001n), 10_000_000_000);
    // 150,000,000 octets in each direction over 60 s = 20 Mb/s (2^64 - 75,000,000 + 1 … to 75,000,000)
    expect(r).toEqual({ ok: true, inBps: 20_000_000, outBps: 10_000_000 });
  });

  it('drops the interval when sysUpTime went back (agent restart), instead of inventing a wrap', () => {
    const r = interfaceRate(reading(T0, 9_000_000, 4_000_000_000n, 9_000n, 32), reading(T0 + 60_000, 3_000, 12_000n, 500n, 32), 1_000_000_000);
    expect(r).toEqual({ ok: false, reason: 'restart' });
  });

  it('drops the interval when the agent came back up during the gap (uptime far shorter than the wall clock)', () => {
    // ten minutes between polls, but the agent has only been up 20 s more than before: it restarted
    expect(agentRestarted({ at: T0, uptimeTicks: 1_000 }, { at: T0 + 600_000, uptimeTicks: 3_000 })).toBe(true);
    expect(agentRestarted({ at: T0, uptimeTicks: 1_000 }, { at: T0 + 600_000, uptimeTicks: 61_000 })).toBe(false);
    // a simulator whose uptime never moves says nothing either way
    expect(agentRestarted({ at: T0, uptimeTicks: 1_000 }, { at: T0 + 600_000, uptimeTicks: 1_000 })).toBe(false);
  });

  it('drops a "wrap" that would mean more traffic than the line rate (a counter reset)', () => {
    // 3,000,000,000 → 500,000,000: as a 32-bit wrap, 1,794,967,296 octets in 60 s = 239 Mb/s
    const prev = reading(T0, 100_000, 3_000_000_000n, 0n, 32);
    const cur = reading(T0 + 60_000, 106_000, 500_000_000n, 0n, 32);
    expect(interfaceRate(prev, cur, 100_000_000)).toEqual({ ok: false, reason: 'implausible' });
    // on a 1 Gb/s link the same readings are a plausible wrap
    expect(interfaceRate(prev, cur, 1_000_000_000)).toEqual({ ok: true, inBps: 239_328_973, outBps: 0 });
  });

  it('drops the interval when the counter width changed (HC columns appeared) or no time passed', () => {
    expect(interfaceRate(reading(T0, 1, 10n, 10n, 32), reading(T0 + 60_000, 6_001, 20n, 20n, 64), null)).toEqual({ ok: false, reason: 'width-changed' });
    expect(interfaceRate(reading(T0, 1, 10n, 10n), reading(T0, 1, 20n, 20n), null)).toEqual({ ok: false, reason: 'no-time' });
  });

  it('takes a 64-bit counter going back by more than half its range as a reset, not a wrap', () => {
    expect(counterDelta(5_000_000n, 1_000n, 64)).toBeNull();
    expect(counterDelta((1n << 64n) - 10n, 5n, 64)).toBe(15n);
    expect(counterDelta((1n << 32n) - 10n, 5n, 32)).toBe(15n);
  });
});
