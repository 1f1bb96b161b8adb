// Recent runs of this workspace, newest first: every packet, session and load test, refreshed after
// each run and when the tab opens.
import { formatTimestamp } from '../../../lib/format';
import { formatMs, toneOf } from '../format';
import { HISTORY_LIMIT, useRadius } from '../store';
import type { RadiusRun } from '../types';

const KIND_LABELS: Record<RadiusRun['kind'], string> = {
  auth: 'Access',
  acct: 'Accounting',
  status: 'Status-Server',
  coa: 'CoA',
  disconnect: 'Disconnect',
  session: 'Session',
  load: 'Load test',
};

export function HistoryTab() {
  const history = useRadius((s) => s.history);
  const loading = useRadius((s) => s.historyLoading);
  const error = useRadius((s) => s.historyError);
  const refresh = useRadius((s) => s.refreshHistory);

  return (
    <section className="card radius-history" aria-labelledby="radius-history-title">
      <div className="radius-card-head">
        <h2 id="radius-history-title">History</h2>
        <span className="muted">{loading ? 'Loading…' : `last ${Math.min(history.length, HISTORY_LIMIT)} runs`}</span>
        <button type="button" onClick={() => void refresh()} disabled={loading} data-testid="radius-history-refresh">
          Refresh
        </button>
      </div>
      {error && (
        <p className="form-error" role="alert">
          Could not load the history: {error}
        </p>
      )}
      {history.length === 0 && !loading && !error ? (
        <p className="muted">No runs yet.</p>
      ) : (
        <div className="radius-table-scroll">
          <table className="radius-table" data-testid="radius-history">
            <thead>
              <tr>
                <th scope="col">Time</th>
                <th scope="col">Kind</th>
                <th scope="col">Server</th>
                <th scope="col">User</th>
                <th scope="col">Outcome</th>
                <th scope="col" className="num">
                  RTT
                </th>
                <th scope="col">Summary</th>
              </tr>
            </thead>
            <tbody>
              {history.map((r) => {
                const tone = toneOf(r.outcome, r.code);
                return (
                  <tr key={r.id} data-testid="radius-history-row" data-kind={r.kind} data-outcome={r.outcome} data-code={r.code ?? ''}>
                    <td className="mono">{formatTimestamp(r.at)}</td>
                    <td>{KIND_LABELS[r.kind]}</td>
                    <td className="mono">{r.server}</td>
                    <td className="mono">{r.user ?? <span className="muted">—</span>}</td>
                    <td>
                      <span className={`radius-code small tone-${tone}`}>{r.code ?? r.outcome}</span>
                    </td>
                    <td className="mono num">{formatMs(r.rttMs)}</td>
                    <td className="radius-history-summary" title={r.summary}>
                      {r.summary}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
