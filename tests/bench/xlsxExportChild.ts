// One side of the xlsx export benchmark, in its own process so its peak memory is its own.
//   ours  WORKSPACE OUT  — `reports.export` of the full invoice register (query, paging, typed cells)
//   floor WORKSPACE OUT  — the same rows, read beforehand, written by a bare exceljs streaming writer
import ExcelJS from 'exceljs';
import { createConsoleServices } from '../../electron/services/consoleServices';
import { ReportEngine } from '../../electron/services/reports/reportEngine';
import { REPORTS } from '../../shared/domain/reports';

const [mode, dir, out] = process.argv.slice(2);
if (!mode || !dir || !out) throw new Error('usage: xlsxExportChild ours|floor WORKSPACE OUT');
const services = createConsoleServices({ dir, host: 'cli' });
const query = { name: 'invoice-register' as const };
let ms: number;
let rows: number;
if (mode === 'ours') {
  const t = process.hrtime.bigint();
  const f = await services.reports.export(query, 'xlsx', { out });
  ms = Number(process.hrtime.bigint() - t) / 1e6;
  rows = f.rows;
} else {
  const tenant = services.workspace.tenant();
  const engine = new ReportEngine(services.workspace.sqlite);
  const m = engine.materialize({ id: tenant.id, name: tenant.name, currency: tenant.currency, timezone: tenant.timezone }, query);
  const cols = REPORTS['invoice-register'].columns;
  const data = engine.page(m, 0, m.rowCount).map((r) => cols.map((c) => r[c.key] ?? null));
  const t = process.hrtime.bigint();
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: out, useStyles: true, useSharedStrings: false });
  const ws = wb.addWorksheet('Invoices');
  ws.columns = cols.map((c) => ({ header: c.title, key: c.key, width: 14 }));
  for (const r of data) ws.addRow(r).commit();
  ws.commit();
  await wb.commit();
  ms = Number(process.hrtime.bigint() - t) / 1e6;
  rows = data.length;
}
services.close();
process.stdout.write(JSON.stringify({ mode, ms, rows, maxRssMb: Math.round(process.resourceUsage().maxRSS / 1024) }) + '\n');
