// Says where a prefilled test came from (a NAS device or a subscriber) and what is still missing.
import { useRadius } from '../store';

export function PrefillBanner() {
  const prefill = useRadius((s) => s.prefill);
  const dismiss = useRadius((s) => s.dismissPrefill);
  if (!prefill) return null;
  const who =
    prefill.source === 'device'
      ? `NAS ${prefill.deviceName ?? (prefill.loading ? '…' : 'device')}`
      : `subscriber ${prefill.subscriberName ?? (prefill.loading ? '…' : '')}`;
  return (
    <div className={`radius-prefill${prefill.error ? ' has-error' : ''}`} role="status" data-testid="radius-prefill" data-source={prefill.source} data-state={prefill.loading ? 'loading' : prefill.error ? 'error' : 'ready'}>
      <span>
        {prefill.loading ? 'Prefilling from' : 'Prefilled from'} <strong>{who}</strong>
        {prefill.note && <span className="muted"> — {prefill.note}</span>}
        {prefill.error && <span className="field-error"> — could not prefill: {prefill.error}</span>}
      </span>
      <button type="button" className="icon-button" aria-label="Dismiss" onClick={dismiss}>
        ×
      </button>
    </div>
  );
}
