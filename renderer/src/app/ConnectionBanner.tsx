// Shown above the page whenever the console cannot reach its host, so stale data never
// passes for live data.
import { useEffect, useState } from 'react';
import { reconnectNow, useConnection } from '../lib/api';

/** Mounted afresh for each scheduled retry (keyed by its time), so its clock starts now. */
function RetryCountdown({ retryAt }: { retryAt: number }) {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const t = setInterval(() => setNow(Date.now()), 500);
    return () => clearInterval(t);
  }, []);
  const seconds = Math.max(0, Math.ceil((retryAt - now) / 1000));
  return <span className="muted">{seconds > 0 ? ` Retrying in ${seconds} s.` : ' Retrying…'}</span>;
}

export function ConnectionBanner() {
  const status = useConnection((s) => s.status);
  const detail = useConnection((s) => s.detail);
  const retryAt = useConnection((s) => s.retryAt);

  if (status === 'connected' || status === 'connecting') return null;
  return (
    <div className={`banner banner-${status}`} role="alert" data-testid="connection-banner">
      <strong>{status === 'unauthorized' ? 'Not signed in to the console host.' : 'Disconnected from the console host.'}</strong>{' '}
      <span>{detail}</span>
      {status === 'disconnected' && (
        <>
          {retryAt !== null && <RetryCountdown key={retryAt} retryAt={retryAt} />}
          <button type="button" onClick={reconnectNow} data-testid="reconnect-now">
            Retry now
          </button>
        </>
      )}
    </div>
  );
}
