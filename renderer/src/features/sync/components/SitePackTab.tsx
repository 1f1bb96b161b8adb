// The site pack: before going into the field, choose the sites and pull everything now; then see
// per site what this console carries offline (devices, links, interfaces, config backups, known
// SSH hosts, subscribers). Without the server the counts are what the cache already holds.
import { useEffect, useMemo, useState } from 'react';
import type { ResponseOf } from '../../../../../shared/ipc/channels';
import type { SitePackSite } from '../../../../../shared/ipc/syncSchemas';
import { errorMessage, invoke } from '../../../lib/api';
import { formatCount, formatTimestamp } from '../../../lib/format';
import { useSyncStatus } from '../store';

type Site = ResponseOf<'sites.list'>[number];

interface PackResult {
  synced: boolean;
  message: string | null;
  lastSyncAt: number | null;
  sites: SitePackSite[];
}

const COUNTS: readonly { key: keyof Omit<SitePackSite, 'siteId' | 'code' | 'name'>; label: string }[] = [
  { key: 'devices', label: 'Devices' },
  { key: 'links', label: 'Links' },
  { key: 'interfaces', label: 'Interfaces' },
  { key: 'configBackups', label: 'Config backups' },
  { key: 'knownHosts', label: 'Known hosts' },
  { key: 'subscribers', label: 'Subscribers' },
];

export function SitePackTab() {
  const tenantId = useSyncStatus((s) => s.status?.tenantId ?? null);
  const cursor = useSyncStatus((s) => s.status?.cursor ?? 0);
  const [sites, setSites] = useState<Site[]>([]);
  const [sitesError, setSitesError] = useState<string | null>(null);
  const [filter, setFilter] = useState('');
  const [chosen, setChosen] = useState<ReadonlySet<string>>(new Set());
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<PackResult | null>(null);
  const [error, setError] = useState<string | null>(null);

  // the sites of the active tenant; reloaded when a login switched it or a pull brought new ones
  useEffect(() => {
    let live = true;
    invoke('sites.list', {})
      .then((list) => {
        if (!live) return;
        setSites([...list].sort((a, b) => a.name.localeCompare(b.name)));
        setSitesError(null);
      })
      .catch((err: unknown) => live && setSitesError(errorMessage(err)));
    return () => {
      live = false;
    };
  }, [tenantId, cursor]);

  const shown = useMemo(() => {
    const q = filter.trim().toLowerCase();
    return q ? sites.filter((s) => `${s.name} ${s.code} ${s.region}`.toLowerCase().includes(q)) : sites;
  }, [sites, filter]);

  const toggle = (id: string) => {
    const next = new Set(chosen);
    if (next.has(id)) next.delete(id);
    else next.add(id);
    setChosen(next);
  };

  const prepare = async () => {
    setBusy(true);
    setError(null);
    try {
      const ids = sites.filter((s) => chosen.has(s.id)).map((s) => s.id);
      setResult(await invoke('sync.sitePack', { siteIds: ids }));
      void useSyncStatus.getState().load();
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };

  const chosenCount = sites.filter((s) => chosen.has(s.id)).length;
  return (
    <div className="sync-tab-body sync-sitepack" data-testid="sync-sitepack">
      <div className="toolbar sync-tab-toolbar">
        <input type="search" placeholder="Filter sites…" value={filter} onChange={(e) => setFilter(e.target.value)} aria-label="Filter sites" data-testid="sitepack-filter" />
        <button type="button" onClick={() => setChosen(new Set([...chosen, ...shown.map((s) => s.id)]))} disabled={shown.length === 0}>
          Choose all shown
        </button>
        <button type="button" onClick={() => setChosen(new Set())} disabled={chosenCount === 0}>
          Clear
        </button>
        <span className="toolbar-spacer" />
        <span className="muted">{chosenCount} chosen</span>
        <button type="button" className="primary" onClick={() => void prepare()} disabled={busy || chosenCount === 0 || chosenCount > 500} data-testid="sitepack-prepare">
          {busy ? 'Preparing…' : 'Prepare for the field'}
        </button>
      </div>
      {sitesError && (
        <p className="form-error" role="alert">
          {sitesError}
        </p>
      )}
      {error && (
        <p className="form-error" role="alert" data-testid="sitepack-error">
          {error}
        </p>
      )}
      <div className="sync-sitepack-grid">
        <fieldset className="sync-site-list">
          <legend>Sites ({formatCount(sites.length)})</legend>
          {shown.length === 0 ? (
            <p className="muted">{sites.length === 0 ? 'No sites in this tenant’s cache yet.' : 'No site matches the filter.'}</p>
          ) : (
            <ul>
              {shown.map((s) => (
                <li key={s.id}>
                  <label>
                    <input type="checkbox" checked={chosen.has(s.id)} onChange={() => toggle(s.id)} data-testid="sitepack-site" data-site-code={s.code} />
                    <span>{s.name}</span> <span className="muted mono">{s.code}</span> <span className="muted">· {formatCount(s.deviceCount)} devices</span>
                  </label>
                </li>
              ))}
            </ul>
          )}
        </fieldset>
        <section className="sync-sitepack-result" aria-label="Cached for offline use">
          {!result ? (
            <div className="empty-state">
              <p>Choose the sites you are heading to and press “Prepare for the field”: the console pulls everything now and shows what each site carries offline.</p>
            </div>
          ) : (
            <>
              <p className={result.synced ? 'success' : 'sync-error-text'} role="status" data-testid="sitepack-synced" data-synced={result.synced}>
                {result.synced ? 'Synced with the server' : 'Not synced'}
                {result.lastSyncAt !== null ? ` · last sync ${formatTimestamp(result.lastSyncAt)}` : ''}
              </p>
              {result.message && <p className="muted">{result.message}</p>}
              <table className="sync-table" aria-label="Cached per site" data-testid="sitepack-result">
                <thead>
                  <tr>
                    <th scope="col">Site</th>
                    {COUNTS.map((c) => (
                      <th key={c.key} scope="col" className="num">
                        {c.label}
                      </th>
                    ))}
                  </tr>
                </thead>
                <tbody>
                  {result.sites.map((s) => (
                    <tr key={s.siteId} data-testid="sitepack-row" data-site-code={s.code}>
                      <td>
                        {s.name} <span className="muted mono">{s.code}</span>
                      </td>
                      {COUNTS.map((c) => (
                        <td key={c.key} className="num" data-testid={`sitepack-${c.key}`}>
                          {formatCount(s[c.key])}
                        </td>
                      ))}
                    </tr>
                  ))}
                </tbody>
              </table>
            </>
          )}
        </section>
      </div>
    </div>
  );
}
