// Running tasks (demo seed, CSV import) as reported by `task.progress` events. A finished task
// lingers briefly so the user sees it complete; a failed one stays until dismissed.
import { create } from 'zustand';
import type { ProgressEvent } from '../../../shared/ipc/channels';
import { onEvent } from '../lib/api';

export interface TaskProgress extends ProgressEvent {
  startedAt: number;
}

interface ProgressState {
  tasks: Record<string, TaskProgress>;
  dismiss(taskId: string): void;
}

const FINISHED_LINGER_MS = 2500;

export const useProgress = create<ProgressState>((set) => ({
  tasks: {},
  dismiss: (taskId) =>
    set((s) => {
      const { [taskId]: _gone, ...rest } = s.tasks;
      return { tasks: rest };
    }),
}));

let subscribed = false;

export function subscribeProgress(): void {
  if (subscribed) return;
  subscribed = true;
  onEvent('task.progress', (ev) => {
    useProgress.setState((s) => ({
      tasks: { ...s.tasks, [ev.taskId]: { ...ev, startedAt: s.tasks[ev.taskId]?.startedAt ?? Date.now() } },
    }));
    if (ev.finished && !ev.error) {
      setTimeout(() => {
        const t = useProgress.getState().tasks[ev.taskId];
        if (t?.finished) useProgress.getState().dismiss(ev.taskId);
      }, FINISHED_LINGER_MS);
    }
  });
}

/**
 * Shows a task the moment this console starts it, before the host's first progress event (a demo
 * seed spends seconds clearing the old tenant first). `settle` ends it if no event ever came.
 */
export function trackLocalTask(taskId: string, label: string): { settle(error?: string): void } {
  useProgress.setState((s) => ({
    tasks: { ...s.tasks, [taskId]: { taskId, label, done: 0, total: 0, finished: false, startedAt: Date.now() } },
  }));
  return {
    settle(error?: string) {
      const t = useProgress.getState().tasks[taskId];
      if (!t || t.finished) return;
      useProgress.setState((s) => ({
        tasks: { ...s.tasks, [taskId]: { ...t, finished: true, ...(error ? { error } : {}) } },
      }));
      if (!error) setTimeout(() => useProgress.getState().dismiss(taskId), FINISHED_LINGER_MS);
    },
  };
}

export function percentOf(t: ProgressEvent): number {
  if (t.finished && !t.error) return 100;
  if (t.total <= 0) return 0;
  return Math.max(0, Math.min(100, Math.round((t.done / t.total) * 100)));
}
