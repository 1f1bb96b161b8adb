// Printable pages of a report: what Chromium turns into the PDF (Electron's printToPDF, the
// browser's print, Playwright's page.pdf). Self-contained: inline styles, no scripts. A large
// report is cut into parts of PART_ROWS rows (Chromium's printing fails on one huge document);
// the parts are printed one by one and joined into one PDF.
import type { ReportColumn } from '../../../../shared/domain/reports';
import { cellText } from './cellText';
import type { ExportInput } from './rowSource';

const esc = (s: string) => s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);
export const PART_ROWS = 2500;
const NUMERIC = new Set<ReportColumn['type']>(['money', 'int', 'bytes', 'percent']);

export async function renderReportHtml(opts: ExportInput): Promise<{ parts: string[]; rows: number }> {
  const cls = (c: ReportColumn) => (NUMERIC.has(c.type) ? ' class="n"' : '');
  const bodies: string[][] = [[]];
  let rows = 0;
  for await (const chunk of opts.chunks()) {
    for (const r of chunk) {
      let current = bodies[bodies.length - 1]!;
      if (current.length >= PART_ROWS) bodies.push((current = []));
      current.push(`<tr>${opts.columns.map((c) => `<td${cls(c)}>${esc(cellText(c, r[c.key] ?? null, opts.currency, opts.clock))}</td>`).join('')}</tr>`);
      rows++;
    }
  }
  const totals = opts.columns.some((c) => c.sum)
    ? `<tfoot><tr>${opts.columns
        .map((c, i) => `<td${cls(c)}>${c.sum ? esc(cellText(c, opts.totals[c.key] ?? 0, opts.currency, opts.clock)) : i === 0 ? 'Total' : ''}</td>`)
        .join('')}</tr></tfoot>`
    : '';
  const filters = opts.filtersApplied.map((f) => `<span><b>${esc(f.label)}:</b> ${esc(f.value)}</span>`).join(' · ');
  const head = `<!doctype html><html><head><meta charset="utf-8"><title>${esc(opts.title)}</title>
<style>
@page { size: A4 landscape; margin: 12mm 10mm; }
body { font: 9pt/1.35 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: #111; }
h1 { font-size: 14pt; margin: 0 0 4pt; }
.meta { color: #444; margin-bottom: 8pt; }
table { border-collapse: collapse; width: 100%; }
thead { display: table-header-group; } tfoot { display: table-row-group; }
th { text-align: left; border-bottom: 1.5pt solid #333; padding: 3pt 4pt; }
td { border-bottom: 0.5pt solid #ddd; padding: 2pt 4pt; }
td.n, th.n { text-align: right; font-variant-numeric: tabular-nums; }
tfoot td { font-weight: bold; border-top: 1.5pt solid #333; }
tr { page-break-inside: avoid; }
</style></head><body>`;
  const thead = `<table><thead><tr>${opts.columns.map((c) => `<th${cls(c)}>${esc(c.title)}</th>`).join('')}</tr></thead>`;
  const meta = `<h1>${esc(opts.title)}</h1>
<div class="meta">${filters} · <b>Rows:</b> ${rows} · <b>Generated:</b> ${esc(opts.clock.dateTime(opts.generatedAt))} (${esc(opts.clock.tz)})</div>`;
  const parts = bodies.map(
    (body, i) =>
      `${head}${i === 0 ? meta : ''}${thead}<tbody>${body.join('\n')}</tbody>${i === bodies.length - 1 ? totals : ''}</table></body></html>`,
  );
  return { parts, rows };
}
