// Status and alarm rules of one poll, the bounded pool, and the roll-up/retention step.
import { afterAll, describe, expect, it } from 'vitest';
import { healthOf, wantedAlarms } from '../../../electron/services/monitoring/deviceHealth';
import type { DevicePoll, PolledInterface } from '../../../electron/services/monitoring/pollDevice';
import { HOUR_MS, RAW_KEEP_MS, SampleStore } from '../../../electron/services/monitoring/sampleStore';
import { mapPool } from '../../../electron/services/monitoring/scheduler';
import { openTempConsole } from '../../helpers/tempWorkspace';

const T = { slowMs: 1000, cpuPct: 90 };
const iface = (ifIndex: number, adminStatus: PolledInterface['adminStatus'], operStatus: PolledInterface['operStatus']): PolledInterface => ({
  ifIndex, name: `ge${ifIndex}`, adminStatus, operStatus, speedBps: null, inOctets: 0n, outOctets: 0n, bits: 64,
});
const poll = (p: Partial<DevicePoll>): DevicePoll => ({
  at: 0, reachable: true, rttMs: 5, timedOut: false, error: null, uptimeTicks: 1, sysName: null, sysDescr: null, sysObjectId: null, interfaces: [], cpuPct: null, memPct: null, ...p,
});

describe('device health from a poll', () => {
  it('is down without an answer, degraded when slow or an admin-up port is down, up otherwise', () => {
    expect(healthOf(poll({ reachable: false, rttMs: null }), T).status).toBe('down');
    expect(healthOf(poll({ rttMs: 1500 }), T)).toMatchObject({ status: 'degraded', slow: true });
    expect(healthOf(poll({ timedOut: true }), T)).toMatchObject({ status: 'degraded', slow: true });
    expect(healthOf(poll({ interfaces: [iface(1, 'up', 'up'), iface(2, 'up', 'lowerLayerDown')] }), T).status).toBe('degraded');
    // an interface shut down on purpose is not a fault
    expect(healthOf(poll({ interfaces: [iface(1, 'up', 'up'), iface(2, 'down', 'down')] }), T)).toMatchObject({ status: 'up', slow: false });
  });

  it('asks for device.down only when down, and leaves interface alarms alone while the device is silent', () => {
    const down = poll({ reachable: false, error: 'no answer' });
    const w = wantedAlarms('d1', 'r1', down, healthOf(down, T), T);
    expect(w.open).toEqual([{ deviceId: 'd1', source: 'poller', severity: 'critical', kind: 'device.down', dedupKey: 'device.down:d1', message: 'r1 does not answer SNMP: no answer' }]);
    expect(w.judged('interface.down:d1:2')).toBe(false);
    const up = poll({ interfaces: [iface(2, 'up', 'down')], cpuPct: 95 });
    const u = wantedAlarms('d1', 'r1', up, healthOf(up, T), T);
    expect(u.open.map((a) => [a.kind, a.severity, a.dedupKey])).toEqual([
      ['interface.down', 'major', 'interface.down:d1:2'],
      ['threshold.cpu', 'warning', 'threshold.cpu:d1'],
    ]);
    expect(u.judged('device.down:d1') && u.judged('interface.down:d1:7') && u.judged('threshold.cpu:d1')).toBe(true);
  });
});

describe('bounded pool', () => {
  it('never runs more than the bound at once and keeps the input order', async () => {
    let running = 0;
    let peak = 0;
    const out = await mapPool([5, 1, 4, 2, 3, 0, 6], 3, async (n) => {
      running++;
      peak = Math.max(peak, running);
      await new Promise((r) => setTimeout(r, n));
      running--;
      return n * 10;
    });
    expect(out).toEqual([50, 10, 40, 20, 30, 0, 60]);
    expect(peak).toBe(3);
  });
});

describe('sample retention and hourly roll-ups', () => {
  const c = openTempConsole();
  afterAll(() => c.dispose());

  it('rolls complete hours into avg/max and prunes raw samples past 48 h', () => {
    const tenant = c.workspace.tenant().id;
    const device = c.dispatcher.call('devices.create', { name: 'r1', mgmtAddress: '192.0.2.1' }, { host: 'cli' });
    return device.then((d) => {
      const store = new SampleStore(c.workspace.sqlite);
      const now = Date.UTC(2026, 0, 10, 12, 30);
      const hour = Date.UTC(2026, 0, 10, 11);
      const state = { at: now, status: 'up' as const, rttMs: 1, error: null, sysName: null, sysDescr: null, sysObjectId: null, cpuPct: null, memPct: null, countersAt: null, uptimeTicks: null, counters: {}, interfaces: [], alarms: [] };
      const sample = (at: number) => ({ at, reachable: true, rttMs: 1, uptimeTicks: 1, cpuPct: null, memPct: null });
      store.save(tenant, d.id, sample(hour + 60_000), [{ ifIndex: 1, inBps: 100, outBps: 10 }], state);
      store.save(tenant, d.id, sample(hour + 120_000), [{ ifIndex: 1, inBps: 300, outBps: 30 }], state);
      store.save(tenant, d.id, sample(now - RAW_KEEP_MS - 1), [{ ifIndex: 1, inBps: 5, outBps: 5 }], state);
      // the current hour is not complete: it is not rolled up yet
      store.save(tenant, d.id, sample(now - 60_000), [{ ifIndex: 1, inBps: 7, outBps: 7 }], state);
      const r = store.maintain(now, 0);
      expect(r.rolledUpTo).toBe(Date.UTC(2026, 0, 10, 12));
      const rolled = c.workspace.sqlite.prepare('SELECT bucket, in_bps_avg AS inAvg, in_bps_max AS inMax, out_bps_avg AS outAvg, samples FROM interface_rollups WHERE device_id = ? ORDER BY bucket').all(d.id);
      expect(rolled).toEqual([
        { bucket: Math.floor((now - RAW_KEEP_MS - 1) / HOUR_MS) * HOUR_MS, inAvg: 5, inMax: 5, outAvg: 5, samples: 1 },
        { bucket: hour, inAvg: 200, inMax: 300, outAvg: 20, samples: 2 },
      ]);
      expect(c.workspace.sqlite.prepare('SELECT count(*) AS n FROM interface_samples WHERE device_id = ?').get(d.id)).toEqual({ n: 3 });
      expect(store.interfaceSeries(tenant, d.id, 1, now - RAW_KEEP_MS + 1, now, now, 100).points.map((p) => p.inBps)).toEqual([100, 300, 7]);
      expect(store.interfaceSeries(tenant, d.id, 1, now - 72 * HOUR_MS, now, now, 100)).toMatchObject({ resolution: 'hour', points: [{ inBps: 5 }, { inBps: 200, inBpsMax: 300 }] });
    });
  });
});
