import type { DeviceStatus } from '../../../../../shared/domain/device';

const STATUS_TEXT: Record<DeviceStatus, string> = {
  up: 'Up',
  degraded: 'Degraded',
  down: 'Down',
  unknown: 'Unknown',
  maintenance: 'Maintenance',
};

/** A shape as well as a colour, so the state reads without colour vision or in sunlight. */
const STATUS_MARK: Record<DeviceStatus, string> = {
  up: '▲',
  degraded: '◆',
  down: '▼',
  unknown: '?',
  maintenance: '⚒',
};

export const STATUS_LABELS: Record<DeviceStatus, string> = {
  up: 'Up',
  degraded: 'Degraded',
  down: 'Down',
  unknown: 'Unknown',
  maintenance: 'Maintenance',
};

export function StatusBadge({ status }: { status: DeviceStatus }) {
  return (
    <span className={`badge status-badge status-${status}`} title={STATUS_LABELS[status]} data-status={status}>
      <span aria-hidden="true" className="badge-mark">
        {STATUS_MARK[status]}
      </span>
      {STATUS_TEXT[status]}
    </span>
  );
}
