// Inventory state for the Devices page: the query (search, filters, sort), the keyset-paged rows
// loaded so far, the selection, the open detail, and the lookups (sites, credential profiles).
// Only pages the user scrolled to are ever loaded, so 100,000 devices cost what one screen does.
import { create } from 'zustand';
import type { CredentialProfileSummary, Device, DeviceRole, DeviceSortField, DeviceStatus, Site } from '../../../../shared/domain/device';
import type { EventOf, RequestOf, ResponseOf } from '../../../../shared/ipc/channels';
import { errorMessage, invoke, onEvent, useConnection } from '../../lib/api';

export const PAGE_SIZE = 200;

export interface DeviceQuery {
  search: string;
  role: DeviceRole | null;
  status: DeviceStatus | null;
  siteId: string | null;
  sort: DeviceSortField;
  dir: 'asc' | 'desc';
}

export const DEFAULT_QUERY: DeviceQuery = { search: '', role: null, status: null, siteId: null, sort: 'name', dir: 'asc' };

interface DevicesState {
  query: DeviceQuery;
  rows: Device[];
  nextCursor: string | null;
  total: number | null;
  /** First page in flight (rows may still show the previous result to avoid flicker). */
  loading: boolean;
  loadingMore: boolean;
  error: string | null;
  /** Bumped on every new query; responses of an older generation are dropped. */
  generation: number;

  selectedId: string | null;

  detailId: string | null;
  detail: Device | null;
  detailLoading: boolean;
  detailError: string | null;

  sites: Site[];
  profiles: CredentialProfileSummary[];
  lookupsError: string | null;

  setQuery(patch: Partial<DeviceQuery>): void;
  toggleSort(field: DeviceSortField): void;
  reload(): Promise<void>;
  loadMore(): Promise<void>;
  select(id: string | null): void;
  openDetail(id: string | null): Promise<void>;
  loadLookups(): Promise<void>;
  create(input: RequestOf<'devices.create'>): Promise<Device>;
  update(req: RequestOf<'devices.update'>): Promise<Device>;
  remove(id: string): Promise<void>;
  importCsv(req: RequestOf<'devices.import'>): Promise<ResponseOf<'devices.import'>>;
}

function listRequest(q: DeviceQuery, cursor: string | null, withTotal: boolean): RequestOf<'devices.list'> {
  const req: RequestOf<'devices.list'> = { sort: q.sort, dir: q.dir, cursor, limit: PAGE_SIZE, withTotal };
  const search = q.search.trim();
  if (search) req.search = search.slice(0, 200);
  if (q.role) req.role = q.role;
  if (q.status) req.status = q.status;
  if (q.siteId) req.siteId = q.siteId;
  return req;
}

function replaceDevice(rows: Device[], d: Device): Device[] {
  const i = rows.findIndex((r) => r.id === d.id);
  if (i < 0) return rows;
  const next = rows.slice();
  next[i] = d;
  return next;
}

export const useDevices = create<DevicesState>((set, get) => ({
  query: DEFAULT_QUERY,
  rows: [],
  nextCursor: null,
  total: null,
  loading: false,
  loadingMore: false,
  error: null,
  generation: 0,
  selectedId: null,
  detailId: null,
  detail: null,
  detailLoading: false,
  detailError: null,
  sites: [],
  profiles: [],
  lookupsError: null,

  setQuery: (patch) => {
    set((s) => ({ query: { ...s.query, ...patch } }));
    void get().reload();
  },

  toggleSort: (field) => {
    const q = get().query;
    const dir = q.sort === field && q.dir === 'asc' ? 'desc' : 'asc';
    get().setQuery({ sort: field, dir });
  },

  reload: async () => {
    const generation = get().generation + 1;
    set({ generation, loading: true, loadingMore: false, error: null });
    try {
      const page = await invoke('devices.list', listRequest(get().query, null, true));
      if (get().generation !== generation) return;
      set({ rows: page.items, nextCursor: page.nextCursor, total: page.total, loading: false });
    } catch (err) {
      if (get().generation !== generation) return;
      set({ loading: false, error: errorMessage(err) });
    }
  },

  loadMore: async () => {
    const s = get();
    if (s.loading || s.loadingMore || !s.nextCursor) return;
    const generation = s.generation;
    set({ loadingMore: true });
    try {
      const page = await invoke('devices.list', listRequest(s.query, s.nextCursor, false));
      if (get().generation !== generation) return;
      set((cur) => ({ rows: cur.rows.concat(page.items), nextCursor: page.nextCursor, loadingMore: false }));
    } catch (err) {
      if (get().generation !== generation) return;
      set({ loadingMore: false, error: errorMessage(err) });
    }
  },

  select: (id) => set({ selectedId: id }),

  openDetail: async (id) => {
    if (!id) {
      set({ detailId: null, detail: null, detailError: null, detailLoading: false });
      return;
    }
    const known = get().rows.find((r) => r.id === id) ?? (get().detail?.id === id ? get().detail : null);
    set({ detailId: id, selectedId: id, detail: known, detailError: null, detailLoading: true });
    try {
      const d = await invoke('devices.get', { id });
      if (get().detailId !== id) return;
      set((s) => ({ detail: d, detailLoading: false, rows: replaceDevice(s.rows, d) }));
    } catch (err) {
      if (get().detailId !== id) return;
      set({ detail: null, detailLoading: false, detailError: errorMessage(err) });
    }
  },

  loadLookups: async () => {
    try {
      const [sites, profiles] = await Promise.all([invoke('sites.list', {}), invoke('profiles.list', {})]);
      set({ sites: [...sites].sort((a, b) => a.name.localeCompare(b.name)), profiles, lookupsError: null });
    } catch (err) {
      set({ lookupsError: errorMessage(err) });
    }
  },

  create: async (input) => {
    const d = await invoke('devices.create', input);
    set({ selectedId: d.id, detailId: d.id, detail: d, detailError: null });
    return d;
  },

  update: async (req) => {
    const d = await invoke('devices.update', req);
    set((s) => ({ rows: replaceDevice(s.rows, d), detail: s.detailId === d.id ? d : s.detail }));
    return d;
  },

  remove: async (id) => {
    await invoke('devices.delete', { id });
    removeRows([id]);
    set((s) => (s.detailId === id ? { detailId: null, detail: null, detailError: null } : {}));
  },

  importCsv: (req) => invoke('devices.import', req),
}));

function removeRows(ids: readonly string[]): void {
  const gone = new Set(ids);
  useDevices.setState((s) => {
    const rows = s.rows.filter((r) => !gone.has(r.id));
    const removed = s.rows.length - rows.length;
    if (removed === 0) return {};
    return {
      rows,
      total: s.total === null ? null : Math.max(0, s.total - removed),
      selectedId: s.selectedId && gone.has(s.selectedId) ? null : s.selectedId,
    };
  });
}

/** Refreshes what an inventory change touched, without throwing away the user's scroll depth. */
async function applyChange(ev: EventOf<'devices.changed'>): Promise<void> {
  const s = useDevices.getState();
  switch (ev.reason) {
    case 'deleted':
      removeRows(ev.ids);
      if (s.detailId && ev.ids.includes(s.detailId)) {
        useDevices.setState({ detail: null, detailError: 'This device was deleted.' });
      }
      return;
    case 'updated': {
      const ids = ev.ids.filter((id) => id === s.detailId || s.rows.some((r) => r.id === id)).slice(0, 50);
      for (const id of ids) {
        try {
          const d = await invoke('devices.get', { id });
          useDevices.setState((cur) => ({ rows: replaceDevice(cur.rows, d), detail: cur.detailId === d.id ? d : cur.detail }));
        } catch {
          // gone meanwhile: the deleted event will follow
        }
      }
      return;
    }
    case 'created':
    case 'imported':
    case 'seeded':
      await s.reload();
      if (ev.reason !== 'created') await s.loadLookups();
      return;
  }
}

let started = false;

/** Wires the store to host events and reconnections; called once by the app shell. */
export function startDevicesSync(): void {
  if (started) return;
  started = true;
  onEvent('devices.changed', (ev) => void applyChange(ev));
  let lastEpoch = 0;
  const onConnection = (epoch: number) => {
    if (epoch <= lastEpoch) return;
    lastEpoch = epoch;
    const s = useDevices.getState();
    void s.reload();
    void s.loadLookups();
    if (s.detailId) void s.openDetail(s.detailId);
  };
  useConnection.subscribe((c) => onConnection(c.epoch));
  onConnection(useConnection.getState().epoch);
}
