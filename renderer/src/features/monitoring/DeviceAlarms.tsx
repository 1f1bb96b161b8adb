// A device's active alarms as a short list (severity, message, when); the Alarms page has the rest.
import { navigate } from '../../app/router';
import { formatTimestamp } from '../../lib/format';
import { useDeviceAlarms } from './useDeviceAlarms';

export function DeviceAlarms({ deviceId }: { deviceId: string }) {
  return <AlarmItems key={deviceId} deviceId={deviceId} />;
}

function AlarmItems({ deviceId }: { deviceId: string }) {
  const { loading, error, items, total } = useDeviceAlarms(deviceId);
  if (error !== null) {
    return (
      <p className="form-error" role="alert">
        {error}
      </p>
    );
  }
  if (loading) return <p className="muted">Loading alarms…</p>;
  return (
    <ul className="device-alarms" data-testid="device-alarms" data-count={total}>
      {items.map((a) => (
        <li key={a.id} data-testid="device-alarm" data-kind={a.kind} data-state={a.state}>
          <span className={`alarm-badge sev-${a.severity}`}>{a.severity}</span>
          <span className="device-alarm-message" title={`${a.kind} · ${a.source}`}>
            {a.message}
          </span>
          <span className="muted device-alarm-when">
            {formatTimestamp(a.lastSeenAt)}
            {a.count > 1 ? ` · ×${a.count}` : ''}
            {a.state === 'acked' ? ' · acknowledged' : ''}
          </span>
        </li>
      ))}
      {items.length === 0 && <li className="muted">No active alarms.</li>}
      {total > items.length && (
        <li>
          <button type="button" className="link-button" onClick={() => navigate('alarms')}>
            {total - items.length} more on the Alarms page
          </button>
        </li>
      )}
    </ul>
  );
}
