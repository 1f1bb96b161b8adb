// The outbox: local changes not yet on the server. Pending ones go up with the next push; ones the
// server refused (validation, permission) wait here for review with its code and message. Retry
// sends refused entries again; Discard drops entries for good (behind a confirmation).
import { useEffect, useState } from 'react';
import { errorMessage } from '../../../lib/api';
import { formatTimestamp } from '../../../lib/format';
import { ConfirmDialog } from '../../../ui/ConfirmDialog';
import { useOutbox, useSyncStatus, type OutboxFilter, type OutboxItem } from '../store';

const FILTER_LABELS: Record<OutboxFilter, string> = { all: 'Pending and needs review', pending: 'Pending', review: 'Needs review' };

function fieldsOf(item: OutboxItem): string {
  const keys = Object.keys(item.patch);
  if (item.op === 'delete') return '(row deleted)';
  return keys.length ? keys.join(', ') : '—';
}

function patchTitle(item: OutboxItem): string {
  return Object.entries(item.patch)
    .map(([k, v]) => `${k} = ${typeof v === 'string' ? v : JSON.stringify(v)}`)
    .join('\n');
}

export function OutboxTab() {
  const { filter, items, total, loading, error, selected, note, setFilter, load, toggle, selectAll, retry, discard } = useOutbox();
  const pending = useSyncStatus((s) => s.status?.pending ?? 0);
  const review = useSyncStatus((s) => s.status?.review ?? 0);
  const [discarding, setDiscarding] = useState<readonly number[] | null>(null);
  const [actionError, setActionError] = useState<string | null>(null);

  // reload whenever the counts move (a push went out, a refusal came back, a local edit was queued)
  useEffect(() => {
    void load();
  }, [load, pending, review]);

  const doRetry = (seqs: readonly number[]) => {
    setActionError(null);
    retry(seqs).catch((err: unknown) => setActionError(errorMessage(err)));
  };

  const selectedSeqs = items.filter((i) => selected.has(i.seq)).map((i) => i.seq);
  const allSelected = items.length > 0 && selectedSeqs.length === items.length;

  return (
    <div className="sync-tab-body" data-testid="sync-outbox">
      <div className="toolbar sync-tab-toolbar">
        <select aria-label="Show" value={filter} onChange={(e) => setFilter(e.target.value as OutboxFilter)} data-testid="outbox-filter">
          {(Object.keys(FILTER_LABELS) as OutboxFilter[]).map((f) => (
            <option key={f} value={f}>
              {FILTER_LABELS[f]}
            </option>
          ))}
        </select>
        <span className="toolbar-total" data-testid="outbox-total" data-total={total}>
          {loading && items.length === 0 ? 'Loading…' : `${total} entr${total === 1 ? 'y' : 'ies'}`}
        </span>
        <span className="toolbar-spacer" />
        <span className="muted">{selectedSeqs.length} selected</span>
        <button type="button" onClick={() => doRetry(selectedSeqs)} disabled={selectedSeqs.length === 0} data-testid="outbox-retry-selected">
          Retry selected
        </button>
        <button type="button" className="danger" onClick={() => setDiscarding(selectedSeqs)} disabled={selectedSeqs.length === 0} data-testid="outbox-discard-selected">
          Discard selected…
        </button>
      </div>
      {(error ?? actionError) && (
        <p className="form-error" role="alert" data-testid="outbox-error">
          {error ?? actionError}
        </p>
      )}
      {note && (
        <p className="muted" role="status" data-testid="outbox-note">
          {note}
        </p>
      )}
      {items.length === 0 && !loading ? (
        <div className="empty-state" role="status" data-testid="outbox-empty">
          <p>Nothing waiting: every local change is on the server.</p>
        </div>
      ) : (
        <div className="sync-table-wrap">
          <table className="sync-table" aria-label="Outbox">
            <thead>
              <tr>
                <th scope="col" className="sync-check">
                  <input type="checkbox" aria-label="Select all" checked={allSelected} onChange={(e) => selectAll(e.target.checked)} data-testid="outbox-select-all" />
                </th>
                <th scope="col">Table</th>
                <th scope="col">Change</th>
                <th scope="col">Row</th>
                <th scope="col">Fields changed</th>
                <th scope="col">State</th>
                <th scope="col">Queued</th>
                <th scope="col">
                  <span className="sr-only">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {items.map((item) => (
                <tr key={item.seq} data-testid="outbox-row" data-seq={item.seq} data-status={item.status} data-table={item.table} data-row={item.rowId} className={item.status === 'review' ? 'sync-row-review' : undefined}>
                  <td className="sync-check">
                    <input type="checkbox" aria-label={`Select change ${item.seq}`} checked={selected.has(item.seq)} onChange={() => toggle(item.seq)} data-testid="outbox-select" />
                  </td>
                  <td className="mono">{item.table}</td>
                  <td>{item.op}</td>
                  <td className="mono sync-ellipsis" title={item.rowId}>
                    {item.rowId}
                  </td>
                  <td className="mono sync-ellipsis" title={patchTitle(item)} data-testid="outbox-fields">
                    {fieldsOf(item)}
                  </td>
                  <td data-testid="outbox-state">
                    {item.status === 'review' ? (
                      <span className="sync-review-text">
                        <strong>Needs review</strong>
                        {item.reviewCode ? <span className="mono"> {item.reviewCode}</span> : null}
                        {item.reviewMessage ? `: ${item.reviewMessage}` : ''}
                      </span>
                    ) : (
                      <span>
                        Pending
                        {item.attempts > 0 ? ` (${item.attempts} attempt${item.attempts === 1 ? '' : 's'}${item.lastError ? `: ${item.lastError}` : ''})` : ''}
                      </span>
                    )}
                  </td>
                  <td className="muted">{formatTimestamp(item.createdAt)}</td>
                  <td className="sync-actions">
                    {item.status === 'review' && (
                      <button type="button" onClick={() => doRetry([item.seq])} data-testid="outbox-retry">
                        Retry
                      </button>
                    )}
                    <button type="button" className="danger" onClick={() => setDiscarding([item.seq])} data-testid="outbox-discard">
                      Discard…
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {discarding && (
        <ConfirmDialog
          title="Discard local changes"
          confirmLabel={`Discard ${discarding.length}`}
          danger
          onConfirm={async () => {
            await discard(discarding);
          }}
          onClose={() => setDiscarding(null)}
        >
          <p>
            {discarding.length === 1 ? 'This change' : `These ${discarding.length} changes`} will never be sent to the server. The local rows keep their values until the next pull brings
            the server’s. This cannot be undone.
          </p>
        </ConfirmDialog>
      )}
    </div>
  );
}
