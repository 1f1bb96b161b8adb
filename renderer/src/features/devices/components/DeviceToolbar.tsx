// Search (debounced, server-side), role/status/site filters, the total, and the Add / Import actions.
import { useEffect, useState, type RefObject } from 'react';
import { DEVICE_ROLE_LABELS, DEVICE_ROLES, DEVICE_STATUSES, type DeviceRole, type DeviceStatus } from '../../../../../shared/domain/device';
import { formatCount } from '../../../lib/format';
import { useDebouncedValue } from '../../../lib/useDebouncedValue';
import { useCan } from '../../appInfo/store';
import { DEFAULT_QUERY, useDevices } from '../store';
import { ImportCsvButton } from './ImportCsvButton';
import { SiteOptions } from './SelectOptions';
import { STATUS_LABELS } from './StatusBadge';

const SEARCH_DEBOUNCE_MS = 200;

interface DeviceToolbarProps {
  searchRef: RefObject<HTMLInputElement | null>;
  onAdd: () => void;
}

export function DeviceToolbar({ searchRef, onAdd }: DeviceToolbarProps) {
  const query = useDevices((s) => s.query);
  const total = useDevices((s) => s.total);
  const loading = useDevices((s) => s.loading);
  const sites = useDevices((s) => s.sites);
  const setQuery = useDevices((s) => s.setQuery);
  const canWrite = useCan('devices:write');

  const [search, setSearch] = useState(query.search);
  const settled = useDebouncedValue(search, SEARCH_DEBOUNCE_MS);
  useEffect(() => {
    if (settled !== useDevices.getState().query.search) setQuery({ search: settled });
  }, [settled, setQuery]);

  const filtered = query.search !== '' || query.role !== null || query.status !== null || query.siteId !== null;

  return (
    <div className="toolbar" role="search">
      <div className="search-box">
        <span className="search-icon" aria-hidden="true">
          ⌕
        </span>
        <input
          ref={searchRef}
          type="search"
          placeholder="Search name, address, vendor, site   ( / )"
          aria-label="Search devices"
          value={search}
          onChange={(e) => setSearch(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'Escape' && search) {
              e.stopPropagation();
              setSearch('');
            } else if (e.key === 'ArrowDown' || e.key === 'Enter') {
              e.preventDefault();
              if (e.key === 'Enter' && settled !== search) setQuery({ search });
              document.querySelector<HTMLElement>('[data-testid="device-table-body"]')?.focus();
            }
          }}
          maxLength={200}
          spellCheck={false}
          autoComplete="off"
          data-testid="device-search"
        />
      </div>
      <select
        aria-label="Filter by role"
        value={query.role ?? ''}
        onChange={(e) => setQuery({ role: (e.target.value || null) as DeviceRole | null })}
        data-testid="filter-role"
      >
        <option value="">All roles</option>
        {DEVICE_ROLES.map((r) => (
          <option key={r} value={r}>
            {DEVICE_ROLE_LABELS[r]}
          </option>
        ))}
      </select>
      <select
        aria-label="Filter by status"
        value={query.status ?? ''}
        onChange={(e) => setQuery({ status: (e.target.value || null) as DeviceStatus | null })}
        data-testid="filter-status"
      >
        <option value="">All statuses</option>
        {DEVICE_STATUSES.map((s) => (
          <option key={s} value={s}>
            {STATUS_LABELS[s]}
          </option>
        ))}
      </select>
      <select
        aria-label="Filter by site"
        value={query.siteId ?? ''}
        onChange={(e) => setQuery({ siteId: e.target.value || null })}
        data-testid="filter-site"
        className="site-filter"
      >
        <option value="">All sites</option>
        <SiteOptions sites={sites} />
      </select>
      {filtered && (
        <button
          type="button"
          className="ghost"
          onClick={() => {
            setSearch('');
            setQuery({ ...DEFAULT_QUERY, sort: query.sort, dir: query.dir });
          }}
        >
          Clear filters
        </button>
      )}
      <span className="toolbar-total" data-testid="device-total" data-total={total ?? ''} aria-live="polite">
        {total === null ? (loading ? 'Loading…' : '') : `${formatCount(total)} ${total === 1 ? 'device' : 'devices'}`}
      </span>
      <span className="toolbar-spacer" />
      <ImportCsvButton />
      <button
        type="button"
        className="primary"
        onClick={onAdd}
        disabled={!canWrite}
        title={canWrite ? 'Add a device (n)' : 'Your role may not add devices'}
        data-testid="add-device"
      >
        + Add device
      </button>
    </div>
  );
}
