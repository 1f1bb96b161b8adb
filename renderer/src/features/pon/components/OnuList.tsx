// The ONU list, columns like `voltctl device list`: fixed-height rows, only the visible ones in the
// DOM (@tanstack/react-virtual), offset pages of 500 fetched for what is in view (so the end of
// 16,384 ONUs is one page away, not 33). Down ONUs come first (the host's order). Keyboard: arrows,
// PageUp/PageDown, Home/End move the selection; Enter opens the ONU.
import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { healthOf, shortId } from '../format';
import { ONU_PAGE_SIZE, rowAt, usePon } from '../store';
import type { PonDevice } from '../types';
import { StateBadge } from './StateBadge';

export const ONU_ROW_HEIGHT = 28;
const HEADER_HEIGHT = 30;
/** Rows beyond the viewport (each side) whose page is fetched ahead. */
const PREFETCH_ROWS = 100;

const COLUMNS = ['ID', 'SERIALNUMBER', 'PARENT / PORT', 'ADMINSTATE', 'OPERSTATUS', 'CONNECTSTATUS', 'REASON', 'SUBSCRIBER'] as const;

interface OnuListProps {
  onOpen: (onu: PonDevice) => void;
}

export function OnuList({ onOpen }: OnuListProps) {
  const pages = usePon((s) => s.pages);
  const total = usePon((s) => s.total);
  const listLoading = usePon((s) => s.listLoading);
  const listError = usePon((s) => s.listError);
  const generation = usePon((s) => s.generation);
  const queryId = usePon((s) => s.queryId);
  const ensureRows = usePon((s) => s.ensureRows);
  const reloadList = usePon((s) => s.reloadList);
  const selectedId = usePon((s) => s.selectedId);
  const select = usePon((s) => s.select);
  const tree = usePon((s) => s.tree);
  const filtered = usePon((s) => s.filter !== 'all' || s.search.trim() !== '' || s.scope.oltId !== null);

  const scrollRef = useRef<HTMLDivElement>(null);
  const [active, setActive] = useState<{ queryId: number; index: number } | null>(null);
  const activeIndex = active?.queryId === queryId ? active.index : -1;

  // OLT serials and PON port labels for the PARENT / PORT column
  const parents = useMemo(() => {
    const olts = new Map<string, string>();
    const ports = new Map<string, string>();
    for (const t of tree) {
      olts.set(t.olt.id, t.olt.serialNumber || shortId(t.olt.id));
      for (const p of t.ponPorts) ports.set(`${t.olt.id}:${p.portNo}`, p.label || `PON ${p.portNo}`);
    }
    return { olts, ports };
  }, [tree]);

  const count = total ?? 0;
  // this app does not use the React Compiler, so the virtualizer's unmemoizable API is fine here
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({
    count,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ONU_ROW_HEIGHT,
    overscan: 12,
    scrollMargin: HEADER_HEIGHT,
    scrollPaddingStart: HEADER_HEIGHT,
  });
  const items = virtualizer.getVirtualItems();
  const first = items[0]?.index ?? 0;
  const last = items[items.length - 1]?.index ?? 0;

  useEffect(() => {
    ensureRows(first - PREFETCH_ROWS, last + PREFETCH_ROWS);
  }, [first, last, generation, total, ensureRows]);

  // a new query (scope, filter, search, endpoint) starts at the top; live reloads keep the place
  useEffect(() => {
    scrollRef.current?.scrollTo({ top: 0 });
  }, [queryId]);

  const moveTo = (index: number) => {
    if (count === 0) return;
    const clamped = Math.max(0, Math.min(count - 1, index));
    setActive({ queryId, index: clamped });
    const row = rowAt(pages, clamped);
    if (row) select(row.id);
    virtualizer.scrollToIndex(clamped, { align: 'auto' });
  };

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    const pageRows = Math.max(1, Math.floor(((scrollRef.current?.clientHeight ?? 300) - HEADER_HEIGHT) / ONU_ROW_HEIGHT) - 1);
    const from = activeIndex < 0 ? -1 : activeIndex;
    switch (e.key) {
      case 'ArrowDown':
        moveTo(from + 1);
        break;
      case 'ArrowUp':
        moveTo(Math.max(0, from - 1));
        break;
      case 'PageDown':
        moveTo(Math.max(0, from) + pageRows);
        break;
      case 'PageUp':
        moveTo(Math.max(0, from) - pageRows);
        break;
      case 'Home':
        moveTo(0);
        break;
      case 'End':
        moveTo(count - 1);
        break;
      case 'Enter': {
        const row = activeIndex >= 0 ? rowAt(pages, activeIndex) : undefined;
        if (row) onOpen(row);
        break;
      }
      default:
        return;
    }
    e.preventDefault();
  };

  const state = listLoading ? 'loading' : listError && total === null ? 'error' : total === null ? 'idle' : 'ready';

  return (
    <div
      className="pon-onu-table"
      role="grid"
      aria-label="ONUs"
      aria-rowcount={count + 1}
      aria-busy={listLoading}
      data-testid="pon-onu-list"
      data-state={state}
      data-total={total ?? undefined}
    >
      <div
        ref={scrollRef}
        className="pon-onu-scroll"
        tabIndex={0}
        onKeyDown={onKeyDown}
        aria-activedescendant={activeIndex >= 0 && rowAt(pages, activeIndex) ? `pon-onu-${activeIndex}` : undefined}
        data-testid="pon-onu-body"
      >
        <div className="pon-onu-inner">
          <div className="pon-onu-grid pon-onu-header" role="row" aria-rowindex={1}>
            {COLUMNS.map((c) => (
              <div key={c} role="columnheader" className="cell">
                {c}
              </div>
            ))}
          </div>
          {state === 'error' ? (
            <div className="table-message" role="alert">
              <p>Could not load ONUs: {listError}</p>
              <button type="button" onClick={() => reloadList(false)}>
                Try again
              </button>
            </div>
          ) : state === 'ready' && count === 0 ? (
            <div className="table-message" data-testid="pon-onu-empty">
              <p>{filtered ? 'No ONU matches this scope, filter and search.' : 'No ONU in the cache of this endpoint. Refresh to poll the core.'}</p>
            </div>
          ) : (
            <div className="pon-onu-canvas" style={{ height: virtualizer.getTotalSize() }}>
              {items.map((item) => {
                const d = rowAt(pages, item.index);
                const style = { transform: `translateY(${item.start - HEADER_HEIGHT}px)`, height: ONU_ROW_HEIGHT };
                if (!d) {
                  return (
                    <div key={item.key} className="pon-onu-grid loader-row" role="row" style={style} data-testid="pon-onu-loader" data-index={item.index}>
                      <div className="cell" role="gridcell">
                        {listError ? `Could not load: ${listError}` : `Loading rows ${formatRange(item.index)}…`}
                      </div>
                    </div>
                  );
                }
                const health = healthOf(d);
                const selected = d.id === selectedId;
                const port = parents.ports.get(`${d.parentId}:${d.parentPortNo}`) ?? String(d.parentPortNo);
                return (
                  <div
                    key={item.key}
                    id={`pon-onu-${item.index}`}
                    role="row"
                    aria-rowindex={item.index + 2}
                    aria-selected={selected}
                    className={`pon-onu-grid pon-onu-row health-${health}${selected ? ' selected' : ''}${item.index % 2 ? ' odd' : ''}${item.index === activeIndex ? ' active' : ''}`}
                    style={style}
                    onClick={() => {
                      setActive({ queryId, index: item.index });
                      select(d.id);
                      onOpen(d);
                    }}
                    data-testid="pon-onu-row"
                    data-index={item.index}
                    data-device-id={d.id}
                    data-serial={d.serialNumber}
                    data-parent-id={d.parentId}
                    data-port-no={d.parentPortNo}
                    data-admin={d.adminState}
                    data-oper={d.operStatus}
                    data-connect={d.connectStatus}
                    data-health={health}
                  >
                    <div role="gridcell" className="cell mono" title={d.id}>
                      {shortId(d.id)}
                    </div>
                    <div role="gridcell" className="cell mono pon-serial">
                      {d.serialNumber}
                    </div>
                    <div role="gridcell" className="cell mono" title={`${d.parentId} port ${d.parentPortNo}`}>
                      {parents.olts.get(d.parentId) ?? shortId(d.parentId)} / {port}
                    </div>
                    <div role="gridcell" className="cell">
                      <StateBadge kind="admin" state={d.adminState} compact />
                    </div>
                    <div role="gridcell" className="cell">
                      <StateBadge kind="oper" state={d.operStatus} compact />
                    </div>
                    <div role="gridcell" className="cell">
                      <StateBadge kind="connect" state={d.connectStatus} compact />
                    </div>
                    <div role="gridcell" className="cell" title={d.reason}>
                      {d.reason || <span className="muted">—</span>}
                    </div>
                    <div role="gridcell" className="cell" title={d.subscriberAccount ?? undefined}>
                      {d.subscriberName ?? <span className="muted">—</span>}
                    </div>
                  </div>
                );
              })}
            </div>
          )}
        </div>
      </div>
    </div>
  );
}

function formatRange(index: number): string {
  const start = Math.floor(index / ONU_PAGE_SIZE) * ONU_PAGE_SIZE;
  return `${(start + 1).toLocaleString()}–${(start + ONU_PAGE_SIZE).toLocaleString()}`;
}
