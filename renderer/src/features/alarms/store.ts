// State of the Alarms page: filters, the loaded rows (newest first, pages of 200 appended on
// demand), the trap receiver's status, and live updates: 'alarms.changed' reloads what is loaded
// (coalesced, so a trap storm costs one query per burst), 'alarms.raised' notifies on CRITICAL ones.
import { create } from 'zustand';
import { ALARM_SEVERITIES, type ALARM_STATES } from '../../../../shared/ipc/alarmSchemas';
import type { ResponseOf } from '../../../../shared/ipc/channels';
import { errorMessage, invoke, onEvent } from '../../lib/api';

export type Alarm = ResponseOf<'alarms.get'>;
export type AlarmStateFilter = (typeof ALARM_STATES)[number];
export type SeverityFilter = (typeof ALARM_SEVERITIES)[number] | 'all';
export type TrapStatus = ResponseOf<'traps.status'>;

const PAGE = 200;
const RELOAD_COALESCE_MS = 150;

interface AlarmsState {
  state: AlarmStateFilter;
  severity: SeverityFilter;
  search: string;
  items: Alarm[];
  total: number;
  loading: boolean;
  error: string | null;
  trapStatus: TrapStatus | null;
  /** Bumps with every completed load (tests and the list read it). */
  seq: number;
  setFilter(patch: Partial<Pick<AlarmsState, 'state' | 'severity' | 'search'>>): void;
  reload(): Promise<void>;
  loadMore(): Promise<void>;
  refreshTrapStatus(): Promise<void>;
  acknowledge(id: string, note: string): Promise<void>;
  clear(id: string): Promise<void>;
}

let requestNo = 0;

export const useAlarms = create<AlarmsState>((set, get) => {
  const query = (offset: number, limit: number) => {
    const { state, severity, search } = get();
    return invoke('alarms.list', {
      state,
      ...(severity === 'all' ? {} : { severities: [severity] }),
      ...(search.trim() ? { search: search.trim() } : {}),
      offset,
      limit,
    });
  };
  return {
    state: 'active',
    severity: 'all',
    search: '',
    items: [],
    total: 0,
    loading: false,
    error: null,
    trapStatus: null,
    seq: 0,
    setFilter(patch) {
      set(patch);
      void get().reload();
    },
    async reload() {
      const mine = ++requestNo;
      set({ loading: true });
      try {
        // keep as many rows as are shown, so a live reload does not shrink a scrolled list
        const r = await query(0, Math.min(500, Math.max(PAGE, get().items.length)));
        if (mine !== requestNo) return; // a newer filter won
        set((s) => ({ items: r.items, total: r.total, loading: false, error: null, seq: s.seq + 1 }));
      } catch (err) {
        if (mine === requestNo) set({ loading: false, error: errorMessage(err) });
      }
    },
    async loadMore() {
      const { items, total, loading } = get();
      if (loading || items.length >= total) return;
      const mine = ++requestNo;
      set({ loading: true });
      try {
        const r = await query(items.length, PAGE);
        if (mine !== requestNo) return;
        set((s) => ({ items: [...s.items, ...r.items], total: r.total, loading: false, seq: s.seq + 1 }));
      } catch (err) {
        if (mine === requestNo) set({ loading: false, error: errorMessage(err) });
      }
    },
    async refreshTrapStatus() {
      try {
        set({ trapStatus: await invoke('traps.status', {}) });
      } catch {
        set({ trapStatus: null });
      }
    },
    async acknowledge(id, note) {
      await invoke('alarms.ack', { id, note });
      await get().reload();
    },
    async clear(id) {
      await invoke('alarms.clear', { id });
      await get().reload();
    },
  };
});

/** Subscribes the page to live alarm events; returns the unsubscribe. */
export function subscribeAlarmEvents(): () => void {
  let timer: ReturnType<typeof setTimeout> | null = null;
  const reloadSoon = () => {
    if (timer) return;
    timer = setTimeout(() => {
      timer = null;
      void useAlarms.getState().reload();
      void useAlarms.getState().refreshTrapStatus();
    }, RELOAD_COALESCE_MS);
  };
  const offChanged = onEvent('alarms.changed', reloadSoon);
  return () => {
    if (timer) clearTimeout(timer);
    offChanged();
  };
}

export const SEVERITY_OPTIONS: readonly SeverityFilter[] = ['all', ...ALARM_SEVERITIES];
