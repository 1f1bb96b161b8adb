// The billing use cases behind reports.*: list, run (a page), chart, export. Exports are written
// into the workspace's exports/ folder; the host decides how the user gets the file.
import fs from 'node:fs';
import path from 'node:path';
import { REPORT_NAMES, REPORTS, type ReportRow } from '../../../shared/domain/reports';
import { NocError } from '../../../shared/ipc/errors';
import type { ParsedRequestOf, ResponseOf } from '../../../shared/ipc/schemas';
import { EventBus, ProgressReporter } from '../events/eventBus';
import { uuidv7 } from '../util/uuidv7';
import type { Workspace } from '../workspace/workspace';
import { renderReportHtml } from './export/htmlReport';
import { writeCsv } from './export/csvWriter';
import { writeJson } from './export/jsonWriter';
import { writeXlsx } from './export/xlsxWriter';
import type { RowChunks } from './export/rowSource';
import type { PdfRenderer } from './pdfRenderer';
import { ReportEngine, type MaterializedReport, type ReportQuery, type ReportTenant } from './reportEngine';
import { isValidTimeZone } from './tenantTime';

export const PDF_ROW_LIMIT = 50_000;
const CHUNK = 5000;
const EXPORT_ID = /^[0-9a-f-]{36}$/;

export type ExportFormat = 'xlsx' | 'csv' | 'pdf' | 'json';

export interface ExportedFile {
  exportId: string;
  file: string;
  fileName: string;
  format: ExportFormat;
  rows: number;
  bytes: number;
}

export class ReportService {
  private readonly engine: ReportEngine;

  constructor(
    private readonly workspace: Workspace,
    private readonly bus: EventBus,
    private readonly pdf: () => PdfRenderer | null,
  ) {
    this.engine = new ReportEngine(workspace.sqlite);
  }

  private tenant(): ReportTenant {
    const t = this.workspace.tenant();
    return { id: t.id, name: t.name, currency: t.currency, timezone: isValidTimeZone(t.timezone) ? t.timezone : 'UTC' };
  }

  list(): ResponseOf<'reports.list'> {
    return REPORT_NAMES.map((n) => {
      const d = REPORTS[n];
      return { name: d.name, title: d.title, description: d.description, periodLabel: d.periodLabel, filters: d.filters, columns: d.columns, defaultSort: d.defaultSort, chart: d.chart };
    });
  }

  plans(): ResponseOf<'plans.list'> {
    return this.workspace.sqlite
      .prepare('SELECT id, code, name, price_minor AS priceMinor, currency FROM service_plans WHERE tenant_id = ? AND deleted_at IS NULL ORDER BY price_minor, name')
      .all(this.tenant().id) as ResponseOf<'plans.list'>;
  }

  materialize(q: ReportQuery): MaterializedReport {
    return this.engine.materialize(this.tenant(), q);
  }

  run(req: ParsedRequestOf<'reports.run'>): ResponseOf<'reports.run'> {
    const m = this.materialize(req.query);
    return {
      name: m.definition.name,
      title: m.definition.title,
      columns: m.definition.columns,
      rows: this.engine.page(m, req.offset, req.limit),
      rowCount: m.rowCount,
      offset: req.offset,
      totals: m.totals,
      sort: m.sort,
      filtersApplied: m.filtersApplied,
      currency: m.tenant.currency,
      timezone: m.tenant.timezone,
      generatedAt: m.generatedAt,
    };
  }

  chart(q: ReportQuery): ResponseOf<'reports.chart'> {
    const m = this.materialize(q);
    const db = this.workspace.sqlite;
    const t = `temp.${m.table}`;
    switch (m.definition.chart) {
      case 'revenue-bars': {
        const rows = db.prepare(`SELECT month, sum(invoiced) AS invoiced, sum(collected) AS collected FROM ${t} GROUP BY month ORDER BY month`).all() as {
          month: string;
          invoiced: number;
          collected: number;
        }[];
        return {
          kind: 'revenue-bars',
          labels: rows.map((r) => r.month),
          series: [
            { label: 'Invoiced', unit: 'money', values: rows.map((r) => r.invoiced) },
            { label: 'Collected', unit: 'money', values: rows.map((r) => r.collected) },
          ],
        };
      }
      case 'aging-stack': {
        const rows = db
          .prepare(`SELECT COALESCE(plan, '(no plan)') AS plan, sum(current) AS c, sum(d1_30) AS a, sum(d31_60) AS b, sum(d61_90) AS d, sum(d90plus) AS e FROM ${t} GROUP BY plan ORDER BY plan`)
          .all() as { plan: string; c: number; a: number; b: number; d: number; e: number }[];
        const series = (label: string, pick: (r: (typeof rows)[number]) => number) => ({ label, unit: 'money' as const, values: rows.map(pick) });
        return {
          kind: 'aging-stack',
          labels: rows.map((r) => r.plan),
          series: [series('Current', (r) => r.c), series('1–30', (r) => r.a), series('31–60', (r) => r.b), series('61–90', (r) => r.d), series('90+', (r) => r.e)],
        };
      }
      case 'usage-bars': {
        const rows = db.prepare(`SELECT accountNo, inputOctets, outputOctets FROM ${t} ORDER BY totalOctets DESC LIMIT 20`).all() as {
          accountNo: string;
          inputOctets: number;
          outputOctets: number;
        }[];
        return {
          kind: 'usage-bars',
          labels: rows.map((r) => r.accountNo),
          series: [
            { label: 'Download', unit: 'bytes', values: rows.map((r) => r.outputOctets) },
            { label: 'Upload', unit: 'bytes', values: rows.map((r) => r.inputOctets) },
          ],
        };
      }
      case 'plan-bars': {
        const rows = db.prepare(`SELECT COALESCE(plan, '(no plan)') AS plan, active, suspended, churned FROM ${t} ORDER BY plan`).all() as {
          plan: string;
          active: number;
          suspended: number;
          churned: number;
        }[];
        return {
          kind: 'plan-bars',
          labels: rows.map((r) => r.plan),
          series: [
            { label: 'Active', unit: 'count', values: rows.map((r) => r.active) },
            { label: 'Suspended', unit: 'count', values: rows.map((r) => r.suspended) },
            { label: 'Churned', unit: 'count', values: rows.map((r) => r.churned) },
          ],
        };
      }
      default:
        return { kind: 'none', labels: [], series: [] };
    }
  }

  private chunks(m: MaterializedReport, onRows?: (n: number) => void): RowChunks {
    const engine = this.engine;
    return async function* () {
      let done = 0;
      while (done < m.rowCount) {
        const rows: ReportRow[] = engine.page(m, done, CHUNK);
        if (rows.length === 0) break;
        done += rows.length;
        onRows?.(done);
        yield rows;
      }
    };
  }

  exportsDir(): string {
    return path.join(this.workspace.dir, 'exports');
  }

  /** The file of an earlier export, for the web host's download route; null if unknown. */
  exportedFile(exportId: string): { file: string; fileName: string } | null {
    if (!EXPORT_ID.test(exportId)) return null;
    const dir = path.join(this.exportsDir(), exportId);
    if (!fs.existsSync(dir)) return null;
    const fileName = fs.readdirSync(dir)[0];
    return fileName ? { file: path.join(dir, fileName), fileName } : null;
  }

  /** Export exactly what the query shows (filters, sort, columns) to a file. */
  async export(q: ReportQuery, format: ExportFormat, opts: { csvBom?: boolean; out?: string; taskId?: string } = {}): Promise<ExportedFile> {
    const m = this.materialize(q);
    if (format === 'pdf' && m.rowCount > PDF_ROW_LIMIT) {
      throw new NocError(
        'VALIDATION',
        `A PDF of ${m.rowCount.toLocaleString('en-US')} rows would not be readable: narrow the filters to ${PDF_ROW_LIMIT.toLocaleString('en-US')} rows or fewer, or export Excel/CSV.`,
      );
    }
    const exportId = uuidv7();
    const stamp = [q.from ?? 'start', q.to ?? 'now'].join('_');
    const fileName = `${m.definition.name}_${stamp}.${format}`;
    let file = opts.out ? path.resolve(opts.out) : path.join(this.exportsDir(), exportId, fileName);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    const progress = new ProgressReporter(this.bus, opts.taskId ?? exportId, `Exporting ${m.definition.title} (${format.toUpperCase()})`);
    const chunks = this.chunks(m, (n) => progress.update(n, m.rowCount));
    const clock = this.engine.clock(m);
    const common = {
      title: m.definition.title,
      columns: m.definition.columns,
      chunks,
      totals: m.totals,
      currency: m.tenant.currency,
      clock,
      filtersApplied: m.filtersApplied,
      generatedAt: m.generatedAt,
    };
    let rows: number;
    const tmp = `${file}.partial`;
    const unpin = this.engine.pin(m);
    try {
      switch (format) {
        case 'csv':
          rows = await writeCsv({ ...common, file: tmp, bom: opts.csvBom ?? false });
          break;
        case 'xlsx':
          rows = await writeXlsx({ ...common, file: tmp });
          break;
        case 'json':
          rows = await writeJson({ ...common, file: tmp, report: m.definition.name, sort: m.sort, timezone: m.tenant.timezone });
          break;
        case 'pdf': {
          const renderer = this.pdf();
          if (!renderer) throw new NocError('UNAVAILABLE', 'This host cannot render PDF (no Chromium).');
          const page = await renderReportHtml(common);
          await renderer.render(page.parts, tmp);
          rows = page.rows;
          break;
        }
      }
      // a half-written export is never left under the real name
      fs.renameSync(tmp, file);
    } catch (err) {
      fs.rmSync(tmp, { force: true });
      progress.finish(m.rowCount, err instanceof Error ? err.message : String(err));
      if (err instanceof NocError) throw err;
      throw new NocError('INTERNAL', `Export failed: ${err instanceof Error ? err.message : String(err)}`);
    } finally {
      unpin();
    }
    progress.finish(m.rowCount);
    file = path.resolve(file);
    return { exportId, file, fileName: path.basename(file), format, rows, bytes: fs.statSync(file).size };
  }
}
