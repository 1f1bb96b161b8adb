// The inventory grid: fixed-height rows, only the visible ones in the DOM (@tanstack/react-virtual),
// the next keyset page fetched as the user nears the end of what is loaded. Keyboard: arrows,
// PageUp/PageDown, Home/End move the selection; Enter opens the detail.
import { useVirtualizer } from '@tanstack/react-virtual';
import { useCallback, useEffect, useRef, type KeyboardEvent, type ReactNode } from 'react';
import type { Device, DeviceSortField } from '../../../../../shared/domain/device';
import { formatCount } from '../../../lib/format';
import { SshButton } from '../../terminals/components/SshButton';
import { useDevices } from '../store';
import { RoleBadge } from './RoleBadge';
import { StatusBadge } from './StatusBadge';

export const ROW_HEIGHT = 30;
/** Fetch the next page when the viewport is this many rows from the end of the loaded rows. */
const PREFETCH_ROWS = 60;

interface Column {
  key: string;
  title: string;
  sort: DeviceSortField | null;
  render: (d: Device) => ReactNode;
  className?: string;
}

const COLUMNS: Column[] = [
  {
    key: 'name',
    title: 'Name',
    sort: 'name',
    render: (d) => (
      <>
        <span className="cell-name-text">{d.name}</span>
        {d.sshProfileId !== null && <SshButton device={d} compact />}
      </>
    ),
    className: 'cell-name',
  },
  { key: 'mgmtAddress', title: 'Mgmt address', sort: 'mgmtAddress', render: (d) => d.mgmtAddress, className: 'mono' },
  { key: 'role', title: 'Role', sort: 'role', render: (d) => <RoleBadge role={d.role} /> },
  { key: 'vendor', title: 'Vendor', sort: 'vendor', render: (d) => d.vendor || '—' },
  { key: 'model', title: 'Model', sort: null, render: (d) => d.model || '—' },
  { key: 'site', title: 'Site', sort: 'site', render: (d) => d.siteName ?? '—' },
  { key: 'status', title: 'Status', sort: 'status', render: (d) => <StatusBadge status={d.status} /> },
];

export function rowDomId(id: string): string {
  return `device-row-${id}`;
}

interface DeviceTableProps {
  onOpen: (id: string) => void;
}

export function DeviceTable({ onOpen }: DeviceTableProps) {
  const rows = useDevices((s) => s.rows);
  const total = useDevices((s) => s.total);
  const nextCursor = useDevices((s) => s.nextCursor);
  const loading = useDevices((s) => s.loading);
  const loadingMore = useDevices((s) => s.loadingMore);
  const error = useDevices((s) => s.error);
  const query = useDevices((s) => s.query);
  const selectedId = useDevices((s) => s.selectedId);
  const select = useDevices((s) => s.select);
  const toggleSort = useDevices((s) => s.toggleSort);
  const loadMore = useDevices((s) => s.loadMore);
  const reload = useDevices((s) => s.reload);

  const scrollRef = useRef<HTMLDivElement>(null);
  const hasMore = nextCursor !== null;
  const count = rows.length + (hasMore ? 1 : 0);

  // this app does not use the React Compiler, so the virtualizer's unmemoizable API is fine here
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({
    count,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 12,
    getItemKey: (i) => rows[i]?.id ?? `loader-${i}`,
  });

  const items = virtualizer.getVirtualItems();
  const lastVisible = items[items.length - 1]?.index ?? -1;

  useEffect(() => {
    if (hasMore && !loadingMore && !loading && lastVisible >= rows.length - PREFETCH_ROWS) void loadMore();
  }, [hasMore, loadingMore, loading, lastVisible, rows.length, loadMore]);

  // a new query starts at the top
  const queryKey = JSON.stringify(query);
  useEffect(() => {
    scrollRef.current?.scrollTo({ top: 0 });
  }, [queryKey]);

  const selectedIndex = selectedId ? rows.findIndex((r) => r.id === selectedId) : -1;

  const moveTo = useCallback(
    (index: number) => {
      const clamped = Math.max(0, Math.min(rows.length - 1, index));
      const d = rows[clamped];
      if (!d) return;
      select(d.id);
      virtualizer.scrollToIndex(clamped, { align: 'auto' });
    },
    [rows, select, virtualizer],
  );

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    const pageRows = Math.max(1, Math.floor((scrollRef.current?.clientHeight ?? ROW_HEIGHT * 10) / ROW_HEIGHT) - 1);
    switch (e.key) {
      case 'ArrowDown':
        moveTo(selectedIndex < 0 ? 0 : selectedIndex + 1);
        break;
      case 'ArrowUp':
        moveTo(selectedIndex < 0 ? 0 : selectedIndex - 1);
        break;
      case 'PageDown':
        moveTo(Math.max(0, selectedIndex) + pageRows);
        break;
      case 'PageUp':
        moveTo(Math.max(0, selectedIndex) - pageRows);
        break;
      case 'Home':
        moveTo(0);
        break;
      case 'End':
        moveTo(rows.length - 1);
        break;
      case 'Enter':
        if (selectedId) onOpen(selectedId);
        break;
      default:
        return;
    }
    e.preventDefault();
  };

  return (
    <div className="device-table" role="grid" aria-label="Devices" aria-rowcount={(total ?? rows.length) + 1} aria-busy={loading} data-testid="device-table">
      <div className="device-table-head" role="rowgroup">
        <div className="device-grid-row device-table-header" role="row" aria-rowindex={1}>
          {COLUMNS.map((c) => {
            const sorted = c.sort !== null && query.sort === c.sort;
            const ariaSort = sorted ? (query.dir === 'asc' ? 'ascending' : 'descending') : 'none';
            return (
              <div key={c.key} role="columnheader" aria-sort={c.sort ? ariaSort : undefined} className={`cell cell-${c.key}`}>
                {c.sort ? (
                  <button
                    type="button"
                    className={`sort-button${sorted ? ' sorted' : ''}`}
                    onClick={() => c.sort && toggleSort(c.sort)}
                    data-testid={`sort-${c.key}`}
                    title={`Sort by ${c.title.toLowerCase()}`}
                  >
                    {c.title}
                    <span className="sort-mark" aria-hidden="true">
                      {sorted ? (query.dir === 'asc' ? '▲' : '▼') : '↕'}
                    </span>
                  </button>
                ) : (
                  <span className="header-text">{c.title}</span>
                )}
              </div>
            );
          })}
        </div>
      </div>
      <div
        ref={scrollRef}
        className="device-table-body"
        role="rowgroup"
        tabIndex={0}
        aria-activedescendant={selectedId && selectedIndex >= 0 ? rowDomId(selectedId) : undefined}
        onKeyDown={onKeyDown}
        data-testid="device-table-body"
      >
        {error && rows.length === 0 ? (
          <div className="table-message" role="alert">
            <p>Could not load devices: {error}</p>
            <button type="button" onClick={() => void reload()}>
              Try again
            </button>
          </div>
        ) : rows.length === 0 && !loading ? (
          <div className="table-message">
            {query.search || query.role || query.status || query.siteId ? (
              <p>No device matches these filters.</p>
            ) : (
              <p>
                No devices in this workspace yet. Add one, import a CSV, or create the demo ISP from Settings.
              </p>
            )}
          </div>
        ) : (
          <div className="device-table-canvas" style={{ height: virtualizer.getTotalSize() }}>
            {items.map((item) => {
              const d = rows[item.index];
              const style = { transform: `translateY(${item.start}px)`, height: ROW_HEIGHT };
              if (!d) {
                return (
                  <div key={item.key} className="device-grid-row loader-row" role="row" style={style}>
                    <div className="cell" role="gridcell">
                      {error ? `Could not load more: ${error}` : 'Loading more…'}
                    </div>
                  </div>
                );
              }
              const selected = d.id === selectedId;
              return (
                <div
                  key={item.key}
                  id={rowDomId(d.id)}
                  role="row"
                  aria-rowindex={item.index + 2}
                  aria-selected={selected}
                  className={`device-grid-row device-row${selected ? ' selected' : ''}${item.index % 2 ? ' odd' : ''}`}
                  style={style}
                  data-testid="device-row"
                  data-device-id={d.id}
                  data-device-name={d.name}
                  onClick={() => {
                    select(d.id);
                    onOpen(d.id);
                  }}
                >
                  {COLUMNS.map((c) => (
                    <div key={c.key} role="gridcell" className={`cell cell-${c.key} ${c.className ?? ''}`}>
                      {c.render(d)}
                    </div>
                  ))}
                </div>
              );
            })}
          </div>
        )}
      </div>
      <div className="device-table-foot" aria-live="polite">
        {loading ? 'Loading…' : total !== null ? `${formatCount(rows.length)} of ${formatCount(total)} loaded` : ''}
      </div>
    </div>
  );
}
