// The Billing page: pick a report, filter it, read the chart and the (virtualized, server-sorted,
// server-totalled) table, drill into a row, save the view, export exactly what is shown.
import { useEffect } from 'react';
import { formatTimestamp } from '../../../lib/format';
import { formatInt } from '../format';
import { defOf, useBilling } from '../store';
import { DrillTrail } from './DrillTrail';
import { ExportBar } from './ExportBar';
import { ReportChart } from './ReportChart';
import { ReportFilters } from './ReportFilters';
import { ReportTable } from './ReportTable';
import { SavedViews } from './SavedViews';

export function BillingPage() {
  const init = useBilling((s) => s.init);
  const defs = useBilling((s) => s.defs);
  const defsError = useBilling((s) => s.defsError);
  const lookupsError = useBilling((s) => s.lookupsError);
  const view = useBilling((s) => s.view);
  const meta = useBilling((s) => s.meta);
  const loading = useBilling((s) => s.loading);
  const loadCatalogue = useBilling((s) => s.loadCatalogue);

  useEffect(() => {
    void init();
  }, [init]);

  const def = defOf(defs, view?.query.name);
  const ready = !!meta && !loading && meta.name === view?.query.name;

  if (defs.length === 0 && defsError) {
    return (
      <div className="page billing-page" data-testid="page-billing">
        <h1 className="page-title">Billing</h1>
        <div className="empty-state" role="alert">
          <p>Could not load the billing reports: {defsError}</p>
          <p>
            <button
              type="button"
              onClick={() => {
                void loadCatalogue().then(() => init());
              }}
            >
              Try again
            </button>
          </p>
        </div>
      </div>
    );
  }

  return (
    <div className="billing-page" data-testid="page-billing">
      <div className="toolbar billing-toolbar">
        <ReportFilters />
      </div>
      <div className="billing-subbar">
        <DrillTrail />
        <div className="report-summary">
          {def && <span className="report-description">{def.description}</span>}
          <span
            className="report-row-count"
            data-testid="report-row-count"
            data-count={ready ? meta.rowCount : undefined}
            data-state={ready ? 'ready' : 'loading'}
            aria-live="polite"
          >
            {ready ? `${formatInt(meta.rowCount)} ${meta.rowCount === 1 ? 'row' : 'rows'}` : 'Running…'}
          </span>
          <SavedViews />
        </div>
        {ready && meta.filtersApplied.length > 0 && (
          <ul className="filters-applied" aria-label="Filters applied" data-testid="filters-applied">
            {meta.filtersApplied
              .filter((f) => f.label !== 'Report')
              .map((f) => (
                <li key={`${f.label}:${f.value}`}>
                  <span className="muted">{f.label}:</span> {f.value}
                </li>
              ))}
            <li className="muted">Generated {formatTimestamp(meta.generatedAt)}</li>
          </ul>
        )}
        {lookupsError && (
          <p className="field-error" role="alert">
            Sites and plans could not be loaded: {lookupsError}
          </p>
        )}
      </div>
      <ReportChart />
      <ReportTable />
      <div className="billing-footer">
        <ExportBar />
      </div>
    </div>
  );
}
