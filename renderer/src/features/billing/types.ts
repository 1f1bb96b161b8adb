// Types of the Billing page, all derived from the IPC contract so a change there breaks here.
import type { RequestOf, ResponseOf } from '../../../../shared/ipc/channels';

export type ReportQuery = RequestOf<'reports.run'>['query'];
export type ReportName = ReportQuery['name'];
export type ReportDef = ResponseOf<'reports.list'>[number];
export type ReportResult = ResponseOf<'reports.run'>;
export type ReportColumnDef = ReportResult['columns'][number];
export type ReportRowData = ReportResult['rows'][number];
export type ReportChartData = ResponseOf<'reports.chart'>;
export type ExportFormat = RequestOf<'reports.export'>['format'];
export type ExportResult = ResponseOf<'reports.export'>;
export type Plan = ResponseOf<'plans.list'>[number];
export type SortSpec = { key: string; dir: 'asc' | 'desc' };

/** Everything of a result except its rows: what the header, totals and exports describe. */
export type ReportMeta = Omit<ReportResult, 'rows' | 'offset'>;

/** A view of a report: the query plus what the screen shows for ids it cannot name itself. */
export interface ReportView {
  query: ReportQuery;
  /** Human name of `query.subscriberId` (from the row it was drilled from). */
  subscriberLabel?: string;
  /** Breadcrumb text for this view. */
  label: string;
}
