import { useAppInfo } from '../features/appInfo/store';
import { SyncChip } from '../features/sync/components/SyncChip';
import { useConnection, type ConnectionStatus } from '../lib/api';
import { formatCount } from '../lib/format';
import { PALETTE_SHORTCUT } from './NavSidebar';

const CONNECTION_TEXT: Record<ConnectionStatus, string> = {
  connecting: 'Connecting…',
  connected: 'Connected',
  disconnected: 'Disconnected',
  unauthorized: 'Token refused',
};

export function StatusBar() {
  const info = useAppInfo((s) => s.info);
  const status = useConnection((s) => s.status);
  const detail = useConnection((s) => s.detail);
  return (
    <footer className="status-bar" aria-label="Status">
      <span className={`conn conn-${status}`} data-testid="connection-state" data-state={status} title={detail}>
        <span className="conn-dot" aria-hidden="true" />
        {CONNECTION_TEXT[status]}
      </span>
      <span className="status-item" data-testid="status-tenant" title="Tenant">
        <span className="status-key">Tenant</span> {info?.tenantName ?? '—'}
      </span>
      <span className="status-item" data-testid="status-role" title="Role">
        <span className="status-key">Role</span> {info?.role ?? '—'}
      </span>
      <span className="status-item" data-testid="status-devices" title="Devices in this workspace">
        <span className="status-key">Devices</span> {info ? formatCount(info.deviceCount) : '—'}
      </span>
      <SyncChip />
      <span className="status-spacer" />
      {info && (
        <span className="status-item muted">
          {info.host} · v{info.version}
        </span>
      )}
      <span className="status-item muted">
        <kbd>{PALETTE_SHORTCUT}</kbd> go to
      </span>
    </footer>
  );
}
