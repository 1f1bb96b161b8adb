// State of sync with the central service as the renderer sees it: the status (session, online,
// counts, last sync) that the status bar chip and the Sync page show, kept live from the
// `sync.status` event plus a `sync.status` call on every (re)connection; and the Sync page's lists
// (outbox, conflicts) with their actions. When a pull changed the cache, or a login/logout switched
// the tenant, the inventory and app.info are reloaded so the other pages show the synced rows.
import { create } from 'zustand';
import type { SyncStatus, OutboxItem, ConflictItem } from '../../../../shared/ipc/syncSchemas';
import { ApiError, errorMessage, invoke, onEvent, useConnection } from '../../lib/api';
import { useAppInfo } from '../appInfo/store';
import { useDevices } from '../devices/store';

export type { ConflictItem, OutboxItem, SyncStatus };
export type OutboxFilter = 'all' | 'pending' | 'review';

// ── Status (chip + page header) ──────────────────────────────────────────────────────────────

interface SyncStatusState {
  status: SyncStatus | null;
  error: string | null;
  load(): Promise<void>;
  apply(s: SyncStatus): void;
}

let refreshTimer: ReturnType<typeof setTimeout> | null = null;

/** Reloads what a pull or a tenant switch changed underneath the other pages (coalesced). */
function refreshOtherPages(): void {
  if (refreshTimer) clearTimeout(refreshTimer);
  refreshTimer = setTimeout(() => {
    refreshTimer = null;
    void useAppInfo.getState().load();
    const d = useDevices.getState();
    void d.reload();
    void d.loadLookups();
    if (d.detailId) void d.openDetail(d.detailId);
  }, 300);
}

export const useSyncStatus = create<SyncStatusState>((set, get) => ({
  status: null,
  error: null,
  async load() {
    try {
      get().apply(await invoke('sync.status', {}));
    } catch (err) {
      set({ error: errorMessage(err) });
    }
  },
  apply(s) {
    const prev = get().status;
    set({ status: s, error: null });
    if (prev && (prev.cursor !== s.cursor || prev.tenantId !== s.tenantId || prev.loggedIn !== s.loggedIn || prev.role !== s.role)) {
      refreshOtherPages();
    }
  },
}));

let started = false;

/** Keeps the status live: the event, and a fresh read after every (re)connection to the host. */
export function startSyncStatus(): void {
  if (started) return;
  started = true;
  onEvent('sync.status', (s) => useSyncStatus.getState().apply(s));
  let lastEpoch = 0;
  const onConnection = (epoch: number) => {
    if (epoch <= lastEpoch) return;
    lastEpoch = epoch;
    void useSyncStatus.getState().load();
  };
  useConnection.subscribe((c) => onConnection(c.epoch));
  onConnection(useConnection.getState().epoch);
}

// ── Login errors, in words an operator can act on ────────────────────────────────────────────

export type LoginProblem = 'mfa_required' | 'mfa_failed' | 'auth_failed' | 'locked' | 'unreachable' | 'invalid' | 'other';

function detailCode(err: ApiError): string | null {
  const d = err.details;
  if (d && typeof d === 'object' && 'code' in d) {
    const c = (d as { code: unknown }).code;
    return typeof c === 'string' ? c : null;
  }
  return null;
}

export function classifyLoginError(err: unknown): { problem: LoginProblem; message: string } {
  if (!(err instanceof ApiError)) return { problem: 'other', message: errorMessage(err) };
  if (err.code === 'AUTH_FAILED') {
    switch (detailCode(err)) {
      case 'MFA_REQUIRED':
        return { problem: 'mfa_required', message: 'This account uses two-factor authentication: enter the 6-digit code from your authenticator app (or a recovery code).' };
      case 'MFA_FAILED':
        return { problem: 'mfa_failed', message: 'Wrong code: check the authenticator app (codes change every 30 seconds) or use a recovery code.' };
      case 'LOCKED':
        return { problem: 'locked', message: `Account locked after too many failed attempts. ${err.message}` };
      default:
        return { problem: 'auth_failed', message: 'Wrong tenant, user name or password.' };
    }
  }
  if (err.code === 'UNAVAILABLE') return { problem: 'unreachable', message: `Server unreachable: ${err.message}` };
  if (err.code === 'VALIDATION') return { problem: 'invalid', message: err.message };
  return { problem: 'other', message: err.message };
}

export async function login(req: { server: string; tenant: string; username: string; password: string; otp?: string }): Promise<SyncStatus> {
  const s = await invoke('sync.login', req);
  useSyncStatus.getState().apply(s);
  refreshOtherPages();
  return s;
}

export async function logout(): Promise<SyncStatus> {
  const s = await invoke('sync.logout', {});
  useSyncStatus.getState().apply(s);
  refreshOtherPages();
  return s;
}

export async function syncNow(): Promise<{ pushed: number; rejected: number; pulled: number; conflicts: number }> {
  const r = await invoke('sync.now', {});
  useSyncStatus.getState().apply(r.status);
  return r;
}

// ── Outbox ───────────────────────────────────────────────────────────────────────────────────

interface OutboxState {
  filter: OutboxFilter;
  items: OutboxItem[];
  total: number;
  loading: boolean;
  error: string | null;
  selected: ReadonlySet<number>;
  /** What the last discard said (the host explains what a discard means). */
  note: string | null;
  setFilter(f: OutboxFilter): void;
  load(): Promise<void>;
  toggle(seq: number): void;
  selectAll(on: boolean): void;
  retry(seqs: readonly number[]): Promise<void>;
  discard(seqs: readonly number[]): Promise<void>;
}

let outboxRequest = 0;

export const useOutbox = create<OutboxState>((set, get) => ({
  filter: 'all',
  items: [],
  total: 0,
  loading: false,
  error: null,
  selected: new Set<number>(),
  note: null,
  setFilter(filter) {
    set({ filter, selected: new Set<number>() });
    void get().load();
  },
  async load() {
    const mine = ++outboxRequest;
    set({ loading: true });
    try {
      const f = get().filter;
      const r = await invoke('sync.outbox.list', { ...(f === 'all' ? {} : { status: f }), limit: 500, offset: 0 });
      if (mine !== outboxRequest) return;
      const present = new Set(r.items.map((i) => i.seq));
      set((s) => ({ items: r.items, total: r.total, loading: false, error: null, selected: new Set([...s.selected].filter((q) => present.has(q))) }));
    } catch (err) {
      if (mine === outboxRequest) set({ loading: false, error: errorMessage(err) });
    }
  },
  toggle(seq) {
    const next = new Set(get().selected);
    if (next.has(seq)) next.delete(seq);
    else next.add(seq);
    set({ selected: next });
  },
  selectAll(on) {
    set({ selected: on ? new Set(get().items.map((i) => i.seq)) : new Set<number>() });
  },
  async retry(seqs) {
    if (seqs.length === 0) return;
    await invoke('sync.outbox.retry', { seqs: [...seqs] });
    await get().load();
    // a retried entry goes out with the next push; ask for it now rather than at the next tick
    void invoke('sync.now', {})
      .then((r) => useSyncStatus.getState().apply(r.status))
      .catch(() => undefined);
  },
  async discard(seqs) {
    if (seqs.length === 0) return;
    const r = await invoke('sync.outbox.discard', { seqs: [...seqs] });
    set({ note: r.note });
    await get().load();
  },
}));

// ── Conflicts ────────────────────────────────────────────────────────────────────────────────

interface ConflictsState {
  includeResolved: boolean;
  items: ConflictItem[];
  loading: boolean;
  error: string | null;
  setIncludeResolved(on: boolean): void;
  load(): Promise<void>;
  resolve(id: string, choice: 'mine' | 'theirs' | 'merged', value?: string): Promise<void>;
}

let conflictsRequest = 0;

export const useConflicts = create<ConflictsState>((set, get) => ({
  includeResolved: false,
  items: [],
  loading: false,
  error: null,
  setIncludeResolved(includeResolved) {
    set({ includeResolved });
    void get().load();
  },
  async load() {
    const mine = ++conflictsRequest;
    set({ loading: true });
    try {
      const r = await invoke('sync.conflicts.list', { includeResolved: get().includeResolved, limit: 200 });
      if (mine !== conflictsRequest) return;
      set({ items: r.items, loading: false, error: null });
    } catch (err) {
      if (mine === conflictsRequest) set({ loading: false, error: errorMessage(err) });
    }
  },
  async resolve(id, choice, value) {
    await invoke('sync.conflicts.resolve', choice === 'merged' ? { id, choice, value: value ?? '' } : { id, choice });
    await get().load();
    void useSyncStatus.getState().load();
    refreshOtherPages();
  },
}));

/** A field value as text: empty and missing values say so instead of showing nothing. */
export function showValue(v: string | number | boolean | null): string {
  if (v === null) return '(empty)';
  if (typeof v === 'string') return v === '' ? '(empty text)' : v;
  return String(v);
}

export function ago(ms: number | null, now = Date.now()): string {
  if (ms === null) return 'never';
  const s = Math.max(0, Math.round((now - ms) / 1000));
  if (s < 5) return 'just now';
  if (s < 120) return `${s} s ago`;
  if (s < 7200) return `${Math.round(s / 60)} min ago`;
  if (s < 172_800) return `${Math.round(s / 3600)} h ago`;
  return `${Math.round(s / 86_400)} days ago`;
}
