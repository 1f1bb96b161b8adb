// Text of a report cell as CSV and the printable page show it. Money is exact decimal text.
import type { ReportCell, ReportColumn } from '../../../../shared/domain/reports';
import { minorToDecimal } from '../money';
import type { LocalClock } from '../tenantTime';

export function cellText(col: ReportColumn, v: ReportCell, currency: string, clock: LocalClock): string {
  if (v === null || v === undefined) return '';
  switch (col.type) {
    case 'money':
      return minorToDecimal(Number(v), currency);
    case 'date':
      return clock.date(Number(v));
    case 'percent':
      return `${(Number(v) * 100).toFixed(1)}%`;
    case 'int':
    case 'bytes':
      return String(Math.trunc(Number(v)));
    default:
      return String(v);
  }
}
