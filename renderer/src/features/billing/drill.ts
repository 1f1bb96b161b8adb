// Drill-down: which row of which report opens which narrower report. Rows carry hidden fields
// (subscriberId, planId, month) beyond their declared columns; only those drive the drill.
import { monthRange } from './periods';
import { formatMonth } from './format';
import type { ReportQuery, ReportRowData, ReportView } from './types';

export interface DrillTarget {
  view: ReportView;
  /** Tooltip on the row: what a click opens. */
  hint: string;
}

function str(v: unknown): string | null {
  return typeof v === 'string' && v !== '' ? v : null;
}

/** Filters that stay when drilling (the site is still the site). */
function carried(q: ReportQuery): Pick<ReportQuery, 'siteId'> {
  return q.siteId ? { siteId: q.siteId } : {};
}

export function drillTarget(query: ReportQuery, row: ReportRowData, timezone: string): DrillTarget | null {
  switch (query.name) {
    case 'ar-aging': {
      const subscriberId = str(row.subscriberId);
      if (!subscriberId) return null;
      const who = [str(row.accountNo), str(row.subscriber)].filter(Boolean).join(' · ') || 'subscriber';
      // the same "issued up to the end date" window the aging was computed over
      const q: ReportQuery = { name: 'invoice-register', subscriberId };
      if (query.from) q.from = query.from;
      if (query.to) q.to = query.to;
      return { view: { query: q, subscriberLabel: who, label: `Invoices of ${who}` }, hint: `Open the invoices of ${who}` };
    }
    case 'revenue-by-plan': {
      const planId = str(row.planId);
      const month = row.month === null || row.month === undefined ? null : formatMonth(row.month, timezone);
      const range = month ? monthRange(month) : null;
      if (!planId || !range || !month) return null;
      const plan = str(row.plan) ?? 'plan';
      const q: ReportQuery = { name: 'invoice-register', ...carried(query), planId, from: range.from, to: range.to };
      return { view: { query: q, label: `Invoices · ${plan} · ${month}` }, hint: `Open the ${plan} invoices issued in ${month}` };
    }
    case 'subscribers-by-plan': {
      const planId = str(row.planId);
      if (!planId) return null;
      const plan = str(row.plan) ?? 'plan';
      // the period here is about activation, not traffic: the usage view starts unbounded
      const q: ReportQuery = { name: 'usage-per-subscriber', ...carried(query), planId };
      return { view: { query: q, label: `Usage · ${plan}` }, hint: `Open the usage of ${plan} subscribers` };
    }
    default:
      return null;
  }
}
