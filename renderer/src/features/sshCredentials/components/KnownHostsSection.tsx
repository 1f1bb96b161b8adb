// Trusted SSH host keys (host, port, key type, SHA-256 fingerprint). Removing one is the only way
// past a changed key: permission-gated, audited, and the next connection asks again.
import { useMemo, useState } from 'react';
import { formatTimestamp } from '../../../lib/format';
import { ConfirmDialog } from '../../../ui/ConfirmDialog';
import { useCan } from '../../appInfo/store';
import { useSshCredentials, type KnownHost } from '../store';

function matches(k: KnownHost, term: string): boolean {
  if (term === '') return true;
  return `${k.host}:${k.port} ${k.keyType} ${k.fingerprint}`.toLowerCase().includes(term);
}

export function KnownHostsSection() {
  const canManage = useCan('ssh:hostkeys:manage');
  const hosts = useSshCredentials((s) => s.knownHosts);
  const loaded = useSshCredentials((s) => s.knownHostsLoaded);
  const error = useSshCredentials((s) => s.knownHostsError);
  const load = useSshCredentials((s) => s.loadKnownHosts);
  const removeKnownHost = useSshCredentials((s) => s.removeKnownHost);
  const [filter, setFilter] = useState('');
  const [removing, setRemoving] = useState<KnownHost | null>(null);
  const term = filter.trim().toLowerCase();
  const shown = useMemo(() => hosts.filter((k) => matches(k, term)), [hosts, term]);

  return (
    <section className="card sshc-section" aria-labelledby="known-hosts-title" data-testid="known-hosts">
      <div className="sshc-section-head">
        <h2 id="known-hosts-title">Known SSH hosts</h2>
        <span className="toolbar-spacer" />
        <input
          type="search"
          value={filter}
          onChange={(e) => setFilter(e.target.value)}
          placeholder="Filter by host, key type or fingerprint"
          aria-label="Filter known hosts"
          className="sshc-filter"
          data-testid="known-hosts-filter"
        />
        <button type="button" onClick={() => void load()} data-testid="known-hosts-reload">
          Reload
        </button>
      </div>
      <p className="muted">
        Every connection checks the server's key against this list. A first contact asks; a changed key is refused until the old one is
        removed here{canManage ? '' : ' (needs ssh:hostkeys:manage)'}.
      </p>
      {error && (
        <p className="form-error" role="alert">
          Could not load the known hosts: {error}
        </p>
      )}
      {loaded && hosts.length === 0 && !error && <p className="muted">No host key trusted yet.</p>}
      {hosts.length > 0 && (
        <div className="sshc-table-scroll">
          <table className="radius-table sshc-table" data-testid="known-hosts-table">
            <thead>
              <tr>
                <th>Host</th>
                <th>Key type</th>
                <th>SHA-256 fingerprint</th>
                <th>First seen</th>
                <th>Last seen</th>
                {canManage && <th aria-label="Actions" />}
              </tr>
            </thead>
            <tbody>
              {shown.map((k) => (
                <tr key={k.id} data-testid="known-host-row" data-host={k.host} data-port={k.port} data-fingerprint={k.fingerprint}>
                  <td className="mono">
                    {k.host}:{k.port}
                  </td>
                  <td className="mono">{k.keyType}</td>
                  <td className="mono sshc-fingerprint" data-testid="known-host-fingerprint">
                    {k.fingerprint}
                  </td>
                  <td>{formatTimestamp(k.firstSeen)}</td>
                  <td>{formatTimestamp(k.lastSeen)}</td>
                  {canManage && (
                    <td>
                      <button type="button" className="ghost danger-text" onClick={() => setRemoving(k)} data-testid="known-host-remove">
                        Remove
                      </button>
                    </td>
                  )}
                </tr>
              ))}
              {shown.length === 0 && (
                <tr>
                  <td colSpan={canManage ? 6 : 5} className="muted">
                    No known host matches “{filter.trim()}”.
                  </td>
                </tr>
              )}
            </tbody>
          </table>
        </div>
      )}
      {removing && (
        <ConfirmDialog
          title={`Forget the key of ${removing.host}:${removing.port}?`}
          confirmLabel="Remove host key"
          danger
          onClose={() => setRemoving(null)}
          onConfirm={() => removeKnownHost(removing.id)}
        >
          <p>
            The {removing.keyType} key <span className="mono">{removing.fingerprint}</span> is no longer trusted. The next connection to{' '}
            {removing.host}:{removing.port} shows the server's fingerprint and asks again.
          </p>
          <p>The removal is recorded in the audit log.</p>
        </ConfirmDialog>
      )}
    </section>
  );
}
