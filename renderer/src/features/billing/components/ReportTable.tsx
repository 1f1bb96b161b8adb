// The report grid: one row per report row, only the visible ones in the DOM (@tanstack/react-virtual),
// pages of rows fetched by offset as the user scrolls to them; server-side sort on the headers; a
// totals row (from the host, never summed here) stuck to the bottom. Rows that lead somewhere
// narrower drill down on click or Enter.
import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useMemo, useRef, useState, type CSSProperties, type KeyboardEvent } from 'react';
import { drillTarget } from '../drill';
import { formatCell, isNumericColumn } from '../format';
import { defOf, PAGE_SIZE, queryKey, rowAt, useBilling } from '../store';
import type { ReportColumnDef } from '../types';

const ROW_HEIGHT = 28;
const HEADER_HEIGHT = 30;
/** Rows beyond the viewport (each side) whose page is fetched ahead. */
const PREFETCH_ROWS = 80;
const NO_COLUMNS: ReportColumnDef[] = [];

const CELL_PAD_PX = 18;
let measureCtx: CanvasRenderingContext2D | null | undefined;

/** Rendered width of a totals cell's text (bold, tabular figures), measured on a canvas. */
function textWidth(text: string): number {
  if (measureCtx === undefined) measureCtx = document.createElement('canvas').getContext('2d');
  if (!measureCtx) return text.length * 9;
  measureCtx.font = `700 13px ${getComputedStyle(document.body).fontFamily}`;
  return measureCtx.measureText(text).width;
}

/**
 * Grid track of a column: text gets the spare room; number columns are at least as wide as their
 * total (the widest value they show), so the totals row does not end in an ellipsis.
 */
function columnWidth(c: ReportColumnDef, totalText: string | null): { template: string; min: number } {
  const fit = (base: number) => Math.max(base, totalText ? Math.ceil(textWidth(totalText) + CELL_PAD_PX + 2) : 0);
  switch (c.type) {
    case 'text':
      return { template: 'minmax(112px, 1.4fr)', min: 112 };
    case 'date':
      return { template: 'minmax(96px, 0.7fr)', min: 96 };
    case 'month':
      return { template: 'minmax(84px, 0.6fr)', min: 84 };
    case 'percent':
      return { template: 'minmax(96px, 0.7fr)', min: 96 };
    case 'money': {
      const min = fit(100);
      return { template: `minmax(${min}px, 0.8fr)`, min };
    }
    case 'int': {
      const min = fit(72);
      return { template: `minmax(${min}px, 0.6fr)`, min };
    }
    case 'bytes': {
      const min = fit(90);
      return { template: `minmax(${min}px, 0.7fr)`, min };
    }
  }
}

export function ReportTable() {
  const view = useBilling((s) => s.view);
  const defs = useBilling((s) => s.defs);
  const meta = useBilling((s) => s.meta);
  const pages = useBilling((s) => s.pages);
  const loading = useBilling((s) => s.loading);
  const error = useBilling((s) => s.error);
  const ensureRows = useBilling((s) => s.ensureRows);
  const toggleSort = useBilling((s) => s.toggleSort);
  const drill = useBilling((s) => s.drill);
  const reload = useBilling((s) => s.reload);

  const scrollRef = useRef<HTMLDivElement>(null);
  const [active, setActive] = useState<{ key: string; index: number } | null>(null);

  const def = defOf(defs, view?.query.name);
  // the result's columns once it is here (they are what the rows carry), the catalogue's before
  const columns = meta && meta.name === view?.query.name ? meta.columns : (def?.columns ?? NO_COLUMNS);
  const sort = view?.query.sort ?? (meta && meta.name === view?.query.name ? meta.sort : def?.defaultSort);
  const rowCount = meta && !loading ? meta.rowCount : 0;
  const ctx = useMemo(() => ({ currency: meta?.currency ?? 'USD', timezone: meta?.timezone ?? 'UTC' }), [meta?.currency, meta?.timezone]);
  const qKey = queryKey(view?.query);
  const activeIndex = active?.key === qKey ? active.index : -1;

  const totals = meta?.totals;
  const layout = useMemo(() => {
    const widths = columns.map((c) => {
      const total = c.sum ? totals?.[c.key] : undefined;
      return columnWidth(c, total === undefined || total === null ? null : formatCell(c, total, ctx).text);
    });
    return {
      '--report-cols': widths.map((w) => w.template).join(' '),
      minWidth: widths.reduce((n, w) => n + w.min, 0),
    } as CSSProperties;
  }, [columns, totals, ctx]);

  // this app does not use the React Compiler, so the virtualizer's unmemoizable API is fine here
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({
    count: rowCount,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 10,
    // the sticky header sits above the rows inside the same scroller; the totals row below them
    scrollMargin: HEADER_HEIGHT,
    scrollPaddingStart: HEADER_HEIGHT,
    scrollPaddingEnd: ROW_HEIGHT,
  });
  const items = virtualizer.getVirtualItems();
  const first = items[0]?.index ?? 0;
  const last = items[items.length - 1]?.index ?? -1;

  useEffect(() => {
    if (last >= 0) ensureRows(first - PREFETCH_ROWS, last + PREFETCH_ROWS);
  }, [first, last, pages, ensureRows]);

  // a new query starts at the top
  useEffect(() => {
    scrollRef.current?.scrollTo({ top: 0 });
  }, [qKey]);

  const openRow = (index: number) => {
    if (!view || !meta) return;
    const row = rowAt(pages, index);
    const target = row ? drillTarget(view.query, row, meta.timezone) : null;
    if (target) drill(target.view);
  };

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    if (rowCount === 0) return;
    const pageRows = Math.max(1, Math.floor(((scrollRef.current?.clientHeight ?? 300) - HEADER_HEIGHT * 2) / ROW_HEIGHT));
    let next: number;
    switch (e.key) {
      case 'ArrowDown':
        next = activeIndex + 1;
        break;
      case 'ArrowUp':
        next = activeIndex - 1;
        break;
      case 'PageDown':
        next = activeIndex + pageRows;
        break;
      case 'PageUp':
        next = activeIndex - pageRows;
        break;
      case 'Home':
        next = 0;
        break;
      case 'End':
        next = rowCount - 1;
        break;
      case 'Enter':
        if (activeIndex >= 0) openRow(activeIndex);
        e.preventDefault();
        return;
      default:
        return;
    }
    e.preventDefault();
    const clamped = Math.max(0, Math.min(rowCount - 1, next));
    setActive({ key: qKey, index: clamped });
    virtualizer.scrollToIndex(clamped, { align: 'auto' });
  };

  const sumColumns = columns.filter((c) => c.sum);
  const hasTotals = !!meta && !loading && rowCount > 0 && sumColumns.length > 0;

  return (
    <div
      className="report-table"
      role="grid"
      aria-label={def?.title ?? 'Report'}
      aria-rowcount={rowCount + 1 + (hasTotals ? 1 : 0)}
      aria-busy={loading}
      data-testid="report-table"
      data-query={qKey}
      data-state={loading ? 'loading' : error && !meta ? 'error' : 'ready'}
    >
      <div ref={scrollRef} className="report-scroll" tabIndex={0} onKeyDown={onKeyDown} aria-activedescendant={activeIndex >= 0 ? `report-row-${activeIndex}` : undefined}>
        <div className="report-inner" style={layout}>
          <div className="report-grid-row report-header" role="row" aria-rowindex={1}>
            {columns.map((c) => {
              const sorted = sort?.key === c.key;
              const dir = sorted ? sort?.dir : undefined;
              return (
                <div
                  key={c.key}
                  role="columnheader"
                  aria-sort={sorted ? (dir === 'asc' ? 'ascending' : 'descending') : 'none'}
                  className={`cell${isNumericColumn(c) ? ' num' : ''}`}
                  data-testid="report-column"
                  data-col={c.key}
                  data-title={c.title}
                >
                  <button
                    type="button"
                    className={`sort-button${sorted ? ' sorted' : ''}`}
                    onClick={() => toggleSort(c.key)}
                    title={`Sort by ${c.title}`}
                    data-testid={`report-sort-${c.key}`}
                  >
                    <span className="header-text">{c.title}</span>
                    <span className="sort-mark" aria-hidden="true">
                      {sorted ? (dir === 'asc' ? '▲' : '▼') : '↕'}
                    </span>
                  </button>
                </div>
              );
            })}
          </div>
          {error && !meta ? (
            <div className="table-message" role="alert">
              <p>Could not run the report: {error}</p>
              <button type="button" onClick={() => void reload()}>
                Try again
              </button>
            </div>
          ) : loading && rowCount === 0 ? (
            <div className="table-message">
              <p>Running the report…</p>
            </div>
          ) : meta && rowCount === 0 ? (
            <div className="table-message">
              <p>No rows for these filters.</p>
            </div>
          ) : (
            <div className="report-canvas" style={{ height: virtualizer.getTotalSize() }}>
              {items.map((item) => {
                const row = rowAt(pages, item.index);
                const style = { transform: `translateY(${item.start - HEADER_HEIGHT}px)`, height: ROW_HEIGHT };
                if (!row) {
                  return (
                    <div key={item.key} className="report-grid-row report-loader" role="row" style={style}>
                      <div className="cell" role="gridcell">
                        {error ? `Could not load rows: ${error}` : 'Loading…'}
                      </div>
                    </div>
                  );
                }
                const target = view && meta ? drillTarget(view.query, row, meta.timezone) : null;
                const isActive = item.index === activeIndex;
                return (
                  <div
                    key={item.key}
                    id={`report-row-${item.index}`}
                    role="row"
                    aria-rowindex={item.index + 2}
                    aria-selected={isActive}
                    className={`report-grid-row report-row${item.index % 2 ? ' odd' : ''}${target ? ' drillable' : ''}${isActive ? ' active' : ''}`}
                    style={style}
                    title={target?.hint}
                    data-testid="report-row"
                    data-row-index={item.index}
                    onClick={() => {
                      setActive({ key: qKey, index: item.index });
                      if (target) drill(target.view);
                    }}
                  >
                    {columns.map((c) => {
                      const f = formatCell(c, row[c.key], ctx);
                      return (
                        <div
                          key={c.key}
                          role="gridcell"
                          className={`cell${f.numeric ? ' num' : ''}`}
                          title={f.title ?? (c.type === 'text' && f.text.length > 12 ? f.text : undefined)}
                          data-col={c.key}
                        >
                          {f.text}
                        </div>
                      );
                    })}
                  </div>
                );
              })}
            </div>
          )}
          {hasTotals && meta && (
            <div className="report-grid-row report-totals" role="row" aria-rowindex={rowCount + 2} data-testid="report-totals">
              {columns.map((c, i) => {
                if (c.sum) {
                  const v = meta.totals[c.key];
                  const f = formatCell(c, v ?? null, ctx);
                  return (
                    <div key={c.key} role="gridcell" className="cell num" title={f.title ?? f.text} data-col={c.key}>
                      {f.text}
                    </div>
                  );
                }
                return (
                  <div key={c.key} role="gridcell" className="cell total-label" data-col={c.key}>
                    {i === 0 ? 'Total' : ''}
                  </div>
                );
              })}
            </div>
          )}
        </div>
      </div>
      <div className="report-foot" aria-live="polite">
        {loading ? 'Running…' : meta ? `${Object.keys(pages).length * PAGE_SIZE >= meta.rowCount ? 'All rows loaded' : 'Rows load as you scroll'}` : ''}
      </div>
    </div>
  );
}
