// What `app.info` says about this console: workspace, tenant, role, permissions, device count.
// Reloaded after every (re)connection and, debounced, after inventory changes.
import { create } from 'zustand';
import type { Permission } from '../../../../shared/domain/permissions';
import type { ResponseOf } from '../../../../shared/ipc/channels';
import { errorMessage, invoke, onEvent, useConnection } from '../../lib/api';

export type AppInfo = ResponseOf<'app.info'>;

interface AppInfoState {
  info: AppInfo | null;
  error: string | null;
  load(): Promise<void>;
}

export const useAppInfo = create<AppInfoState>((set) => ({
  info: null,
  error: null,
  load: async () => {
    try {
      const info = await invoke('app.info', {});
      set({ info, error: null });
    } catch (err) {
      set({ error: errorMessage(err) });
    }
  },
}));

/** True when the role of this console may do `permission`; false until app.info has loaded. */
export function useCan(permission: Permission): boolean {
  return useAppInfo((s) => s.info?.permissions.includes(permission) ?? false);
}

let started = false;

export function startAppInfo(): void {
  if (started) return;
  started = true;
  let timer: ReturnType<typeof setTimeout> | null = null;
  onEvent('devices.changed', () => {
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => void useAppInfo.getState().load(), 400);
  });
  let lastEpoch = 0;
  const onConnection = (epoch: number) => {
    if (epoch > lastEpoch) {
      lastEpoch = epoch;
      void useAppInfo.getState().load();
    }
  };
  useConnection.subscribe((s) => onConnection(s.epoch));
  onConnection(useConnection.getState().epoch);
}
