// Above the ONU list: the scope (all OLTs, one OLT, one PON port), the filters with their counts
// from the tree, the search (serial or subscriber, debounced) and the total of the list.
import { useEffect, useState, type RefObject } from 'react';
import { ONU_FILTERS } from '../../../../../shared/domain/voltha';
import { formatCount } from '../../../lib/format';
import { useDebouncedValue } from '../../../lib/useDebouncedValue';
import { FILTER_LABELS } from '../format';
import { ALL_SCOPE, usePon } from '../store';
import type { OnuCounts } from '../types';
import { sumCounts } from './OltTree';

const SEARCH_DEBOUNCE_MS = 200;

export function OnuToolbar({ searchRef }: { searchRef: RefObject<HTMLInputElement | null> }) {
  const filter = usePon((s) => s.filter);
  const setFilter = usePon((s) => s.setFilter);
  const setSearch = usePon((s) => s.setSearch);
  const setScope = usePon((s) => s.setScope);
  const scope = usePon((s) => s.scope);
  const tree = usePon((s) => s.tree);
  const total = usePon((s) => s.total);
  const listLoading = usePon((s) => s.listLoading);

  const [search, setLocal] = useState(() => usePon.getState().search);
  const settled = useDebouncedValue(search, SEARCH_DEBOUNCE_MS);
  useEffect(() => {
    setSearch(settled.trim());
  }, [settled, setSearch]);

  const olt = scope.oltId ? tree.find((t) => t.olt.id === scope.oltId) : undefined;
  const port = olt && scope.portNo !== null ? olt.ponPorts.find((p) => p.portNo === scope.portNo) : undefined;
  const counts: OnuCounts | null = port ? port.onuCounts : olt ? olt.onuCounts : scope.oltId ? null : sumCounts(tree);
  const countOf = (f: (typeof ONU_FILTERS)[number]) => (counts ? (f === 'all' ? counts.total : counts[f]) : null);

  return (
    <div className="toolbar pon-onu-toolbar" role="search">
      <span className="filter-chip pon-scope" data-testid="pon-scope" data-olt-id={scope.oltId ?? ''} data-port-no={scope.portNo ?? ''}>
        <span className="filter-chip-key">Scope</span>
        <span className="filter-chip-value mono">
          {olt ? `${olt.olt.serialNumber || olt.olt.id}${scope.portNo !== null ? ` › ${port?.label || `PON ${scope.portNo}`}` : ''}` : scope.oltId ? scope.oltId : 'All OLTs'}
        </span>
        {scope.oltId && (
          <button type="button" className="icon-button" aria-label="Show all OLTs" onClick={() => setScope(ALL_SCOPE)} data-testid="pon-scope-clear">
            ×
          </button>
        )}
      </span>
      <div className="segmented pon-filters" role="group" aria-label="Show ONUs">
        {ONU_FILTERS.map((f) => {
          const n = countOf(f);
          return (
            <button
              key={f}
              type="button"
              className={`${filter === f ? 'active' : ''} pon-filter-${f}`}
              aria-pressed={filter === f}
              onClick={() => setFilter(f)}
              data-testid={`pon-filter-${f}`}
              data-count={n ?? undefined}
            >
              {FILTER_LABELS[f]}
              {n !== null && <span className={`pon-filter-count${f === 'down' && n > 0 ? ' tone-bad' : ''}`}>{formatCount(n)}</span>}
            </button>
          );
        })}
      </div>
      <div className="search-box pon-search">
        <span className="search-icon" aria-hidden="true">
          ⌕
        </span>
        <input
          ref={searchRef}
          type="search"
          placeholder="Serial, subscriber or account   ( / )"
          aria-label="Search ONUs by serial number or subscriber"
          value={search}
          maxLength={100}
          onChange={(e) => setLocal(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'Escape' && search) {
              e.stopPropagation();
              setLocal('');
            } else if (e.key === 'Enter' || e.key === 'ArrowDown') {
              e.preventDefault();
              if (e.key === 'Enter') setSearch(search.trim());
              document.querySelector<HTMLElement>('[data-testid="pon-onu-body"]')?.focus();
            }
          }}
          spellCheck={false}
          autoComplete="off"
          data-testid="pon-search"
        />
      </div>
      <span className="toolbar-spacer" />
      <span className="toolbar-total" data-testid="pon-onu-total" data-total={total ?? undefined} aria-live="polite" title="Down ONUs are listed first">
        {listLoading || total === null ? 'Loading…' : `${formatCount(total)} ${total === 1 ? 'ONU' : 'ONUs'}`}
      </span>
    </div>
  );
}
