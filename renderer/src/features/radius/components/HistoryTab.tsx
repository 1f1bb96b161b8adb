// Recent runs of this workspace, newest first: every packet, session and load test, refreshed after
// each run and when the tab opens. A row opens its stored detail below the table: a single packet's
// reply in the same panel as after sending, a load test's numbers, a session's steps.
import { useEffect, useRef, type CSSProperties, type KeyboardEvent } from 'react';
import { formatTimestamp } from '../../../lib/format';
import { formatMs, formatOctets, formatTime, toneOf } from '../format';
import { narrowDetail, type StoredSession } from '../historyDetail';
import { HISTORY_LIMIT, useRadius } from '../store';
import type { RadiusRun, RadiusRunDetail } from '../types';
import { LoadStatsGrid } from './LoadTab';
import { ReplyView } from './ReplyPanel';

const KIND_LABELS: Record<RadiusRun['kind'], string> = {
  auth: 'Access',
  acct: 'Accounting',
  status: 'Status-Server',
  coa: 'CoA',
  disconnect: 'Disconnect',
  session: 'Session',
  load: 'Load test',
};

const ROW_STYLE: CSSProperties = { cursor: 'pointer' };
const SELECTED_ROW_STYLE: CSSProperties = { cursor: 'pointer', background: 'var(--bg-selected)', boxShadow: 'inset 3px 0 0 var(--accent)' };
/** With a run open the table keeps a few rows in sight and the column scrolls. */
const TABLE_CARD_WITH_DETAIL: CSSProperties = { flex: '0 1 auto', minHeight: 200 };
const DETAIL_CARD: CSSProperties = { flexShrink: 0 };
const JSON_STYLE: CSSProperties = { margin: 0, maxHeight: 420, overflow: 'auto', whiteSpace: 'pre-wrap', overflowWrap: 'anywhere', fontSize: 12 };

export function HistoryTab() {
  const history = useRadius((s) => s.history);
  const loading = useRadius((s) => s.historyLoading);
  const error = useRadius((s) => s.historyError);
  const refresh = useRadius((s) => s.refreshHistory);
  const openRun = useRadius((s) => s.openHistoryRun);
  const openId = useRadius((s) => s.historyDetail?.id ?? null);

  const onRowKey = (e: KeyboardEvent<HTMLTableRowElement>, id: string) => {
    if (e.key !== 'Enter' && e.key !== ' ') return;
    e.preventDefault();
    void openRun(id);
  };

  return (
    <div className="radius-right">
      <section className="card radius-history" aria-labelledby="radius-history-title" style={openId ? TABLE_CARD_WITH_DETAIL : undefined}>
        <div className="radius-card-head">
          <h2 id="radius-history-title">History</h2>
          <span className="muted">{loading ? 'Loading…' : `last ${Math.min(history.length, HISTORY_LIMIT)} runs · select one for its detail`}</span>
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
                  const selected = r.id === openId;
                  return (
                    <tr
                      key={r.id}
                      tabIndex={0}
                      onClick={() => void openRun(r.id)}
                      onKeyDown={(e) => onRowKey(e, r.id)}
                      aria-current={selected ? 'true' : undefined}
                      title="Show this run's detail"
                      style={selected ? SELECTED_ROW_STYLE : ROW_STYLE}
                      data-testid="radius-history-row"
                      data-run-id={r.id}
                      data-kind={r.kind}
                      data-outcome={r.outcome}
                      data-code={r.code ?? ''}
                      data-selected={selected}
                    >
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
      {openId && <RunDetail />}
    </div>
  );
}

function RunDetail() {
  const detail = useRadius((s) => s.historyDetail);
  const close = useRadius((s) => s.closeHistoryRun);
  const ref = useRef<HTMLElement>(null);
  const id = detail?.id;

  useEffect(() => {
    if (id) ref.current?.scrollIntoView?.({ block: 'nearest' });
  }, [id]);

  if (!detail) return null;
  const { run } = detail;
  const state = detail.loading ? 'loading' : detail.error ? 'error' : 'ready';

  return (
    <section
      ref={ref}
      className="card"
      style={DETAIL_CARD}
      aria-labelledby="radius-history-detail-title"
      aria-busy={detail.loading}
      data-testid="radius-history-detail"
      data-run-id={detail.id}
      data-kind={run?.kind ?? ''}
      data-state={state}
    >
      <div className="radius-card-head">
        <h2 id="radius-history-detail-title">{run ? `${KIND_LABELS[run.kind]} · ${formatTimestamp(run.at)}` : 'Run detail'}</h2>
        {run && <span className="muted mono">{run.server}</span>}
        <button type="button" onClick={close} aria-label="Close the run detail" data-testid="radius-history-detail-close">
          Close
        </button>
      </div>
      {detail.loading && <p className="muted">Loading…</p>}
      {detail.error && (
        <p className="form-error" role="alert">
          Could not load this run: {detail.error}
        </p>
      )}
      {run && <DetailBody run={run} />}
    </section>
  );
}

function DetailBody({ run }: { run: RadiusRunDetail }) {
  const view = narrowDetail(run);
  switch (view.kind) {
    case 'reply':
      return (
        <div data-testid="radius-history-detail-body" data-view="reply">
          <ReplyView reply={view.reply} />
        </div>
      );
    case 'load':
      return (
        <div data-testid="radius-history-detail-body" data-view="load">
          {run.outcome === 'stopped' && <p className="radius-hint">Load test stopped before it sent every request: the numbers are partial.</p>}
          <p className="muted">{run.summary}</p>
          <LoadStatsGrid stats={view.stats} />
        </div>
      );
    case 'session':
      return (
        <div data-testid="radius-history-detail-body" data-view="session">
          <SessionDetail session={view.session} user={run.user} />
        </div>
      );
    case 'raw':
      return (
        <div data-testid="radius-history-detail-body" data-view="raw">
          {view.note && <p className="muted">{view.note}</p>}
          <p className="muted">{run.summary}</p>
          <pre className="mono" style={JSON_STYLE} data-testid="radius-history-detail-json">
            {view.json}
          </pre>
        </div>
      );
  }
}

const STEP_LABELS: Record<StoredSession['steps'][number]['step'], string> = {
  auth: 'Access-Request',
  start: 'Accounting Start',
  interim: 'Interim-Update',
  stop: 'Accounting Stop',
};

const COUNTER_LABELS: Record<string, string> = {
  outputOctets: 'Downloaded',
  inputOctets: 'Uploaded',
  outputPackets: 'Packets down',
  inputPackets: 'Packets up',
  sessionTime: 'Session time',
};

function SessionDetail({ session, user }: { session: StoredSession; user: string | null }) {
  const counters = Object.entries(session.counters ?? {});
  return (
    <>
      <dl className="kv">
        <dt>Result</dt>
        <dd>{session.completed ? <span className="badge status-up">completed</span> : <span className="badge status-down">did not complete</span>}</dd>
        {user !== null && (
          <>
            <dt>User</dt>
            <dd className="mono">{user}</dd>
          </>
        )}
        <dt>Acct-Session-Id</dt>
        <dd className="mono">{session.acctSessionId}</dd>
        {session.framedIp && (
          <>
            <dt>Framed-IP</dt>
            <dd className="mono">{session.framedIp}</dd>
          </>
        )}
        {typeof session.startedAt === 'number' && (
          <>
            <dt>Started</dt>
            <dd className="mono">{formatTimestamp(session.startedAt)}</dd>
          </>
        )}
        {typeof session.stoppedAt === 'number' && (
          <>
            <dt>Stopped</dt>
            <dd className="mono">{formatTimestamp(session.stoppedAt)}</dd>
          </>
        )}
        {counters.map(([key, value]) => (
          <CounterRow key={key} name={key} value={value} />
        ))}
      </dl>
      {session.error && (
        <p className="form-error" role="alert">
          {session.error}
        </p>
      )}
      <h3 className="section-title">Packets ({session.steps.length})</h3>
      <table className="radius-table">
        <thead>
          <tr>
            <th scope="col">Time</th>
            <th scope="col">Packet</th>
            <th scope="col">Answer</th>
            <th scope="col" className="num">
              RTT
            </th>
          </tr>
        </thead>
        <tbody>
          {session.steps.map((s) => {
            const tone = toneOf(s.outcome, s.code);
            return (
              <tr key={`${s.step}:${s.index}`} data-step={s.step} data-index={s.index}>
                <td className="mono">{formatTime(s.at)}</td>
                <td>
                  {STEP_LABELS[s.step]}
                  {s.step === 'interim' ? ` #${s.index}` : ''}
                </td>
                <td>
                  <span className={`radius-code small tone-${tone}`}>{s.outcome === 'no-reply' ? 'no reply' : (s.code ?? s.outcome)}</span>
                </td>
                <td className="mono num">{formatMs(s.rttMs)}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </>
  );
}

function CounterRow({ name, value }: { name: string; value: string | number }) {
  const label = COUNTER_LABELS[name] ?? name;
  let shown = String(value);
  if (name.endsWith('Octets')) shown = formatOctets(String(value));
  else if (name === 'sessionTime' && Number.isFinite(Number(value))) shown = `${Number(value).toLocaleString()} s`;
  else if (/^\d+$/.test(shown)) shown = Number(shown).toLocaleString();
  return (
    <>
      <dt>{label}</dt>
      <dd className="mono" title={String(value)}>
        {shown}
      </dd>
    </>
  );
}
