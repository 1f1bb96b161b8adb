// Excel export with exceljs's streaming writer (rows are committed as they are written, so a
// 500k-row register does not sit in memory): typed cells (dates, currency in the tenant's format,
// numbers), bold frozen header, autofilter, column widths, a totals row of real SUM formulas, and
// a second sheet with the filters used and when the file was made.
import { setImmediate as nextTurn, setTimeout as sleep } from 'node:timers/promises';
import ExcelJS from 'exceljs';
import type { ReportColumn, ReportRow } from '../../../../shared/domain/reports';
import { excelCurrencyFormat, minorDigits } from '../money';
import type { ExportInput } from './rowSource';

const WIDTH: Record<ReportColumn['type'], number> = { text: 22, date: 12, month: 10, money: 14, int: 10, bytes: 18, percent: 12 };

function columnLetter(n: number): string {
  let s = '';
  for (let i = n; i > 0; i = Math.floor((i - 1) / 26)) s = String.fromCharCode(65 + ((i - 1) % 26)) + s;
  return s;
}

function numFmt(col: ReportColumn, currency: string): string | undefined {
  switch (col.type) {
    case 'money':
      return excelCurrencyFormat(currency);
    case 'date':
      return 'yyyy-mm-dd';
    case 'int':
    case 'bytes':
      return '#,##0';
    case 'percent':
      return '0.0%';
    default:
      return undefined;
  }
}

/** Rows written between two turns of the event loop (see zipBacklog). */
const ROWS_PER_TURN = 256;
/** XML allowed to wait for the zip before we stop adding rows: a few ms of deflate work. */
const MAX_BACKLOG_BYTES = 8 * 1024 * 1024;

/** The bits of a Node or readable-stream stream we read: bytes buffered on each side. */
interface BufferedStream {
  _writableState?: { length?: number };
  _readableState?: { length?: number };
}

/**
 * Bytes of the sheet's XML written but not yet taken by the zip. exceljs 4 writes a sheet into a
 * StreamBuf (`worksheet.stream`) that is piped into the zip entry (archiver wraps it in a
 * PassThrough, `stream.pipes[0]`) without backpressure, and deflate only advances when the event
 * loop turns. A loop that adds 500k rows without yielding leaves the whole ~300 MB of XML queued in
 * memory until the end. None of this is exceljs's public API: if it is not where expected the
 * backlog reads 0 and the export is the same, only without the memory bound.
 */
function zipBacklog(ws: ExcelJS.Worksheet): () => number {
  const pipe = (ws as unknown as { stream?: { pipes?: BufferedStream[] } }).stream?.pipes?.[0];
  if (!pipe) return () => 0;
  return () => (pipe._writableState?.length ?? 0) + (pipe._readableState?.length ?? 0);
}

export async function writeXlsx(opts: ExportInput & { file: string }): Promise<number> {
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: opts.file, useStyles: true, useSharedStrings: false });
  wb.creator = 'DotMac NOC Console';
  wb.created = new Date(opts.generatedAt);
  const sheetName = opts.title.replace(/[\\/?*[\]:]/g, ' ').slice(0, 31);
  const ws = wb.addWorksheet(sheetName, { views: [{ state: 'frozen', ySplit: 1, xSplit: 0 }] });
  // One style object per column, shared by every data cell of it. exceljs gives each new cell its
  // own copy of the column style, and its style registry only remembers style *objects* (a
  // WeakMap), so each copy was serialised to XML and looked up again: for ~8M cells, a third of
  // the export's time. Handing every cell the column's own object hits the WeakMap instead; the
  // style ids in the file are the same. (The header and totals rows keep their own copies: they
  // are made bold, which must not touch the shared objects.)
  const styles: Partial<ExcelJS.Style>[] = opts.columns.map((c) => {
    const fmt = numFmt(c, opts.currency);
    return fmt ? { numFmt: fmt } : {};
  });
  ws.columns = opts.columns.map((c, i) => ({
    header: c.title,
    key: c.key,
    width: Math.max(WIDTH[c.type], c.title.length + 2),
    style: styles[i],
  }));
  const last = columnLetter(opts.columns.length);
  ws.autoFilter = `A1:${last}1`;
  const header = ws.getRow(1);
  header.font = { bold: true };
  header.commit();

  const divisor = 10 ** minorDigits(opts.currency);
  const toCells = (r: ReportRow) =>
    opts.columns.map((c) => {
      const v = r[c.key];
      if (v === null || v === undefined) return null;
      switch (c.type) {
        case 'money':
          return Number(v) / divisor; // Excel holds doubles; sums below are Excel's own formulas
        case 'date':
          return opts.clock.wallClock(Number(v));
        case 'int':
        case 'bytes':
        case 'percent':
          return Number(v);
        default:
          return String(v);
      }
    });

  // Flow control: every ROWS_PER_TURN rows let the event loop turn (deflate's callbacks run, and it
  // compresses on the thread pool while we build the next rows); while the zip is more than
  // MAX_BACKLOG_BYTES behind, wait for it. Peak memory stays flat instead of growing with the file.
  const backlog = zipBacklog(ws);
  let rows = 0;
  for await (const chunk of opts.chunks()) {
    for (const r of chunk) {
      if (rows % ROWS_PER_TURN === 0) {
        await nextTurn();
        while (backlog() > MAX_BACKLOG_BYTES) await sleep(1);
      }
      const row = ws.addRow(toCells(r));
      for (let i = 0; i < styles.length; i++) row.getCell(i + 1).style = styles[i] as ExcelJS.Style;
      row.commit();
      rows++;
    }
  }
  if (opts.columns.some((c) => c.sum)) {
    const firstData = 2;
    const lastData = rows + 1;
    const cells = opts.columns.map((c, i) => {
      if (!c.sum) return i === 0 ? 'Total' : null;
      const col = columnLetter(i + 1);
      const cached = c.type === 'money' ? (opts.totals[c.key] ?? 0) / divisor : (opts.totals[c.key] ?? 0);
      return { formula: rows > 0 ? `SUM(${col}${firstData}:${col}${lastData})` : '0', result: cached };
    });
    const totalRow = ws.addRow(cells);
    totalRow.font = { bold: true };
    totalRow.commit();
  }
  ws.commit();

  const info = wb.addWorksheet('Filters');
  info.columns = [
    { header: 'Filter', key: 'label', width: 28 },
    { header: 'Value', key: 'value', width: 48 },
  ];
  info.getRow(1).font = { bold: true };
  for (const f of opts.filtersApplied) info.addRow(f).commit();
  info.addRow({ label: 'Rows', value: rows }).commit();
  info.addRow({ label: 'Generated', value: `${opts.clock.dateTime(opts.generatedAt)} (${opts.clock.tz})` }).commit();
  info.commit();
  await wb.commit();
  return rows;
}
