// Each report's totals, recomputed by an independent query over the same cache, must agree to
// the cent. The tenant is moved to Asia/Kolkata (UTC+05:30, no DST), so the period boundaries
// can be written down directly: local midnight of D is D 00:00+05:30.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seededBillingConsole, monthEnd, monthStart, type BillingConsole } from '../../helpers/billingFixture';

const ctx = { host: 'cli' } as const;
const TZ = 'Asia/Kolkata';
const at = (date: string) => Date.parse(`${date}T00:00:00+05:30`);
const dayAfter = (date: string) => at(date) + 86_400_000;

describe('billing report totals vs independent SQL', () => {
  let c: BillingConsole;
  const from = monthStart(-6);
  const to = monthEnd(-4);
  let planId = '';
  let siteId = '';
  const one = <T>(sql: string, ...args: unknown[]) => c.workspace.sqlite.prepare(sql).get(...args) as T;

  beforeAll(async () => {
    c = await seededBillingConsole(TZ);
    planId = (await c.dispatcher.call('plans.list', {}, ctx))[1]!.id;
    siteId = (await c.dispatcher.call('sites.list', {}, ctx))[0]!.id;
  });
  afterAll(() => c.dispose());

  const run = (query: Record<string, unknown>) => c.dispatcher.call('reports.run', { query: query as never, limit: 1000 }, ctx);

  it('invoice register: count, amount, tax, total, paid and balance', async () => {
    const r = await run({ name: 'invoice-register', from, to, planId });
    const x = one<{ n: number; amount: number; tax: number; total: number; paid: number }>(
      `SELECT count(*) AS n, sum(amount_minor) AS amount, sum(tax_minor) AS tax, sum(total_minor) AS total,
         sum((SELECT coalesce(sum(amount_minor), 0) FROM payments WHERE invoice_id = invoices.id)) AS paid
       FROM invoices WHERE tenant_id = ? AND issued_at >= ? AND issued_at < ?
         AND subscriber_id IN (SELECT id FROM subscribers WHERE plan_id = ?)`,
      c.tenantId, at(from), dayAfter(to), planId,
    );
    expect(x.n).toBeGreaterThan(100);
    expect(r.rowCount).toBe(x.n);
    expect(r.totals).toEqual({ amount: x.amount, tax: x.tax, total: x.total, paid: x.paid, balance: x.total - x.paid });
    for (const row of r.rows) expect(row.plan).toBe(r.rows[0]!.plan);
  });

  it('AR aging: bucket totals as of the end of the period', async () => {
    const r = await run({ name: 'ar-aging', to, siteId });
    const asOf = dayAfter(to);
    const invoices = c.workspace.sqlite
      .prepare(
        `SELECT i.subscriber_id AS sub, i.due_at AS due, i.total_minor -
           (SELECT coalesce(sum(p.amount_minor), 0) FROM payments p WHERE p.invoice_id = i.id AND p.received_at < ?) AS balance
         FROM invoices i JOIN subscribers s ON s.id = i.subscriber_id
         WHERE i.tenant_id = ? AND i.issued_at < ? AND s.site_id = ?`,
      )
      .all(asOf, c.tenantId, asOf, siteId) as { sub: string; due: number; balance: number }[];
    const b = { current: 0, d1_30: 0, d31_60: 0, d61_90: 0, d90plus: 0 };
    const subs = new Set<string>();
    for (const i of invoices) {
      if (i.balance <= 0) continue;
      subs.add(i.sub);
      const days = Math.trunc((asOf - i.due) / 86_400_000);
      if (days < 1) b.current += i.balance;
      else if (days <= 30) b.d1_30 += i.balance;
      else if (days <= 60) b.d31_60 += i.balance;
      else if (days <= 90) b.d61_90 += i.balance;
      else b.d90plus += i.balance;
    }
    expect(subs.size).toBeGreaterThan(10);
    expect(r.rowCount).toBe(subs.size);
    const total = b.current + b.d1_30 + b.d31_60 + b.d61_90 + b.d90plus;
    expect(r.totals).toMatchObject({ ...b, total });
    expect(r.totals.openInvoices).toBe(invoices.filter((i) => i.balance > 0).length);
  });

  it('revenue by plan and month: invoiced and collected per local month', async () => {
    const r = await run({ name: 'revenue-by-plan', from, to });
    const inv = one<{ s: number; n: number }>(
      "SELECT sum(total_minor) AS s, count(*) AS n FROM invoices WHERE tenant_id = ? AND status != 'void' AND issued_at >= ? AND issued_at < ?",
      c.tenantId, at(from), dayAfter(to),
    );
    const pay = one<{ s: number }>('SELECT sum(amount_minor) AS s FROM payments WHERE tenant_id = ? AND received_at >= ? AND received_at < ?', c.tenantId, at(from), dayAfter(to));
    expect(r.totals).toEqual({ invoices: inv.n, invoiced: inv.s, collected: pay.s });
    // months are local months: +05:30 moves an invoice issued at 20:00 UTC on the last day into the next month
    const months = [...new Set(r.rows.map((x) => x.month))].sort();
    expect(months).toEqual([from.slice(0, 7), monthStart(-5).slice(0, 7), to.slice(0, 7)]);
    const firstMonth = one<{ s: number }>(
      'SELECT sum(total_minor) AS s FROM invoices WHERE tenant_id = ? AND issued_at >= ? AND issued_at < ?',
      c.tenantId, at(from), at(monthStart(-5)),
    );
    expect(r.rows.filter((x) => x.month === from.slice(0, 7)).reduce((a, x) => a + Number(x.invoiced), 0)).toBe(firstMonth.s);
  });

  it('payments journal: count and amount for a site', async () => {
    const r = await run({ name: 'payments-journal', from, to, siteId });
    const x = one<{ n: number; s: number }>(
      `SELECT count(*) AS n, sum(p.amount_minor) AS s FROM payments p JOIN subscribers s ON s.id = p.subscriber_id
       WHERE p.tenant_id = ? AND p.received_at >= ? AND p.received_at < ? AND s.site_id = ?`,
      c.tenantId, at(from), dayAfter(to), siteId,
    );
    expect(r.rowCount).toBe(x.n);
    expect(r.totals).toEqual({ amount: x.s });
  });

  it('subscribers by plan and status, with MRR of the active ones', async () => {
    const r = await run({ name: 'subscribers-by-plan' });
    const now = Date.now();
    const x = one<{ active: number; suspended: number; churned: number; total: number; mrr: number }>(
      `SELECT sum(churned_at IS NULL AND status != 'suspended') AS active, sum(status = 'suspended' AND churned_at IS NULL) AS suspended,
         sum(churned_at IS NOT NULL) AS churned, count(*) AS total,
         sum(CASE WHEN churned_at IS NULL AND status != 'suspended' THEN (SELECT price_minor FROM service_plans WHERE id = plan_id) ELSE 0 END) AS mrr
       FROM subscribers WHERE tenant_id = ? AND activated_at < ?`,
      c.tenantId, now,
    );
    expect(r.totals).toEqual(x);
    expect(r.rowCount).toBe(6);
  });

  it('usage per subscriber: 64-bit octet sums', async () => {
    const r = await run({ name: 'usage-per-subscriber' });
    const x = one<{ n: number; i: number; o: number }>(
      'SELECT count(DISTINCT subscriber_id) AS n, sum(input_octets) AS i, sum(output_octets) AS o FROM accounting_sessions WHERE tenant_id = ?',
      c.tenantId,
    );
    expect(r.rowCount).toBe(x.n);
    expect(r.totals).toMatchObject({ inputOctets: x.i, outputOctets: x.o, totalOctets: x.i + x.o });
    expect(Number(r.rows[0]!.outputOctets)).toBeGreaterThan(Number(r.rows[0]!.inputOctets)); // downloads dominate
    const sorted = r.rows.map((x) => Number(x.totalOctets));
    expect(sorted).toEqual([...sorted].sort((a, b) => b - a)); // top talkers first
  });

  it('pages in a stable order that matches sorting the whole result', async () => {
    const q = { name: 'ar-aging', sort: { key: 'total', dir: 'desc' } };
    const pages = async (size: number) => {
      const rows: Record<string, unknown>[] = [];
      let count = 1;
      for (let off = 0; off < count; off += size) {
        const r = await c.dispatcher.call('reports.run', { query: q as never, offset: off, limit: size }, ctx);
        count = r.rowCount;
        rows.push(...r.rows);
      }
      return rows;
    };
    const big = await pages(1000);
    const small = await pages(37);
    expect(big.length).toBeGreaterThan(1000);
    expect(small).toEqual(big);
    const totals = big.map((x) => Number(x.total));
    expect(totals).toEqual([...totals].sort((a, b) => b - a));
  });

  it('refuses bad queries with VALIDATION', async () => {
    for (const query of [
      { name: 'ar-aging', sort: { key: 'password', dir: 'asc' } },
      { name: 'ar-aging', subscriberId: '01890a5d-ac96-774b-bcce-b302099a8057' },
      { name: 'invoice-register', from: '2026-05-01', to: '2026-04-01' },
      { name: 'invoice-register', from: '2026-02-30' },
      { name: 'no-such-report' },
      { name: 'invoice-register', extra: 1 },
    ]) {
      const r = await c.dispatcher.invoke('reports.run', { query }, ctx);
      expect(r.ok, JSON.stringify(query)).toBe(false);
      if (!r.ok) expect(r.error.code).toBe('VALIDATION');
    }
  });

  it('never reports another tenant rows', async () => {
    const before = await run({ name: 'invoice-register' });
    const other = c.workspace.sqlite.prepare('SELECT id FROM subscribers LIMIT 1').get() as { id: string };
    c.workspace.sqlite.exec(`INSERT INTO tenants (id, tenant_id, updated_at, name, slug) VALUES ('01890a5d-ac96-774b-bcce-b302099a8000', '01890a5d-ac96-774b-bcce-b302099a8000', 0, 'Other', 'other')`);
    c.workspace.sqlite
      .prepare(
        `INSERT INTO invoices (id, tenant_id, updated_at, subscriber_id, number, period_start, period_end, issued_at, due_at, amount_minor, tax_minor, total_minor, currency, status)
         VALUES ('01890a5d-ac96-774b-bcce-b302099a8001', '01890a5d-ac96-774b-bcce-b302099a8000', 0, ?, 'X-1', 0, 0, ?, ?, 100000, 0, 100000, 'USD', 'open')`,
      )
      .run(other.id, Date.now() - 86_400_000, Date.now());
    const after = await run({ name: 'invoice-register' });
    expect(after.rowCount).toBe(before.rowCount);
    expect(after.totals).toEqual(before.totals);
  });
});
