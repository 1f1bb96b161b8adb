// Everything known about the selected device, with Edit and Delete.
import type { ReactNode } from 'react';
import type { Device, DeviceRole } from '../../../../../shared/domain/device';
import { DEVICE_ROLE_LABELS } from '../../../../../shared/domain/device';
import { navigate } from '../../../app/router';
import { formatTimestamp } from '../../../lib/format';
import { useCan } from '../../appInfo/store';
import { InterfaceRates } from '../../monitoring/InterfaceRates';
import { SshButton } from '../../terminals/components/SshButton';
import { useDevices } from '../store';
import { StatusBadge } from './StatusBadge';

interface DeviceDetailPanelProps {
  onClose: () => void;
  onEdit: (d: Device) => void;
  onDelete: (d: Device) => void;
}

/** Roles that act as a RADIUS client (NAS): BNGs/BRASes, routers terminating PPPoE or hotspots, APs. */
const NAS_ROLES: ReadonlySet<DeviceRole> = new Set<DeviceRole>(['bng', 'edge_router', 'core_router', 'wireless_ap']);

function Field({ label, children, mono }: { label: string; children: ReactNode; mono?: boolean }) {
  return (
    <>
      <dt>{label}</dt>
      <dd className={mono ? 'mono' : undefined}>{children}</dd>
    </>
  );
}

export function DeviceDetailPanel({ onClose, onEdit, onDelete }: DeviceDetailPanelProps) {
  const detail = useDevices((s) => s.detail);
  const loading = useDevices((s) => s.detailLoading);
  const error = useDevices((s) => s.detailError);
  const sites = useDevices((s) => s.sites);
  const profiles = useDevices((s) => s.profiles);
  const canWrite = useCan('devices:write');
  const canTestRadius = useCan('radius:test');

  const profileName = (id: string | null): ReactNode => {
    if (!id) return <span className="muted">none</span>;
    const p = profiles.find((x) => x.id === id);
    return p ? `${p.name} (${p.kind.replace('_', ' ')})` : <span className="muted mono">{id}</span>;
  };

  const site = detail?.siteId ? sites.find((s) => s.id === detail.siteId) : undefined;

  return (
    <aside className="detail-panel" aria-label="Device detail" data-testid="device-detail">
      <header className="detail-header">
        <h2 data-testid="device-detail-name" title={detail?.name}>
          {detail?.name ?? (loading ? 'Loading…' : 'Device')}
        </h2>
        <button type="button" className="icon-button" aria-label="Close detail" title="Close (Esc)" onClick={onClose}>
          ×
        </button>
      </header>
      {error && !detail && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
      {detail && (
        <>
          <div className="detail-status">
            <StatusBadge status={detail.status} />
            <span className="mono detail-address">{detail.mgmtAddress}</span>
          </div>
          <dl className="detail-fields">
            <Field label="Role">{DEVICE_ROLE_LABELS[detail.role]}</Field>
            <Field label="Management address" mono>
              {detail.mgmtAddress}
            </Field>
            <Field label="Vendor">{detail.vendor || <span className="muted">—</span>}</Field>
            <Field label="Model">{detail.model || <span className="muted">—</span>}</Field>
            <Field label="Site">
              {detail.siteName ?? <span className="muted">none</span>}
              {site && (
                <span className="muted">
                  {' '}
                  · {site.code ? `${site.code} · ` : ''}
                  {site.region || site.timezone}
                </span>
              )}
            </Field>
            <Field label="Location">{detail.location || <span className="muted">—</span>}</Field>
            <Field label="SNMP profile">{profileName(detail.snmpProfileId)}</Field>
            <Field label="SSH profile">{profileName(detail.sshProfileId)}</Field>
            <Field label="Notes">{detail.notes ? <span className="notes">{detail.notes}</span> : <span className="muted">—</span>}</Field>
            <Field label="Updated">{formatTimestamp(detail.updatedAt)}</Field>
            <Field label="Version" mono>
              {detail.version}
            </Field>
            <Field label="ID" mono>
              {detail.id}
            </Field>
          </dl>
          <div className="detail-actions">
            <SshButton device={detail} />
            <button
              type="button"
              onClick={() => onEdit(detail)}
              disabled={!canWrite}
              title={canWrite ? 'Edit (e)' : 'Your role may not edit devices'}
              data-testid="device-edit"
            >
              Edit
            </button>
            <button
              type="button"
              className="danger"
              onClick={() => onDelete(detail)}
              disabled={!canWrite}
              title={canWrite ? 'Delete (Del)' : 'Your role may not delete devices'}
              data-testid="device-delete"
            >
              Delete
            </button>
            {canTestRadius && NAS_ROLES.has(detail.role) && (
              <button
                type="button"
                onClick={() => navigate('radius', `device:${detail.id}`)}
                title="Open the RADIUS test client prefilled for this NAS"
                data-testid="device-test-radius"
              >
                Test RADIUS
              </button>
            )}
          </div>
          {error && (
            <p className="form-error" role="alert">
              {error}
            </p>
          )}
          <section className="detail-section" aria-label="Interfaces (live)" data-testid="device-interfaces">
            <h3>Interfaces (live)</h3>
            <InterfaceRates deviceId={detail.id} compact />
          </section>
        </>
      )}
    </aside>
  );
}
