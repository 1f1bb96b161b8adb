// Ctrl/Cmd+K: jump to any page (fuzzy) or to any device by name (server-side search, 20 at most).
import { useEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import type { Device } from '../../../shared/domain/device';
import { errorMessage, invoke } from '../lib/api';
import { useDebouncedValue } from '../lib/useDebouncedValue';
import { openTerminal } from '../features/terminals/store';
import { fuzzyScore } from './fuzzy';
import { PAGES, type PageId } from './pages';
import { closePalette } from './paletteStore';
import { navigate } from './router';

const DEVICE_LIMIT = 20;
const NO_DEVICES: Device[] = [];

type PaletteItem = { kind: 'page'; id: PageId; title: string; hint: string } | { kind: 'device' | 'ssh'; device: Device };

function choose(item: PaletteItem | undefined): void {
  if (!item) return;
  closePalette();
  if (item.kind === 'page') navigate(item.id, null);
  else if (item.kind === 'ssh') openTerminal(item.device);
  else navigate('devices', item.device.id);
}

function itemKey(item: PaletteItem): string {
  return item.kind === 'page' ? `page:${item.id}` : `${item.kind}:${item.device.id}`;
}

export function CommandPalette() {
  const [query, setQuery] = useState('');
  const [active, setActive] = useState(0);
  const [found, setFound] = useState<{ term: string; devices: Device[]; error: string | null }>({ term: '', devices: [], error: null });
  const inputRef = useRef<HTMLInputElement>(null);
  const listRef = useRef<HTMLUListElement>(null);
  const term = useDebouncedValue(query, 120).trim();

  useEffect(() => {
    inputRef.current?.focus();
  }, []);

  useEffect(() => {
    if (!term) return;
    let current = true;
    invoke('devices.list', { search: term.slice(0, 200), limit: DEVICE_LIMIT, withTotal: false, sort: 'name', dir: 'asc' }).then(
      (page) => {
        if (current) setFound({ term, devices: page.items, error: null });
      },
      (err: unknown) => {
        if (current) setFound({ term, devices: [], error: errorMessage(err) });
      },
    );
    return () => {
      current = false;
    };
  }, [term]);

  // results of an older term are never shown for a newer one
  const devices = term && found.term === term ? found.devices : NO_DEVICES;
  const error = term && found.term === term ? found.error : null;
  const searching = term !== '' && found.term !== term;

  const items = useMemo<PaletteItem[]>(() => {
    const pages = PAGES.map((p) => ({ p, score: fuzzyScore(query, p.title) ?? (fuzzyScore(query, p.keywords) ?? -Infinity) - 20 }))
      .filter((x) => x.score > -Infinity)
      .sort((a, b) => b.score - a.score)
      .map(({ p }): PaletteItem => ({ kind: 'page', id: p.id, title: p.title, hint: p.notBuilt ? 'not built yet' : 'page' }));
    // each device with an SSH profile also offers "SSH to <device>" right after it
    const devs = devices.flatMap((device): PaletteItem[] =>
      device.sshProfileId ? [{ kind: 'device', device }, { kind: 'ssh', device }] : [{ kind: 'device', device }],
    );
    // an exact-ish page hit first, then devices, then the weaker page hits
    return query.trim() ? [...pages.slice(0, 3), ...devs, ...pages.slice(3)] : pages;
  }, [query, devices]);

  const clampedActive = Math.min(active, Math.max(0, items.length - 1));

  useEffect(() => {
    listRef.current?.querySelector('[aria-selected="true"]')?.scrollIntoView({ block: 'nearest' });
  }, [clampedActive]);

  // Enter typed before the device search answered: act on the first result once it has
  const pendingEnter = useRef(false);
  useEffect(() => {
    if (searching || !pendingEnter.current) return;
    pendingEnter.current = false;
    choose(items[0]);
  }, [searching, items]);

  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key === 'ArrowDown') {
      setActive((clampedActive + 1) % Math.max(1, items.length));
    } else if (e.key === 'ArrowUp') {
      setActive((clampedActive - 1 + items.length) % Math.max(1, items.length));
    } else if (e.key === 'Enter') {
      if ((searching || query.trim() !== term) && clampedActive === 0) pendingEnter.current = true;
      else choose(items[clampedActive]);
    } else if (e.key === 'Escape') {
      closePalette();
    } else if (e.key === 'Tab') {
      // focus stays in the palette
    } else {
      return;
    }
    e.preventDefault();
    e.stopPropagation();
  };

  const activeItem = items[clampedActive];

  return (
    <div className="palette-backdrop" onMouseDown={(e) => e.target === e.currentTarget && closePalette()}>
      <div className="palette" role="dialog" aria-modal="true" aria-label="Command palette" data-testid="command-palette" onKeyDown={onKeyDown}>
        <input
          ref={inputRef}
          className="palette-input"
          role="combobox"
          aria-expanded="true"
          aria-controls="palette-list"
          aria-activedescendant={activeItem ? `palette-${itemKey(activeItem)}` : undefined}
          placeholder="Go to page or device…"
          value={query}
          onChange={(e) => {
            setQuery(e.target.value);
            setActive(0);
          }}
          spellCheck={false}
          autoComplete="off"
          data-testid="palette-input"
        />
        <ul className="palette-list" id="palette-list" role="listbox" ref={listRef}>
          {items.map((item, i) => (
            <li
              key={itemKey(item)}
              id={`palette-${itemKey(item)}`}
              role="option"
              aria-selected={i === clampedActive}
              className={`palette-item${i === clampedActive ? ' active' : ''}`}
              onMouseMove={() => i !== clampedActive && setActive(i)}
              onClick={() => choose(item)}
              data-testid="palette-item"
              data-kind={item.kind}
              data-device-id={item.kind === 'page' ? undefined : item.device.id}
            >
              {item.kind === 'page' ? (
                <>
                  <span className="palette-kind">Page</span>
                  <span className="palette-title">{item.title}</span>
                  <span className="palette-hint">{item.hint}</span>
                </>
              ) : item.kind === 'ssh' ? (
                <>
                  <span className="palette-kind">SSH</span>
                  <span className="palette-title">SSH to {item.device.name}</span>
                  <span className="palette-hint">open a terminal</span>
                </>
              ) : (
                <>
                  <span className="palette-kind">Device</span>
                  <span className="palette-title">{item.device.name}</span>
                  <span className="palette-hint mono">
                    {item.device.mgmtAddress}
                    {item.device.siteName ? ` · ${item.device.siteName}` : ''}
                  </span>
                </>
              )}
            </li>
          ))}
          {items.length === 0 && !searching && <li className="palette-empty">Nothing matches.</li>}
        </ul>
        <div className="palette-foot">
          {error ? <span className="field-error">{error}</span> : searching ? <span>Searching devices…</span> : <span>↑↓ move · Enter open · Esc close</span>}
        </div>
      </div>
    </div>
  );
}
