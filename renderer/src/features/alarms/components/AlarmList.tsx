// The alarm rows, newest first: fixed-height rows with only the visible ones in the DOM
// (@tanstack/react-virtual), the next page fetched when the end comes into view. Each row shows
// its severity in colour, state, when, where from, how many times, and who acknowledged it.
import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useRef } from 'react';
import { formatTimestamp } from '../../../lib/format';
import { useAlarms, type Alarm } from '../store';

const ROW_HEIGHT = 46;

interface Props {
  onAck: (a: Alarm) => void;
  onClear: (a: Alarm) => void;
}

function AlarmRow({ a, onAck, onClear }: { a: Alarm } & Props) {
  return (
    <div className={`alarm-row alarm-${a.state}`} role="row" data-testid="alarm-row" data-id={a.id} data-kind={a.kind} data-state={a.state} data-severity={a.severity}>
      <div className="cell alarm-sev" role="cell">
        <span className={`alarm-badge sev-${a.severity}`}>{a.severity}</span>
      </div>
      <div className="cell alarm-when" role="cell" title={`last seen ${formatTimestamp(a.lastSeenAt)}`}>
        {formatTimestamp(a.raisedAt)}
      </div>
      <div className="cell alarm-main" role="cell">
        <div className="alarm-message" title={a.message}>
          {a.message}
        </div>
        <div className="alarm-meta muted">
          {a.deviceName ?? 'no device'} · {a.kind} · {a.source}
          {a.count > 1 && <span className="alarm-count" data-testid="alarm-count">{` · ×${a.count}`}</span>}
          {a.ackedBy !== null && (
            <span className="alarm-acked" data-testid="alarm-acked-by" title={a.ackNote ?? ''}>
              {` · acknowledged by ${a.ackedBy}${a.ackNote ? `: ${a.ackNote}` : ''}`}
            </span>
          )}
          {a.clearedAt !== null && <span>{` · cleared ${formatTimestamp(a.clearedAt)}`}</span>}
        </div>
      </div>
      <div className="cell alarm-actions" role="cell">
        {a.state === 'open' && (
          <button type="button" onClick={() => onAck(a)} data-testid="alarm-ack">
            Acknowledge
          </button>
        )}
        {a.state !== 'cleared' && (
          <button type="button" onClick={() => onClear(a)} data-testid="alarm-clear">
            Clear
          </button>
        )}
      </div>
    </div>
  );
}

export function AlarmList({ onAck, onClear }: Props) {
  const items = useAlarms((s) => s.items);
  const total = useAlarms((s) => s.total);
  const seq = useAlarms((s) => s.seq);
  const loadMore = useAlarms((s) => s.loadMore);
  const scrollRef = useRef<HTMLDivElement>(null);
  // this app does not use the React Compiler, so the virtualizer's unmemoizable API is fine here
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({ count: items.length, getScrollElement: () => scrollRef.current, estimateSize: () => ROW_HEIGHT, overscan: 10 });
  const virtualItems = virtualizer.getVirtualItems();
  const last = virtualItems[virtualItems.length - 1]?.index ?? 0;

  useEffect(() => {
    if (items.length > 0 && last >= items.length - 20 && items.length < total) void loadMore();
  }, [last, items.length, total, loadMore]);

  if (items.length === 0) {
    return (
      <div className="empty-state" data-testid="alarms-empty" data-seq={seq}>
        No alarms match.
      </div>
    );
  }
  return (
    <div ref={scrollRef} className="alarm-scroll" role="grid" aria-label="Alarms" aria-rowcount={total} data-testid="alarms-list" data-count={items.length} data-seq={seq}>
      <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
        {virtualItems.map((v) => {
          const a = items[v.index];
          if (!a) return null;
          return (
            <div key={a.id} className="alarm-slot" style={{ transform: `translateY(${v.start}px)`, height: ROW_HEIGHT }}>
              <AlarmRow a={a} onAck={onAck} onClear={onClear} />
            </div>
          );
        })}
      </div>
    </div>
  );
}
