// The interface-rates table of a device (topology node panel, device detail): name, oper status,
// in/out bit/s of the last poll interval and, where the speed is known, utilisation. Live: it
// follows the poller's events for the device.
import { formatTimestamp } from '../../lib/format';
import { formatBps, utilisationOf } from './liveInterfaces';
import { useLiveInterfaces } from './useLiveInterfaces';

interface Props {
  deviceId: string;
  /** Without the speed column, for narrow panels. */
  compact?: boolean;
}

export function InterfaceRates({ deviceId, compact = false }: Props) {
  // keyed by device: another device starts from a fresh read, not from this one's rows
  return <LiveTable key={deviceId} deviceId={deviceId} compact={compact} />;
}

function LiveTable({ deviceId, compact }: Required<Props>) {
  const { loading, error, at, interfaces } = useLiveInterfaces(deviceId);
  if (error !== null) {
    return (
      <p className="form-error" role="alert" data-testid="interface-rates-error">
        {error}
      </p>
    );
  }
  if (loading) return <p className="muted">Loading interfaces…</p>;
  if (at === null) {
    return (
      <p className="muted" data-testid="interface-rates-empty">
        Not polled yet: the poller monitors devices with an SNMP profile.
      </p>
    );
  }
  return (
    <div className="interface-rates" data-testid="interface-rates" data-count={interfaces.length} data-at={at}>
      <p className="muted interface-rates-when">Polled {formatTimestamp(at)}</p>
      <table className="interface-rates-table">
        <thead>
          <tr>
            <th>Interface</th>
            <th>Status</th>
            <th className="num">In</th>
            <th className="num">Out</th>
            {!compact && <th className="num">Speed</th>}
            <th className="num">Util.</th>
          </tr>
        </thead>
        <tbody>
          {interfaces.map((i) => {
            const u = utilisationOf(i);
            return (
              <tr key={i.ifIndex} data-testid="interface-rate-row" data-name={i.name} data-oper={i.operStatus}>
                <td className="mono" title={`ifIndex ${i.ifIndex}`}>
                  {i.name || `#${i.ifIndex}`}
                </td>
                <td>
                  <span className={`if-oper if-oper-${i.operStatus === 'up' ? 'up' : i.operStatus === 'down' ? 'down' : 'other'}`}>{i.operStatus || '?'}</span>
                </td>
                <td className="num mono" data-testid="interface-in">
                  {formatBps(i.inBps)}
                </td>
                <td className="num mono" data-testid="interface-out">
                  {formatBps(i.outBps)}
                </td>
                {!compact && <td className="num mono">{formatBps(i.speedBps)}</td>}
                <td className="num mono">{u === null ? '—' : `${Math.round(u * 100)}%`}</td>
              </tr>
            );
          })}
          {interfaces.length === 0 && (
            <tr>
              <td colSpan={compact ? 5 : 6} className="muted">
                The device reported no interfaces.
              </td>
            </tr>
          )}
        </tbody>
      </table>
    </div>
  );
}
