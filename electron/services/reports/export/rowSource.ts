import type { ReportColumn, ReportRow } from '../../../../shared/domain/reports';
import type { LocalClock } from '../tenantTime';

/**
 * Rows of a materialized report in screen order, in chunks: a chunked read leaves the SQLite
 * connection free between chunks (an open iterator would block every other request while an
 * export waits on its output stream).
 */
export type RowChunks = () => AsyncIterable<ReportRow[]>;

/** What every export writer gets: the report as shown on screen. */
export interface ExportInput {
  title: string;
  columns: ReportColumn[];
  chunks: RowChunks;
  totals: Record<string, number | null>;
  currency: string;
  clock: LocalClock;
  filtersApplied: { label: string; value: string }[];
  generatedAt: number;
}
