// Load test: N requests at concurrency C (or a target rate). Progress shows on the global bar; Stop
// ends a run early (requests in flight still count) and its partial numbers show as usual. The
// result counts every drop and retransmission instead of hiding them.
import type { FormEvent, ReactNode } from 'react';
import { useCan } from '../../appInfo/store';
import { formatMs, formatRate } from '../format';
import { useRadius } from '../store';
import type { LoadStats } from '../types';
import { Field, invalidProps } from './Field';
import { Credentials, FormErrorLine } from './PacketForm';

function LoadForm() {
  const form = useRadius((s) => s.loadForm);
  const running = useRadius((s) => s.load.running);
  const stopping = useRadius((s) => s.load.stopping);
  const errors = useRadius((s) => s.errors.load.fields);
  const setLoadForm = useRadius((s) => s.setLoadForm);
  const clearError = useRadius((s) => s.clearError);
  const start = useRadius((s) => s.startLoad);
  const stop = useRadius((s) => s.stopLoad);
  const canTest = useCan('radius:test');

  const text = (key: 'count' | 'concurrency' | 'rate', errorKey: string, label: string, hint?: string) => (
    <Field id={`radius-load-${key}`} label={label} errorKey={errorKey} error={errors[errorKey]} hint={hint}>
      <input
        {...invalidProps(`radius-load-${key}`, errors[errorKey])}
        className="mono"
        inputMode="numeric"
        value={form[key]}
        onChange={(e) => {
          setLoadForm({ [key]: e.target.value });
          clearError('load', errorKey);
        }}
        disabled={running}
        autoComplete="off"
        data-testid={`radius-load-${key}`}
      />
    </Field>
  );

  const submit = (e: FormEvent) => {
    e.preventDefault();
    void start();
  };

  return (
    <section className="card radius-form" aria-labelledby="radius-load-title">
      <h2 id="radius-load-title">Load test</h2>
      <form onSubmit={submit} noValidate data-testid="radius-load-form">
        <div className="radius-form-grid">
          <Field id="radius-load-kind" label="Packets">
            <select id="radius-load-kind" value={form.kind} onChange={(e) => setLoadForm({ kind: e.target.value as 'auth' | 'status' })} disabled={running} data-testid="radius-load-kind">
              <option value="auth">Access-Request</option>
              <option value="status">Status-Server</option>
            </select>
          </Field>
          {text('count', 'count', 'Requests')}
          {text('concurrency', 'concurrency', 'Concurrency', 'Requests in flight at once')}
          {text('rate', 'ratePerSecond', 'Rate limit (req/s, optional)', 'Empty: as fast as the concurrency allows')}
          {form.kind === 'auth' && <Credentials scope="load" />}
        </div>
        <p className="field-hint">Point this only at servers you are allowed to load. Drops in the server's receive buffer show up as timeouts and retransmissions.</p>
        <FormErrorLine scope="load" />
        <div className="radius-send-row">
          <button type="submit" className="primary" disabled={running || !canTest} data-testid="radius-load-start">
            {running ? 'Running…' : 'Start load test'}
          </button>
          <button
            type="button"
            className="danger"
            disabled={!running || stopping}
            onClick={() => void stop()}
            title="Stop sending; requests already in flight still count"
            data-testid="radius-load-stop"
          >
            {stopping ? 'Stopping…' : 'Stop'}
          </button>
          {running && <span className="muted">Progress shows in the bar at the bottom.</span>}
        </div>
      </form>
    </section>
  );
}

function Stat({ id, label, children, bad }: { id: string; label: string; children: ReactNode; bad?: boolean }) {
  return (
    <div className={`stat${bad ? ' stat-bad' : ''}`} data-testid="radius-load-stat" data-stat={id}>
      <span className="stat-value">{children}</span>
      <span className="stat-label">{label}</span>
    </div>
  );
}

/** The numbers of one load run: throughput, outcomes, latency, Message-Authenticator counts. */
export function LoadStatsGrid({ stats }: { stats: LoadStats }) {
  return (
    <>
      <div className="radius-stats">
        <Stat id="rps" label="requests/s">
          <span data-testid="radius-load-rps">{formatRate(stats.requestsPerSecond)}</span>
        </Stat>
        <Stat id="sent" label="sent">
          {stats.sent.toLocaleString()}
        </Stat>
        <Stat id="replies" label="replies">
          {stats.replies.toLocaleString()}
        </Stat>
        <Stat id="accepts" label="accepts">
          {stats.accepts.toLocaleString()}
        </Stat>
        <Stat id="rejects" label="rejects" bad={stats.rejects > 0}>
          {stats.rejects.toLocaleString()}
        </Stat>
        <Stat id="other" label="other codes">
          {stats.otherCodes.toLocaleString()}
        </Stat>
        <Stat id="timeouts" label="timeouts" bad={stats.timeouts > 0}>
          {stats.timeouts.toLocaleString()}
        </Stat>
        <Stat id="retransmissions" label="retransmissions" bad={stats.retransmissions > 0}>
          {stats.retransmissions.toLocaleString()}
        </Stat>
        <Stat id="refused" label="refused" bad={stats.refused > 0}>
          {stats.refused.toLocaleString()}
        </Stat>
      </div>
      <h3 className="section-title">Latency</h3>
      <div className="radius-stats">
        <Stat id="p50" label="p50">
          {formatMs(stats.latencyMs.p50)}
        </Stat>
        <Stat id="p95" label="p95">
          {formatMs(stats.latencyMs.p95)}
        </Stat>
        <Stat id="p99" label="p99">
          {formatMs(stats.latencyMs.p99)}
        </Stat>
        <Stat id="max" label="max">
          {formatMs(stats.latencyMs.max)}
        </Stat>
      </div>
      <p className="muted">
        {(stats.elapsedMs / 1000).toFixed(2)} s elapsed · Message-Authenticator in replies: {stats.messageAuthenticator.valid.toLocaleString()} valid,{' '}
        {stats.messageAuthenticator.missing.toLocaleString()} missing, {stats.messageAuthenticator.invalid.toLocaleString()} invalid
        {stats.messageAuthenticator.missing > 0 && <span className="radius-blast">BlastRADIUS</span>}
      </p>
    </>
  );
}

function LoadStatsView() {
  const { running, stopping, stopped, stats, asked, count } = useRadius((s) => s.load);
  return (
    <section className="card radius-load-card" aria-labelledby="radius-load-result-title" aria-live="polite">
      <h2 id="radius-load-result-title">Result</h2>
      {!stats && <p className="muted">{running ? (stopping ? 'Stopping… requests in flight still count.' : 'Running…') : 'Start a load test to see its throughput and latency here.'}</p>}
      {stats && (
        <div data-testid="radius-load-stats" data-stopped={stopped}>
          {asked && <p className="muted">{asked}</p>}
          {stopped && (
            <p className="radius-hint" data-testid="radius-load-stopped">
              Load test stopped after {stats.sent.toLocaleString()}
              {count !== null ? ` of ${count.toLocaleString()}` : ''} requests: the numbers below are partial.
            </p>
          )}
          <LoadStatsGrid stats={stats} />
        </div>
      )}
    </section>
  );
}

export function LoadTab({ part }: { part: 'form' | 'stats' }) {
  return part === 'form' ? <LoadForm /> : <LoadStatsView />;
}
