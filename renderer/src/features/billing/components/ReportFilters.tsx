// The report picker and the filters the chosen report honours: period (with quick presets), site,
// plan, and the subscriber a drill-down narrowed to (a removable chip).
import { useState } from 'react';
import { navigate } from '../../../app/router';
import { useCan } from '../../appInfo/store';
import { SiteOptions } from '../../devices/components/SelectOptions';
import { formatMoney } from '../format';
import { matchPreset, PRESETS, presetRange, todayIn } from '../periods';
import { defOf, useBilling } from '../store';
import type { ReportName } from '../types';
import { DateFilter } from './DateFilter';

export function ReportFilters() {
  const defs = useBilling((s) => s.defs);
  const view = useBilling((s) => s.view);
  const plans = useBilling((s) => s.plans);
  const sites = useBilling((s) => s.sites);
  const timezone = useBilling((s) => s.meta?.timezone ?? null);
  const openReport = useBilling((s) => s.openReport);
  const setFilters = useBilling((s) => s.setFilters);
  const [rangeError, setRangeError] = useState<string | null>(null);
  const canTestRadius = useCan('radius:test');

  const query = view?.query;
  const def = defOf(defs, query?.name);
  const filters = def?.filters ?? [];
  const today = todayIn(timezone);
  const activePreset = matchPreset(query?.from, query?.to, today);

  const commitDate = (which: 'from' | 'to', value: string | null) => {
    const from = which === 'from' ? value : (query?.from ?? null);
    const to = which === 'to' ? value : (query?.to ?? null);
    if (from && to && from > to) {
      setRangeError('The start date is after the end date.');
      return;
    }
    setRangeError(null);
    setFilters(which === 'from' ? { from: value } : { to: value });
  };

  return (
    <div className="report-filters">
      <label className="report-filter report-picker">
        <span>Report</span>
        <select
          value={query?.name ?? ''}
          onChange={(e) => {
            setRangeError(null);
            openReport(e.target.value as ReportName);
          }}
          data-testid="report-picker"
          disabled={defs.length === 0}
        >
          {defs.length === 0 && <option value="">Loading reports…</option>}
          {defs.map((d) => (
            <option key={d.name} value={d.name}>
              {d.title}
            </option>
          ))}
        </select>
      </label>

      {filters.includes('siteId') && (
        <label className="report-filter">
          <span>Site</span>
          <select value={query?.siteId ?? ''} onChange={(e) => setFilters({ siteId: e.target.value || null })} data-testid="report-filter-site">
            <option value="">All sites</option>
            <SiteOptions sites={sites} />
          </select>
        </label>
      )}

      {filters.includes('planId') && (
        <label className="report-filter">
          <span>Plan</span>
          <select value={query?.planId ?? ''} onChange={(e) => setFilters({ planId: e.target.value || null })} data-testid="report-filter-plan">
            <option value="">All plans</option>
            {plans.map((p) => (
              <option key={p.id} value={p.id}>
                {p.name} ({formatMoney(p.priceMinor, p.currency)})
              </option>
            ))}
            {query?.planId && !plans.some((p) => p.id === query.planId) && <option value={query.planId}>Unknown plan</option>}
          </select>
        </label>
      )}

      {(filters.includes('from') || filters.includes('to')) && (
        <fieldset className="report-period">
          <legend>{def?.periodLabel ?? 'Period'}</legend>
          {filters.includes('from') && (
            <DateFilter
              label="From"
              value={query?.from}
              max={query?.to}
              invalid={!!rangeError}
              onCommit={(v) => commitDate('from', v)}
              testId="report-filter-from"
            />
          )}
          {filters.includes('to') && (
            <DateFilter label="To" value={query?.to} min={query?.from} invalid={!!rangeError} onCommit={(v) => commitDate('to', v)} testId="report-filter-to" />
          )}
          <div className="report-presets" role="group" aria-label="Quick periods">
            {PRESETS.map((p) => (
              <button
                key={p.id}
                type="button"
                className={`preset${activePreset === p.id ? ' active' : ''}`}
                aria-pressed={activePreset === p.id}
                title={p.hint}
                onClick={() => {
                  setRangeError(null);
                  const r = presetRange(p.id, today);
                  setFilters({ from: r.from ?? null, to: r.to ?? null });
                }}
                data-testid={`preset-${p.id}`}
              >
                {p.label}
              </button>
            ))}
          </div>
          {rangeError && (
            <span className="field-error" role="alert">
              {rangeError}
            </span>
          )}
        </fieldset>
      )}

      {query?.subscriberId && (
        <span className="filter-chip" data-testid="report-filter-subscriber">
          <span className="filter-chip-key">Subscriber</span>
          <span className="filter-chip-value">{view?.subscriberLabel ?? `${query.subscriberId.slice(0, 8)}…`}</span>
          <button
            type="button"
            className="icon-button"
            aria-label="Remove the subscriber filter"
            title="Show all subscribers"
            onClick={() => setFilters({ subscriberId: null })}
            data-testid="report-filter-subscriber-remove"
          >
            ×
          </button>
        </span>
      )}
      {query?.subscriberId && canTestRadius && (
        <button
          type="button"
          className="ghost"
          onClick={() => navigate('radius', `subscriber:${query.subscriberId}`)}
          title="Open the RADIUS test client with this subscriber's login"
          data-testid="report-subscriber-radius"
        >
          Test RADIUS login
        </button>
      )}
    </div>
  );
}
