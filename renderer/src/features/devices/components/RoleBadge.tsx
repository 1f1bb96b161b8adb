import { DEVICE_ROLE_LABELS, type DeviceRole } from '../../../../../shared/domain/device';

export function RoleBadge({ role }: { role: DeviceRole }) {
  return (
    <span className={`badge role-badge role-${role}`} data-role={role}>
      {DEVICE_ROLE_LABELS[role]}
    </span>
  );
}
