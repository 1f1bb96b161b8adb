// The SQL of each billing report over the local cache. Every query is scoped to the tenant and
// returns one row per report row, with columns named after the report's column keys (plus a few
// hidden fields the UI uses to drill down). Sums run over integer minor units in SQLite: exact.
import type { ReportName } from '../../../shared/domain/reports';
import type { MonthRange } from './tenantTime';

export interface ReportSqlContext {
  tenantId: string;
  /** inclusive lower bound (UTC ms of local midnight), if the user set "from" */
  fromMs: number | null;
  /** exclusive upper bound (UTC ms of the local midnight after "to"), if the user set "to" */
  toMs: number | null;
  /** "as of" instant for balances and statuses: end of "to", or now */
  asOfMs: number;
  siteId: string | null;
  planId: string | null;
  subscriberId: string | null;
  /** local months of the period (revenue by month) */
  months: MonthRange[];
}

export interface ReportSql {
  sql: string;
  params: Record<string, string | number | null>;
  /** unique, stable secondary order so equal sort keys page and export identically */
  tiebreak: string[];
}

const DAY = 86_400_000;

/** Filters on the subscriber (alias s) shared by every report. */
function subscriberFilters(ctx: ReportSqlContext): string {
  const w: string[] = [];
  if (ctx.siteId) w.push('s.site_id = @siteId');
  if (ctx.planId) w.push('s.plan_id = @planId');
  if (ctx.subscriberId) w.push('s.id = @subscriberId');
  return w.length ? ' AND ' + w.join(' AND ') : '';
}

function period(column: string, ctx: ReportSqlContext): string {
  const w: string[] = [];
  if (ctx.fromMs !== null) w.push(`${column} >= @fromMs`);
  if (ctx.toMs !== null) w.push(`${column} < @toMs`);
  return w.length ? ' AND ' + w.join(' AND ') : '';
}

function params(ctx: ReportSqlContext): Record<string, string | number | null> {
  const p: Record<string, string | number | null> = { tenant: ctx.tenantId, asOf: ctx.asOfMs, day: DAY };
  if (ctx.fromMs !== null) p.fromMs = ctx.fromMs;
  if (ctx.toMs !== null) p.toMs = ctx.toMs;
  if (ctx.siteId) p.siteId = ctx.siteId;
  if (ctx.planId) p.planId = ctx.planId;
  if (ctx.subscriberId) p.subscriberId = ctx.subscriberId;
  return p;
}

const SUBSCRIBER_JOINS = `JOIN subscribers s ON s.id = X.subscriber_id AND s.tenant_id = X.tenant_id AND s.deleted_at IS NULL
  LEFT JOIN service_plans p ON p.id = s.plan_id AND p.tenant_id = s.tenant_id
  LEFT JOIN sites st ON st.id = s.site_id AND st.tenant_id = s.tenant_id`;

const joins = (alias: string) => SUBSCRIBER_JOINS.replace(/X\./g, `${alias}.`);

function invoiceRegister(ctx: ReportSqlContext): ReportSql {
  return {
    sql: `SELECT i.number AS "number", i.issued_at AS "issuedAt", i.due_at AS "dueAt", s.account_no AS "accountNo",
        s.name AS "subscriber", p.name AS "plan", st.name AS "site", i.status AS "status",
        i.amount_minor AS "amount", i.tax_minor AS "tax", i.total_minor AS "total",
        COALESCE(pay.paid, 0) AS "paid", i.total_minor - COALESCE(pay.paid, 0) AS "balance",
        i.id AS "invoiceId", s.id AS "subscriberId", p.id AS "planId"
      FROM invoices i ${joins('i')}
      LEFT JOIN (SELECT invoice_id, sum(amount_minor) AS paid FROM payments
                 WHERE tenant_id = @tenant AND deleted_at IS NULL AND invoice_id IS NOT NULL GROUP BY invoice_id) pay ON pay.invoice_id = i.id
      WHERE i.tenant_id = @tenant AND i.deleted_at IS NULL${period('i.issued_at', ctx)}${subscriberFilters(ctx)}`,
    params: params(ctx),
    tiebreak: ['number', 'invoiceId'],
  };
}

function arAging(ctx: ReportSqlContext): ReportSql {
  const from = ctx.fromMs !== null ? ' AND i.issued_at >= @fromMs' : '';
  return {
    sql: `WITH open_invoices AS (
        SELECT i.subscriber_id, i.due_at,
          i.total_minor - COALESCE((SELECT sum(pm.amount_minor) FROM payments pm
             WHERE pm.invoice_id = i.id AND pm.tenant_id = @tenant AND pm.deleted_at IS NULL AND pm.received_at < @asOf), 0) AS balance,
          (@asOf - i.due_at) / @day AS days_past_due
        FROM invoices i ${joins('i')}
        WHERE i.tenant_id = @tenant AND i.deleted_at IS NULL AND i.status != 'void' AND i.issued_at < @asOf${from}${subscriberFilters(ctx)}
      )
      SELECT s.account_no AS "accountNo", s.name AS "subscriber", p.name AS "plan", st.name AS "site",
        count(*) AS "openInvoices",
        sum(CASE WHEN o.days_past_due < 1 THEN o.balance ELSE 0 END) AS "current",
        sum(CASE WHEN o.days_past_due BETWEEN 1 AND 30 THEN o.balance ELSE 0 END) AS "d1_30",
        sum(CASE WHEN o.days_past_due BETWEEN 31 AND 60 THEN o.balance ELSE 0 END) AS "d31_60",
        sum(CASE WHEN o.days_past_due BETWEEN 61 AND 90 THEN o.balance ELSE 0 END) AS "d61_90",
        sum(CASE WHEN o.days_past_due > 90 THEN o.balance ELSE 0 END) AS "d90plus",
        sum(o.balance) AS "total",
        s.id AS "subscriberId", p.id AS "planId"
      FROM open_invoices o JOIN subscribers s ON s.id = o.subscriber_id
      LEFT JOIN service_plans p ON p.id = s.plan_id LEFT JOIN sites st ON st.id = s.site_id
      WHERE o.balance > 0
      GROUP BY s.id`,
    params: params(ctx),
    tiebreak: ['accountNo'],
  };
}

function revenueByPlan(ctx: ReportSqlContext): ReportSql {
  // local_month(ts) is registered by the engine: the calendar month in the tenant's time zone
  const p = params(ctx);
  p.lo = ctx.months[0]?.start ?? 0;
  p.hi = ctx.months[ctx.months.length - 1]?.end ?? 0;
  return {
    sql: `WITH inv AS MATERIALIZED (
        SELECT local_month(i.issued_at) AS month, s.plan_id, count(*) AS n, sum(i.total_minor) AS invoiced
        FROM invoices i ${joins('i')}
        WHERE i.tenant_id = @tenant AND i.deleted_at IS NULL AND i.status != 'void' AND i.issued_at >= @lo AND i.issued_at < @hi${subscriberFilters(ctx)}
        GROUP BY 1, s.plan_id),
      pay AS MATERIALIZED (
        SELECT local_month(pm.received_at) AS month, s.plan_id, sum(pm.amount_minor) AS collected
        FROM payments pm ${joins('pm')}
        WHERE pm.tenant_id = @tenant AND pm.deleted_at IS NULL AND pm.received_at >= @lo AND pm.received_at < @hi${subscriberFilters(ctx)}
        GROUP BY 1, s.plan_id),
      k AS MATERIALIZED (SELECT month, plan_id FROM inv UNION SELECT month, plan_id FROM pay)
      SELECT k.month AS "month", p.name AS "plan", COALESCE(inv.n, 0) AS "invoices", COALESCE(inv.invoiced, 0) AS "invoiced",
        COALESCE(pay.collected, 0) AS "collected",
        CASE WHEN COALESCE(inv.invoiced, 0) > 0 THEN CAST(COALESCE(pay.collected, 0) AS REAL) / inv.invoiced END AS "collectionRate",
        p.id AS "planId"
      FROM k LEFT JOIN inv ON inv.month = k.month AND inv.plan_id IS k.plan_id
      LEFT JOIN pay ON pay.month = k.month AND pay.plan_id IS k.plan_id
      LEFT JOIN service_plans p ON p.id = k.plan_id`,
    params: p,
    tiebreak: ['month', 'plan'],
  };
}

function paymentsJournal(ctx: ReportSqlContext): ReportSql {
  return {
    sql: `SELECT pm.received_at AS "receivedAt", pm.reference AS "reference", s.account_no AS "accountNo", s.name AS "subscriber",
        i.number AS "invoice", p.name AS "plan", pm.method AS "method", pm.amount_minor AS "amount",
        pm.id AS "paymentId", s.id AS "subscriberId", p.id AS "planId"
      FROM payments pm ${joins('pm')}
      LEFT JOIN invoices i ON i.id = pm.invoice_id AND i.tenant_id = pm.tenant_id
      WHERE pm.tenant_id = @tenant AND pm.deleted_at IS NULL${period('pm.received_at', ctx)}${subscriberFilters(ctx)}`,
    params: params(ctx),
    tiebreak: ['reference', 'paymentId'],
  };
}

function subscribersByPlan(ctx: ReportSqlContext): ReportSql {
  const from = ctx.fromMs !== null ? ' AND s.activated_at >= @fromMs' : '';
  return {
    sql: `WITH st AS (
        SELECT s.plan_id,
          CASE WHEN s.churned_at IS NOT NULL AND s.churned_at < @asOf THEN 'churned'
               WHEN s.status = 'suspended' THEN 'suspended' ELSE 'active' END AS state
        FROM subscribers s
        WHERE s.tenant_id = @tenant AND s.deleted_at IS NULL AND s.activated_at < @asOf${from}${subscriberFilters(ctx)})
      SELECT p.name AS "plan", p.price_minor AS "price",
        sum(state = 'active') AS "active", sum(state = 'suspended') AS "suspended", sum(state = 'churned') AS "churned",
        count(*) AS "total", sum(CASE WHEN state = 'active' THEN p.price_minor ELSE 0 END) AS "mrr", p.id AS "planId"
      FROM st LEFT JOIN service_plans p ON p.id = st.plan_id
      GROUP BY st.plan_id`,
    params: params(ctx),
    tiebreak: ['plan'],
  };
}

function usagePerSubscriber(ctx: ReportSqlContext): ReportSql {
  // quotas are monthly: scale by the months the period spans (at least one)
  const months = ctx.fromMs !== null && ctx.toMs !== null ? Math.max(1, Math.round((ctx.toMs - ctx.fromMs) / (30.44 * DAY))) : 1;
  const p = params(ctx);
  p.quotaMonths = months;
  return {
    sql: `SELECT s.account_no AS "accountNo", s.name AS "subscriber", p.name AS "plan", s.radius_username AS "username",
        count(*) AS "sessions", sum(a.input_octets) AS "inputOctets", sum(a.output_octets) AS "outputOctets",
        sum(a.input_octets) + sum(a.output_octets) AS "totalOctets",
        CASE WHEN p.quota_gb IS NOT NULL THEN p.quota_gb * 1000000000 * @quotaMonths END AS "quotaBytes",
        CASE WHEN p.quota_gb IS NULL THEN '' WHEN sum(a.input_octets) + sum(a.output_octets) > p.quota_gb * 1000000000 * @quotaMonths THEN 'yes' ELSE 'no' END AS "overQuota",
        s.id AS "subscriberId", p.id AS "planId"
      FROM accounting_sessions a ${joins('a')}
      WHERE a.tenant_id = @tenant AND a.deleted_at IS NULL${period('a.started_at', ctx)}${subscriberFilters(ctx)}
      GROUP BY s.id`,
    params: p,
    tiebreak: ['accountNo'],
  };
}

function usage95thPercentile(ctx: ReportSqlContext): ReportSql {
  // 95th percentile, the billing convention: sort an interface's samples, drop the top 5%, the
  // highest left is the rate billed: rank ceil(0.95 n), written (95 n + 99) / 100 in integers
  const site = ctx.siteId ? ' AND d.site_id = @siteId' : '';
  return {
    sql: `WITH samples AS MATERIALIZED (
        SELECT x.device_id, x.if_index, x.in_bps, x.out_bps
        FROM interface_samples x JOIN devices d ON d.id = x.device_id AND d.tenant_id = x.tenant_id
        WHERE x.tenant_id = @tenant${period('x.at', ctx)}${site}),
      counts AS MATERIALIZED (
        SELECT device_id, if_index, count(*) AS n, max(in_bps) AS in_max, max(out_bps) AS out_max FROM samples GROUP BY device_id, if_index),
      ranked_in AS MATERIALIZED (
        SELECT device_id, if_index, in_bps, row_number() OVER (PARTITION BY device_id, if_index ORDER BY in_bps) AS r FROM samples),
      ranked_out AS MATERIALIZED (
        SELECT device_id, if_index, out_bps, row_number() OVER (PARTITION BY device_id, if_index ORDER BY out_bps) AS r FROM samples)
      SELECT d.name AS "device", st.name AS "site", COALESCE(i.name, 'ifIndex ' || c.if_index) AS "interface", c.n AS "samples",
        ri.in_bps AS "inP95", ro.out_bps AS "outP95", c.in_max AS "inMax", c.out_max AS "outMax",
        max(ri.in_bps, ro.out_bps) AS "billableBps", d.id AS "deviceId", c.if_index AS "ifIndex"
      FROM counts c
      JOIN ranked_in ri ON ri.device_id = c.device_id AND ri.if_index = c.if_index AND ri.r = (95 * c.n + 99) / 100
      JOIN ranked_out ro ON ro.device_id = c.device_id AND ro.if_index = c.if_index AND ro.r = (95 * c.n + 99) / 100
      JOIN devices d ON d.id = c.device_id
      LEFT JOIN sites st ON st.id = d.site_id
      LEFT JOIN interfaces i ON i.device_id = c.device_id AND i.if_index = c.if_index AND i.deleted_at IS NULL`,
    params: params(ctx),
    tiebreak: ['device', 'ifIndex'],
  };
}

export const REPORT_SQL: Record<ReportName, (ctx: ReportSqlContext) => ReportSql> = {
  'usage-95th-percentile': usage95thPercentile,
  'invoice-register': invoiceRegister,
  'ar-aging': arAging,
  'revenue-by-plan': revenueByPlan,
  'payments-journal': paymentsJournal,
  'subscribers-by-plan': subscribersByPlan,
  'usage-per-subscriber': usagePerSubscriber,
};
