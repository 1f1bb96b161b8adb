// A run's output side by side: one panel per device (state, exit code, duration, stdout and
// stderr in monospace, each scrollable), updating live as `ssh.run.update` events arrive.
import { formatTimestamp } from '../../../lib/format';
import { formatDuration, stateClass } from '../format';
import type { WatchedRun } from '../runStore';
import type { RunResult } from '../types';

function ResultPanel({ r }: { r: RunResult }) {
  const finished = r.state !== 'queued' && r.state !== 'running';
  return (
    <article
      className={`auto-panel auto-panel-${r.state}`}
      data-testid="run-panel"
      data-device-id={r.deviceId}
      data-device-name={r.deviceName}
      data-state={r.state}
      data-exit-code={r.exitCode ?? ''}
    >
      <header className="auto-panel-head">
        <span className="cell-name">{r.deviceName}</span>
        <span className={`badge ${stateClass(r.state)}`} data-testid="run-panel-state">
          {r.state}
        </span>
        <span className="toolbar-spacer" />
        {finished && (
          <span className="mono muted" data-testid="run-panel-exit">
            exit {r.exitCode ?? '—'}
          </span>
        )}
        <span className="mono muted">{formatDuration(r.durationMs)}</span>
      </header>
      {r.error && (
        <p className="auto-panel-error" data-testid="run-panel-error">
          {r.error}
        </p>
      )}
      {r.stdout !== '' && (
        <pre className="auto-output" data-testid="run-panel-stdout">
          {r.stdout}
        </pre>
      )}
      {r.stderr !== '' && (
        <pre className="auto-output auto-stderr" data-testid="run-panel-stderr">
          {r.stderr}
        </pre>
      )}
      {finished && r.stdout === '' && r.stderr === '' && !r.error && <p className="muted auto-panel-empty">No output.</p>}
      {!finished && <p className="muted auto-panel-empty">{r.state === 'queued' ? 'Waiting for a free slot…' : 'Running…'}</p>}
    </article>
  );
}

/** A placeholder until the device's first update: queued. */
function queued(deviceId: string, deviceName: string): RunResult {
  return { deviceId, deviceName, state: 'queued', exitCode: null, stdout: '', stderr: '', error: null, durationMs: null };
}

export function RunResults({ watched, names, onStop }: { watched: WatchedRun; names: ReadonlyMap<string, string>; onStop: () => void }) {
  const { run } = watched;
  const ids = [...watched.order, ...Object.keys(watched.results).filter((id) => !watched.order.includes(id))];
  return (
    <section className="auto-results" aria-label="Run output" data-testid="run-results" data-run-id={run.runId} data-state={run.state}>
      <header className="auto-results-head">
        <span className={`badge ${stateClass(run.state)}`} data-testid="run-state">
          {run.state}
        </span>
        <span data-testid="run-counts">
          {run.ok} ok · {run.failed} failed · {run.skipped} skipped of {run.total}
        </span>
        <span className="muted">started {formatTimestamp(run.startedAt)}</span>
        <span className="mono auto-results-command" title={run.command}>
          {run.command}
        </span>
        <span className="toolbar-spacer" />
        {run.state === 'running' && (
          <button type="button" className="danger" onClick={onStop} data-testid="run-stop">
            Stop
          </button>
        )}
      </header>
      <div className="auto-grid">
        {ids.map((id) => (
          <ResultPanel key={id} r={watched.results[id] ?? queued(id, names.get(id) ?? id)} />
        ))}
      </div>
    </section>
  );
}
