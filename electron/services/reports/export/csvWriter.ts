// RFC 4180 CSV: CRLF line ends, fields quoted when they hold a comma, quote, CR or LF, quotes
// doubled. UTF-8, with an optional BOM so Excel reads accents right.
import fs from 'node:fs';
import { once } from 'node:events';
import { cellText } from './cellText';
import type { ExportInput } from './rowSource';

export function csvField(s: string): string {
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export async function writeCsv(opts: ExportInput & { file: string; bom: boolean }): Promise<number> {
  const out = fs.createWriteStream(opts.file);
  const write = async (s: string) => {
    if (!out.write(s)) await once(out, 'drain');
  };
  if (opts.bom) await write('\uFEFF');
  await write(opts.columns.map((c) => csvField(c.title)).join(',') + '\r\n');
  let rows = 0;
  for await (const chunk of opts.chunks()) {
    let text = '';
    for (const r of chunk) {
      text += opts.columns.map((c) => csvField(cellText(c, r[c.key] ?? null, opts.currency, opts.clock))).join(',') + '\r\n';
      rows++;
    }
    await write(text);
  }
  const totals = opts.columns.map((c, i) =>
    c.sum ? cellText(c, opts.totals[c.key] ?? 0, opts.currency, opts.clock) : i === 0 ? 'Total' : '',
  );
  if (opts.columns.some((c) => c.sum)) await write(totals.map(csvField).join(',') + '\r\n');
  out.end();
  await once(out, 'close');
  return rows;
}
