// The open OLT or ONU, live from the core (voltha.device.get): states, identity, parent port, the
// subscriber on this ONU serial, the inventory device, its ports, and the actions (voltha:manage),
// each behind a confirmation that names the device and what will happen. When the core cannot be
// reached the cached state is shown and says so; the core's refusals are shown as it words them.
import { useState, type ReactNode } from 'react';
import type { PonDeviceAction } from '../../../../../shared/domain/voltha';
import { navigate } from '../../../app/router';
import { formatCount, formatTimestamp } from '../../../lib/format';
import { ConfirmDialog } from '../../../ui/ConfirmDialog';
import { useCan } from '../../appInfo/store';
import { shortId } from '../format';
import { usePon } from '../store';
import type { PonDevice, TreeOlt } from '../types';
import { StateBadge } from './StateBadge';

function Field({ label, children, mono, testId }: { label: string; children: ReactNode; mono?: boolean; testId?: string }) {
  return (
    <>
      <dt>{label}</dt>
      <dd className={mono ? 'mono' : undefined} data-testid={testId}>
        {children}
      </dd>
    </>
  );
}

const ACTION_LABEL: Record<PonDeviceAction, string> = { enable: 'Enable', disable: 'Disable', reboot: 'Reboot', delete: 'Delete' };

/** What happens, in the words a NOC technician reads before confirming. */
function consequence(action: PonDeviceAction, d: PonDevice, olt: TreeOlt | undefined): ReactNode {
  const name = <strong className="mono">{d.serialNumber || d.id}</strong>;
  if (d.kind === 'olt') {
    const n = olt ? formatCount(olt.onuCounts.total) : 'all';
    const host = d.hostAndPort ? <span className="mono"> ({d.hostAndPort})</span> : null;
    switch (action) {
      case 'enable':
        return (
          <p>
            The core connects to OLT {name}
            {host}, brings up its PON ports and discovers and activates its ONUs.
          </p>
        );
      case 'disable':
        return (
          <p>
            OLT {name}
            {host} is disabled: its PON ports go down and <strong>{n} ONUs</strong> on it lose service until it is enabled again.
          </p>
        );
      case 'reboot':
        return (
          <p>
            OLT {name}
            {host} restarts: <strong>{n} ONUs</strong> on it lose service until it is back and they have re-activated.
          </p>
        );
      case 'delete':
        return (
          <p>
            OLT {name}
            {host} and its <strong>{n} ONUs</strong> are removed from VOLTHA: their service stops and the core forgets their
            configuration. Pre-provision the OLT again to bring it back.
          </p>
        );
    }
  }
  const who = d.subscriberName ? (
    <>
      {' '}
      Subscriber <strong>{d.subscriberName}</strong>
      {d.subscriberAccount ? ` (${d.subscriberAccount})` : ''}
    </>
  ) : (
    ' The subscriber on it'
  );
  switch (action) {
    case 'enable':
      return <p>ONU {name} is enabled: the core activates it and service returns once it is ACTIVE.</p>;
    case 'disable':
      return (
        <p>
          ONU {name} is disabled.{who} loses service until it is enabled again.
        </p>
      );
    case 'reboot':
      return (
        <p>
          ONU {name} restarts.{who} loses service for the minute or so it takes to come back.
        </p>
      );
    case 'delete':
      return (
        <p>
          ONU {name} is removed from VOLTHA and its flows with it.{who} loses service; if the ONU is still connected it is
          discovered again as a new device.
        </p>
      );
  }
}

export function DeviceDetailPanel({ onClose }: { onClose: () => void }) {
  const detail = usePon((s) => s.detail);
  const tree = usePon((s) => s.tree);
  const act = usePon((s) => s.act);
  const setScope = usePon((s) => s.setScope);
  const reloadDetail = usePon((s) => s.reloadDetail);
  const canManage = useCan('voltha:manage');
  const canTestRadius = useCan('radius:test');
  const [confirming, setConfirming] = useState<{ action: PonDeviceAction; device: PonDevice } | null>(null);
  const [done, setDone] = useState<{ id: string; text: string } | null>(null);

  if (!detail) return null;
  const device = detail.data?.device ?? detail.cached;
  const live = detail.data?.live ?? null;
  const kind = device?.kind ?? 'onu';
  const olt = device ? tree.find((t) => t.olt.id === (device.kind === 'olt' ? device.id : device.parentId)) : undefined;
  const port = device?.kind === 'onu' ? olt?.ponPorts.find((p) => p.portNo === device.parentPortNo) : undefined;
  const state = detail.deleted ? 'deleted' : detail.loading && !detail.data ? 'loading' : detail.error && !detail.data ? 'error' : 'ready';
  const title = device ? `${kind === 'olt' ? 'OLT' : 'ONU'} ${device.serialNumber || shortId(device.id)}` : detail.loading ? 'Loading…' : 'Device';

  const missing = detail.errorCode === 'NOT_FOUND';
  const can = (action: PonDeviceAction): string | null => {
    if (!canManage) return 'Your role may not change VOLTHA devices (needs voltha:manage)';
    if (!device || detail.deleted) return 'No device';
    if (missing) return 'VOLTHA no longer has this device';
    if (action === 'enable' && device.adminState === 'ENABLED') return 'Already enabled';
    if (action === 'disable' && (device.adminState === 'DISABLED' || device.adminState === 'PREPROVISIONED')) return `The device is ${device.adminState}`;
    return null;
  };

  return (
    <aside
      className="detail-panel pon-detail"
      aria-label={`${kind === 'olt' ? 'OLT' : 'ONU'} detail`}
      data-testid="pon-detail"
      data-kind={kind}
      data-state={state}
      data-live={live === null ? undefined : String(live)}
      data-device-id={detail.id}
      data-serial={device?.serialNumber}
      data-missing={missing ? 'true' : undefined}
    >
      <header className="detail-header">
        <h2 title={device?.id} data-testid="pon-detail-title">
          {title}
        </h2>
        <button type="button" className="icon-button" aria-label="Refresh this device" title="Ask the core again" onClick={() => void reloadDetail()} disabled={detail.loading || detail.deleted} data-testid="pon-detail-reload">
          ↻
        </button>
        <button type="button" className="icon-button" aria-label="Close detail" title="Close (Esc)" onClick={onClose} data-testid="pon-detail-close">
          ×
        </button>
      </header>
      {detail.deleted && (
        <p className="pon-notice" role="status" data-testid="pon-detail-deleted">
          Deleted from VOLTHA.
        </p>
      )}
      {detail.error && (
        <p className="form-error" role="alert" data-testid="pon-detail-error">
          {detail.error}
        </p>
      )}
      {detail.data && !detail.data.live && (
        <p className="pon-notice pon-stale" role="status" data-testid="pon-detail-stale">
          Not live: {(detail.data.error ?? 'the core could not be reached').replace(/\.+$/, '')}. Showing the cached state
          {device ? ` of ${formatTimestamp(device.changedAt)}` : ''}.
        </p>
      )}
      {device && !detail.deleted && (
        <>
          <div className="detail-status pon-detail-states">
            <StateBadge kind="admin" state={device.adminState} testId="pon-detail-admin" />
            <StateBadge kind="oper" state={device.operStatus} testId="pon-detail-oper" />
            <StateBadge kind="connect" state={device.connectStatus} testId="pon-detail-connect" />
            {detail.loading && <span className="muted pon-detail-loading">asking the core…</span>}
          </div>
          <dl className="detail-fields">
            <Field label="Serial number" mono testId="pon-detail-serial">
              {device.serialNumber || <span className="muted">—</span>}
            </Field>
            <Field label="Reason" testId="pon-detail-reason">
              {device.reason || <span className="muted">—</span>}
            </Field>
            {device.kind === 'onu' ? (
              <Field label="OLT / PON port" mono testId="pon-detail-parent">
                {olt ? (
                  <button
                    type="button"
                    className="link-button"
                    title="Show the ONUs of this PON port"
                    onClick={() => setScope({ oltId: device.parentId, portNo: device.parentPortNo })}
                  >
                    {olt.olt.serialNumber || shortId(device.parentId)} / {port?.label || `PON ${device.parentPortNo}`}
                  </button>
                ) : (
                  `${shortId(device.parentId)} / ${device.parentPortNo}`
                )}
              </Field>
            ) : (
              <>
                <Field label="host_and_port" mono testId="pon-detail-host">
                  {device.hostAndPort || <span className="muted">—</span>}
                </Field>
                {olt && (
                  <Field label="ONUs" testId="pon-detail-onus">
                    <button type="button" className="link-button" title="Show the ONUs of this OLT" onClick={() => setScope({ oltId: device.id, portNo: null })}>
                      {formatCount(olt.onuCounts.total)} ({formatCount(olt.onuCounts.active)} active, {formatCount(olt.onuCounts.down)} down,{' '}
                      {formatCount(olt.onuCounts.disabled)} disabled)
                    </button>
                  </Field>
                )}
              </>
            )}
            {device.kind === 'onu' && (
              <Field label="Subscriber" testId="pon-detail-subscriber">
                {device.subscriberId ? (
                  <span className="pon-subscriber">
                    <span>
                      {device.subscriberName ?? shortId(device.subscriberId)}
                      {device.subscriberAccount && <span className="muted mono"> {device.subscriberAccount}</span>}
                    </span>
                    {canTestRadius && (
                      <button
                        type="button"
                        className="link-button"
                        onClick={() => navigate('radius', `subscriber:${device.subscriberId}`)}
                        title="Open the RADIUS test client prefilled for this subscriber"
                        data-testid="pon-detail-radius"
                      >
                        Test RADIUS login
                      </button>
                    )}
                  </span>
                ) : (
                  <span className="muted">No subscriber has this ONU serial</span>
                )}
              </Field>
            )}
            <Field label="Inventory device" testId="pon-detail-inventory">
              {device.inventoryDeviceId ? (
                <a href={`#/devices/${encodeURIComponent(device.inventoryDeviceId)}`} data-testid="pon-detail-inventory-link">
                  {device.inventoryDeviceName ?? shortId(device.inventoryDeviceId)}
                </a>
              ) : (
                <span className="muted">not linked</span>
              )}
            </Field>
            <Field label="Type">{device.type || <span className="muted">—</span>}</Field>
            <Field label="Vendor / model">{[device.vendor, device.model].filter(Boolean).join(' · ') || <span className="muted">—</span>}</Field>
            <Field label="State changed">{device.changedAt ? formatTimestamp(device.changedAt) : <span className="muted">—</span>}</Field>
            <Field label="VOLTHA id" mono testId="pon-detail-id">
              {device.id}
            </Field>
          </dl>
          {detail.data && detail.data.ports.length > 0 && (
            <section className="pon-detail-ports" aria-label="Ports">
              <h3 className="section-title">Ports</h3>
              <table className="radius-table pon-ports-table" data-testid="pon-detail-ports">
                <thead>
                  <tr>
                    <th>Port</th>
                    <th>Type</th>
                    <th>Admin / oper</th>
                  </tr>
                </thead>
                <tbody>
                  {detail.data.ports.map((p) => (
                    <tr key={`${p.type}-${p.portNo}`} data-testid="pon-detail-port" data-port-no={p.portNo} data-type={p.type} data-admin={p.adminState} data-oper={p.operStatus}>
                      <td className="mono" title={`port_no ${p.portNo}`}>
                        {p.label || p.portNo}
                      </td>
                      <td className="mono">{p.type}</td>
                      <td>
                        <span className="pon-port-states">
                          <StateBadge kind="admin" state={p.adminState} compact />
                          <StateBadge kind="oper" state={p.operStatus} compact />
                        </span>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </section>
          )}
          <div className="detail-actions pon-actions" data-testid="pon-actions">
            {(['enable', 'disable', 'reboot', 'delete'] as const).map((a) => {
              const why = can(a);
              return (
                <button
                  key={a}
                  type="button"
                  className={a === 'delete' ? 'danger' : undefined}
                  disabled={why !== null}
                  title={why ?? `${ACTION_LABEL[a]} this ${kind === 'olt' ? 'OLT' : 'ONU'}`}
                  onClick={() => setConfirming({ action: a, device })}
                  data-testid={`pon-action-${a}`}
                >
                  {ACTION_LABEL[a]}
                </button>
              );
            })}
          </div>
          {!canManage && <p className="muted pon-manage-note">Your role may view but not change VOLTHA devices (needs voltha:manage).</p>}
          {done && done.id === device.id && (
            <p className="success" role="status" data-testid="pon-action-note">
              {done.text}
            </p>
          )}
        </>
      )}
      {confirming && (
        <ConfirmDialog
          title={`${ACTION_LABEL[confirming.action]} ${confirming.device.kind === 'olt' ? 'OLT' : 'ONU'} ${confirming.device.serialNumber || confirming.device.id}?`}
          confirmLabel={`${ACTION_LABEL[confirming.action]} ${confirming.device.kind === 'olt' ? 'OLT' : 'ONU'}`}
          danger={confirming.action !== 'enable'}
          onClose={() => setConfirming(null)}
          onConfirm={async () => {
            const { action, device: target } = confirming;
            await act(action);
            setDone({ id: target.id, text: `${ACTION_LABEL[action]} accepted by the core.` });
          }}
        >
          {consequence(confirming.action, confirming.device, olt)}
        </ConfirmDialog>
      )}
    </aside>
  );
}
