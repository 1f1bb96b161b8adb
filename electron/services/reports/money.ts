// Money stays in integer minor units; text forms are made digit by digit, never through floats.

const DIGITS = new Map<string, number>();

export function minorDigits(currency: string): number {
  let d = DIGITS.get(currency);
  if (d === undefined) {
    try {
      d = new Intl.NumberFormat('en-US', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
    } catch {
      d = 2;
    }
    DIGITS.set(currency, d);
  }
  return d;
}

/** 123456 USD → "1234.56"; -5 → "-0.05". Exact for any safe integer. */
export function minorToDecimal(minor: number, currency: string): string {
  const digits = minorDigits(currency);
  const neg = minor < 0;
  const abs = String(Math.abs(Math.trunc(minor))).padStart(digits + 1, '0');
  const whole = digits ? abs.slice(0, -digits) : abs;
  const frac = digits ? '.' + abs.slice(-digits) : '';
  return `${neg ? '-' : ''}${whole}${frac}`;
}

/** Excel number format for the tenant's currency, e.g. "$"#,##0.00 for USD. */
export function excelCurrencyFormat(currency: string): string {
  const digits = minorDigits(currency);
  let symbol = currency;
  try {
    symbol =
      new Intl.NumberFormat('en-US', { style: 'currency', currency, currencyDisplay: 'narrowSymbol' })
        .formatToParts(0)
        .find((p) => p.type === 'currency')?.value ?? currency;
  } catch {
    /* unknown code: show it as is */
  }
  const body = digits ? `#,##0.${'0'.repeat(digits)}` : '#,##0';
  return `"${symbol.replace(/"/g, '')}"${body};-"${symbol.replace(/"/g, '')}"${body}`;
}
