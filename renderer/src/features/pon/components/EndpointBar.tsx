// The page's top bar: which VOLTHA endpoint (add / edit / delete with voltha:manage), its version
// and last poll (or what went wrong), pre-provision, and "Refresh now" with what it found.
import { useEffect, useState } from 'react';
import { formatCount, formatTimestamp } from '../../../lib/format';
import { ConfirmDialog } from '../../../ui/ConfirmDialog';
import { useCan } from '../../appInfo/store';
import { formatAgo, formatMs, versionLabel } from '../format';
import { usePon } from '../store';
import type { VolthaEndpoint } from '../types';

/** The current time, again every `ms`: "polled 12 s ago" stays true. */
function useNow(ms: number): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const t = setInterval(() => setNow(Date.now()), ms);
    return () => clearInterval(t);
  }, [ms]);
  return now;
}

function EndpointStatus({ endpoint }: { endpoint: VolthaEndpoint }) {
  const now = useNow(5000);
  const state = endpoint.lastError ? 'error' : endpoint.lastPollAt ? 'ok' : 'never';
  const version = endpoint.version ? versionLabel(endpoint.version) : null;
  return (
    <span className={`pon-endpoint-status state-${state}`} data-testid="pon-endpoint-status" data-state={state} data-version={endpoint.version ?? ''}>
      {version && (
        <span className="chip mono" title={`VOLTHA core (GetVoltha)\n${version.full}`} data-testid="pon-endpoint-version">
          VOLTHA {version.short}
        </span>
      )}
      {endpoint.tls && <span className="chip">TLS</span>}
      {endpoint.lastPollAt ? (
        <span title={formatTimestamp(endpoint.lastPollAt)}>
          {endpoint.lastError ? 'last poll failed' : 'polled'} {formatAgo(endpoint.lastPollAt, Math.max(now, endpoint.lastPollAt))}
        </span>
      ) : (
        <span className="muted">not polled yet</span>
      )}
      {endpoint.lastError && (
        <span className="pon-endpoint-error" role="alert" title={endpoint.lastError} data-testid="pon-endpoint-error">
          {endpoint.lastError}
        </span>
      )}
    </span>
  );
}

function plural(n: number, word: string): string {
  return `${formatCount(n)} ${word}${n === 1 ? '' : 's'}`;
}

interface EndpointBarProps {
  onAdd: () => void;
  onEdit: (e: VolthaEndpoint) => void;
  onPreprovision: () => void;
}

export function EndpointBar({ onAdd, onEdit, onPreprovision }: EndpointBarProps) {
  const endpoints = usePon((s) => s.endpoints);
  const endpointId = usePon((s) => s.endpointId);
  const selectEndpoint = usePon((s) => s.selectEndpoint);
  const deleteEndpoint = usePon((s) => s.deleteEndpoint);
  const refresh = usePon((s) => s.refresh);
  const refreshNow = usePon((s) => s.refreshNow);
  const canManage = useCan('voltha:manage');
  const [deleting, setDeleting] = useState<VolthaEndpoint | null>(null);

  const endpoint = endpoints.find((e) => e.id === endpointId) ?? null;
  const result = refresh.endpointId === endpointId ? refresh : null;

  return (
    <div className="toolbar pon-toolbar">
      <h1 className="radius-title">PON</h1>
      <label className="pon-endpoint-picker">
        <span className="sr-only">VOLTHA endpoint</span>
        <select value={endpointId ?? ''} onChange={(e) => selectEndpoint(e.target.value || null)} disabled={endpoints.length === 0} data-testid="pon-endpoint-select">
          {endpoints.length === 0 && <option value="">No VOLTHA endpoint</option>}
          {endpoints.map((e) => (
            <option key={e.id} value={e.id}>
              {e.name} — {e.address}
            </option>
          ))}
        </select>
      </label>
      {canManage && (
        <span className="pon-endpoint-actions">
          <button type="button" className="ghost" onClick={onAdd} title="Add a VOLTHA endpoint" data-testid="pon-endpoint-add">
            + Endpoint
          </button>
          <button type="button" className="ghost" onClick={() => endpoint && onEdit(endpoint)} disabled={!endpoint} data-testid="pon-endpoint-edit">
            Edit
          </button>
          <button type="button" className="ghost danger-text" onClick={() => setDeleting(endpoint)} disabled={!endpoint} data-testid="pon-endpoint-delete">
            Delete
          </button>
        </span>
      )}
      {endpoint && <EndpointStatus endpoint={endpoint} />}
      <span className="toolbar-spacer" />
      {canManage && (
        <button type="button" onClick={onPreprovision} disabled={!endpoint} title="Pre-provision an OLT by host_and_port (CreateDevice)" data-testid="pon-preprovision">
          Pre-provision OLT
        </button>
      )}
      <button
        type="button"
        className="primary"
        onClick={() => void refreshNow()}
        disabled={!endpoint || refresh.running}
        title="Poll this endpoint now (ListDevices) and update the cache"
        data-testid="pon-refresh"
        data-state={refresh.running ? 'running' : 'idle'}
      >
        {refresh.running ? 'Refreshing…' : 'Refresh now'}
      </button>
      {result && !result.running && (result.result || result.error) && (
        <span className={`pon-refresh-note${result.error ? ' export-error' : ''}`} data-testid="pon-refresh-note" data-state={result.error ? 'error' : 'ok'} title={result.error ?? undefined}>
          {result.error
            ? `Refresh failed: ${result.error}`
            : result.result
              ? `${plural(result.result.olts, 'OLT')} · ${plural(result.result.onus, 'ONU')} · ${formatCount(result.result.changed)} changed · ${formatMs(result.result.elapsedMs)}`
              : ''}
        </span>
      )}
      {deleting && (
        <ConfirmDialog
          title={`Remove endpoint ${deleting.name}?`}
          confirmLabel="Remove endpoint"
          danger
          onClose={() => setDeleting(null)}
          onConfirm={() => deleteEndpoint(deleting.id)}
        >
          <p>
            <strong>{deleting.name}</strong> (<span className="mono">{deleting.address}</span>) is removed from this workspace with its cached OLTs
            and ONUs. Nothing changes in VOLTHA itself.
          </p>
        </ConfirmDialog>
      )}
    </div>
  );
}
