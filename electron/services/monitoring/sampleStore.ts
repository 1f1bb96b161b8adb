// The poller's local tables: poll_state (what a device looked like at its last poll: counters and
// uptime for the next rate, latest interface rates, the alarms the poller holds open), raw
// device_samples / interface_samples, and hourly interface_rollups. None of them is synced.
// Retention: raw samples for RAW_KEEP_MS, roll-ups for ROLLUP_KEEP_MS.
import type Database from 'better-sqlite3';
import { z } from 'zod';
import { pollerInterfaceSchema } from '../../../shared/ipc/pollerSchemas';
import type { CounterBits } from './counterRates';

export const HOUR_MS = 3_600_000;
export const RAW_KEEP_MS = 48 * HOUR_MS;
export const ROLLUP_KEEP_MS = 90 * 24 * HOUR_MS;

/** The interface state a poll keeps is what the renderer is sent: one schema for both. */
export type InterfaceState = z.infer<typeof pollerInterfaceSchema>;

const pollStateSchema = z.object({
  at: z.number(),
  status: z.enum(['up', 'degraded', 'down']),
  rttMs: z.number().nullable(),
  error: z.string().nullable(),
  sysName: z.string().nullable(),
  sysDescr: z.string().nullable(),
  sysObjectId: z.string().nullable(),
  cpuPct: z.number().nullable(),
  memPct: z.number().nullable(),
  /** When the counters below were read (the last poll that answered), and the uptime then. */
  countersAt: z.number().nullable(),
  uptimeTicks: z.number().nullable(),
  /** ifIndex → octet counters as decimal strings (Counter64 exact). */
  counters: z.record(z.string(), z.object({ in: z.string(), out: z.string(), bits: z.union([z.literal(32), z.literal(64)]) })),
  interfaces: z.array(pollerInterfaceSchema),
  /** Dedup keys of the alarms this poller raised and has not cleared. */
  alarms: z.array(z.string()),
});
export type PollState = z.infer<typeof pollStateSchema>;

export interface StoredCounters {
  in: bigint;
  out: bigint;
  bits: CounterBits;
}

export function countersOf(state: PollState | null, ifIndex: number): StoredCounters | null {
  const c = state?.counters[String(ifIndex)];
  return c === undefined ? null : { in: BigInt(c.in), out: BigInt(c.out), bits: c.bits };
}

export interface InterfaceRateRow {
  ifIndex: number;
  inBps: number;
  outBps: number;
}

export interface DeviceSampleRow {
  at: number;
  reachable: boolean;
  rttMs: number | null;
  uptimeTicks: number | null;
  cpuPct: number | null;
  memPct: number | null;
}

export class SampleStore {
  private readonly stmts;

  constructor(private readonly sqlite: Database.Database) {
    this.stmts = {
      state: sqlite.prepare('SELECT state FROM poll_state WHERE device_id = ? AND tenant_id = ?'),
      states: sqlite.prepare('SELECT device_id AS deviceId, state FROM poll_state WHERE tenant_id = ?'),
      saveState: sqlite.prepare(
        'INSERT INTO poll_state (device_id, tenant_id, at, state) VALUES (?, ?, ?, ?) ON CONFLICT(device_id) DO UPDATE SET tenant_id = excluded.tenant_id, at = excluded.at, state = excluded.state',
      ),
      deviceSample: sqlite.prepare('INSERT INTO device_samples (tenant_id, device_id, at, reachable, rtt_ms, uptime_ticks, cpu_pct, mem_pct) VALUES (?, ?, ?, ?, ?, ?, ?, ?)'),
      ifSample: sqlite.prepare('INSERT INTO interface_samples (tenant_id, device_id, if_index, at, in_bps, out_bps) VALUES (?, ?, ?, ?, ?, ?)'),
    };
  }

  state(tenantId: string, deviceId: string): PollState | null {
    const row = this.stmts.state.get(deviceId, tenantId) as { state: string } | undefined;
    return row === undefined ? null : parseState(row.state);
  }

  /** Every device's state of this tenant (the status channel and the CLI read it). */
  states(tenantId: string): Map<string, PollState> {
    const out = new Map<string, PollState>();
    for (const r of this.stmts.states.all(tenantId) as { deviceId: string; state: string }[]) {
      const s = parseState(r.state);
      if (s !== null) out.set(r.deviceId, s);
    }
    return out;
  }

  /** One poll's samples and the new state, in one transaction. */
  save(tenantId: string, deviceId: string, sample: DeviceSampleRow, rates: InterfaceRateRow[], state: PollState): void {
    this.sqlite.transaction(() => {
      this.stmts.deviceSample.run(tenantId, deviceId, sample.at, sample.reachable ? 1 : 0, sample.rttMs, sample.uptimeTicks, sample.cpuPct, sample.memPct);
      for (const r of rates) this.stmts.ifSample.run(tenantId, deviceId, r.ifIndex, sample.at, r.inBps, r.outBps);
      this.stmts.saveState.run(deviceId, tenantId, state.at, JSON.stringify(state));
    })();
  }

  /**
   * Rolls every complete hour since the last roll-up into interface_rollups (re-rolling an hour
   * replaces it, so a repeat is harmless), then drops raw samples and roll-ups past retention.
   */
  maintain(now: number, rolledUpTo: number): { rolledUpTo: number; pruned: number } {
    const until = Math.floor(now / HOUR_MS) * HOUR_MS;
    const from = Math.max(rolledUpTo, now - RAW_KEEP_MS - HOUR_MS);
    return this.sqlite.transaction(() => {
      if (until > from) {
        this.sqlite
          .prepare(
            `INSERT INTO interface_rollups (tenant_id, device_id, if_index, bucket, in_bps_avg, out_bps_avg, in_bps_max, out_bps_max, samples)
             SELECT tenant_id, device_id, if_index, (at / ${HOUR_MS}) * ${HOUR_MS}, avg(in_bps), avg(out_bps), max(in_bps), max(out_bps), count(*)
             FROM interface_samples WHERE at >= ? AND at < ? GROUP BY tenant_id, device_id, if_index, (at / ${HOUR_MS})
             ON CONFLICT (tenant_id, device_id, if_index, bucket) DO UPDATE SET in_bps_avg = excluded.in_bps_avg, out_bps_avg = excluded.out_bps_avg,
               in_bps_max = excluded.in_bps_max, out_bps_max = excluded.out_bps_max, samples = excluded.samples`,
          )
          .run(from, until);
      }
      let pruned = this.sqlite.prepare('DELETE FROM interface_samples WHERE at < ?').run(now - RAW_KEEP_MS).changes;
      pruned += this.sqlite.prepare('DELETE FROM device_samples WHERE at < ?').run(now - RAW_KEEP_MS).changes;
      pruned += this.sqlite.prepare('DELETE FROM interface_rollups WHERE bucket < ?').run(now - ROLLUP_KEEP_MS).changes;
      return { rolledUpTo: Math.max(until, rolledUpTo), pruned };
    })();
  }

  /** Interface rates over [from, to]: raw points while they are kept, hourly roll-ups beyond. */
  interfaceSeries(tenantId: string, deviceId: string, ifIndex: number, from: number, to: number, now: number, limit: number) {
    if (from >= now - RAW_KEEP_MS) {
      const points = this.sqlite
        .prepare('SELECT at, in_bps AS inBps, out_bps AS outBps FROM interface_samples WHERE tenant_id = ? AND device_id = ? AND if_index = ? AND at BETWEEN ? AND ? ORDER BY at LIMIT ?')
        .all(tenantId, deviceId, ifIndex, from, to, limit) as { at: number; inBps: number; outBps: number }[];
      return { resolution: 'raw' as const, points: points.map((p) => ({ ...p, inBpsMax: p.inBps, outBpsMax: p.outBps })) };
    }
    const points = this.sqlite
      .prepare(
        `SELECT bucket AS at, in_bps_avg AS inBps, out_bps_avg AS outBps, in_bps_max AS inBpsMax, out_bps_max AS outBpsMax FROM interface_rollups
         WHERE tenant_id = ? AND device_id = ? AND if_index = ? AND bucket BETWEEN ? AND ? ORDER BY bucket LIMIT ?`,
      )
      .all(tenantId, deviceId, ifIndex, from, to, limit) as { at: number; inBps: number; outBps: number; inBpsMax: number; outBpsMax: number }[];
    return { resolution: 'hour' as const, points };
  }

  deviceSeries(tenantId: string, deviceId: string, from: number, to: number, limit: number): DeviceSampleRow[] {
    const rows = this.sqlite
      .prepare(
        `SELECT at, reachable, rtt_ms AS rttMs, uptime_ticks AS uptimeTicks, cpu_pct AS cpuPct, mem_pct AS memPct FROM device_samples
         WHERE tenant_id = ? AND device_id = ? AND at BETWEEN ? AND ? ORDER BY at LIMIT ?`,
      )
      .all(tenantId, deviceId, from, to, limit) as (Omit<DeviceSampleRow, 'reachable'> & { reachable: number })[];
    return rows.map((r) => ({ ...r, reachable: r.reachable === 1 }));
  }
}

function parseState(json: string): PollState | null {
  try {
    const parsed = pollStateSchema.safeParse(JSON.parse(json));
    // a state we cannot read (older shape) only costs one interval without rates
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}
