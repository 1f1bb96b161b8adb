// Cell formatting by column type. Money arrives as integer minor units and is only ever divided
// for display (never summed here: totals come from the host); dates are epoch milliseconds shown
// as calendar dates in the tenant's time zone.
import type { ReportCell } from '../../../../shared/domain/reports';
import type { ReportColumnDef } from './types';

const cache = new Map<string, Intl.NumberFormat | Intl.DateTimeFormat>();

function cached<T extends Intl.NumberFormat | Intl.DateTimeFormat>(key: string, make: () => T): T {
  let f = cache.get(key);
  if (!f) {
    f = make();
    cache.set(key, f);
  }
  return f as T;
}

function moneyFormat(currency: string): { fmt: Intl.NumberFormat; divisor: number } {
  const fmt = cached(`money:${currency}`, () => {
    try {
      return new Intl.NumberFormat(undefined, { style: 'currency', currency });
    } catch {
      // an unknown currency code: plain number with two decimals
      return new Intl.NumberFormat(undefined, { minimumFractionDigits: 2, maximumFractionDigits: 2 });
    }
  });
  // minor units per major unit follow the currency (2 for USD/EUR, 0 for JPY, 3 for KWD)
  const digits = fmt.resolvedOptions().maximumFractionDigits ?? 2;
  return { fmt, divisor: 10 ** digits };
}

export function formatMoney(minor: number, currency: string): string {
  const { fmt, divisor } = moneyFormat(currency);
  return fmt.format(minor / divisor);
}

/** Short money for chart axes: $12.3K. */
export function formatMoneyCompact(minor: number, currency: string): string {
  const { divisor } = moneyFormat(currency);
  const fmt = cached(`money-compact:${currency}`, () => {
    try {
      return new Intl.NumberFormat(undefined, { style: 'currency', currency, notation: 'compact', maximumFractionDigits: 1 });
    } catch {
      return new Intl.NumberFormat(undefined, { notation: 'compact', maximumFractionDigits: 1 });
    }
  });
  return fmt.format(minor / divisor);
}

const intFormat = new Intl.NumberFormat(undefined, { maximumFractionDigits: 0 });

export function formatInt(n: number): string {
  return intFormat.format(n);
}

const BYTE_UNITS = ['B', 'kB', 'MB', 'GB', 'TB', 'PB', 'EB'];
const bytesFormat = new Intl.NumberFormat(undefined, { minimumFractionDigits: 1, maximumFractionDigits: 1 });

/** 1000-based (SI), as ISPs bill traffic: 1 GB = 10^9 bytes. */
export function formatBytes(n: number): string {
  if (!Number.isFinite(n)) return '—';
  const sign = n < 0 ? '-' : '';
  let v = Math.abs(n);
  let u = 0;
  while (v >= 1000 && u < BYTE_UNITS.length - 1) {
    v /= 1000;
    u++;
  }
  return u === 0 ? `${sign}${intFormat.format(v)} B` : `${sign}${bytesFormat.format(v)} ${BYTE_UNITS[u]}`;
}

const percentFormat = new Intl.NumberFormat(undefined, { style: 'percent', minimumFractionDigits: 1, maximumFractionDigits: 1 });

/** A ratio (0.953) shown as a percentage with one decimal (95.3 %). */
export function formatPercent(ratio: number): string {
  return percentFormat.format(ratio);
}

function dateParts(ms: number, timeZone: string): { y: string; m: string; d: string } | null {
  const d = new Date(ms);
  if (Number.isNaN(d.getTime())) return null;
  const fmt = cached(`date:${timeZone}`, () => {
    try {
      return new Intl.DateTimeFormat('en-US', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
    } catch {
      return new Intl.DateTimeFormat('en-US', { timeZone: 'UTC', year: 'numeric', month: '2-digit', day: '2-digit' });
    }
  });
  const parts = fmt.formatToParts(d);
  const get = (t: string) => parts.find((p) => p.type === t)?.value ?? '';
  return { y: get('year'), m: get('month'), d: get('day') };
}

/** YYYY-MM-DD of an instant in a time zone. */
export function formatDate(ms: number, timeZone: string): string {
  const p = dateParts(ms, timeZone);
  return p ? `${p.y}-${p.m}-${p.d}` : '—';
}

/** YYYY-MM of a month value: either already "2026-03" or an instant in the month. */
export function formatMonth(v: string | number, timeZone: string): string {
  if (typeof v === 'string') {
    const m = /^(\d{4})-(\d{2})/.exec(v);
    return m ? `${m[1]}-${m[2]}` : v;
  }
  const p = dateParts(v, timeZone);
  return p ? `${p.y}-${p.m}` : '—';
}

export interface FormattedCell {
  text: string;
  /** Tooltip (the exact value where the text rounds it). */
  title?: string;
  numeric: boolean;
}

const NUMERIC_TYPES = new Set(['money', 'int', 'bytes', 'percent']);

export function isNumericColumn(c: Pick<ReportColumnDef, 'type'>): boolean {
  return NUMERIC_TYPES.has(c.type);
}

export interface FormatContext {
  currency: string;
  timezone: string;
}

export function formatCell(col: Pick<ReportColumnDef, 'type'>, value: ReportCell | undefined, ctx: FormatContext): FormattedCell {
  const numeric = isNumericColumn(col);
  if (value === null || value === undefined || value === '') return { text: '', numeric };
  if (typeof value === 'string' && col.type !== 'text' && col.type !== 'month') return { text: value, numeric };
  switch (col.type) {
    case 'text':
      return { text: String(value), numeric };
    case 'money':
      return { text: formatMoney(Number(value), ctx.currency), numeric };
    case 'int':
      return { text: formatInt(Number(value)), numeric };
    case 'bytes':
      return { text: formatBytes(Number(value)), title: `${formatInt(Number(value))} bytes`, numeric };
    case 'percent':
      return { text: formatPercent(Number(value)), numeric };
    case 'date':
      return { text: formatDate(Number(value), ctx.timezone), numeric };
    case 'month':
      return { text: formatMonth(value, ctx.timezone), numeric };
  }
}
