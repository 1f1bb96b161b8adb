// The OID field: a dotted OID or a MIB name, with suggestions from main's MIB table
// (snmp.mib.search) for the word being typed. Arrow keys move through the suggestions, Enter takes
// the one chosen with the arrows (else it runs the request: what was typed is often complete), Tab
// takes the highlighted or the first, Escape closes them. Several OIDs may be typed (get, get-next): the suggestion
// replaces the last word only.
import { useEffect, useId, useState, type KeyboardEvent } from 'react';
import { invoke } from '../../../lib/api';
import { useDebouncedValue } from '../../../lib/useDebouncedValue';
import type { MibEntry } from '../types';

const SUGGESTIONS = 12;

interface Props {
  id: string;
  testId: string;
  value: string;
  onChange: (value: string) => void;
  /** Enter without an open suggestion (run the operation). */
  onSubmit?: () => void;
  /** A picked scalar gets `.0` appended (for get and set, which address instances). */
  instanceForScalars: boolean;
  error?: string | undefined;
  placeholder?: string;
}

/** The word being completed: after the last space or comma. */
function lastWord(value: string): { head: string; word: string } {
  const m = /^(.*[\s,])?([^\s,]*)$/.exec(value);
  return { head: m?.[1] ?? '', word: m?.[2] ?? value };
}

export function OidInput({ id, testId, value, onChange, onSubmit, instanceForScalars, error, placeholder }: Props) {
  const listId = useId();
  const { head, word } = lastWord(value);
  const query = useDebouncedValue(word.trim(), 150);
  const [found, setFound] = useState<{ query: string; items: MibEntry[] }>({ query: '', items: [] });
  const [open, setOpen] = useState(false);
  /** -1: none chosen with the arrows yet. */
  const [active, setActive] = useState(-1);

  useEffect(() => {
    if (query === '' || !open) return;
    let live = true;
    invoke('snmp.mib.search', { query: query.slice(0, 128), limit: SUGGESTIONS })
      .then((items) => {
        if (!live) return;
        setFound({ query, items });
        setActive(-1);
      })
      // suggestions are a help: without them the field still takes any OID
      .catch(() => live && setFound({ query, items: [] }));
    return () => {
      live = false;
    };
  }, [query, open]);

  const items = open && query !== '' && found.query === query ? found.items.filter((e) => e.name !== word.trim()) : [];
  const shown = items.length > 0;

  const pick = (e: MibEntry) => {
    onChange(`${head}${e.name}${instanceForScalars && e.kind === 'scalar' ? '.0' : ''}`);
    setOpen(false);
  };

  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    if (shown && (e.key === 'ArrowDown' || e.key === 'ArrowUp')) {
      e.preventDefault();
      setActive((a) => (a < 0 ? (e.key === 'ArrowDown' ? 0 : items.length - 1) : (a + (e.key === 'ArrowDown' ? 1 : items.length - 1)) % items.length));
      return;
    }
    if (shown && (e.key === 'Enter' || e.key === 'Tab')) {
      const entry = items[active] ?? (e.key === 'Tab' ? items[0] : undefined);
      if (entry) {
        e.preventDefault();
        pick(entry);
        return;
      }
    }
    if (e.key === 'Escape') {
      // closes a list still on its way too (the search is debounced)
      setOpen(false);
      if (shown) {
        e.preventDefault();
        e.stopPropagation();
        return;
      }
    }
    if (e.key === 'Enter' && onSubmit) {
      e.preventDefault();
      onSubmit();
    }
  };

  return (
    <div className="snmp-oid-input">
      <input
        id={id}
        className="mono"
        value={value}
        onChange={(e) => {
          onChange(e.target.value);
          setOpen(true);
        }}
        onKeyDown={onKeyDown}
        onBlur={() => setOpen(false)}
        placeholder={placeholder}
        autoComplete="off"
        spellCheck={false}
        role="combobox"
        aria-expanded={shown}
        aria-controls={listId}
        aria-autocomplete="list"
        aria-activedescendant={shown && active >= 0 ? `${listId}-${active}` : undefined}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-error` : undefined}
        data-testid={testId}
      />
      {shown && (
        <ul className="auto-device-results snmp-oid-suggestions" id={listId} role="listbox" aria-label="MIB names" data-testid={`${testId}-suggestions`}>
          {items.map((entry, i) => (
            <li
              key={`${entry.module}::${entry.name}`}
              id={`${listId}-${i}`}
              role="option"
              aria-selected={i === active}
              className={i === active ? 'active' : undefined}
              // mousedown, not click: the input's blur would close the list first
              onMouseDown={(e) => {
                e.preventDefault();
                pick(entry);
              }}
              title={entry.description}
              data-testid={`${testId}-option`}
              data-name={entry.name}
            >
              <span className="snmp-oid-name">{entry.name}</span>
              <span className="muted mono">{entry.oid}</span>
              <span className="muted snmp-oid-kind">
                {entry.module} · {entry.kind}
              </span>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
