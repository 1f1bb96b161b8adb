// Devices matching what a user types in a picker (devices.list search), debounced; null while the
// box is empty or the answer for the current text has not come yet, so stale results never show.
import { useEffect, useState } from 'react';
import type { Device } from '../../../shared/domain/device';
import { errorMessage, invoke } from './api';
import { useDebouncedValue } from './useDebouncedValue';

export interface FoundDevices {
  term: string;
  items: Device[];
  error: string | null;
}

export function useDeviceSearch(search: string, limit: number): FoundDevices | null {
  const term = useDebouncedValue(search.trim(), 200);
  const [found, setFound] = useState<FoundDevices>({ term: '', items: [], error: null });
  useEffect(() => {
    if (term === '') return;
    let live = true;
    invoke('devices.list', { search: term.slice(0, 200), limit, withTotal: false })
      .then((page) => live && setFound({ term, items: page.items, error: null }))
      .catch((err: unknown) => live && setFound({ term, items: [], error: errorMessage(err) }));
    return () => {
      live = false;
    };
  }, [term, limit]);
  return term !== '' && found.term === term ? found : null;
}
