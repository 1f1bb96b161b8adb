// A device's active alarms (open and acknowledged), newest first, reloaded when alarms change.
import { useEffect, useState } from 'react';
import type { ResponseOf } from '../../../../shared/ipc/schemas';
import { errorMessage, invoke, onEvent } from '../../lib/api';

export type DeviceAlarm = ResponseOf<'alarms.list'>['items'][number];

/** Alarm events come in bursts (a trap storm, a poll cycle): one reload per burst. */
const RELOAD_COALESCE_MS = 300;
export const DEVICE_ALARMS_LIMIT = 50;

export interface DeviceAlarmsState {
  loading: boolean;
  error: string | null;
  items: DeviceAlarm[];
  total: number;
}

export function useDeviceAlarms(deviceId: string): DeviceAlarmsState {
  const [state, setState] = useState<DeviceAlarmsState>({ loading: true, error: null, items: [], total: 0 });

  useEffect(() => {
    let live = true;
    let timer: ReturnType<typeof setTimeout> | null = null;
    const load = () => {
      invoke('alarms.list', { deviceId, state: 'active', offset: 0, limit: DEVICE_ALARMS_LIMIT })
        .then((r) => {
          if (live) setState({ loading: false, error: null, items: r.items, total: r.total });
        })
        .catch((err: unknown) => {
          if (live) setState((s) => ({ ...s, loading: false, error: errorMessage(err) }));
        });
    };
    const off = onEvent('alarms.changed', () => {
      if (timer !== null) return;
      timer = setTimeout(() => {
        timer = null;
        load();
      }, RELOAD_COALESCE_MS);
    });
    load();
    return () => {
      live = false;
      if (timer !== null) clearTimeout(timer);
      off();
    };
  }, [deviceId]);

  return state;
}
