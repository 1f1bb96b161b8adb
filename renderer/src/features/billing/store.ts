// State of the Billing page: the report catalogue and lookups, the current view (a report query
// plus the drill-down trail that led to it), the result's metadata, the rows loaded so far (by
// offset pages, fetched only for what the user scrolls to), the chart series and exports.
import { create } from 'zustand';
import type { Site } from '../../../../shared/domain/device';
import { trackLocalTask } from '../../app/progressStore';
import { errorMessage, invoke, newTaskId, onEvent, useConnection } from '../../lib/api';
import type { ExportFormat, ExportResult, Plan, ReportChartData, ReportDef, ReportMeta, ReportName, ReportQuery, ReportRowData, ReportView } from './types';

export const PAGE_SIZE = 200;
/** Exports quicker than this never flash a progress line. */
const EXPORT_PROGRESS_DELAY_MS = 400;

type FilterPatch = Partial<Record<'from' | 'to' | 'siteId' | 'planId' | 'subscriberId', string | null>>;

export interface ExportNote {
  kind: 'downloaded' | 'saved' | 'error';
  text: string;
}

interface BillingState {
  defs: ReportDef[];
  defsError: string | null;
  plans: Plan[];
  sites: Site[];
  lookupsError: string | null;

  view: ReportView | null;
  /** Views this one was drilled from, oldest first. */
  trail: ReportView[];

  meta: ReportMeta | null;
  /** Loaded rows by page number (offset / PAGE_SIZE). */
  pages: Record<number, ReportRowData[]>;
  /** First page of the current query in flight. */
  loading: boolean;
  error: string | null;
  /** Bumped on every new query; answers to an older generation are dropped. */
  generation: number;

  chart: ReportChartData | null;
  chartKey: string | null;
  chartLoading: boolean;
  chartError: string | null;

  exporting: ExportFormat | null;
  exportNote: ExportNote | null;

  init(): Promise<void>;
  loadCatalogue(): Promise<void>;
  openReport(name: ReportName): void;
  setFilters(patch: FilterPatch): void;
  toggleSort(key: string): void;
  drill(view: ReportView): void;
  /** Back to trail[index] (the last one by default). */
  back(index?: number): void;
  openView(view: ReportView): void;
  reload(): Promise<void>;
  ensureRows(start: number, end: number): void;
  exportReport(format: ExportFormat, csvBom: boolean): Promise<void>;
  clearExportNote(): void;
}

/** The query without undefined keys, so equal queries serialise equally. */
export function cleanQuery(q: ReportQuery): ReportQuery {
  const out: ReportQuery = { name: q.name };
  if (q.from) out.from = q.from;
  if (q.to) out.to = q.to;
  if (q.siteId) out.siteId = q.siteId;
  if (q.planId) out.planId = q.planId;
  if (q.subscriberId) out.subscriberId = q.subscriberId;
  if (q.sort) out.sort = { key: q.sort.key, dir: q.sort.dir };
  return out;
}

export function queryKey(q: ReportQuery | null | undefined): string {
  return q ? JSON.stringify(cleanQuery(q)) : '';
}

/** The chart does not depend on the sort. */
function chartKeyOf(q: ReportQuery): string {
  const { sort: _sort, ...rest } = cleanQuery(q);
  return JSON.stringify(rest);
}

export function defOf(defs: readonly ReportDef[], name: ReportName | undefined): ReportDef | undefined {
  return defs.find((d) => d.name === name);
}

function rootView(query: ReportQuery, defs: readonly ReportDef[]): ReportView {
  return { query: cleanQuery(query), label: defOf(defs, query.name)?.title ?? query.name };
}

/** Pages requested and not answered yet, as `${generation}:${page}`. */
const inFlight = new Set<string>();

export const useBilling = create<BillingState>((set, get) => {
  const loadPage = async (page: number, generation: number): Promise<void> => {
    const view = get().view;
    if (!view) return;
    const key = `${generation}:${page}`;
    if (inFlight.has(key)) return;
    inFlight.add(key);
    try {
      const res = await invoke('reports.run', { query: view.query, offset: page * PAGE_SIZE, limit: PAGE_SIZE });
      if (get().generation !== generation) return;
      const { rows, offset: _offset, ...meta } = res;
      set((s) => ({
        meta,
        pages: { ...s.pages, [page]: rows },
        ...(page === 0 ? { loading: false } : {}),
        error: null,
      }));
    } catch (err) {
      if (get().generation !== generation) return;
      set(page === 0 ? { loading: false, error: errorMessage(err), meta: null, pages: {} } : { error: errorMessage(err) });
    } finally {
      inFlight.delete(key);
    }
  };

  const loadChart = async (query: ReportQuery): Promise<void> => {
    const def = defOf(get().defs, query.name);
    const key = chartKeyOf(query);
    if (!def || def.chart === 'none') {
      set({ chart: null, chartKey: key, chartLoading: false, chartError: null });
      return;
    }
    if (get().chartKey === key && (get().chart || get().chartLoading)) return;
    // a chart of another kind is not shown under this report's title while the new one loads
    set((s) => ({ chartKey: key, chartLoading: true, chartError: null, chart: s.chart?.kind === def.chart ? s.chart : null }));
    try {
      const chart = await invoke('reports.chart', { query });
      if (get().chartKey !== key) return;
      set({ chart, chartLoading: false });
    } catch (err) {
      if (get().chartKey !== key) return;
      set({ chart: null, chartLoading: false, chartError: errorMessage(err) });
    }
  };

  const show = (view: ReportView, trail: ReportView[]) => {
    set({ view: { ...view, query: cleanQuery(view.query) }, trail, exportNote: null });
    void get().reload();
  };

  return {
    defs: [],
    defsError: null,
    plans: [],
    sites: [],
    lookupsError: null,
    view: null,
    trail: [],
    meta: null,
    pages: {},
    loading: false,
    error: null,
    generation: 0,
    chart: null,
    chartKey: null,
    chartLoading: false,
    chartError: null,
    exporting: null,
    exportNote: null,

    init: async () => {
      startBillingSync();
      if (get().defs.length === 0) await get().loadCatalogue();
      const { defs, view } = get();
      if (!view && defs[0]) show(rootView({ name: defs[0].name }, defs), []);
    },

    loadCatalogue: async () => {
      try {
        const defs = await invoke('reports.list', {});
        set({ defs, defsError: null });
      } catch (err) {
        set({ defsError: errorMessage(err) });
      }
      try {
        const [plans, sites] = await Promise.all([invoke('plans.list', {}), invoke('sites.list', {})]);
        set({
          plans: [...plans].sort((a, b) => a.priceMinor - b.priceMinor || a.name.localeCompare(b.name)),
          sites: [...sites].sort((a, b) => a.name.localeCompare(b.name)),
          lookupsError: null,
        });
      } catch (err) {
        set({ lookupsError: errorMessage(err) });
      }
    },

    openReport: (name) => {
      const { defs, view, trail } = get();
      const def = defOf(defs, name);
      // keep the filters the new report also honours, as the user set them: from the view the
      // drill-down started at, not the narrowing a drill-down added (plan, month, subscriber)
      const q: ReportQuery = { name };
      const prev = trail[0]?.query ?? view?.query;
      if (prev && def) {
        for (const f of ['from', 'to', 'siteId', 'planId'] as const) {
          const v = prev[f];
          if (v && def.filters.includes(f)) q[f] = v;
        }
      }
      show(rootView(q, defs), []);
    },

    setFilters: (patch) => {
      const view = get().view;
      if (!view) return;
      const q: ReportQuery = { ...view.query };
      for (const [k, v] of Object.entries(patch) as [keyof FilterPatch, string | null | undefined][]) {
        if (v) q[k] = v;
        else delete q[k];
      }
      const next: ReportView = { ...view, query: q };
      if (!q.subscriberId && view.query.subscriberId) {
        delete next.subscriberLabel;
        next.label = defOf(get().defs, q.name)?.title ?? q.name;
      }
      show(next, get().trail);
    },

    toggleSort: (key) => {
      const { view, meta, defs } = get();
      if (!view) return;
      const current = view.query.sort ?? meta?.sort ?? defOf(defs, view.query.name)?.defaultSort;
      const dir: 'asc' | 'desc' = current?.key === key && current.dir === 'asc' ? 'desc' : 'asc';
      show({ ...view, query: { ...view.query, sort: { key, dir } } }, get().trail);
    },

    drill: (target) => {
      const { view, trail } = get();
      show(target, view ? [...trail, view] : trail);
    },

    back: (index) => {
      const trail = get().trail;
      const i = index ?? trail.length - 1;
      const target = trail[i];
      if (!target) return;
      show(target, trail.slice(0, i));
    },

    openView: (view) => show(view, []),

    reload: async () => {
      const view = get().view;
      if (!view) return;
      const generation = get().generation + 1;
      set({ generation, loading: true, error: null, pages: {} });
      void loadChart(view.query);
      await loadPage(0, generation);
    },

    ensureRows: (start, end) => {
      const { meta, pages, generation, loading, view } = get();
      if (!meta || loading || !view) return;
      const last = Math.min(end, meta.rowCount - 1);
      for (let p = Math.floor(Math.max(0, start) / PAGE_SIZE); p <= Math.floor(last / PAGE_SIZE); p++) {
        if (!pages[p]) void loadPage(p, generation);
      }
    },

    exportReport: async (format, csvBom) => {
      const view = get().view;
      if (!view || get().exporting) return;
      // exactly what is on screen: the same filters and sort
      const query = cleanQuery(view.query);
      const taskId = newTaskId(`export-${format}`);
      const title = defOf(get().defs, query.name)?.title ?? query.name;
      const progress: { task: ReturnType<typeof trackLocalTask> | null } = { task: null };
      const timer = setTimeout(() => {
        progress.task = trackLocalTask(taskId, `Exporting ${title} (${format.toUpperCase()})`);
      }, EXPORT_PROGRESS_DELAY_MS);
      set({ exporting: format, exportNote: null });
      let res: ExportResult;
      try {
        res = await invoke('reports.export', { query, format, csvBom: format === 'csv' ? csvBom : false, taskId });
      } catch (err) {
        clearTimeout(timer);
        progress.task?.settle(errorMessage(err));
        set({ exporting: null, exportNote: { kind: 'error', text: `Export failed: ${errorMessage(err)}` } });
        return;
      }
      clearTimeout(timer);
      progress.task?.settle();
      const rows = `${res.rows.toLocaleString()} ${res.rows === 1 ? 'row' : 'rows'}`;
      if (res.downloadPath) {
        triggerDownload(res.downloadPath, res.fileName);
        set({ exporting: null, exportNote: { kind: 'downloaded', text: `Downloaded ${res.fileName} (${rows})` } });
      } else if (res.savedTo) {
        set({ exporting: null, exportNote: { kind: 'saved', text: `Saved to ${res.savedTo} (${rows})` } });
      } else {
        // the user closed the save dialog
        set({ exporting: null, exportNote: null });
      }
    },

    clearExportNote: () => set({ exportNote: null }),
  };
});

/** Downloads a same-origin file the web host serves (its cookie carries the session). */
function triggerDownload(path: string, fileName: string): void {
  const a = document.createElement('a');
  a.href = path;
  a.download = fileName;
  a.rel = 'noopener';
  a.style.display = 'none';
  document.body.appendChild(a);
  a.click();
  a.remove();
}

/** The row at `index`, if its page is loaded. */
export function rowAt(pages: Record<number, ReportRowData[]>, index: number): ReportRowData | undefined {
  return pages[Math.floor(index / PAGE_SIZE)]?.[index % PAGE_SIZE];
}

let started = false;

/** Reloads after a reconnection or a re-seed of the workspace; started by the page on first use. */
function startBillingSync(): void {
  if (started) return;
  started = true;
  let lastEpoch = useConnection.getState().epoch;
  useConnection.subscribe((c) => {
    if (c.epoch <= lastEpoch) return;
    lastEpoch = c.epoch;
    const s = useBilling.getState();
    void s.loadCatalogue().then(() => useBilling.getState().reload());
  });
  onEvent('devices.changed', (ev) => {
    if (ev.reason !== 'seeded') return;
    useBilling.setState({ chartKey: null });
    const s = useBilling.getState();
    void s.loadCatalogue().then(() => useBilling.getState().reload());
  });
}
