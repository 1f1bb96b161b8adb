// The 95th-percentile bill from interface samples, checked against the convention computed
// independently in JS; and a long export survives other reports being opened meanwhile.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seededBillingConsole, type BillingConsole } from '../../helpers/billingFixture';
import { tempDir } from '../../helpers/tempWorkspace';

const ctx = { host: 'cli' } as const;

/** Billing convention: sort ascending, drop the top 5%, bill the highest sample left. */
function p95(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.ceil(0.95 * sorted.length) - 1]!;
}

describe('95th-percentile usage bill', () => {
  let c: BillingConsole;
  const samples = new Map<string, { inBps: number[]; outBps: number[]; site: string }>();
  const start = Date.parse('2026-03-01T00:00:00+05:30');

  beforeAll(async () => {
    c = await seededBillingConsole('Asia/Kolkata', 500);
    const edges = c.workspace.sqlite
      .prepare(
        `SELECT d.id, d.name, d.site_id AS site, (SELECT if_index FROM interfaces WHERE device_id = d.id ORDER BY if_index LIMIT 1) AS ifIndex
         FROM devices d WHERE d.role = 'edge_router' ORDER BY d.name LIMIT 3`,
      )
      .all() as { id: string; name: string; site: string; ifIndex: number }[];
    const ins = c.workspace.sqlite.prepare('INSERT INTO interface_samples (tenant_id, device_id, if_index, at, in_bps, out_bps) VALUES (?, ?, ?, ?, ?, ?)');
    let seed = 7;
    const rnd = () => ((seed = (seed * 1103515245 + 12345) % 2147483648), seed / 2147483648);
    c.workspace.sqlite.transaction(() => {
      for (const [k, e] of edges.entries()) {
        const inBps: number[] = [];
        const outBps: number[] = [];
        // a month of 5-minute samples with a few huge bursts that the 95th percentile forgives
        for (let t = 0; t < 31 * 288 - k * 100; t++) {
          const burst = rnd() < 0.03 ? 20 : 1;
          const i = Math.round((200e6 + rnd() * 300e6) * burst);
          const o = Math.round((50e6 + rnd() * 100e6) * burst);
          inBps.push(i);
          outBps.push(o);
          ins.run(c.tenantId, e.id, e.ifIndex, start + t * 300_000, i, o);
        }
        // a sample outside the period never counts
        ins.run(c.tenantId, e.id, e.ifIndex, start - 1000, 99e9, 99e9);
        samples.set(e.name, { inBps, outBps, site: e.site });
      }
    })();
  });
  afterAll(() => c.dispose());

  it('bills each interface at the higher of its in and out 95th percentiles', async () => {
    const r = await c.dispatcher.call('reports.run', { query: { name: 'usage-95th-percentile', from: '2026-03-01', to: '2026-03-31' }, limit: 100 }, ctx);
    expect(r.rowCount).toBe(samples.size);
    let billable = 0;
    for (const row of r.rows) {
      const s = samples.get(String(row.device))!;
      expect(row.samples).toBe(s.inBps.length);
      expect(row.inP95).toBe(p95(s.inBps));
      expect(row.outP95).toBe(p95(s.outBps));
      expect(row.inMax).toBe(Math.max(...s.inBps));
      expect(Number(row.inP95)).toBeLessThan(Number(row.inMax)); // the bursts were forgiven
      expect(row.billableBps).toBe(Math.max(p95(s.inBps), p95(s.outBps)));
      billable += Number(row.billableBps);
    }
    expect(r.totals.billableBps).toBe(billable);
  });

  it('filters by site', async () => {
    const site = [...samples.values()][0]!.site;
    const r = await c.dispatcher.call('reports.run', { query: { name: 'usage-95th-percentile', from: '2026-03-01', to: '2026-03-31', siteId: site }, limit: 100 }, ctx);
    expect(r.rowCount).toBe([...samples.values()].filter((s) => s.site === site).length);
  });

  it('finishes a long export while other reports are opened and evicted meanwhile', async () => {
    const out = tempDir('noc-pin-');
    try {
      const exporting = c.reports.export({ name: 'invoice-register' }, 'xlsx', { out: path.join(out, 'register.xlsx') });
      for (const name of ['ar-aging', 'revenue-by-plan', 'payments-journal', 'subscribers-by-plan', 'usage-per-subscriber'] as const) {
        await c.dispatcher.call('reports.run', { query: { name }, limit: 10 }, ctx);
      }
      const f = await exporting;
      const expected = (c.workspace.sqlite.prepare('SELECT count(*) AS n FROM invoices WHERE tenant_id = ?').get(c.tenantId) as { n: number }).n;
      expect(f.rows).toBe(expected);
      expect(fs.statSync(f.file).size).toBeGreaterThan(10_000);
    } finally {
      fs.rmSync(out, { recursive: true, force: true });
    }
  });
});
