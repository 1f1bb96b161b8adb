// The topology map: toolbar (search and focus, group by site, re-layout, Discover), the cytoscape
// canvas, the selected node's panel, and the lasso bar (devices picked with a box → Automation).
import { useEffect, useMemo, useState } from 'react';
import { formatCount } from '../../../lib/format';
import { chooseRunTargets } from '../../automation/runStore';
import { pickedDevices, searchNodes, useTopology } from '../store';
import { DiscoverDialog } from './DiscoverDialog';
import { NodePanel } from './NodePanel';
import { TopologyCanvas } from './TopologyCanvas';

export function TopologyPage() {
  const { graph, loading, error, selectedId, groupBySite, picked, boxMode } = useTopology();
  const { load, focus, setGroupBySite, relayout, setBoxMode, clearPicked } = useTopology.getState();
  const [query, setQuery] = useState('');
  const [discovering, setDiscovering] = useState(false);

  useEffect(() => {
    void load();
  }, [load]);

  const hits = useMemo(() => (graph === null ? [] : searchNodes(graph.nodes, query)), [graph, query]);

  return (
    <div className="page topology-page" data-testid="topology-page">
      <div className="toolbar topology-toolbar">
        <h1 className="page-title">Topology</h1>
        <form
          className="topology-search"
          role="search"
          onSubmit={(e) => {
            e.preventDefault();
            if (hits[0]) focus(hits[0].id);
          }}
        >
          <input type="search" list="topology-search-hits" placeholder="Find a device (name or address)…" value={query} onChange={(e) => setQuery(e.target.value)} aria-label="Find a device" data-testid="topology-search" />
          <datalist id="topology-search-hits">
            {hits.map((n) => (
              <option key={n.id} value={n.name}>
                {n.address}
              </option>
            ))}
          </datalist>
        </form>
        <label className="checkbox-label">
          <input type="checkbox" checked={groupBySite} onChange={(e) => setGroupBySite(e.target.checked)} data-testid="topology-group-site" /> Group by site
        </label>
        <button
          type="button"
          aria-pressed={boxMode}
          className={boxMode ? 'primary' : undefined}
          onClick={() => setBoxMode(!boxMode)}
          title="Select mode: drag a box to select devices (otherwise Shift+drag)"
          data-testid="topology-select-mode"
        >
          Select
        </button>
        <button type="button" onClick={relayout} disabled={graph === null} title="Run the force layout again (pinned nodes stay)">
          Re-layout
        </button>
        <button type="button" onClick={() => void load()} disabled={loading}>
          Reload
        </button>
        <span className="toolbar-total" data-testid="topology-summary" data-nodes={graph?.nodes.length ?? 0} data-edges={graph?.edges.length ?? 0}>
          {graph === null ? (loading ? 'Loading…' : '') : `${formatCount(graph.nodes.length)} devices · ${formatCount(graph.edges.length)} links`}
        </span>
        <span className="toolbar-spacer" />
        <button type="button" className="primary" onClick={() => setDiscovering(true)} data-testid="topology-discover">
          Discover…
        </button>
      </div>
      {picked.length > 0 && (
        <div className="toolbar topology-lasso" data-testid="topology-lasso" data-count={picked.length}>
          <span data-testid="topology-picked-count">{formatCount(picked.length)} selected</span>
          <button type="button" className="primary" onClick={() => chooseRunTargets(pickedDevices(graph, picked))} data-testid="topology-run-picked">
            Run command on {formatCount(picked.length)} device{picked.length === 1 ? '' : 's'}…
          </button>
          <button type="button" className="link-button" onClick={clearPicked}>
            Clear selection
          </button>
        </div>
      )}
      {error && (
        <p className="form-error" role="alert" data-testid="topology-error">
          {error}
        </p>
      )}
      <div className="topology-body">
        <TopologyCanvas />
        {graph !== null && selectedId !== null && <NodePanel graph={graph} id={selectedId} />}
        {graph !== null && graph.nodes.length === 0 && (
          <p className="topology-empty muted">No devices yet. Add devices, or run Discover from a seed router.</p>
        )}
      </div>
      {discovering && (
        <DiscoverDialog
          onClose={(ran) => {
            setDiscovering(false);
            if (ran) void load();
          }}
        />
      )}
    </div>
  );
}
