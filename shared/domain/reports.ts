// The billing report catalogue: every report's columns (typed, so JSON, the on-screen table, CSV,
// xlsx and PDF all render the same values the same way) and the filters it honours. Money is
// always integer minor units; dates are epoch milliseconds, shown in the tenant's time zone.

export const REPORT_NAMES = [
  'invoice-register',
  'ar-aging',
  'revenue-by-plan',
  'payments-journal',
  'subscribers-by-plan',
  'usage-per-subscriber',
  'usage-95th-percentile',
] as const;
export type ReportName = (typeof REPORT_NAMES)[number];

export type ColumnType = 'text' | 'date' | 'month' | 'money' | 'int' | 'bytes' | 'percent';

export interface ReportColumn {
  key: string;
  title: string;
  type: ColumnType;
  /** Totals row: the column is summed (money, int, bytes). */
  sum?: boolean;
}

export type ReportFilterName = 'from' | 'to' | 'siteId' | 'planId' | 'subscriberId';

export interface ReportDefinition {
  name: ReportName;
  title: string;
  description: string;
  columns: ReportColumn[];
  filters: ReportFilterName[];
  /** What the period filter means for this report, shown next to the date inputs. */
  periodLabel: string;
  defaultSort: { key: string; dir: 'asc' | 'desc' };
  chart: 'revenue-bars' | 'aging-stack' | 'usage-bars' | 'plan-bars' | 'none';
}

const money = (key: string, title: string): ReportColumn => ({ key, title, type: 'money', sum: true });
const int = (key: string, title: string): ReportColumn => ({ key, title, type: 'int', sum: true });

export const REPORTS: Record<ReportName, ReportDefinition> = {
  'invoice-register': {
    name: 'invoice-register',
    title: 'Invoice register',
    description: 'Every invoice issued in the period, with what was paid and what is still owed.',
    periodLabel: 'Issued',
    filters: ['from', 'to', 'siteId', 'planId', 'subscriberId'],
    defaultSort: { key: 'issuedAt', dir: 'asc' },
    chart: 'none',
    columns: [
      { key: 'number', title: 'Invoice', type: 'text' },
      { key: 'issuedAt', title: 'Issued', type: 'date' },
      { key: 'dueAt', title: 'Due', type: 'date' },
      { key: 'accountNo', title: 'Account', type: 'text' },
      { key: 'subscriber', title: 'Subscriber', type: 'text' },
      { key: 'plan', title: 'Plan', type: 'text' },
      { key: 'site', title: 'Site', type: 'text' },
      { key: 'status', title: 'Status', type: 'text' },
      money('amount', 'Amount'),
      money('tax', 'Tax'),
      money('total', 'Total'),
      money('paid', 'Paid'),
      money('balance', 'Balance'),
    ],
  },
  'ar-aging': {
    name: 'ar-aging',
    title: 'Accounts receivable aging',
    description: 'Open balances per subscriber as of the end of the period, by days past due.',
    periodLabel: 'Issued (as of the end date)',
    filters: ['from', 'to', 'siteId', 'planId'],
    defaultSort: { key: 'total', dir: 'desc' },
    chart: 'aging-stack',
    columns: [
      { key: 'accountNo', title: 'Account', type: 'text' },
      { key: 'subscriber', title: 'Subscriber', type: 'text' },
      { key: 'plan', title: 'Plan', type: 'text' },
      { key: 'site', title: 'Site', type: 'text' },
      int('openInvoices', 'Open invoices'),
      money('current', 'Current'),
      money('d1_30', '1–30 days'),
      money('d31_60', '31–60 days'),
      money('d61_90', '61–90 days'),
      money('d90plus', '90+ days'),
      money('total', 'Total due'),
    ],
  },
  'revenue-by-plan': {
    name: 'revenue-by-plan',
    title: 'Revenue by plan and month',
    description: 'Invoiced (by issue month) against collected (by payment month), per service plan.',
    periodLabel: 'Month',
    filters: ['from', 'to', 'siteId', 'planId'],
    defaultSort: { key: 'month', dir: 'asc' },
    chart: 'revenue-bars',
    columns: [
      { key: 'month', title: 'Month', type: 'month' },
      { key: 'plan', title: 'Plan', type: 'text' },
      int('invoices', 'Invoices'),
      money('invoiced', 'Invoiced'),
      money('collected', 'Collected'),
      { key: 'collectionRate', title: 'Collected / invoiced', type: 'percent' },
    ],
  },
  'payments-journal': {
    name: 'payments-journal',
    title: 'Payments journal',
    description: 'Every payment received in the period.',
    periodLabel: 'Received',
    filters: ['from', 'to', 'siteId', 'planId', 'subscriberId'],
    defaultSort: { key: 'receivedAt', dir: 'asc' },
    chart: 'none',
    columns: [
      { key: 'receivedAt', title: 'Received', type: 'date' },
      { key: 'reference', title: 'Reference', type: 'text' },
      { key: 'accountNo', title: 'Account', type: 'text' },
      { key: 'subscriber', title: 'Subscriber', type: 'text' },
      { key: 'invoice', title: 'Invoice', type: 'text' },
      { key: 'plan', title: 'Plan', type: 'text' },
      { key: 'method', title: 'Method', type: 'text' },
      money('amount', 'Amount'),
    ],
  },
  'subscribers-by-plan': {
    name: 'subscribers-by-plan',
    title: 'Subscribers by plan and status',
    description: 'Subscribers per plan as of the end of the period, with monthly recurring revenue of the active ones.',
    periodLabel: 'Activated (as of the end date)',
    filters: ['from', 'to', 'siteId', 'planId'],
    defaultSort: { key: 'mrr', dir: 'desc' },
    chart: 'plan-bars',
    columns: [
      { key: 'plan', title: 'Plan', type: 'text' },
      { key: 'price', title: 'Monthly price', type: 'money' },
      int('active', 'Active'),
      int('suspended', 'Suspended'),
      int('churned', 'Churned'),
      int('total', 'Total'),
      money('mrr', 'MRR'),
    ],
  },
  'usage-per-subscriber': {
    name: 'usage-per-subscriber',
    title: 'Usage per subscriber',
    description: 'Traffic from RADIUS accounting sessions that started in the period (64-bit octets, Gigawords included); top talkers first, over-quota flagged.',
    periodLabel: 'Session start',
    filters: ['from', 'to', 'siteId', 'planId', 'subscriberId'],
    defaultSort: { key: 'totalOctets', dir: 'desc' },
    chart: 'usage-bars',
    columns: [
      { key: 'accountNo', title: 'Account', type: 'text' },
      { key: 'subscriber', title: 'Subscriber', type: 'text' },
      { key: 'plan', title: 'Plan', type: 'text' },
      { key: 'username', title: 'RADIUS user', type: 'text' },
      int('sessions', 'Sessions'),
      { key: 'inputOctets', title: 'Upload', type: 'bytes', sum: true },
      { key: 'outputOctets', title: 'Download', type: 'bytes', sum: true },
      { key: 'totalOctets', title: 'Total', type: 'bytes', sum: true },
      { key: 'quotaBytes', title: 'Quota', type: 'bytes' },
      { key: 'overQuota', title: 'Over quota', type: 'text' },
    ],
  },
  'usage-95th-percentile': {
    name: 'usage-95th-percentile',
    title: '95th-percentile usage bill',
    description:
      'Per interface, the 95th percentile of the polled traffic rate in the period (the top 5% of samples are free), in and out; the billable rate is the higher of the two. Needs interface samples from the SNMP poller.',
    periodLabel: 'Sampled',
    filters: ['from', 'to', 'siteId'],
    defaultSort: { key: 'billableBps', dir: 'desc' },
    chart: 'none',
    columns: [
      { key: 'device', title: 'Device', type: 'text' },
      { key: 'site', title: 'Site', type: 'text' },
      { key: 'interface', title: 'Interface', type: 'text' },
      int('samples', 'Samples'),
      { key: 'inP95', title: 'In 95th (bit/s)', type: 'int' },
      { key: 'outP95', title: 'Out 95th (bit/s)', type: 'int' },
      { key: 'inMax', title: 'In peak (bit/s)', type: 'int' },
      { key: 'outMax', title: 'Out peak (bit/s)', type: 'int' },
      { key: 'billableBps', title: 'Billable 95th (bit/s)', type: 'int', sum: true },
    ],
  },
};

export type ReportCell = string | number | null;
export type ReportRow = Record<string, ReportCell>;
