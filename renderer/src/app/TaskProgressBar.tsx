// The global progress indicator: one line per running task (demo seed, CSV import).
import { percentOf, useProgress } from './progressStore';

export function TaskProgressBar() {
  const tasks = useProgress((s) => s.tasks);
  const dismiss = useProgress((s) => s.dismiss);
  const list = Object.values(tasks).sort((a, b) => a.startedAt - b.startedAt);
  if (list.length === 0) return null;
  return (
    <div className="progress-strip" data-testid="progress-bar" aria-live="polite">
      {list.map((t) => {
        const pct = percentOf(t);
        const state = t.error ? 'failed' : t.finished ? 'done' : 'running';
        const indeterminate = state === 'running' && t.total <= 0;
        return (
          <div key={t.taskId} className={`progress-task progress-${state}`} data-task-id={t.taskId} data-state={state}>
            <span className="progress-label" title={t.label}>
              {t.error ? `${t.label}: failed — ${t.error}` : t.finished ? `${t.label}: done` : t.label}
            </span>
            <div
              className="progress-track"
              role="progressbar"
              aria-label={t.label}
              aria-valuemin={0}
              aria-valuemax={100}
              aria-valuenow={indeterminate ? undefined : pct}
              aria-valuetext={indeterminate ? 'starting' : `${pct}%`}
            >
              <div className={`progress-fill${indeterminate ? ' indeterminate' : ''}`} style={indeterminate ? undefined : { width: `${pct}%` }} />
            </div>
            <span className="progress-percent mono">{indeterminate ? '…' : `${pct}%`}</span>
            {(t.finished || t.error) && (
              <button type="button" className="icon-button" aria-label="Dismiss" onClick={() => dismiss(t.taskId)}>
                ×
              </button>
            )}
          </div>
        );
      })}
    </div>
  );
}
