// Config backups: the latest stored configuration of every device (flagged when it changed since
// the backup before), "back up now" for a selection (progress on the global bar), a device's
// versions, any version's full text, and the diff between two versions.
import { useCallback, useEffect, useState } from 'react';
import { trackLocalTask } from '../../../app/progressStore';
import { errorMessage, invoke, newTaskId } from '../../../lib/api';
import { formatCount, formatTimestamp } from '../../../lib/format';
import { useCan } from '../../appInfo/store';
import { formatBytes } from '../format';
import type { BackupDiff, BackupSummary, BackupWithContent, PickedDevice } from '../types';
import { DeviceMultiPicker } from './DeviceSearch';
import { DiffView } from './DiffView';

type Viewing = { kind: 'text'; backup: BackupWithContent } | { kind: 'diff'; diff: BackupDiff } | null;

interface BackupFailure {
  deviceName: string;
  error: string;
}

function ChangedBadge({ b }: { b: BackupSummary }) {
  if (b.previousId === null) return <span className="badge status-unknown">first</span>;
  return b.changed ? (
    <span className="badge status-degraded" data-testid="backup-changed">
      changed
    </span>
  ) : (
    <span className="badge status-up">unchanged</span>
  );
}

/** The latest backup of every device, or why it could not be read. */
function fetchLatest(): Promise<{ list: BackupSummary[] } | { error: string }> {
  return invoke('ssh.backup.list', { limit: 1000 }).then(
    (list) => ({ list }),
    (err: unknown) => ({ error: errorMessage(err) }),
  );
}

function useLatest() {
  const [latest, setLatest] = useState<BackupSummary[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [loaded, setLoaded] = useState(false);
  const apply = useCallback((res: { list: BackupSummary[] } | { error: string }) => {
    if ('list' in res) {
      setLatest(res.list);
      setError(null);
    } else setError(res.error);
    setLoaded(true);
  }, []);
  const reload = useCallback(async () => apply(await fetchLatest()), [apply]);
  useEffect(() => {
    let live = true;
    void fetchLatest().then((res) => live && apply(res));
    return () => {
      live = false;
    };
  }, [apply]);
  return { latest, error, loaded, reload };
}

function Versions({ device, versions, error, onView, onDiff }: { device: PickedDevice; versions: BackupSummary[]; error: string | null; onView: (id: string) => void; onDiff: (fromId: string, toId: string) => void }) {
  const [picked, setPicked] = useState<string[]>([]);
  const toggle = (id: string) => setPicked((p) => (p.includes(id) ? p.filter((x) => x !== id) : [...p.slice(-1), id]));
  const compare = () => {
    const [a, b] = picked.map((id) => versions.find((v) => v.id === id)).filter((v): v is BackupSummary => v !== undefined);
    if (!a || !b) return;
    const [older, newer] = a.takenAt <= b.takenAt ? [a, b] : [b, a];
    onDiff(older.id, newer.id);
  };
  return (
    <section className="card auto-versions" aria-label={`Versions of ${device.name}`} data-testid="backup-versions" data-device-name={device.name}>
      <div className="sshc-section-head">
        <h2>Versions of {device.name}</h2>
        <span className="toolbar-spacer" />
        <button type="button" className="primary" disabled={picked.length !== 2} onClick={compare} data-testid="backup-compare">
          Compare selected
        </button>
      </div>
      <p className="muted">Tick two versions to compare them, newest first.</p>
      {error && <p className="form-error">{error}</p>}
      <ul className="auto-list">
        {versions.map((v) => (
          <li key={v.id} className="auto-version" data-testid="backup-version" data-id={v.id} data-changed={v.changed}>
            <label className="checkbox">
              <input type="checkbox" checked={picked.includes(v.id)} onChange={() => toggle(v.id)} data-testid="backup-version-pick" aria-label={`Compare the version of ${formatTimestamp(v.takenAt)}`} />
              {formatTimestamp(v.takenAt)}
            </label>
            <ChangedBadge b={v} />
            <span className="muted">
              {formatCount(v.lines)} lines · {formatBytes(v.bytes)}
            </span>
            <span className="toolbar-spacer" />
            <button type="button" className="link-button" onClick={() => onView(v.id)} data-testid="backup-version-view">
              View
            </button>
            {v.previousId && (
              <button type="button" className="link-button" onClick={() => onDiff(v.previousId ?? '', v.id)} data-testid="backup-version-diff-previous">
                Diff vs previous
              </button>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}

export function BackupsTab() {
  const canConnect = useCan('ssh:connect');
  const { latest, error, loaded, reload } = useLatest();
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const [extra, setExtra] = useState<PickedDevice[]>([]);
  const [running, setRunning] = useState(false);
  const [failures, setFailures] = useState<BackupFailure[]>([]);
  const [runError, setRunError] = useState<string | null>(null);
  const [device, setDevice] = useState<PickedDevice | null>(null);
  const [versions, setVersions] = useState<BackupSummary[]>([]);
  const [versionsError, setVersionsError] = useState<string | null>(null);
  const [viewing, setViewing] = useState<Viewing>(null);
  const [viewError, setViewError] = useState<string | null>(null);

  const loadVersions = useCallback(async (d: PickedDevice) => {
    try {
      setVersions(await invoke('ssh.backup.list', { deviceId: d.id, limit: 200 }));
      setVersionsError(null);
    } catch (err) {
      setVersionsError(errorMessage(err));
    }
  }, []);

  const openDevice = (d: PickedDevice) => {
    setDevice(d);
    setViewing(null);
    setVersions([]);
    void loadVersions(d);
  };

  const targets = [...new Set([...selected, ...extra.map((d) => d.id)])];

  const backUp = async () => {
    if (targets.length === 0) return;
    setRunning(true);
    setRunError(null);
    setFailures([]);
    const taskId = newTaskId('backup');
    const task = trackLocalTask(taskId, `Backing up ${formatCount(targets.length)} device${targets.length === 1 ? '' : 's'}`);
    try {
      const res = await invoke('ssh.backup.run', { deviceIds: targets, taskId });
      task.settle();
      setFailures(res.results.filter((r) => r.error !== null).map((r) => ({ deviceName: r.deviceName, error: r.error ?? '' })));
      setExtra([]);
      await reload();
      if (device) await loadVersions(device);
    } catch (err) {
      task.settle(errorMessage(err));
      setRunError(errorMessage(err));
    } finally {
      setRunning(false);
    }
  };

  const view = async (id: string) => {
    try {
      setViewing({ kind: 'text', backup: await invoke('ssh.backup.get', { id }) });
      setViewError(null);
    } catch (err) {
      setViewError(errorMessage(err));
    }
  };

  const diff = async (fromId: string, toId: string) => {
    try {
      setViewing({ kind: 'diff', diff: await invoke('ssh.backup.diff', { fromId, toId }) });
      setViewError(null);
    } catch (err) {
      setViewError(errorMessage(err));
    }
  };

  const toggle = (id: string) =>
    setSelected((s) => {
      const next = new Set(s);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });
  const allSelected = latest.length > 0 && latest.every((b) => selected.has(b.deviceId));

  return (
    <div className="auto-backups" data-testid="backups-tab">
      <div className="auto-backups-left">
        <section className="card" aria-labelledby="auto-backup-title">
          <div className="sshc-section-head">
            <h2 id="auto-backup-title">Latest backups</h2>
            <span className="toolbar-spacer" />
            <button type="button" onClick={() => void reload()} data-testid="backup-reload">
              Reload
            </button>
            <button
              type="button"
              className="primary"
              disabled={!canConnect || running || targets.length === 0}
              title={canConnect ? undefined : 'Your role may not connect to devices (needs ssh:connect).'}
              onClick={() => void backUp()}
              data-testid="backup-run"
            >
              {running ? 'Backing up…' : `Back up now${targets.length > 0 ? ` (${formatCount(targets.length)})` : ''}`}
            </button>
          </div>
          <p className="muted">Tick devices below, or add devices without a backup yet; the running configuration is fetched with each device's backup command.</p>
          <DeviceMultiPicker id="backup-device-search" testId="backup-device-search" devices={extra} onChange={setExtra} />
          {runError && (
            <p className="form-error" role="alert" data-testid="backup-error">
              {runError}
            </p>
          )}
          {failures.length > 0 && (
            <ul className="auto-failures" data-testid="backup-failures">
              {failures.map((f) => (
                <li key={f.deviceName}>
                  <strong>{f.deviceName}</strong>: {f.error}
                </li>
              ))}
            </ul>
          )}
          {error && <p className="form-error">{error}</p>}
          {loaded && latest.length === 0 && !error && <p className="muted">No configuration backed up yet.</p>}
          {latest.length > 0 && (
            <div className="sshc-table-scroll">
              <table className="radius-table" data-testid="backup-table">
                <thead>
                  <tr>
                    <th>
                      <input
                        type="checkbox"
                        checked={allSelected}
                        onChange={() => setSelected(allSelected ? new Set() : new Set(latest.map((b) => b.deviceId)))}
                        aria-label="Select every device"
                      />
                    </th>
                    <th>Device</th>
                    <th>Taken</th>
                    <th>Since last</th>
                    <th className="num">Lines</th>
                    <th className="num">Size</th>
                    <th>Command</th>
                  </tr>
                </thead>
                <tbody>
                  {latest.map((b) => (
                    <tr
                      key={b.id}
                      className={device?.id === b.deviceId ? 'selected' : undefined}
                      data-testid="backup-row"
                      data-device-name={b.deviceName}
                      data-changed={b.changed}
                    >
                      <td>
                        <input type="checkbox" checked={selected.has(b.deviceId)} onChange={() => toggle(b.deviceId)} aria-label={`Select ${b.deviceName}`} data-testid="backup-select" />
                      </td>
                      <td>
                        <button type="button" className="link-button" onClick={() => openDevice({ id: b.deviceId, name: b.deviceName, mgmtAddress: '' })} data-testid="backup-open">
                          {b.deviceName}
                        </button>
                      </td>
                      <td>{formatTimestamp(b.takenAt)}</td>
                      <td>
                        <ChangedBadge b={b} />
                      </td>
                      <td className="num">{formatCount(b.lines)}</td>
                      <td className="num">{formatBytes(b.bytes)}</td>
                      <td className="mono">{b.command}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </section>
        {device && <Versions key={device.id} device={device} versions={versions} error={versionsError} onView={(id) => void view(id)} onDiff={(a, b) => void diff(a, b)} />}
      </div>
      <div className="auto-backups-right">
        {viewError && <p className="form-error">{viewError}</p>}
        {viewing?.kind === 'text' && (
          <section className="card auto-config" aria-label="Configuration" data-testid="backup-content" data-id={viewing.backup.id}>
            <h2>
              {viewing.backup.deviceName} · {formatTimestamp(viewing.backup.takenAt)}
            </h2>
            <p className="muted mono">
              {viewing.backup.command} · sha256 {viewing.backup.sha256.slice(0, 16)}…
            </p>
            <pre className="auto-output auto-config-text" data-testid="backup-content-text">
              {viewing.backup.content}
            </pre>
          </section>
        )}
        {viewing?.kind === 'diff' && (
          <DiffView
            diff={viewing.diff.diff}
            testId="backup-diff"
            title={`${viewing.diff.to.deviceName}: ${formatTimestamp(viewing.diff.from.takenAt)} → ${formatTimestamp(viewing.diff.to.takenAt)}`}
          />
        )}
        {!viewing && <div className="empty-state">Open a device to see its versions; view one, or compare two.</div>}
      </div>
    </div>
  );
}
