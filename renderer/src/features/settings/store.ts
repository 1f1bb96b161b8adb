// The demo ISP seed: runs in the host, reports through task.progress, and outlives the Settings
// page (the user may go and watch the Devices page fill while it runs).
import { create } from 'zustand';
import type { ResponseOf } from '../../../../shared/ipc/channels';
import { trackLocalTask } from '../../app/progressStore';
import { errorMessage, invoke, newTaskId } from '../../lib/api';

interface DemoSeedState {
  running: boolean;
  summary: ResponseOf<'demo.seed'> | null;
  error: string | null;
  seed(devices: number, subscribers: number): Promise<void>;
}

export const useDemoSeed = create<DemoSeedState>((set, get) => ({
  running: false,
  summary: null,
  error: null,
  seed: async (devices, subscribers) => {
    if (get().running) return;
    set({ running: true, error: null, summary: null });
    const taskId = newTaskId('seed');
    const task = trackLocalTask(taskId, 'Creating the demo ISP');
    try {
      const summary = await invoke('demo.seed', { devices, subscribers, taskId });
      task.settle();
      set({ running: false, summary });
    } catch (err) {
      task.settle(errorMessage(err));
      set({ running: false, error: errorMessage(err) });
    }
  },
}));
