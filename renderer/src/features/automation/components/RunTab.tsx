// Run a command or a short script on chosen devices or a whole site: preview the targets and the
// exact command first, confirm, then watch every device's output side by side. Recent runs can be
// reopened.
import { useEffect, useMemo, useState } from 'react';
import { errorMessage, invoke } from '../../../lib/api';
import { formatCount, formatTimestamp } from '../../../lib/format';
import { ConfirmDialog } from '../../../ui/ConfirmDialog';
import { FormRow } from '../../../ui/FormRow';
import { useCan } from '../../appInfo/store';
import { stateClass } from '../format';
import { selectionKey, startRunSync, useRuns } from '../runStore';
import type { Preview } from '../runStore';
import type { Site } from '../types';
import { Segmented } from '../../sshCredentials/components/Segmented';
import { DeviceMultiPicker } from './DeviceSearch';
import { RunResults } from './RunResults';

const AUTOMATION_REASON = 'Your role may not run automation (needs ssh:automation).';

function useSites(): { sites: Site[]; error: string | null } {
  const [state, setState] = useState<{ sites: Site[]; error: string | null }>({ sites: [], error: null });
  useEffect(() => {
    let live = true;
    invoke('sites.list', {})
      .then((sites) => live && setState({ sites: [...sites].sort((a, b) => a.name.localeCompare(b.name)), error: null }))
      .catch((err: unknown) => live && setState({ sites: [], error: errorMessage(err) }));
    return () => {
      live = false;
    };
  }, []);
  return state;
}

function PreviewPanel({ preview, stale }: { preview: Preview; stale: boolean }) {
  const reachable = preview.targets.filter((t) => t.problem === null);
  const blocked = preview.targets.length - reachable.length;
  return (
    <section className={`card auto-preview${stale ? ' stale' : ''}`} aria-label="Preview" data-testid="run-preview" data-stale={stale}>
      <h2>
        Preview: {formatCount(reachable.length)} device{reachable.length === 1 ? '' : 's'} will run it
        {blocked > 0 && <span className="auto-problem-count"> · {formatCount(blocked)} cannot be reached</span>}
      </h2>
      {stale && <p className="field-error">The targets or the command changed since this preview: preview again before running.</p>}
      <pre className="auto-output auto-command" data-testid="run-preview-command">
        {preview.command}
      </pre>
      <div className="sshc-table-scroll auto-preview-table">
        <table className="radius-table">
          <thead>
            <tr>
              <th>Device</th>
              <th>Address</th>
              <th>User</th>
              <th>Credential</th>
              <th>Problem</th>
            </tr>
          </thead>
          <tbody>
            {preview.targets.map((t) => (
              <tr key={t.deviceId} data-testid="run-preview-target" data-device-name={t.deviceName} data-problem={t.problem ?? ''}>
                <td className="cell-name">{t.deviceName}</td>
                <td className="mono">
                  {t.host}:{t.port}
                </td>
                <td className="mono">{t.username ?? '—'}</td>
                <td>{t.credentialName ?? <span className="muted">none</span>}</td>
                <td className={t.problem ? 'field-error' : 'muted'}>{t.problem ?? 'ok'}</td>
              </tr>
            ))}
            {preview.targets.length === 0 && (
              <tr>
                <td colSpan={5} className="muted">
                  No device in this selection.
                </td>
              </tr>
            )}
          </tbody>
        </table>
      </div>
    </section>
  );
}

function RecentRuns() {
  const runs = useRuns((s) => s.runs);
  const error = useRuns((s) => s.runsError);
  const open = useRuns((s) => s.open);
  const watchedId = useRuns((s) => s.watched?.run.runId ?? null);
  return (
    <section className="card auto-recent" aria-labelledby="auto-recent-title" data-testid="run-recent">
      <h2 id="auto-recent-title">Recent runs</h2>
      {error && <p className="form-error">{error}</p>}
      {!error && runs.length === 0 && <p className="muted">No run yet.</p>}
      <ul className="auto-list">
        {runs.map((r) => (
          <li key={r.runId}>
            <button
              type="button"
              className={`ghost auto-list-item${r.runId === watchedId ? ' active' : ''}`}
              onClick={() => void open(r.runId)}
              data-testid="run-recent-item"
              data-run-id={r.runId}
            >
              <span className={`badge ${stateClass(r.state)}`}>{r.state}</span>
              <span className="mono auto-list-command">{r.command.split('\n')[0]}</span>
              <span className="muted">
                {r.ok}/{r.total} ok{r.failed > 0 ? `, ${r.failed} failed` : ''} · {formatTimestamp(r.startedAt)}
              </span>
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}

export function RunTab() {
  const canRun = useCan('ssh:automation');
  const s = useRuns();
  const { sites, error: sitesError } = useSites();
  const [confirming, setConfirming] = useState(false);

  useEffect(() => {
    startRunSync();
  }, []);

  const key = selectionKey(s);
  const previewFresh = s.preview !== null && s.preview.key === key;
  const reachable = s.preview?.targets.filter((t) => t.problem === null).length ?? 0;
  const concurrencyOk = /^\d+$/.test(s.concurrency.trim()) && Number(s.concurrency) >= 1 && Number(s.concurrency) <= 64;
  const hasTargets = s.mode === 'site' ? s.siteId !== '' : s.devices.length > 0;
  const canPreview = canRun && hasTargets && s.command.trim() !== '' && !s.previewing;
  const running = s.watched?.run.state === 'running';
  const runBlocked = !canRun
    ? AUTOMATION_REASON
    : !previewFresh
      ? 'Preview first: Run uses exactly what the preview showed.'
      : reachable === 0
        ? 'No device of the preview can be reached.'
        : !concurrencyOk
          ? 'Concurrency must be 1–64.'
          : null;
  const names = useMemo(() => new Map((s.preview?.targets ?? []).map((t) => [t.deviceId, t.deviceName])), [s.preview]);
  const site = sites.find((x) => x.id === s.siteId);

  return (
    <div className="auto-run" data-testid="run-tab">
      <div className="auto-run-left">
        <section className="card" aria-labelledby="auto-targets-title">
          <h2 id="auto-targets-title">Targets</h2>
          <Segmented
            label="Choose targets by"
            value={s.mode}
            options={[
              ['devices', 'Devices', 'devices'],
              ['site', 'Whole site', 'site'],
            ]}
            onChange={(mode) => s.set({ mode })}
            testIdPrefix="run-mode"
          />
          {s.mode === 'devices' ? (
            <DeviceMultiPicker id="run-device-search" testId="run-device-search" devices={s.devices} onChange={(devices) => s.set({ devices })} />
          ) : (
            <FormRow id="run-site" label="Site" errorTestId="run-site-error" error={sitesError ?? undefined}>
              <select id="run-site" value={s.siteId} onChange={(e) => s.set({ siteId: e.target.value })} data-testid="run-site">
                <option value="">Choose a site…</option>
                {sites.map((x) => (
                  <option key={x.id} value={x.id}>
                    {x.name} ({formatCount(x.deviceCount)} devices)
                  </option>
                ))}
              </select>
            </FormRow>
          )}
        </section>
        <section className="card" aria-labelledby="auto-command-title">
          <h2 id="auto-command-title">Command or script</h2>
          <textarea
            className="mono auto-command-input"
            rows={6}
            value={s.command}
            onChange={(e) => s.set({ command: e.target.value })}
            placeholder={'show version\n# several lines run in one shell'}
            spellCheck={false}
            aria-label="Command or script"
            data-testid="run-command"
          />
          <div className="inline-form">
            <label>
              Concurrency
              <input
                type="number"
                min={1}
                max={64}
                value={s.concurrency}
                onChange={(e) => s.set({ concurrency: e.target.value })}
                aria-invalid={!concurrencyOk}
                data-testid="run-concurrency"
              />
            </label>
            <label className="checkbox">
              <input type="checkbox" checked={s.stopOnError} onChange={(e) => s.set({ stopOnError: e.target.checked })} data-testid="run-stop-on-error" />
              Stop on the first error
            </label>
          </div>
          <div className="auto-actions">
            <button type="button" onClick={() => void s.runPreview()} disabled={!canPreview} title={canRun ? undefined : AUTOMATION_REASON} data-testid="run-preview-button">
              {s.previewing ? 'Previewing…' : 'Preview'}
            </button>
            <button
              type="button"
              className="primary"
              onClick={() => setConfirming(true)}
              disabled={runBlocked !== null || s.starting || running}
              title={runBlocked ?? undefined}
              data-testid="run-start"
            >
              {s.starting ? 'Starting…' : 'Run'}
            </button>
          </div>
          {!canRun && <p className="field-hint">{AUTOMATION_REASON}</p>}
          {canRun && runBlocked && hasTargets && s.command.trim() !== '' && <p className="field-hint">{runBlocked}</p>}
          {s.previewError && (
            <p className="form-error" role="alert" data-testid="run-preview-error">
              {s.previewError}
            </p>
          )}
          {s.startError && (
            <p className="form-error" role="alert" data-testid="run-error">
              {s.startError}
            </p>
          )}
        </section>
        <RecentRuns />
      </div>
      <div className="auto-run-right">
        {s.preview && <PreviewPanel preview={s.preview} stale={!previewFresh} />}
        {s.watched ? (
          <RunResults watched={s.watched} names={names} onStop={() => void s.stop()} />
        ) : (
          !s.preview && <div className="empty-state">Choose devices or a site, type a command, and preview it. Output of every device appears here side by side.</div>
        )}
      </div>
      {confirming && s.preview && (
        <ConfirmDialog title="Run on these devices?" confirmLabel={`Run on ${formatCount(reachable)} device${reachable === 1 ? '' : 's'}`} onClose={() => setConfirming(false)} onConfirm={() => s.start()}>
          <p>
            {s.mode === 'site' ? `Site ${site?.name ?? ''}: ` : ''}
            {formatCount(reachable)} device{reachable === 1 ? '' : 's'}, {s.concurrency} at a time
            {s.stopOnError ? ', stopping at the first error' : ''}. Written to the audit log.
          </p>
          <pre className="auto-output auto-command" data-testid="run-confirm-command">
            {s.preview.command}
          </pre>
        </ConfirmDialog>
      )}
    </div>
  );
}
