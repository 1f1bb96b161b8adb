// JSON export for scripts: the raw typed values (money in minor units, dates as epoch ms),
// streamed row by row so a large register never sits in memory as one string.
import fs from 'node:fs';
import { once } from 'node:events';
import type { ExportInput } from './rowSource';

export async function writeJson(
  opts: ExportInput & { file: string; report: string; timezone: string; sort: { key: string; dir: 'asc' | 'desc' } },
): Promise<number> {
  const out = fs.createWriteStream(opts.file);
  const write = async (s: string) => {
    if (!out.write(s)) await once(out, 'drain');
  };
  const head = {
    report: opts.report,
    title: opts.title,
    filters: opts.filtersApplied,
    sort: opts.sort,
    currency: opts.currency,
    timezone: opts.timezone,
    moneyUnit: 'minor',
    generatedAt: new Date(opts.generatedAt).toISOString(),
    columns: opts.columns,
    totals: opts.totals,
  };
  await write(JSON.stringify(head).slice(0, -1) + ',"rows":[\n');
  let rows = 0;
  for await (const chunk of opts.chunks()) {
    let text = '';
    for (const r of chunk) {
      text += (rows++ ? ',\n' : '') + JSON.stringify(Object.fromEntries(opts.columns.map((c) => [c.key, r[c.key] ?? null])));
    }
    await write(text);
  }
  await write('\n]}\n');
  out.end();
  await once(out, 'close');
  return rows;
}
