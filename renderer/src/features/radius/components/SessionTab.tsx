// The session simulator: one subscriber session as a scenario — Access, Accounting Start, Interim
// updates with growing counters, Stop — with a timeline that fills live from `radius.session.step`.
import type { FormEvent } from 'react';
import { useCan } from '../../appInfo/store';
import { formatMs, formatOctets, formatTime, toneOf } from '../format';
import { newAcctSessionId } from '../formModel';
import { useRadius } from '../store';
import type { SessionStep } from '../types';
import { Field, invalidProps } from './Field';
import { Credentials, FormErrorLine } from './PacketForm';

const STEP_LABELS: Record<SessionStep['step'], string> = {
  auth: 'Access-Request',
  start: 'Accounting Start',
  interim: 'Interim-Update',
  stop: 'Accounting Stop',
};

function SessionForm() {
  const form = useRadius((s) => s.sessionForm);
  const session = useRadius((s) => s.session);
  const errors = useRadius((s) => s.errors.session.fields);
  const subscriberName = useRadius((s) => (s.prefill?.source === 'subscriber' ? (s.prefill.subscriberName ?? 'the subscriber') : null));
  const setSessionForm = useRadius((s) => s.setSessionForm);
  const clearError = useRadius((s) => s.clearError);
  const start = useRadius((s) => s.startSession);
  const stop = useRadius((s) => s.stopSession);
  const canTest = useCan('radius:test');

  const text = (key: 'interims' | 'intervalSec' | 'mbPerInterval' | 'sessionId' | 'framedIp', errorKey: string, label: string, testId: string, hint?: string) => (
    <Field id={`radius-session-${key}`} label={label} errorKey={errorKey} error={errors[errorKey]} hint={hint}>
      <input
        {...invalidProps(`radius-session-${key}`, errors[errorKey])}
        className="mono"
        value={form[key]}
        onChange={(e) => {
          setSessionForm({ [key]: e.target.value });
          clearError('session', errorKey);
        }}
        spellCheck={false}
        autoComplete="off"
        disabled={session.running}
        data-testid={testId}
      />
    </Field>
  );

  const submit = (e: FormEvent) => {
    e.preventDefault();
    void start();
  };

  return (
    <section className="card radius-form" aria-labelledby="radius-session-title">
      <h2 id="radius-session-title">Session simulator</h2>
      <form onSubmit={submit} noValidate data-testid="radius-session-form">
        <div className="radius-form-grid">
          <Credentials scope="session" />
          {text('interims', 'interims', 'Interim updates', 'radius-session-interims')}
          {text('intervalSec', 'intervalMs', 'Interval (s)', 'radius-session-interval')}
          {text('mbPerInterval', 'bytesPerInterval', 'Download per interval (MB)', 'radius-session-bytes', 'Upload is a tenth of it; counters past 4 GiB use Gigawords.')}
          <Field id="radius-session-sessionId" label="Acct-Session-Id (optional)" errorKey="sessionId" error={errors.sessionId} hint="Reuse one to continue a session after a NAS restart.">
            <div className="radius-password">
              <input
                {...invalidProps('radius-session-sessionId', errors.sessionId)}
                className="mono"
                value={form.sessionId}
                onChange={(e) => {
                  setSessionForm({ sessionId: e.target.value });
                  clearError('session', 'sessionId');
                }}
                disabled={session.running}
                spellCheck={false}
                autoComplete="off"
                data-testid="radius-session-id"
              />
              <button type="button" className="ghost" disabled={session.running} onClick={() => setSessionForm({ sessionId: newAcctSessionId() })}>
                New
              </button>
            </div>
          </Field>
          {text('framedIp', 'framedIp', 'Framed-IP-Address (optional)', 'radius-session-framed-ip')}
          <label className="checkbox radius-span-2">
            <input type="checkbox" checked={form.record} disabled={session.running} onChange={(e) => setSessionForm({ record: e.target.checked })} data-testid="radius-session-record" />
            Record into billing (accounting sessions{subscriberName ? ` of ${subscriberName}` : ''})
          </label>
        </div>
        <FormErrorLine scope="session" />
        <div className="radius-send-row">
          <button type="submit" className="primary" disabled={session.running || !canTest} data-testid="radius-session-start">
            {session.running ? 'Running…' : 'Start session'}
          </button>
          <button type="button" className="danger" disabled={!session.running || session.stopping} onClick={() => void stop()} data-testid="radius-session-stop" title="Send the Accounting Stop now">
            {session.stopping ? 'Stopping…' : 'Stop'}
          </button>
        </div>
      </form>
    </section>
  );
}

function Timeline() {
  const session = useRadius((s) => s.session);
  const { steps, summary, running, startedAt } = session;
  const t0 = startedAt ?? steps[0]?.at ?? 0;

  return (
    <section className="card radius-timeline-card" aria-labelledby="radius-timeline-title" aria-live="polite">
      <h2 id="radius-timeline-title">Timeline</h2>
      {steps.length === 0 && !running && !summary && <p className="muted">Start a session to see each packet and its answer here as it happens.</p>}
      {(steps.length > 0 || running) && (
        <ol className="radius-timeline" data-testid="radius-session-timeline" data-state={running ? 'running' : 'done'}>
          {steps.map((s) => {
            const tone = toneOf(s.outcome, s.code);
            return (
              <li key={`${s.step}:${s.index}`} className={`radius-step tone-${tone}`} data-testid="radius-session-step" data-step={s.step} data-index={s.index} data-outcome={s.outcome} data-code={s.code ?? ''}>
                <span className="radius-step-dot" aria-hidden="true" />
                <span className="radius-step-time mono" title={formatTime(s.at)}>
                  +{((s.at - t0) / 1000).toFixed(1)} s
                </span>
                <span className="radius-step-name">
                  {STEP_LABELS[s.step]}
                  {s.step === 'interim' ? ` #${s.index}` : ''}
                </span>
                <span className={`radius-code small tone-${tone}`}>{s.outcome === 'no-reply' ? 'no reply' : s.outcome === 'refused' ? `refused${s.code ? ` (${s.code})` : ''}` : (s.code ?? '—')}</span>
                <span className="mono">{formatMs(s.rttMs)}</span>
                {s.step !== 'auth' && (
                  <span className="mono muted radius-step-octets" title={`in ${s.inputOctets} / out ${s.outputOctets} octets`}>
                    ↓ {formatOctets(s.outputOctets)} ↑ {formatOctets(s.inputOctets)}
                  </span>
                )}
              </li>
            );
          })}
          {running && (
            <li className="radius-step pending" aria-label="waiting for the next step">
              <span className="radius-step-dot" aria-hidden="true" />
              <span className="muted">{session.stopping ? 'Sending the Stop…' : 'Waiting for the next step…'}</span>
            </li>
          )}
        </ol>
      )}
      {summary && (
        <div className="radius-summary" data-testid="radius-session-summary" data-completed={summary.completed}>
          <dl className="kv">
            <dt>Result</dt>
            <dd>{summary.completed ? <span className="badge status-up">completed</span> : <span className="badge status-down">did not complete</span>}</dd>
            <dt>User</dt>
            <dd className="mono">{summary.user}</dd>
            <dt>Acct-Session-Id</dt>
            <dd className="mono" data-testid="radius-session-acct-id">
              {summary.acctSessionId}
            </dd>
            <dt>Packets</dt>
            <dd>{summary.steps.length}</dd>
            {summary.recordedSessionId && (
              <>
                <dt>Billing</dt>
                <dd data-testid="radius-session-recorded">Recorded as accounting session {summary.recordedSessionId.slice(0, 8)}…</dd>
              </>
            )}
          </dl>
          {summary.error && (
            <p className="form-error" role="alert">
              {summary.error}
            </p>
          )}
        </div>
      )}
    </section>
  );
}

export function SessionTab({ part }: { part: 'form' | 'timeline' }) {
  return part === 'form' ? <SessionForm /> : <Timeline />;
}
