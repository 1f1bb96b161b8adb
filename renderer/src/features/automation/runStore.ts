// The Run tab: what is chosen (devices or a site, the command), the preview it was checked with,
// the run being watched (live from `ssh.run.update`) and the recent runs. Kept in a store so a
// run keeps updating while the user looks at another page.
import { create } from 'zustand';
import { navigate } from '../../app/router';
import type { RunTargetState } from '../../../../shared/domain/ssh';
import type { RequestOf } from '../../../../shared/ipc/channels';
import { errorMessage, invoke, onEvent, useConnection } from '../../lib/api';
import type { PickedDevice, RunDetail, RunResult, RunSummary, RunTarget } from './types';

export type SelectionMode = 'devices' | 'site';

export interface Preview {
  /** What it was computed for: Run is offered only while the form still says the same. */
  key: string;
  command: string;
  targets: RunTarget[];
}

/** The run on screen: its summary and each device's result, in the order they were listed. */
export interface WatchedRun {
  run: RunSummary;
  results: Record<string, RunResult>;
  order: string[];
}

interface RunState {
  mode: SelectionMode;
  devices: PickedDevice[];
  siteId: string;
  command: string;
  concurrency: string;
  stopOnError: boolean;
  preview: Preview | null;
  previewing: boolean;
  previewError: string | null;
  starting: boolean;
  startError: string | null;
  watched: WatchedRun | null;
  runs: RunSummary[];
  runsError: string | null;

  set(patch: Partial<Pick<RunState, 'mode' | 'devices' | 'siteId' | 'command' | 'concurrency' | 'stopOnError'>>): void;
  runPreview(): Promise<void>;
  start(): Promise<void>;
  stop(): Promise<void>;
  open(runId: string): Promise<void>;
  loadRuns(): Promise<void>;
}

export function selectionKey(s: Pick<RunState, 'mode' | 'devices' | 'siteId' | 'command'>): string {
  const what = s.mode === 'site' ? `site:${s.siteId}` : `devices:${s.devices.map((d) => d.id).join(',')}`;
  return `${what}\n${s.command}`;
}

export function selectionRequest(s: Pick<RunState, 'mode' | 'devices' | 'siteId'>): RequestOf<'ssh.run.preview'> {
  return s.mode === 'site' ? { siteId: s.siteId } : { deviceIds: s.devices.map((d) => d.id) };
}

const RANK: Record<RunTargetState, number> = { queued: 0, running: 1, ok: 2, failed: 2, skipped: 2, stopped: 2 };

/** Updates can overtake a `ssh.run.get` answer: the further-along version of a result wins. */
function newer(a: RunResult | undefined, b: RunResult): RunResult {
  if (!a) return b;
  return RANK[b.state] >= RANK[a.state] ? b : a;
}

function done(r: RunSummary): number {
  return r.ok + r.failed + r.skipped + (r.state === 'running' ? 0 : 1_000_000);
}

function newerSummary(a: RunSummary | undefined, b: RunSummary): RunSummary {
  if (!a) return b;
  return done(b) >= done(a) ? b : a;
}

function watchedOf(detail: RunDetail, previous: WatchedRun | null): WatchedRun {
  const { results, ...run } = detail;
  const same = previous?.run.runId === run.runId ? previous : null;
  const merged: Record<string, RunResult> = { ...(same?.results ?? {}) };
  for (const r of results) merged[r.deviceId] = newer(merged[r.deviceId], r);
  const order = [...results.map((r) => r.deviceId), ...(same?.order ?? []).filter((id) => !results.some((r) => r.deviceId === id))];
  return { run: newerSummary(same?.run, run), results: merged, order };
}

/** Updates of runs not (yet) on screen, kept briefly: a fast run may report before `start` answers. */
const early = new Map<string, { run: RunSummary; results: RunResult[] }>();
const EARLY_LIMIT = 8;

export const useRuns = create<RunState>((set, get) => ({
  mode: 'devices',
  devices: [],
  siteId: '',
  command: '',
  concurrency: '8',
  stopOnError: false,
  preview: null,
  previewing: false,
  previewError: null,
  starting: false,
  startError: null,
  watched: null,
  runs: [],
  runsError: null,

  set: (patch) => set(patch),

  runPreview: async () => {
    const s = get();
    const key = selectionKey(s);
    set({ previewing: true, previewError: null, startError: null });
    try {
      const res = await invoke('ssh.run.preview', selectionRequest(s));
      set({ preview: { key, command: s.command, targets: res.targets }, previewing: false });
    } catch (err) {
      set({ preview: null, previewing: false, previewError: errorMessage(err) });
    }
  },

  start: async () => {
    const s = get();
    const concurrency = Number(s.concurrency);
    set({ starting: true, startError: null });
    try {
      const run = await invoke('ssh.run.start', { ...selectionRequest(s), command: s.command, concurrency, stopOnError: s.stopOnError });
      const pending = early.get(run.runId);
      early.delete(run.runId);
      const results: Record<string, RunResult> = {};
      for (const r of pending?.results ?? []) results[r.deviceId] = newer(results[r.deviceId], r);
      // the preview's reachable targets, in its order, until each reports
      const order = (s.preview?.targets ?? []).map((t) => t.deviceId);
      set({ starting: false, watched: { run: newerSummary(pending?.run, run), results, order } });
      void get().open(run.runId);
      void get().loadRuns();
    } catch (err) {
      set({ starting: false, startError: errorMessage(err) });
    }
  },

  stop: async () => {
    const w = get().watched;
    if (!w) return;
    try {
      await invoke('ssh.run.stop', { runId: w.run.runId });
    } catch (err) {
      set({ startError: errorMessage(err) });
    }
  },

  open: async (runId) => {
    try {
      const detail = await invoke('ssh.run.get', { runId });
      set((s) => ({ watched: watchedOf(detail, s.watched?.run.runId === runId ? s.watched : null), startError: null }));
    } catch (err) {
      set({ startError: errorMessage(err) });
    }
  },

  loadRuns: async () => {
    try {
      set({ runs: await invoke('ssh.run.list', { limit: 20 }), runsError: null });
    } catch (err) {
      set({ runsError: errorMessage(err) });
    }
  },
}));

function applyUpdate(run: RunSummary, result: RunResult | null): void {
  const s = useRuns.getState();
  const w = s.watched;
  if (w && w.run.runId === run.runId) {
    const results = result ? { ...w.results, [result.deviceId]: newer(w.results[result.deviceId], result) } : w.results;
    const order = result && !w.order.includes(result.deviceId) ? [...w.order, result.deviceId] : w.order;
    useRuns.setState({ watched: { run: newerSummary(w.run, run), results, order } });
  } else {
    const e = early.get(run.runId) ?? { run, results: [] };
    e.run = newerSummary(e.run, run);
    if (result) e.results.push(result);
    early.set(run.runId, e);
    while (early.size > EARLY_LIMIT) early.delete(early.keys().next().value as string);
  }
  // the recent list shows counts and state: refresh a known run in place, reload when one finishes
  if (s.runs.some((r) => r.runId === run.runId)) {
    useRuns.setState((st) => ({ runs: st.runs.map((r) => (r.runId === run.runId ? newerSummary(r, run) : r)) }));
  }
  if (run.state !== 'running') void useRuns.getState().loadRuns();
}

let started = false;

export function startRunSync(): void {
  if (started) return;
  started = true;
  onEvent('ssh.run.update', ({ run, result }) => applyUpdate(run, result));
  let lastEpoch = 0;
  const onConnection = (epoch: number) => {
    if (epoch <= lastEpoch) return;
    lastEpoch = epoch;
    const s = useRuns.getState();
    void s.loadRuns();
    // a reconnection may have missed updates of the run on screen
    if (s.watched) void s.open(s.watched.run.runId);
  };
  useConnection.subscribe((c) => onConnection(c.epoch));
  onConnection(useConnection.getState().epoch);
}

/**
 * Opens Automation's Run tab with `devices` as the chosen targets (the map's lasso, a device list…).
 * The old preview is dropped: it described other targets.
 */
export function chooseRunTargets(devices: PickedDevice[]): void {
  useRuns.setState({ mode: 'devices', devices, preview: null, previewError: null, startError: null });
  navigate('automation');
}
