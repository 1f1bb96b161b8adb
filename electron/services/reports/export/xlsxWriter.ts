// Excel export with exceljs's streaming writer (rows are committed as they are written, so a
// 500k-row register does not sit in memory): typed cells (dates, currency in the tenant's format,
// numbers), bold frozen header, autofilter, column widths, a totals row of real SUM formulas, and
// a second sheet with the filters used and when the file was made.
import ExcelJS from 'exceljs';
import type { ReportColumn, ReportRow } from '../../../../shared/domain/reports';
import { excelCurrencyFormat, minorDigits } from '../money';
import type { LocalClock } from '../tenantTime';
import type { RowChunks } from './rowSource';

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

export async function writeXlsx(opts: {
  file: string;
  title: string;
  columns: ReportColumn[];
  chunks: RowChunks;
  totals: Record<string, number | null>;
  currency: string;
  clock: LocalClock;
  filtersApplied: { label: string; value: string }[];
  generatedAt: number;
}): Promise<number> {
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: opts.file, useStyles: true, useSharedStrings: false });
  wb.creator = 'DotMac NOC Console';
  wb.created = new Date(opts.generatedAt);
  const sheetName = opts.title.replace(/[\\/?*[\]:]/g, ' ').slice(0, 31);
  const ws = wb.addWorksheet(sheetName, { views: [{ state: 'frozen', ySplit: 1, xSplit: 0 }] });
  ws.columns = opts.columns.map((c) => ({
    header: c.title,
    key: c.key,
    width: Math.max(WIDTH[c.type], c.title.length + 2),
    style: numFmt(c, opts.currency) ? { numFmt: numFmt(c, opts.currency) } : {},
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

  let rows = 0;
  for await (const chunk of opts.chunks()) {
    for (const r of chunk) {
      ws.addRow(toCells(r)).commit();
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
