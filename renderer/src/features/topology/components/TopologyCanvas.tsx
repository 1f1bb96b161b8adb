// The cytoscape map. One cytoscape instance per graph/grouping, created imperatively: no React
// component per node, so 2,000 nodes cost one canvas. While panning or zooming cytoscape draws a
// texture and hides edges (textureOnViewport, hideEdgesOnViewport). Layout: saved positions as
// they are; the force layout (fcose, run once, no animation) for up to FORCE_LAYOUT_LIMIT unplaced
// nodes; above that a site-block grid, with fcose on request ("Re-layout").
// Selection: a tap selects one device (its panel); Shift+click toggles one and Shift+drag (or a
// plain drag in Select mode) draws a box that adds devices: that is the lasso handed to
// Automation. Cytoscape owns the selection; the store's `picked` follows it.
import cytoscape, { type Core, type LayoutOptions, type NodeCollection, type NodeSingular } from 'cytoscape';
import fcose from 'cytoscape-fcose';
import { useEffect, useRef } from 'react';
import { blockPositions, FORCE_LAYOUT_LIMIT, TOPOLOGY_STYLE, toElements } from '../graphElements';
import { useTopology, type TopologyGraph } from '../store';
import { exposeToWebDriver } from '../testHook';

let registered = false;
function registerFcose(): void {
  if (registered) return;
  cytoscape.use(fcose);
  registered = true;
}

function fcoseOptions(graph: TopologyGraph, randomize: boolean): LayoutOptions {
  const nodeCount = graph.nodes.length;
  const pinned = graph.nodes.filter((n) => n.pinned && n.x !== null && n.y !== null).map((n) => ({ nodeId: n.id, position: { x: n.x ?? 0, y: n.y ?? 0 } }));
  const options = {
    name: 'fcose',
    animate: false,
    randomize,
    // "draft" is the spectral pass only: the one quality that stays quick at thousands of nodes
    quality: nodeCount > FORCE_LAYOUT_LIMIT ? 'draft' : 'default',
    nodeDimensionsIncludeLabels: false,
    idealEdgeLength: 80,
    nodeRepulsion: 6000,
    fixedNodeConstraint: pinned.length > 0 && pinned.length < nodeCount ? pinned : undefined,
    fit: true,
    padding: 30,
  };
  return options as LayoutOptions;
}

/** Selected device nodes (site boxes are not devices). */
function selectedDeviceIds(cy: Core): string[] {
  return cy
    .nodes(':selected')
    .toArray()
    .map((n) => n.id())
    .filter((id) => !id.startsWith('site:'));
}

export function TopologyCanvas() {
  const container = useRef<HTMLDivElement>(null);
  const cyRef = useRef<Core | null>(null);
  const graph = useTopology((s) => s.graph);
  const groupBySite = useTopology((s) => s.groupBySite);
  const relayoutRequest = useTopology((s) => s.relayoutRequest);
  const focusRequest = useTopology((s) => s.focusRequest);
  const selectedId = useTopology((s) => s.selectedId);
  const boxMode = useTopology((s) => s.boxMode);
  const clearPickedRequest = useTopology((s) => s.clearPickedRequest);

  useEffect(() => {
    const el = container.current;
    if (el === null || graph === null) return undefined;
    registerFcose();
    const cy = cytoscape({
      container: el,
      elements: toElements(graph, groupBySite),
      style: TOPOLOGY_STYLE,
      textureOnViewport: true,
      hideEdgesOnViewport: true,
      minZoom: 0.02,
      maxZoom: 4,
      // with panning on, cytoscape draws a box only while Shift/Ctrl/Cmd is held
      boxSelectionEnabled: true,
      selectionType: 'single',
    });
    cyRef.current = cy;
    exposeToWebDriver(cy);
    const unplaced = graph.nodes.filter((n) => n.x === null || n.y === null).length;
    let layout = 'preset';
    if (unplaced > 0 && unplaced <= FORCE_LAYOUT_LIMIT) {
      layout = 'fcose';
      cy.layout(fcoseOptions(graph, unplaced === graph.nodes.length)).run();
    } else if (unplaced > 0) {
      layout = 'blocks';
      const at = blockPositions(graph);
      cy.batch(() => {
        for (const [id, p] of at) cy.getElementById(id).position(p);
      });
      cy.fit(undefined, 30);
    } else {
      cy.fit(undefined, 30);
    }
    el.dataset.layout = layout;

    const { select, savePositions, setPicked } = useTopology.getState();
    setPicked([]);
    cy.userPanningEnabled(!useTopology.getState().boxMode);
    // a box over 2,000 nodes fires 2,000 select events: recount once after them
    let recount = false;
    cy.on('select unselect', 'node', () => {
      if (recount) return;
      recount = true;
      queueMicrotask(() => {
        recount = false;
        if (cy.destroyed()) return;
        setPicked(selectedDeviceIds(cy));
      });
    });
    cy.on('tap', 'node', (e) => {
      const id = e.target.id() as string;
      // Shift/Ctrl/Cmd+click adds to or removes from the lasso; the panel stays as it is
      const mod = e.originalEvent as MouseEvent | undefined;
      if (mod && (mod.shiftKey || mod.ctrlKey || mod.metaKey)) return;
      if (!id.startsWith('site:')) select(id);
    });
    cy.on('tap', (e) => {
      if (e.target === cy) select(null);
    });
    // a node the user placed stays there: pinned and saved
    cy.on('dragfree', 'node', (e) => {
      const target = e.target as NodeSingular;
      const moved: NodeCollection = target.isParent() ? target.children() : target;
      savePositions(
        moved
          .toArray()
          .filter((n) => !n.id().startsWith('site:'))
          .map((n) => ({ deviceId: n.id(), x: Math.round(n.position('x')), y: Math.round(n.position('y')), pinned: true })),
      );
    });
    return () => {
      exposeToWebDriver(null);
      cy.destroy();
      cyRef.current = null;
    };
  }, [graph, groupBySite]);

  useEffect(() => {
    cyRef.current?.userPanningEnabled(!boxMode);
  }, [boxMode]);

  useEffect(() => {
    if (clearPickedRequest > 0) cyRef.current?.$(':selected').unselect();
  }, [clearPickedRequest]);

  useEffect(() => {
    const cy = cyRef.current;
    if (cy === null || graph === null || relayoutRequest === 0) return;
    cy.layout(fcoseOptions(graph, true)).run();
    if (container.current) container.current.dataset.layout = 'fcose';
  }, [relayoutRequest, graph]);

  useEffect(() => {
    const cy = cyRef.current;
    if (cy === null || focusRequest === null) return;
    const node = cy.getElementById(focusRequest.id);
    if (node.empty()) return;
    cy.zoom({ level: Math.max(cy.zoom(), 1.2), position: node.position() });
    cy.center(node);
  }, [focusRequest]);

  useEffect(() => {
    const cy = cyRef.current;
    if (cy === null) return;
    cy.batch(() => {
      cy.$(':selected').unselect();
      if (selectedId !== null) cy.getElementById(selectedId).select();
    });
  }, [selectedId, graph, groupBySite]);

  return (
    <div
      ref={container}
      className="topology-canvas"
      data-testid="topology-canvas"
      data-nodes={graph?.nodes.length ?? 0}
      data-edges={graph?.edges.length ?? 0}
      data-box-mode={boxMode}
      aria-label="Network map"
      role="img"
    />
  );
}
