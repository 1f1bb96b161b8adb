// The Discover wizard: seeds, credentials (a saved SNMP profile or one-off v1/v2c/v3), LLDP depth;
// then progress from task.progress with Stop; then what was found. Closing after a run reloads the map.
import { useEffect, useState, type FormEvent } from 'react';
import { SNMP_AUTH_PROTOCOLS, SNMP_PRIV_PROTOCOLS, SNMP_VERSIONS, type SnmpVersion } from '../../../../../shared/domain/snmp';
import type { ResponseOf } from '../../../../../shared/ipc/schemas';
import { errorMessage, invoke, newTaskId, onEvent } from '../../../lib/api';
import { Dialog } from '../../../ui/Dialog';

type Result = ResponseOf<'discovery.run'>;
type Credential = ResponseOf<'snmp.credentials.list'>[number];

export function DiscoverDialog({ onClose }: { onClose: (ranDiscovery: boolean) => void }) {
  const [seeds, setSeeds] = useState('');
  const [profiles, setProfiles] = useState<Credential[]>([]);
  const [credentialId, setCredentialId] = useState('');
  const [version, setVersion] = useState<SnmpVersion>('2c');
  const [community, setCommunity] = useState('');
  const [user, setUser] = useState('');
  const [authProtocol, setAuthProtocol] = useState<(typeof SNMP_AUTH_PROTOCOLS)[number]>('sha');
  const [authKey, setAuthKey] = useState('');
  const [privProtocol, setPrivProtocol] = useState<(typeof SNMP_PRIV_PROTOCOLS)[number]>('aes');
  const [privKey, setPrivKey] = useState('');
  const [depth, setDepth] = useState(3);
  const [taskId, setTaskId] = useState<string | null>(null);
  const [progress, setProgress] = useState<{ done: number; total: number; label: string } | null>(null);
  const [result, setResult] = useState<Result | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    invoke('snmp.credentials.list', {})
      .then((list) => {
        setProfiles(list);
        if (list[0]) setCredentialId(list[0].id);
      })
      .catch((err: unknown) => setError(errorMessage(err)));
  }, []);

  useEffect(() => {
    if (taskId === null) return undefined;
    return onEvent('task.progress', (ev) => {
      if (ev.taskId === taskId) setProgress({ done: ev.done, total: ev.total, label: ev.label });
    });
  }, [taskId]);

  const credentials = () => {
    if (version !== '3') return { version, community };
    return {
      version,
      user,
      authProtocol,
      privProtocol,
      ...(authKey ? { authKey } : {}),
      ...(privKey ? { privKey } : {}),
    };
  };

  const run = async (e: FormEvent) => {
    e.preventDefault();
    const list = seeds
      .split(/[\s,]+/)
      .map((s) => s.trim())
      .filter(Boolean);
    if (list.length === 0) {
      setError('Give at least one seed address or range.');
      return;
    }
    const id = newTaskId('discover');
    setTaskId(id);
    setError(null);
    setResult(null);
    setProgress(null);
    try {
      const r = await invoke('discovery.run', {
        seeds: list,
        maxDepth: depth,
        followLldp: true,
        taskId: id,
        ...(credentialId ? { credentialId } : { credentials: credentials() }),
      });
      setResult(r);
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setTaskId(null);
    }
  };

  const running = taskId !== null;
  return (
    <Dialog title="Discover devices" onClose={() => onClose(result !== null)} testId="discover-dialog">
      {result === null ? (
        <form onSubmit={(e) => void run(e)} className="discover-form">
          <div className="form-row">
            <label htmlFor="discover-seeds">Seeds (addresses or CIDR up to /22, one per line)</label>
            <textarea id="discover-seeds" rows={3} value={seeds} onChange={(e) => setSeeds(e.target.value)} placeholder={'10.0.0.1\n10.0.1.0/24'} data-testid="discover-seeds" data-autofocus />
          </div>
          <div className="form-row">
            <label htmlFor="discover-profile">Credentials</label>
            <select id="discover-profile" value={credentialId} onChange={(e) => setCredentialId(e.target.value)} data-testid="discover-profile">
              {profiles.map((p) => (
                <option key={p.id} value={p.id}>
                  {p.name} (v{p.version})
                </option>
              ))}
              <option value="">One-off credentials…</option>
            </select>
          </div>
          {credentialId === '' && (
            <div className="discover-oneoff">
              <div className="form-row">
                <label htmlFor="discover-version">SNMP version</label>
                <select id="discover-version" value={version} onChange={(e) => setVersion(e.target.value as SnmpVersion)}>
                  {SNMP_VERSIONS.map((v) => (
                    <option key={v} value={v}>
                      v{v}
                    </option>
                  ))}
                </select>
              </div>
              {version !== '3' ? (
                <div className="form-row">
                  <label htmlFor="discover-community">Community</label>
                  <input id="discover-community" type="password" autoComplete="off" value={community} onChange={(e) => setCommunity(e.target.value)} data-testid="discover-community" />
                </div>
              ) : (
                <>
                  <div className="form-row">
                    <label htmlFor="discover-user">User</label>
                    <input id="discover-user" value={user} onChange={(e) => setUser(e.target.value)} />
                  </div>
                  <div className="form-row">
                    <label htmlFor="discover-auth">Auth</label>
                    <select id="discover-auth" value={authProtocol} onChange={(e) => setAuthProtocol(e.target.value as (typeof SNMP_AUTH_PROTOCOLS)[number])}>
                      {SNMP_AUTH_PROTOCOLS.map((p) => (
                        <option key={p}>{p}</option>
                      ))}
                    </select>
                    <input aria-label="Auth password" type="password" autoComplete="off" value={authKey} onChange={(e) => setAuthKey(e.target.value)} />
                  </div>
                  <div className="form-row">
                    <label htmlFor="discover-priv">Privacy</label>
                    <select id="discover-priv" value={privProtocol} onChange={(e) => setPrivProtocol(e.target.value as (typeof SNMP_PRIV_PROTOCOLS)[number])}>
                      {SNMP_PRIV_PROTOCOLS.map((p) => (
                        <option key={p}>{p}</option>
                      ))}
                    </select>
                    <input aria-label="Privacy password" type="password" autoComplete="off" value={privKey} onChange={(e) => setPrivKey(e.target.value)} />
                  </div>
                </>
              )}
            </div>
          )}
          <div className="form-row">
            <label htmlFor="discover-depth">LLDP hops to follow</label>
            <input id="discover-depth" type="number" min={0} max={16} value={depth} onChange={(e) => setDepth(Math.max(0, Math.min(16, Number(e.target.value) || 0)))} />
          </div>
          {running && (
            <p className="discover-progress" data-testid="discover-progress" role="status">
              {progress?.label ?? 'Starting…'}
            </p>
          )}
          {error && (
            <p className="form-error" role="alert" data-testid="discover-error">
              {error}
            </p>
          )}
          <footer className="dialog-footer">
            {running ? (
              <button type="button" onClick={() => taskId && void invoke('discovery.stop', { taskId })}>
                Stop
              </button>
            ) : (
              <button type="button" onClick={() => onClose(false)}>
                Cancel
              </button>
            )}
            <button type="submit" className="primary" disabled={running} data-testid="discover-run">
              {running ? 'Discovering…' : 'Discover'}
            </button>
          </footer>
        </form>
      ) : (
        <div className="discover-result" data-testid="discover-result">
          <p>
            {result.devices.length} devices ({result.devices.filter((d) => d.new).length} new), {result.links.length} links, {result.probed} addresses probed
            {result.stopped ? ' — stopped early' : ''}.
          </p>
          <ul className="topology-links">
            {result.links.map((l) => (
              <li key={l.id}>
                {l.a.device} <span className="mono">{l.a.interface}</span> — {l.b.device} <span className="mono">{l.b.interface}</span>
              </li>
            ))}
            {result.removed.links.map((l) => (
              <li key={l.id} className="removed" data-testid="discover-removed-link">
                removed: {l.a.device} <span className="mono">{l.a.interface}</span> — {l.b.device} <span className="mono">{l.b.interface}</span> (no longer reported by LLDP)
              </li>
            ))}
          </ul>
          {result.removed.interfaces > 0 && <p>{result.removed.interfaces} interfaces no longer on their devices were removed.</p>}
          {result.errors.length > 0 && (
            <details>
              <summary>{result.errors.length} warnings</summary>
              <ul>
                {result.errors.map((e, i) => (
                  <li key={i}>
                    {e.address}: {e.message}
                  </li>
                ))}
              </ul>
            </details>
          )}
          <footer className="dialog-footer">
            <button type="button" className="primary" onClick={() => onClose(true)}>
              Show on the map
            </button>
          </footer>
        </div>
      )}
    </Dialog>
  );
}
