// The map's state: the graph from `topology.graph`, the selected node (its panel), the devices
// picked by box selection (the "lasso", handed to Automation), the site grouping toggle, and
// saving positions. The cytoscape instance itself lives in TopologyCanvas (not in React state).
import { create } from 'zustand';
import type { ResponseOf } from '../../../../shared/ipc/schemas';
import { errorMessage, invoke } from '../../lib/api';
import type { PickedDevice } from '../automation/types';

export type TopologyGraph = ResponseOf<'topology.graph'>;
export type TopologyNode = TopologyGraph['nodes'][number];
export type TopologyEdge = TopologyGraph['edges'][number];

interface TopologyState {
  graph: TopologyGraph | null;
  loading: boolean;
  error: string | null;
  selectedId: string | null;
  /** Device ids selected on the canvas (a tap, Shift+click, Shift+drag or Select mode box), in map order. */
  picked: string[];
  /** Select mode: a plain drag draws a selection box instead of panning. */
  boxMode: boolean;
  groupBySite: boolean;
  /** Bumped to ask the canvas to run the force layout again (unpinned nodes only). */
  relayoutRequest: number;
  /** A node the canvas should centre on (search, a neighbour in the panel). */
  focusRequest: { id: string; seq: number } | null;
  load(): Promise<void>;
  select(id: string | null): void;
  setPicked(ids: string[]): void;
  /** Asks the canvas to clear its selection (the canvas owns it; `picked` follows). */
  clearPicked(): void;
  clearPickedRequest: number;
  setBoxMode(on: boolean): void;
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
  picked: [],
  boxMode: false,
  clearPickedRequest: 0,
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
  setPicked: (ids) => {
    const was = get().picked;
    if (ids.length !== was.length || ids.some((id, i) => id !== was[i])) set({ picked: ids });
  },
  clearPicked: () => set({ selectedId: null, clearPickedRequest: get().clearPickedRequest + 1 }),
  setBoxMode: (on) => set({ boxMode: on }),
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

/** The picked devices as the Automation pickers keep them (id, name, address), skipping ids no longer on the map. */
export function pickedDevices(graph: TopologyGraph | null, ids: readonly string[]): PickedDevice[] {
  if (graph === null) return [];
  const byId = new Map(graph.nodes.map((n) => [n.id, n]));
  return ids.flatMap((id) => {
    const n = byId.get(id);
    return n ? [{ id: n.id, name: n.name, mgmtAddress: n.address }] : [];
  });
}
