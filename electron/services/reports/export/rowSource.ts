import type { ReportRow } from '../../../../shared/domain/reports';

/**
 * Rows of a materialized report in screen order, in chunks: a chunked read leaves the SQLite
 * connection free between chunks (an open iterator would block every other request while an
 * export waits on its output stream).
 */
export type RowChunks = () => AsyncIterable<ReportRow[]>;
