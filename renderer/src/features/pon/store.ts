// State of the PON page: the VOLTHA endpoints, the one being looked at, its cached OLT → PON port
// tree, the ONU list (offset pages of 500 fetched only for what the user scrolls to, so 16,384 ONUs
// cost what one screen does), the open OLT/ONU (live from the core), refresh and actions.
// `voltha.changed` (the background poller, or a refresh) reloads the tree and the visible pages in
// place, debounced: the scope, filter, search, selection and scroll position stay.
import { create } from 'zustand';
import type { OnuFilter, PonDeviceAction } from '../../../../shared/domain/voltha';
import type { RequestOf } from '../../../../shared/ipc/channels';
import { ApiError, errorMessage, invoke, onEvent, useConnection } from '../../lib/api';
import type { DeviceDetail, EndpointInput, PonDevice, PreprovisionInput, RefreshResult, TreeOlt, VolthaEndpoint } from './types';

export const ONU_PAGE_SIZE = 500;
const ENDPOINT_STORAGE_KEY = 'noc.pon.endpoint';
/** Polls and refreshes arrive in bursts; one reload per burst. */
export const LIVE_DEBOUNCE_MS = 400;

export interface Scope {
  oltId: string | null;
  portNo: number | null;
}

export const ALL_SCOPE: Scope = { oltId: null, portNo: null };

export interface DetailState {
  endpointId: string;
  id: string;
  /** The cached row it was opened from, shown while the live answer is on its way. */
  cached: PonDevice | null;
  loading: boolean;
  data: DeviceDetail | null;
  /** The host refused (NOT_FOUND, UNAVAILABLE…); `data.error` is the core being unreachable. */
  error: string | null;
  /** Code of that refusal: NOT_FOUND means VOLTHA no longer has the device. */
  errorCode: string | null;
  /** Deleted from this console. */
  deleted: boolean;
}

export interface RefreshState {
  running: boolean;
  endpointId: string | null;
  result: RefreshResult | null;
  error: string | null;
}

interface PonState {
  endpoints: VolthaEndpoint[];
  endpointsLoaded: boolean;
  endpointsError: string | null;
  endpointId: string | null;

  tree: TreeOlt[];
  treeLoaded: boolean;
  treeLoading: boolean;
  treeError: string | null;
  /** OLT ids whose PON ports are shown. */
  expanded: Record<string, boolean>;

  scope: Scope;
  filter: OnuFilter;
  search: string;

  /** Loaded ONU rows by page (offset / ONU_PAGE_SIZE). */
  pages: Record<number, PonDevice[]>;
  /** Generation each page was loaded in; older pages are shown until their reload lands. */
  pageGen: Record<number, number>;
  total: number | null;
  /** First page of a new query in flight. */
  listLoading: boolean;
  listError: string | null;
  /** Bumped on every new query and every live reload; answers of an older one are dropped. */
  generation: number;
  /** Bumped on new queries only: the list scrolls back to the top. */
  queryId: number;

  selectedId: string | null;
  detail: DetailState | null;
  refresh: RefreshState;

  loadEndpoints(): Promise<void>;
  selectEndpoint(id: string | null): void;
  saveEndpoint(input: EndpointInput): Promise<VolthaEndpoint>;
  deleteEndpoint(id: string): Promise<void>;
  refreshNow(): Promise<void>;
  loadTree(): Promise<void>;
  setScope(scope: Scope): void;
  setExpanded(oltId: string, open: boolean): void;
  setFilter(filter: OnuFilter): void;
  setSearch(search: string): void;
  reloadList(keepRows: boolean): void;
  ensureRows(start: number, end: number): void;
  select(id: string | null): void;
  openDetail(ref: { endpointId: string; id: string }, cached?: PonDevice | null): Promise<void>;
  reloadDetail(): Promise<void>;
  closeDetail(): void;
  act(action: PonDeviceAction): Promise<void>;
  preprovision(input: PreprovisionInput): Promise<PonDevice>;
  /** Reloads what the cache may have changed: endpoints, tree, visible pages, the open device. */
  liveReload(): Promise<void>;
}

function storedEndpoint(): string | null {
  try {
    return localStorage.getItem(ENDPOINT_STORAGE_KEY);
  } catch {
    return null;
  }
}

function storeEndpoint(id: string | null): void {
  try {
    if (id) localStorage.setItem(ENDPOINT_STORAGE_KEY, id);
    else localStorage.removeItem(ENDPOINT_STORAGE_KEY);
  } catch {
    // storage disabled: the choice lasts for this page
  }
}

/** The row at a list index, if its page is loaded. */
export function rowAt(pages: Record<number, PonDevice[]>, index: number): PonDevice | undefined {
  return pages[Math.floor(index / ONU_PAGE_SIZE)]?.[index % ONU_PAGE_SIZE];
}

function replaceInPages(pages: Record<number, PonDevice[]>, d: PonDevice): Record<number, PonDevice[]> {
  for (const [k, rows] of Object.entries(pages)) {
    const i = rows.findIndex((r) => r.id === d.id && r.endpointId === d.endpointId);
    if (i >= 0) {
      const next = rows.slice();
      next[i] = d;
      return { ...pages, [k]: next };
    }
  }
  return pages;
}

/** Pages requested and not answered yet, as `${generation}:${page}`. */
const inFlight = new Set<string>();

export const usePon = create<PonState>((set, get) => {
  const listRequest = (page: number): RequestOf<'voltha.onus.list'> | null => {
    const s = get();
    if (!s.endpointId) return null;
    const req: RequestOf<'voltha.onus.list'> = { endpointId: s.endpointId, filter: s.filter, offset: page * ONU_PAGE_SIZE, limit: ONU_PAGE_SIZE };
    if (s.scope.oltId) req.oltId = s.scope.oltId;
    if (s.scope.oltId && s.scope.portNo !== null) req.portNo = s.scope.portNo;
    const search = s.search.trim().slice(0, 100);
    if (search) req.search = search;
    return req;
  };

  const loadPage = async (page: number, generation: number): Promise<void> => {
    const req = listRequest(page);
    if (!req) return;
    const key = `${generation}:${page}`;
    if (inFlight.has(key)) return;
    inFlight.add(key);
    try {
      const res = await invoke('voltha.onus.list', req);
      if (get().generation !== generation) return;
      set((s) => {
        const pages: Record<number, PonDevice[]> = { ...s.pages, [page]: res.items };
        const pageGen: Record<number, number> = { ...s.pageGen, [page]: generation };
        // the list shrank under a live reload: pages past the end are gone
        for (const k of Object.keys(pages)) {
          const p = Number(k);
          if (p > 0 && p * ONU_PAGE_SIZE >= res.total) {
            delete pages[p];
            delete pageGen[p];
          }
        }
        return { pages, pageGen, total: res.total, listLoading: false, listError: null };
      });
    } catch (err) {
      if (get().generation !== generation) return;
      set((s) => (s.total === null ? { listLoading: false, listError: errorMessage(err), pages: {}, pageGen: {} } : { listLoading: false, listError: errorMessage(err) }));
    } finally {
      inFlight.delete(key);
    }
  };

  return {
    endpoints: [],
    endpointsLoaded: false,
    endpointsError: null,
    endpointId: null,

    tree: [],
    treeLoaded: false,
    treeLoading: false,
    treeError: null,
    expanded: {},

    scope: ALL_SCOPE,
    filter: 'all',
    search: '',

    pages: {},
    pageGen: {},
    total: null,
    listLoading: false,
    listError: null,
    generation: 0,
    queryId: 0,

    selectedId: null,
    detail: null,
    refresh: { running: false, endpointId: null, result: null, error: null },

    loadEndpoints: async () => {
      try {
        const endpoints = await invoke('voltha.endpoints.list', {});
        set({ endpoints, endpointsLoaded: true, endpointsError: null });
        const current = get().endpointId;
        if (current && endpoints.some((e) => e.id === current)) return;
        const stored = storedEndpoint();
        const next = endpoints.find((e) => e.id === stored) ?? endpoints[0] ?? null;
        get().selectEndpoint(next?.id ?? null);
      } catch (err) {
        set({ endpointsLoaded: true, endpointsError: errorMessage(err) });
      }
    },

    selectEndpoint: (id) => {
      storeEndpoint(id);
      if (id === get().endpointId && get().treeLoaded) return;
      set({
        endpointId: id,
        tree: [],
        treeLoaded: false,
        treeError: null,
        expanded: {},
        scope: ALL_SCOPE,
        selectedId: null,
        detail: null,
        refresh: { running: false, endpointId: null, result: null, error: null },
      });
      get().reloadList(false);
      void get().loadTree();
    },

    saveEndpoint: async (input) => {
      const saved = await invoke('voltha.endpoints.save', input);
      set((s) => {
        const i = s.endpoints.findIndex((e) => e.id === saved.id);
        const endpoints = i >= 0 ? s.endpoints.map((e) => (e.id === saved.id ? saved : e)) : [...s.endpoints, saved];
        return { endpoints };
      });
      if (!input.id) get().selectEndpoint(saved.id);
      void get().loadEndpoints();
      return saved;
    },

    deleteEndpoint: async (id) => {
      await invoke('voltha.endpoints.delete', { id });
      set((s) => ({ endpoints: s.endpoints.filter((e) => e.id !== id) }));
      if (get().endpointId === id) {
        const next = get().endpoints[0]?.id ?? null;
        get().selectEndpoint(next);
      }
      void get().loadEndpoints();
    },

    refreshNow: async () => {
      const endpointId = get().endpointId;
      if (!endpointId || get().refresh.running) return;
      set({ refresh: { running: true, endpointId, result: get().refresh.result, error: null } });
      try {
        const result = await invoke('voltha.refresh', { endpointId });
        if (get().endpointId !== endpointId) return;
        set({ refresh: { running: false, endpointId, result, error: result.error } });
      } catch (err) {
        if (get().endpointId !== endpointId) return;
        set({ refresh: { running: false, endpointId, result: null, error: errorMessage(err) } });
      }
      await get().liveReload();
    },

    loadTree: async () => {
      const endpointId = get().endpointId;
      if (!endpointId) {
        set({ tree: [], treeLoaded: true, treeLoading: false, treeError: null });
        return;
      }
      set({ treeLoading: true });
      try {
        const tree = await invoke('voltha.tree', { endpointId });
        if (get().endpointId !== endpointId) return;
        set({ tree, treeLoaded: true, treeLoading: false, treeError: null });
        // the OLT in scope was deleted: show every ONU of the endpoint again
        const { scope } = get();
        if (scope.oltId && !tree.some((t) => t.olt.id === scope.oltId)) get().setScope(ALL_SCOPE);
      } catch (err) {
        if (get().endpointId !== endpointId) return;
        set({ treeLoading: false, treeLoaded: true, treeError: errorMessage(err) });
      }
    },

    setScope: (scope) => {
      const cur = get().scope;
      if (cur.oltId === scope.oltId && cur.portNo === scope.portNo) return;
      set((s) => ({ scope, expanded: scope.oltId ? { ...s.expanded, [scope.oltId]: true } : s.expanded }));
      get().reloadList(false);
    },

    setExpanded: (oltId, open) => set((s) => ({ expanded: { ...s.expanded, [oltId]: open } })),

    setFilter: (filter) => {
      if (filter === get().filter) return;
      set({ filter });
      get().reloadList(false);
    },

    setSearch: (search) => {
      if (search === get().search) return;
      set({ search });
      get().reloadList(false);
    },

    reloadList: (keepRows) => {
      const generation = get().generation + 1;
      if (!get().endpointId) {
        set({ generation, pages: {}, pageGen: {}, total: null, listLoading: false, listError: null });
        return;
      }
      if (keepRows && get().total !== null) {
        // rows stay on screen; the list asks again for the pages in view (ensureRows)
        set({ generation });
        return;
      }
      set((s) => ({ generation, queryId: s.queryId + 1, pages: {}, pageGen: {}, total: null, listLoading: true, listError: null }));
      void loadPage(0, generation);
    },

    ensureRows: (start, end) => {
      const { total, listLoading, pageGen, generation } = get();
      if (total === null || listLoading) return;
      const firstPage = Math.floor(Math.max(0, start) / ONU_PAGE_SIZE);
      const lastPage = total > 0 ? Math.floor(Math.max(0, Math.min(end, total - 1)) / ONU_PAGE_SIZE) : 0;
      for (let p = firstPage; p <= lastPage; p++) {
        if (pageGen[p] !== generation) void loadPage(p, generation);
      }
    },

    select: (id) => set({ selectedId: id }),

    openDetail: async ({ endpointId, id }, cached = null) => {
      const prev = get().detail;
      const same = prev && prev.endpointId === endpointId && prev.id === id && !prev.deleted;
      set({
        detail: {
          endpointId,
          id,
          cached: cached ?? (same ? prev.cached : null),
          loading: true,
          data: same ? prev.data : null,
          error: null,
          errorCode: null,
          deleted: false,
        },
      });
      await get().reloadDetail();
    },

    reloadDetail: async () => {
      const d = get().detail;
      if (!d || d.deleted) return;
      const { endpointId, id } = d;
      const current = () => {
        const x = get().detail;
        return x && x.endpointId === endpointId && x.id === id && !x.deleted ? x : null;
      };
      set({ detail: { ...d, loading: true } });
      try {
        const data = await invoke('voltha.device.get', { endpointId, id });
        const cur = current();
        if (!cur) return;
        set((s) => ({ detail: { ...cur, data, loading: false, error: null, errorCode: null }, pages: replaceInPages(s.pages, data.device) }));
      } catch (err) {
        const cur = current();
        if (!cur) return;
        set({ detail: { ...cur, loading: false, error: errorMessage(err), errorCode: err instanceof ApiError ? err.code : null } });
      }
    },

    closeDetail: () => set({ detail: null }),

    act: async (action) => {
      const d = get().detail;
      if (!d) return;
      const res = await invoke('voltha.device.action', { endpointId: d.endpointId, id: d.id, action });
      const cur = get().detail;
      if (action === 'delete') {
        if (cur && cur.id === d.id && cur.endpointId === d.endpointId) set({ detail: { ...cur, deleted: true, loading: false } });
        if (get().selectedId === d.id) set({ selectedId: null });
      } else if (res.device) {
        const device = res.device;
        set((s) => ({
          pages: replaceInPages(s.pages, device),
          detail:
            s.detail && s.detail.id === device.id && s.detail.endpointId === device.endpointId
              ? { ...s.detail, data: s.detail.data ? { ...s.detail.data, device } : { device, ports: [], live: true, error: null } }
              : s.detail,
        }));
      }
      // the core moves on (activating, rebooted → active): poll now rather than at the next interval
      void get().refreshNow();
    },

    preprovision: async (input) => {
      const olt = await invoke('voltha.preprovision', input);
      await get().loadTree();
      void get().refreshNow();
      return olt;
    },

    liveReload: async () => {
      const s = get();
      if (!s.endpointId) {
        await s.loadEndpoints();
        return;
      }
      s.reloadList(true);
      await Promise.all([s.loadEndpoints(), s.loadTree(), s.detail && !s.detail.deleted ? s.reloadDetail() : Promise.resolve()]);
    },
  };
});

let started = false;
let liveTimer: ReturnType<typeof setTimeout> | null = null;
/** The page is on screen; while it is not, changes are only noted and reloaded when it is again. */
let shown = false;
let missed = false;

export function setPonPageShown(value: boolean): void {
  shown = value;
  if (value && missed) {
    missed = false;
    scheduleLiveReload();
  }
}

function scheduleLiveReload(): void {
  if (!shown) {
    missed = true;
    return;
  }
  if (liveTimer) clearTimeout(liveTimer);
  liveTimer = setTimeout(() => {
    liveTimer = null;
    void usePon.getState().liveReload();
  }, LIVE_DEBOUNCE_MS);
}

/** Wires the store to `voltha.changed` and reconnections; called by the page when first shown. */
export function startPonSync(): void {
  if (started) return;
  started = true;
  onEvent('voltha.changed', (ev) => {
    const s = usePon.getState();
    if (ev.endpointId === s.endpointId) {
      scheduleLiveReload();
    } else if (shown) {
      // another endpoint polled: only its line in the picker (last poll, error) changes
      void s.loadEndpoints();
    }
  });
  let lastEpoch = 0;
  const onConnection = (epoch: number) => {
    if (epoch <= lastEpoch) return;
    const first = lastEpoch === 0;
    lastEpoch = epoch;
    const s = usePon.getState();
    if (first || !s.endpointId) void s.loadEndpoints();
    else if (shown) void s.liveReload();
    else missed = true;
  };
  useConnection.subscribe((c) => onConnection(c.epoch));
  onConnection(useConnection.getState().epoch);
}
