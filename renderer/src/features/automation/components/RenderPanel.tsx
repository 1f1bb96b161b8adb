// Render a saved template for one device (device and site variables filled in by the host, the
// `vars.*` ones typed here), read the result, what is missing and the diff against the device's
// last backup; push only that exact text (its sha256), after a confirmation, then see the
// device's output and the fresh backup taken after.
import { useState } from 'react';
import { errorMessage, invoke } from '../../../lib/api';
import { formatTimestamp } from '../../../lib/format';
import { ConfirmDialog } from '../../../ui/ConfirmDialog';
import { formatDuration, userVarNames } from '../format';
import type { ConfigTemplate, PickedDevice, PushResult, RenderResult } from '../types';
import { DevicePicker } from './DeviceSearch';
import { DiffView } from './DiffView';

interface Rendered {
  /** What it was rendered for: Push is offered only while the inputs still say the same. */
  key: string;
  result: RenderResult;
}

export function RenderPanel({ template, canPush }: { template: ConfigTemplate; canPush: boolean }) {
  const varNames = userVarNames(template.variables);
  const [device, setDevice] = useState<PickedDevice | null>(null);
  const [vars, setVars] = useState<Record<string, string>>({});
  const [rendering, setRendering] = useState(false);
  const [rendered, setRendered] = useState<Rendered | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [confirming, setConfirming] = useState(false);
  const [pushed, setPushed] = useState<PushResult | null>(null);
  /** The render that was pushed: pushing it again needs a fresh render (the device changed). */
  const [pushedFor, setPushedFor] = useState<Rendered | null>(null);

  // an empty field is not sent: the host then lists the variable as missing instead of rendering "mtu "
  const usedVars = Object.fromEntries(varNames.flatMap((n) => (vars[n] ? [[n, vars[n]]] : [])));
  const key = JSON.stringify([template.id, template.updatedAt, device?.id ?? '', usedVars]);
  const fresh = rendered !== null && rendered.key === key;

  const render = async () => {
    if (!device) return;
    setRendering(true);
    setError(null);
    setPushed(null);
    try {
      const result = await invoke('ssh.templates.render', { templateId: template.id, deviceId: device.id, vars: usedVars });
      setRendered({ key, result });
    } catch (err) {
      setRendered(null);
      setError(errorMessage(err));
    } finally {
      setRendering(false);
    }
  };

  const push = async () => {
    if (!device || !rendered) return;
    const res = await invoke('ssh.templates.push', { templateId: template.id, deviceId: device.id, vars: usedVars, renderedSha256: rendered.result.renderedSha256 });
    setPushed(res);
    setPushedFor(rendered);
  };

  const pushBlocked = !canPush
    ? 'Your role may not push configuration (needs ssh:automation).'
    : !fresh
      ? 'Render first: Push sends exactly the rendered text.'
      : rendered.result.missing.length > 0
        ? 'Fill every missing variable and render again.'
        : pushedFor === rendered
          ? 'Pushed. Render again to compare with the new configuration before another push.'
          : null;

  return (
    <section className="card auto-render" aria-labelledby="auto-render-title" data-testid="template-render">
      <h2 id="auto-render-title">Render for a device</h2>
      <div className="form-grid">
        <div className="form-row span-2">
          <label htmlFor="template-device-search">Device</label>
          <DevicePicker id="template-device-search" testId="template-device" device={device} onChange={setDevice} />
        </div>
        {varNames.map((n) => (
          <div key={n} className="form-row">
            <label htmlFor={`template-var-${n}`}>
              vars.<span className="mono">{n}</span>
            </label>
            <input id={`template-var-${n}`} value={vars[n] ?? ''} onChange={(e) => setVars((v) => ({ ...v, [n]: e.target.value }))} autoComplete="off" spellCheck={false} data-testid="template-var" data-name={n} />
          </div>
        ))}
      </div>
      <div className="auto-actions">
        <button type="button" onClick={() => void render()} disabled={!device || rendering || !canPush} title={canPush ? undefined : 'Needs ssh:automation'} data-testid="template-render-button">
          {rendering ? 'Rendering…' : 'Render'}
        </button>
        <button type="button" className="primary" onClick={() => setConfirming(true)} disabled={pushBlocked !== null} title={pushBlocked ?? undefined} data-testid="template-push">
          Push to device
        </button>
        {pushBlocked && device && <span className="field-hint">{pushBlocked}</span>}
      </div>
      {error && (
        <p className="form-error" role="alert" data-testid="template-render-error">
          {error}
        </p>
      )}
      {pushed && (
        <div className="auto-pushed" data-testid="template-pushed" data-exit-code={pushed.exitCode ?? ''}>
          <h3>
            Pushed: exit {pushed.exitCode ?? '—'} · {formatDuration(pushed.durationMs)}
          </h3>
          {pushed.stdout !== '' && <pre className="auto-output">{pushed.stdout}</pre>}
          {pushed.stderr !== '' && <pre className="auto-output auto-stderr">{pushed.stderr}</pre>}
          {pushed.backupAfter ? (
            <p data-testid="template-backup-after">
              Fresh backup {formatTimestamp(pushed.backupAfter.takenAt)}: {pushed.backupAfter.changed ? 'the configuration changed' : 'no change'} ({pushed.backupAfter.lines} lines).
            </p>
          ) : (
            <p className="muted">No backup could be taken after the push.</p>
          )}
        </div>
      )}
      {rendered && (
        <div className={`auto-rendered${fresh ? '' : ' stale'}`} data-testid="template-rendered" data-stale={!fresh}>
          {rendered.result.missing.length > 0 && (
            <p className="field-error" data-testid="template-missing">
              Missing: {rendered.result.missing.join(', ')}
            </p>
          )}
          <pre className="auto-output auto-config-text" data-testid="template-rendered-text">
            {rendered.result.rendered}
          </pre>
          {rendered.result.diff && rendered.result.against ? (
            <DiffView diff={rendered.result.diff} testId="template-diff" title={`Against the backup of ${formatTimestamp(rendered.result.against.takenAt)}`} />
          ) : (
            <p className="muted">No backup of this device yet: nothing to compare with.</p>
          )}
        </div>
      )}
      {confirming && device && rendered && (
        <ConfirmDialog title={`Push to ${device.name}?`} confirmLabel="Push configuration" danger onClose={() => setConfirming(false)} onConfirm={push}>
          <p>
            This sends the text below to <strong>{device.name}</strong>
            {device.mgmtAddress ? <span className="mono"> ({device.mgmtAddress})</span> : null}. It is written to the audit log, and a backup is taken after.
          </p>
          <pre className="auto-output auto-confirm-text" data-testid="template-push-text">
            {rendered.result.rendered}
          </pre>
        </ConfirmDialog>
      )}
    </section>
  );
}
