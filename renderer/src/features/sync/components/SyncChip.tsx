// The status bar chip: online/offline with the central service, how many local changes wait
// (pending), and badges for entries needing review and open conflicts. The last sync time and the
// last error are in its tooltip; a click opens the Sync page.
import { useEffect } from 'react';
import { navigate } from '../../../app/router';
import { formatTimestamp } from '../../../lib/format';
import { ago, startSyncStatus, useSyncStatus, type SyncStatus } from '../store';
import '../sync.css';

type ChipState = 'unknown' | 'local' | 'loggedout' | 'online' | 'offline' | 'syncing';

function chipState(s: SyncStatus | null): ChipState {
  if (!s) return 'unknown';
  if (!s.loggedIn) return s.serverUrl ? 'loggedout' : 'local';
  if (!s.online) return 'offline';
  return s.syncing ? 'syncing' : 'online';
}

const LABEL: Record<ChipState, string> = {
  unknown: 'Sync …',
  local: 'Local only',
  loggedout: 'Logged out',
  online: 'Online',
  offline: 'Offline',
  syncing: 'Online',
};

function tooltip(s: SyncStatus | null, error: string | null): string {
  if (!s) return error ? `Sync status unavailable: ${error}` : 'Sync status loading…';
  const lines: string[] = [];
  if (!s.loggedIn) lines.push(s.serverUrl ? `Logged out of ${s.serverUrl}` : 'Not linked to a sync server: this console works from its local cache');
  else lines.push(`${s.username ?? '?'}@${s.tenantSlug ?? '?'} on ${s.serverUrl ?? '?'} — ${s.online ? 'online' : 'offline'}`);
  lines.push(`Last sync: ${s.lastSyncAt === null ? 'never' : `${formatTimestamp(s.lastSyncAt)} (${ago(s.lastSyncAt)})`}`);
  lines.push(`${s.pending} pending, ${s.review} need review, ${s.conflicts} conflicts`);
  if (s.lastError) lines.push(`Last error: ${s.lastError}`);
  lines.push('Click to open Sync');
  return lines.join('\n');
}

export function SyncChip() {
  const status = useSyncStatus((s) => s.status);
  const error = useSyncStatus((s) => s.error);

  useEffect(() => startSyncStatus(), []);

  const state = chipState(status);
  const pending = status?.pending ?? 0;
  const review = status?.review ?? 0;
  const conflicts = status?.conflicts ?? 0;
  return (
    <button
      type="button"
      className={`sync-chip sync-chip-${state}`}
      onClick={() => navigate('sync')}
      title={tooltip(status, error)}
      aria-label={`Sync: ${LABEL[state]}, ${pending} pending, ${review} need review, ${conflicts} conflicts. Open the Sync page`}
      data-testid="sync-chip"
      data-state={state}
      data-online={status?.loggedIn === true && status.online ? 'true' : 'false'}
      data-pending={pending}
      data-review={review}
      data-conflicts={conflicts}
    >
      <span className="sync-chip-dot" aria-hidden="true" />
      <span data-testid="sync-chip-state">{LABEL[state]}</span>
      {state === 'syncing' && (
        <span className="sync-chip-spin" aria-hidden="true">
          ⇅
        </span>
      )}
      {pending > 0 && (
        <span className="sync-chip-count" data-testid="sync-chip-pending">
          {pending} pending
        </span>
      )}
      {review > 0 && (
        <span className="sync-chip-badge sync-chip-review" data-testid="sync-chip-review">
          {review} review
        </span>
      )}
      {conflicts > 0 && (
        <span className="sync-chip-badge sync-chip-conflicts" data-testid="sync-chip-conflicts">
          {conflicts} conflict{conflicts === 1 ? '' : 's'}
        </span>
      )}
    </button>
  );
}
