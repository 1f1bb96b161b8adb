// A device's interfaces with their latest rates: read once with `poller.interfaces`, then kept
// current by the poller's `poller.sample` events for that device. Mount it with `key={deviceId}`
// so another device starts from a clean state.
import { useEffect, useState } from 'react';
import type { ResponseOf } from '../../../../shared/ipc/schemas';
import { errorMessage, invoke, onEvent } from '../../lib/api';
import { applySample, type LiveInterface } from './liveInterfaces';

type PolledStatus = ResponseOf<'poller.interfaces'>['status'];

export interface LiveInterfacesState {
  loading: boolean;
  error: string | null;
  /** When the device was last polled; null = never (not monitored, or no cycle yet). */
  at: number | null;
  status: PolledStatus;
  interfaces: LiveInterface[];
}

export function useLiveInterfaces(deviceId: string): LiveInterfacesState {
  const [state, setState] = useState<LiveInterfacesState>({ loading: true, error: null, at: null, status: null, interfaces: [] });

  useEffect(() => {
    let live = true;
    // an event may arrive before the first read answers: the newer of the two wins
    const off = onEvent('poller.sample', (sample) => {
      if (sample.deviceId !== deviceId) return;
      setState((s) => ({ ...s, loading: false, at: sample.at, status: sample.status, interfaces: applySample(s.interfaces, sample) }));
    });
    invoke('poller.interfaces', { deviceId })
      .then((r) => {
        if (!live) return;
        setState((s) => (s.at !== null && r.at !== null && s.at > r.at ? { ...s, loading: false } : { loading: false, error: null, at: r.at, status: r.status, interfaces: r.interfaces }));
      })
      .catch((err: unknown) => {
        if (live) setState((s) => ({ ...s, loading: false, error: errorMessage(err) }));
      });
    return () => {
      live = false;
      off();
    };
  }, [deviceId]);

  return state;
}
