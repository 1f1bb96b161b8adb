// Graph → cytoscape elements and style, and the cheap block layout used when a large map has no
// saved positions (force layout over thousands of nodes would freeze the page).
import type { ElementDefinition, StylesheetJson } from 'cytoscape';
import type { DeviceStatus } from '../../../../shared/domain/device';
import type { TopologyGraph } from './store';

/** Above this many nodes without a saved position, place them in site blocks instead of running fcose. */
export const FORCE_LAYOUT_LIMIT = 500;

export const STATUS_COLOUR: Record<DeviceStatus, string> = {
  up: '#2ea043',
  degraded: '#d29922',
  down: '#da3633',
  unknown: '#6e7781',
  maintenance: '#388bfd',
};

/** Green → amber → red with load; neutral when unknown. */
export function utilisationColour(u: number | null): string {
  if (u === null) return '#8b949e';
  if (u < 0.5) return '#2ea043';
  if (u < 0.8) return '#d29922';
  return '#da3633';
}

export function edgeWidth(u: number | null): number {
  return u === null ? 1.5 : 1.5 + 6 * Math.min(1, u);
}

export function toElements(graph: TopologyGraph, groupBySite: boolean): ElementDefinition[] {
  const siteName = new Map(graph.sites.map((s) => [s.id, s.name]));
  const out: ElementDefinition[] = [];
  if (groupBySite) {
    const used = new Set(graph.nodes.map((n) => n.siteId ?? 'none'));
    for (const id of used) out.push({ group: 'nodes', data: { id: `site:${id}`, label: id === 'none' ? 'No site' : (siteName.get(id) ?? 'Site'), site: true } });
  }
  for (const n of graph.nodes) {
    const el: ElementDefinition = {
      group: 'nodes',
      data: { id: n.id, label: n.name, colour: STATUS_COLOUR[n.status], ...(groupBySite ? { parent: `site:${n.siteId ?? 'none'}` } : {}) },
    };
    if (n.x !== null && n.y !== null) el.position = { x: n.x, y: n.y };
    out.push(el);
  }
  for (const e of graph.edges) {
    out.push({
      group: 'edges',
      data: { id: e.id, source: e.source, target: e.target, colour: utilisationColour(e.utilisation), width: edgeWidth(e.utilisation) },
    });
  }
  return out;
}

/**
 * Positions for nodes without a saved one: sites side by side, each site's devices in a square grid
 * ordered by role then name. O(n), and a map that reads by site at a glance.
 */
export function blockPositions(graph: TopologyGraph, spacing = 90): Map<string, { x: number; y: number }> {
  const bySite = new Map<string, TopologyGraph['nodes']>();
  for (const n of graph.nodes) {
    if (n.x !== null && n.y !== null) continue;
    const key = n.siteId ?? 'none';
    const list = bySite.get(key) ?? [];
    list.push(n);
    bySite.set(key, list);
  }
  const blocks = [...bySite.values()];
  const perRow = Math.max(1, Math.ceil(Math.sqrt(blocks.length)));
  const side = Math.max(1, ...blocks.map((b) => Math.ceil(Math.sqrt(b.length))));
  const blockSize = (side + 2) * spacing;
  const out = new Map<string, { x: number; y: number }>();
  blocks.forEach((nodes, bi) => {
    const bx = (bi % perRow) * blockSize;
    const by = Math.floor(bi / perRow) * blockSize;
    const cols = Math.max(1, Math.ceil(Math.sqrt(nodes.length)));
    [...nodes]
      .sort((a, b) => a.role.localeCompare(b.role) || a.name.localeCompare(b.name))
      .forEach((n, i) => out.set(n.id, { x: bx + (i % cols) * spacing, y: by + Math.floor(i / cols) * spacing }));
  });
  return out;
}

export const TOPOLOGY_STYLE: StylesheetJson = [
  {
    selector: 'node',
    style: {
      'background-color': 'data(colour)',
      label: 'data(label)',
      color: '#c9d1d9',
      'font-size': 10,
      'text-valign': 'bottom',
      'text-margin-y': 3,
      width: 18,
      height: 18,
      'min-zoomed-font-size': 8,
      'border-width': 1,
      'border-color': '#0d1117',
    },
  },
  {
    selector: 'node[?site]',
    style: {
      'background-color': '#161d26',
      'background-opacity': 0.5,
      'border-color': '#3a4656',
      'border-width': 1,
      label: 'data(label)',
      'text-valign': 'top',
      'font-size': 14,
      color: '#8d9aab',
    },
  },
  { selector: 'node:selected', style: { 'border-width': 4, 'border-color': '#58a6ff' } },
  { selector: 'edge', style: { width: 'data(width)', 'line-color': 'data(colour)', 'curve-style': 'haystack', opacity: 0.8 } },
  { selector: 'edge:selected', style: { 'line-color': '#58a6ff', opacity: 1 } },
];
