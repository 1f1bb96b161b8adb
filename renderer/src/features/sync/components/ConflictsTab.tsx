// The conflicts inbox: a field this console changed that someone else changed on the server since
// this console last saw it. Both values side by side — mine, and theirs with who wrote it — and which
// one the row kept (the table's policy decided). Keep mine / Keep theirs / Merge… (text fields: a
// box prefilled with both) settles it; a choice that differs from the row queues a normal change.
import { useEffect, useState } from 'react';
import { errorMessage } from '../../../lib/api';
import { formatTimestamp } from '../../../lib/format';
import { showValue, useConflicts, useSyncStatus, type ConflictItem } from '../store';

const POLICY_LABELS: Record<string, string> = {
  'field-lww': 'last writer wins per field',
  'server-wins': 'the server’s value wins',
  'insert-only': 'insert only',
};

function mergeSeed(c: ConflictItem): string {
  const mine = typeof c.mine === 'string' ? c.mine : c.mine === null ? '' : String(c.mine);
  const theirs = typeof c.theirs === 'string' ? c.theirs : c.theirs === null ? '' : String(c.theirs);
  if (!mine) return theirs;
  if (!theirs || mine === theirs) return mine;
  return `${mine}\n${theirs}`;
}

function ValueBox({ side, c, testId }: { side: 'mine' | 'theirs'; c: ConflictItem; testId: string }) {
  const value = side === 'mine' ? c.mine : c.theirs;
  const kept = c.winner === side;
  return (
    <div className={`sync-value sync-value-${side}${kept ? ' sync-value-kept' : ''}`} data-testid={testId} data-kept={kept}>
      <div className="sync-value-head">
        <strong>{side === 'mine' ? 'Mine (this console)' : `Theirs${c.theirsBy ? ` — by ${c.theirsBy}` : ''}`}</strong>
        {kept && (
          <span className="sync-kept-badge" data-testid={`${testId}-kept`}>
            row kept this
          </span>
        )}
      </div>
      <pre className={`sync-value-text${value === null ? ' muted' : ''}`} data-testid={`${testId}-value`}>
        {showValue(value)}
      </pre>
    </div>
  );
}

function ConflictCard({ c }: { c: ConflictItem }) {
  const resolve = useConflicts((s) => s.resolve);
  const [merging, setMerging] = useState(false);
  const [merged, setMerged] = useState(() => mergeSeed(c));
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const textual = typeof c.mine === 'string' || typeof c.theirs === 'string' || (c.mine === null && c.theirs === null);
  const open = c.resolvedAt === null;

  const settle = async (choice: 'mine' | 'theirs' | 'merged') => {
    setBusy(true);
    setError(null);
    try {
      await resolve(c.id, choice, choice === 'merged' ? merged : undefined);
    } catch (err) {
      setError(errorMessage(err));
      setBusy(false);
    }
  };

  return (
    <li className={`card sync-conflict${open ? '' : ' sync-conflict-resolved'}`} data-testid="conflict-item" data-id={c.id} data-table={c.table} data-row={c.rowId} data-field={c.field} data-resolved={!open}>
      <div className="sync-conflict-head">
        <h3>
          <span className="mono">{c.table}</span> · <span className="mono">{c.field}</span>
        </h3>
        <span className="muted mono sync-ellipsis" title={c.rowId}>
          row {c.rowId}
        </span>
        <span className="toolbar-spacer" />
        <span className="muted">
          {formatTimestamp(c.createdAt)} · {POLICY_LABELS[c.policy] ?? c.policy}
        </span>
      </div>
      <div className="sync-values">
        <ValueBox side="mine" c={c} testId="conflict-mine" />
        <ValueBox side="theirs" c={c} testId="conflict-theirs" />
      </div>
      <p className="muted">
        Now in this cache: <span className="mono" data-testid="conflict-current">{showValue(c.current)}</span>
      </p>
      {open ? (
        <>
          {merging && (
            <div className="sync-merge">
              <label htmlFor={`merge-${c.id}`}>Merged value</label>
              <textarea id={`merge-${c.id}`} rows={4} value={merged} onChange={(e) => setMerged(e.target.value)} data-testid="conflict-merge-text" />
            </div>
          )}
          <div className="sync-conflict-actions">
            {merging ? (
              <>
                <button type="button" className="primary" disabled={busy} onClick={() => void settle('merged')} data-testid="conflict-merge-save">
                  Save merged value
                </button>
                <button type="button" disabled={busy} onClick={() => setMerging(false)}>
                  Cancel
                </button>
              </>
            ) : (
              <>
                <button type="button" disabled={busy} onClick={() => void settle('mine')} data-testid="conflict-keep-mine">
                  Keep mine
                </button>
                <button type="button" disabled={busy} onClick={() => void settle('theirs')} data-testid="conflict-keep-theirs">
                  Keep theirs
                </button>
                {textual && (
                  <button type="button" disabled={busy} onClick={() => setMerging(true)} data-testid="conflict-merge">
                    Merge…
                  </button>
                )}
              </>
            )}
          </div>
        </>
      ) : (
        <p data-testid="conflict-resolution">
          Resolved {c.resolvedAt === null ? '' : formatTimestamp(c.resolvedAt)}: {c.resolution === 'merged' ? 'merged value' : c.resolution === 'mine' ? 'kept mine' : 'kept theirs'}
        </p>
      )}
      {error && (
        <p className="form-error" role="alert" data-testid="conflict-error">
          {error}
        </p>
      )}
    </li>
  );
}

export function ConflictsTab() {
  const { items, loading, error, includeResolved, setIncludeResolved, load } = useConflicts();
  const open = useSyncStatus((s) => s.status?.conflicts ?? 0);
  const cursor = useSyncStatus((s) => s.status?.cursor ?? 0);

  useEffect(() => {
    void load();
  }, [load, open, cursor]);

  return (
    <div className="sync-tab-body" data-testid="sync-conflicts-tab">
      <div className="toolbar sync-tab-toolbar">
        <label className="sync-inline-check">
          <input type="checkbox" checked={includeResolved} onChange={(e) => setIncludeResolved(e.target.checked)} data-testid="conflicts-include-resolved" />
          Show resolved
        </label>
        <span className="toolbar-total">{loading && items.length === 0 ? 'Loading…' : `${items.length} shown`}</span>
      </div>
      {error && (
        <p className="form-error" role="alert" data-testid="conflicts-error">
          {error}
        </p>
      )}
      {items.length === 0 && !loading ? (
        <div className="empty-state" role="status" data-testid="conflicts-empty">
          <p>No conflicts: nobody changed the same fields as this console while it was away.</p>
        </div>
      ) : (
        <ul className="sync-conflict-list" aria-label="Conflicts">
          {items.map((c) => (
            <ConflictCard key={c.id} c={c} />
          ))}
        </ul>
      )}
    </div>
  );
}
