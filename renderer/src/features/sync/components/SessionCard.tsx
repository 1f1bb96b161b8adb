// The logged-in session: which server, tenant, user and role; until when it works offline; whether
// the server is reachable now; what waits (pending, needs review, conflicts); the last sync and the
// last error. "Sync now" pushes and pulls at once; "Log out" ends the session (role → viewer).
import { useState, type ReactNode } from 'react';
import { errorMessage } from '../../../lib/api';
import { formatTimestamp } from '../../../lib/format';
import { ConfirmDialog } from '../../../ui/ConfirmDialog';
import { ago, logout, syncNow, type SyncStatus } from '../store';
import { ROLE_LABELS } from '../../../../../shared/domain/permissions';

function Row({ label, children, testId }: { label: string; children: ReactNode; testId?: string }) {
  return (
    <>
      <dt>{label}</dt>
      <dd data-testid={testId}>{children}</dd>
    </>
  );
}

function when(ms: number | null): string {
  return ms === null ? 'never' : `${formatTimestamp(ms)} (${ago(ms)})`;
}

export function SessionCard({ status }: { status: SyncStatus }) {
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [confirmLogout, setConfirmLogout] = useState(false);

  const runSync = async () => {
    setBusy(true);
    setError(null);
    setResult(null);
    try {
      const r = await syncNow();
      setResult(`Pushed ${r.pushed}, refused ${r.rejected}, pulled ${r.pulled}, new conflicts ${r.conflicts}.`);
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };

  const online = status.online;
  return (
    <section className="card sync-session" aria-labelledby="sync-session-title" data-testid="sync-session">
      <div className="sync-session-head">
        <h2 id="sync-session-title">Session</h2>
        <span className={`sync-state-badge ${online ? 'sync-state-online' : 'sync-state-offline'}`} data-testid="sync-online" data-online={online}>
          {online ? (status.syncing ? 'Online · syncing…' : 'Online') : 'Offline'}
        </span>
        <span className="toolbar-spacer" />
        <button type="button" className="primary" onClick={() => void runSync()} disabled={busy} data-testid="sync-now">
          {busy ? 'Syncing…' : 'Sync now'}
        </button>
        <button type="button" onClick={() => setConfirmLogout(true)} data-testid="sync-logout">
          Log out
        </button>
      </div>
      <dl className="kv sync-kv">
        <Row label="Server" testId="sync-server">
          <span className="mono">{status.serverUrl ?? '—'}</span>
        </Row>
        <Row label="Tenant" testId="sync-tenant">
          {status.tenantSlug ?? '—'}
        </Row>
        <Row label="User" testId="sync-user">
          {status.username ?? '—'}
        </Row>
        <Row label="Role" testId="sync-role">
          {status.role ? (ROLE_LABELS[status.role] ?? status.role) : '—'}
        </Row>
        <Row label="Works offline until" testId="sync-offline-until">
          {status.offlineUnlockUntil === null ? '—' : formatTimestamp(status.offlineUnlockUntil)}
        </Row>
        <Row label="Waiting" testId="sync-counts">
          <span data-testid="sync-pending" data-count={status.pending}>
            {status.pending} pending
          </span>
          {' · '}
          <span data-testid="sync-review" data-count={status.review}>
            {status.review} need review
          </span>
          {' · '}
          <span data-testid="sync-conflicts" data-count={status.conflicts}>
            {status.conflicts} conflict{status.conflicts === 1 ? '' : 's'}
          </span>
        </Row>
        <Row label="Last sync" testId="sync-last">
          {when(status.lastSyncAt)}
        </Row>
        <Row label="Last contact">{when(status.lastContactAt)}</Row>
        <Row label="Last error" testId="sync-last-error">
          {status.lastError ? <span className="sync-error-text">{status.lastError}</span> : <span className="muted">none</span>}
        </Row>
      </dl>
      {result && (
        <p className="muted" role="status" data-testid="sync-now-result">
          {result}
        </p>
      )}
      {error && (
        <p className="form-error" role="alert" data-testid="sync-now-error">
          {error}
        </p>
      )}
      {confirmLogout && (
        <ConfirmDialog title="Log out of the sync server" confirmLabel="Log out" danger onConfirm={async () => void (await logout())} onClose={() => setConfirmLogout(false)}>
          <p>
            The cache stays on this machine, but this console drops to the viewer role until you log in again.
            {status.pending > 0 ? ` ${status.pending} pending change${status.pending === 1 ? '' : 's'} stay in the outbox and go up after the next login.` : ''}
          </p>
        </ConfirmDialog>
      )}
    </section>
  );
}
