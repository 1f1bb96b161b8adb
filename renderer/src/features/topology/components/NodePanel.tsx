// The side panel of the selected node: identity, status, its links (click one to go to the
// neighbour), its interfaces with live rates, its active alarms, and the one-click tools: open the
// device, SSH, SNMP walk.
import { useMemo } from 'react';
import { DEVICE_ROLE_LABELS } from '../../../../../shared/domain/device';
import { navigate } from '../../../app/router';
import { StatusBadge } from '../../devices/components/StatusBadge';
import { DeviceAlarms } from '../../monitoring/DeviceAlarms';
import { InterfaceRates } from '../../monitoring/InterfaceRates';
import { openSnmpFor } from '../../snmp/store';
import { SshButton } from '../../terminals/components/SshButton';
import { useTopology, type TopologyGraph } from '../store';

export function NodePanel({ graph, id }: { graph: TopologyGraph; id: string }) {
  const focus = useTopology((s) => s.focus);
  const select = useTopology((s) => s.select);
  const node = graph.nodes.find((n) => n.id === id);
  const links = useMemo(() => {
    const names = new Map(graph.nodes.map((n) => [n.id, n.name]));
    return graph.edges
      .filter((e) => e.source === id || e.target === id)
      .map((e) =>
        e.source === id
          ? { id: e.id, local: e.sourceInterface, peerId: e.target, peer: names.get(e.target) ?? '?', peerInterface: e.targetInterface, utilisation: e.utilisation }
          : { id: e.id, local: e.targetInterface, peerId: e.source, peer: names.get(e.source) ?? '?', peerInterface: e.sourceInterface, utilisation: e.utilisation },
      )
      .sort((a, b) => a.local.localeCompare(b.local, undefined, { numeric: true }));
  }, [graph, id]);
  if (node === undefined) return null;
  return (
    <aside className="topology-panel" data-testid="topology-panel" aria-label={`Device ${node.name}`}>
      <header className="topology-panel-header">
        <h2 data-testid="topology-panel-name">{node.name}</h2>
        <button type="button" className="icon-button" aria-label="Close panel" onClick={() => select(null)}>
          ×
        </button>
      </header>
      <dl className="topology-facts">
        <dt>Address</dt>
        <dd data-testid="topology-panel-address">{node.address}</dd>
        <dt>Vendor / model</dt>
        <dd>{[node.vendor, node.model].filter(Boolean).join(' ') || '—'}</dd>
        <dt>Role</dt>
        <dd>{DEVICE_ROLE_LABELS[node.role]}</dd>
        <dt>Status</dt>
        <dd>
          <StatusBadge status={node.status} />
        </dd>
      </dl>
      <div className="topology-actions">
        <button type="button" onClick={() => navigate('devices', node.id)} data-testid="topology-open-device">
          Open device
        </button>
        <SshButton device={{ id: node.id, name: node.name, sshProfileId: node.sshProfileId }} />
        <button type="button" onClick={() => openSnmpFor(node.id)} data-testid="topology-snmp-walk">
          SNMP walk
        </button>
      </div>
      <h3>
        Links <span className="muted">({links.length})</span>
      </h3>
      <ul className="topology-links" data-testid="topology-panel-links">
        {links.map((l) => (
          <li key={l.id} data-testid="topology-panel-link" data-local={l.local} data-peer={l.peer} data-peer-interface={l.peerInterface}>
            <span className="mono">{l.local || '—'}</span> —{' '}
            <button type="button" className="link-button" onClick={() => focus(l.peerId)}>
              {l.peer}
            </button>{' '}
            <span className="mono">{l.peerInterface}</span>
            {l.utilisation !== null && <span className="muted"> · {Math.round(l.utilisation * 100)}%</span>}
          </li>
        ))}
        {links.length === 0 && <li className="muted">No links recorded.</li>}
      </ul>
      <h3>Interfaces (live)</h3>
      <InterfaceRates deviceId={node.id} compact />
      <h3>Alarms</h3>
      <DeviceAlarms deviceId={node.id} />
    </aside>
  );
}
