// The live interface table's pure parts: bit/s shown with SI units, utilisation of the busier
// direction, and a poller event folded into what the table had (speed and admin status kept).
import { describe, expect, it } from 'vitest';
import { applySample, formatBps, utilisationOf, type LiveInterface } from '../../../renderer/src/features/monitoring/liveInterfaces';

const iface = (ifIndex: number, name: string, extra: Partial<LiveInterface> = {}): LiveInterface => ({
  ifIndex,
  name,
  adminStatus: 'up',
  operStatus: 'up',
  speedBps: 1_000_000_000,
  inBps: null,
  outBps: null,
  ...extra,
});

describe('formatBps', () => {
  it('uses k/M/G/T steps of 1000 with three significant digits', () => {
    expect(formatBps(0)).toBe('0 bps');
    expect(formatBps(999)).toBe('999 bps');
    expect(formatBps(1_234)).toBe('1.23 kbps');
    expect(formatBps(51_200)).toBe('51.2 kbps');
    expect(formatBps(987_000_000)).toBe('987 Mbps');
    expect(formatBps(10_000_000_000)).toBe('10.0 Gbps');
    expect(formatBps(4e15)).toBe('4000 Tbps');
  });
  it('shows a dash when there is no rate yet', () => {
    expect(formatBps(null)).toBe('—');
  });
});

describe('utilisationOf', () => {
  it('is the busier direction over the speed, capped at 1, and unknown without a speed or a rate', () => {
    expect(utilisationOf({ speedBps: 1000, inBps: 100, outBps: 400 })).toBe(0.4);
    expect(utilisationOf({ speedBps: 1000, inBps: 5000, outBps: 0 })).toBe(1);
    expect(utilisationOf({ speedBps: null, inBps: 100, outBps: 100 })).toBeNull();
    expect(utilisationOf({ speedBps: 1000, inBps: null, outBps: null })).toBeNull();
  });
});

describe('applySample', () => {
  it('updates rates and oper status, keeps speed and admin status, adds new interfaces in ifIndex order', () => {
    const before = [iface(1, 'lo', { speedBps: null }), iface(3, 'eth1', { adminStatus: 'up' })];
    const after = applySample(before, {
      deviceId: '01a21b3a-90bf-7003-adf1-a5d38aefe6c9',
      at: 2,
      status: 'up',
      rttMs: 1,
      interfaceCount: 3,
      interfaces: [
        { ifIndex: 3, name: 'eth1', operStatus: 'down', inBps: 10, outBps: 20 },
        { ifIndex: 2, name: 'mgmt0', operStatus: 'up', inBps: 5, outBps: 6 },
      ],
    });
    expect(after.map((i) => i.name)).toEqual(['lo', 'mgmt0', 'eth1']);
    expect(after[2]).toEqual({ ifIndex: 3, name: 'eth1', adminStatus: 'up', operStatus: 'down', speedBps: 1_000_000_000, inBps: 10, outBps: 20 });
    expect(after[1]).toMatchObject({ adminStatus: '', speedBps: null, inBps: 5 });
    expect(after[0]).toBe(before[0]);
  });
});
