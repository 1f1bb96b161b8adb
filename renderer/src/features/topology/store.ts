// The map's state: the graph from `topology.graph`, the selected node, the site grouping toggle, and
// saving positions. The cytoscape instance itself lives in TopologyCanvas (not in React state).
import { create } from 'zustand';
import type { ResponseOf } from '../../../../shared/ipc/schemas';
import { errorMessage, invoke } from '../../lib/api';

export type TopologyGraph = ResponseOf<'topology.graph'>;
export type TopologyNode = TopologyGraph['nodes'][number];
export type TopologyEdge = TopologyGraph['edges'][number];

interface TopologyState {
  graph: TopologyGraph | null;
  loading: boolean;
  error: string | null;
  selectedId: string | null;
  groupBySite: boolean;
  /** Bumped to ask the canvas to run the force layout again (unpinned nodes only). */
  relayoutRequest: number;
  /** A node the canvas should centre on (search, a neighbour in the panel). */
  focusRequest: { id: string; seq: number } | null;
  load(): Promise<void>;
  select(id: string | null): void;
  focus(id: string): void;
  setGroupBySite(on: boolean): void;
  relayout(): void;
  savePositions(positions: { deviceId: string; x: number; y: number; pinned: boolean }[]): void;
}

export const useTopology = create<TopologyState>((set, get) => ({
  graph: null,
  loading: false,
  error: null,
  selectedId: null,
  groupBySite: false,
  relayoutRequest: 0,
  focusRequest: null,
  load: async () => {
    set({ loading: true, error: null });
    try {
      const graph = await invoke('topology.graph', {});
      set({ graph, loading: false });
    } catch (err) {
      set({ loading: false, error: errorMessage(err) });
    }
  },
  select: (id) => set({ selectedId: id }),
  focus: (id) => set({ selectedId: id, focusRequest: { id, seq: (get().focusRequest?.seq ?? 0) + 1 } }),
  setGroupBySite: (on) => set({ groupBySite: on }),
  relayout: () => set({ relayoutRequest: get().relayoutRequest + 1 }),
  savePositions: (positions) => {
    if (positions.length === 0) return;
    // positions are a convenience: a failed save shows once and is not retried
    invoke('topology.positions.save', { positions }).catch((err: unknown) => set({ error: `Could not save map positions: ${errorMessage(err)}` }));
  },
}));

/** Nodes whose name or address contains the query (case-insensitive), names starting with it first. */
export function searchNodes(nodes: readonly TopologyNode[], query: string, limit = 8): TopologyNode[] {
  const q = query.trim().toLowerCase();
  if (q === '') return [];
  const hits = nodes.filter((n) => n.name.toLowerCase().includes(q) || n.address.toLowerCase().includes(q));
  hits.sort((a, b) => Number(!a.name.toLowerCase().startsWith(q)) - Number(!b.name.toLowerCase().startsWith(q)) || a.name.localeCompare(b.name));
  return hits.slice(0, limit);
}
