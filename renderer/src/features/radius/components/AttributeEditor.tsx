// Extra attributes as name/value rows. Names autocomplete from the host's dictionaries (standard
// plus vendor VSAs) in a small filtered list showing vendor and type; values of enumerated
// attributes offer their names. Obvious type mistakes are marked before anything is sent.
import { useId, useMemo, useState, type KeyboardEvent } from 'react';
import { checkAttributeValue, lookupAttribute } from '../formModel';
import { useRadius } from '../store';
import type { AttrRow, DictionaryAttribute, PacketKind } from '../types';

const MAX_OPTIONS = 40;

/** Prefix matches first, then matches at a word start (`Rate` → `Mikrotik-Rate-Limit`), then anywhere. */
export function filterAttributes(dictionary: readonly DictionaryAttribute[], typed: string): DictionaryAttribute[] {
  const q = typed.trim().toLowerCase();
  if (q === '') return dictionary.filter((a) => a.vendor === null).slice(0, MAX_OPTIONS);
  const prefix: DictionaryAttribute[] = [];
  const word: DictionaryAttribute[] = [];
  const inside: DictionaryAttribute[] = [];
  for (const a of dictionary) {
    const n = a.name.toLowerCase();
    if (n.startsWith(q)) prefix.push(a);
    else if (n.includes(`-${q}`)) word.push(a);
    else if (n.includes(q)) inside.push(a);
    if (prefix.length >= MAX_OPTIONS) break;
  }
  return [...prefix, ...word, ...inside].slice(0, MAX_OPTIONS);
}

const PLACEHOLDER: Record<string, string> = {
  ipaddr: '192.0.2.10',
  ipv6addr: '2001:db8::10',
  ipv6prefix: '2001:db8::/64',
  ipv4prefix: '192.0.2.0/24',
  date: '2025-01-31T12:00:00Z or epoch seconds',
  octets: '0x0a0b… or text',
  integer: 'number',
  integer64: 'number',
  string: 'text',
};

interface AttrNameInputProps {
  id: string;
  value: string;
  invalid: boolean;
  describedBy: string | undefined;
  dictionary: readonly DictionaryAttribute[];
  onChange: (v: string) => void;
}

function AttrNameInput({ id, value, invalid, describedBy, dictionary, onChange }: AttrNameInputProps) {
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(0);
  const listId = `${id}-list`;
  const matches = useMemo(() => (open ? filterAttributes(dictionary, value) : []), [open, dictionary, value]);
  const exact = matches.length === 1 && matches[0]?.name.toLowerCase() === value.trim().toLowerCase();
  const shown = open && matches.length > 0 && !exact;
  const activeIndex = Math.min(active, matches.length - 1);

  const pick = (a: DictionaryAttribute) => {
    onChange(a.name);
    setOpen(false);
  };

  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      if (!open) {
        setOpen(true);
        setActive(0);
        return;
      }
      const n = matches.length;
      if (n > 0) setActive((activeIndex + (e.key === 'ArrowDown' ? 1 : n - 1)) % n);
    } else if (e.key === 'Enter' && shown) {
      const a = matches[activeIndex];
      if (a) {
        e.preventDefault();
        pick(a);
      }
    } else if (e.key === 'Escape' && shown) {
      e.preventDefault();
      e.stopPropagation();
      setOpen(false);
    } else if (e.key === 'Tab' && shown && value.trim() !== '') {
      const a = matches[activeIndex];
      if (a) onChange(a.name);
      setOpen(false);
    }
  };

  return (
    <div className="attr-combo">
      <input
        id={id}
        role="combobox"
        aria-expanded={shown}
        aria-controls={listId}
        aria-autocomplete="list"
        aria-activedescendant={shown ? `${listId}-${activeIndex}` : undefined}
        aria-invalid={invalid || undefined}
        aria-describedby={describedBy}
        aria-label="Attribute name"
        className="mono"
        value={value}
        placeholder="Attribute name"
        spellCheck={false}
        autoComplete="off"
        onChange={(e) => {
          onChange(e.target.value);
          setOpen(true);
          setActive(0);
        }}
        onFocus={() => setOpen(true)}
        onBlur={() => setOpen(false)}
        onKeyDown={onKeyDown}
        data-testid="radius-attr-name"
      />
      {shown && (
        <ul className="attr-options" id={listId} role="listbox" aria-label="Dictionary attributes">
          {matches.map((a, i) => (
            <li
              key={`${a.vendor ?? ''}:${a.name}`}
              id={`${listId}-${i}`}
              role="option"
              aria-selected={i === activeIndex}
              className={i === activeIndex ? 'active' : undefined}
              // mousedown, not click: the input's blur would close the list first
              onMouseDown={(e) => {
                e.preventDefault();
                pick(a);
              }}
              onMouseEnter={() => setActive(i)}
              data-testid="radius-attr-option"
              data-name={a.name}
            >
              <span className="mono attr-option-name">{a.name}</span>
              <span className="attr-option-meta">
                {a.vendor && <span className="chip">{a.vendor}</span>} <span className="muted">{a.type}</span>
              </span>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

function typeHint(def: DictionaryAttribute | undefined, name: string, value: string, dictLoaded: boolean): string | null {
  if (name.trim() === '') return null;
  if (value === '') return `${def ? def.type : 'no value'} · not sent while empty`;
  if (!def) return dictLoaded ? 'not in the dictionary' : null;
  const values = def.values.length > 0 ? ` · ${def.values.slice(0, 5).join(', ')}${def.values.length > 5 ? `, … (${def.values.length})` : ''}` : '';
  return `${def.type}${def.vendor ? ` · ${def.vendor}` : ''}${values}`;
}

export function AttributeEditor({ kind }: { kind: PacketKind }) {
  const rows = useRadius((s) => s.attrs[kind]);
  const dictionary = useRadius((s) => s.dictionary);
  const dict = useRadius((s) => s.dict);
  const dictError = useRadius((s) => s.dictError);
  const errors = useRadius((s) => s.errors[kind].fields);
  const setAttr = useRadius((s) => s.setAttr);
  const addAttr = useRadius((s) => s.addAttr);
  const removeAttr = useRadius((s) => s.removeAttr);
  const clearError = useRadius((s) => s.clearError);
  const baseId = useId();

  return (
    <fieldset className="radius-attrs" data-testid="radius-attrs">
      <legend>Extra attributes</legend>
      {dictError && (
        <p className="field-error" role="alert">
          The dictionary could not be loaded ({dictError}); names are sent as typed.
        </p>
      )}
      {rows.map((r: AttrRow, i) => {
        const { def } = lookupAttribute(dict, r.name);
        const nameError = errors[`attr.${i}.name`];
        const valueError = errors[`attr.${i}.value`];
        // a value that does not fit the type is marked as it is typed, not only on send
        const liveProblem = def && r.value.trim() !== '' ? checkAttributeValue(def, r.value) : null;
        const hint = typeHint(def, r.name, r.value, dictionary.length > 0);
        const errorId = `${baseId}-${r.key}-error`;
        const error = nameError ?? valueError;
        const valuesId = def && def.values.length > 0 ? `${baseId}-${r.key}-values` : undefined;
        return (
          <div key={r.key} className={`attr-row${error ? ' has-error' : ''}`} data-testid="radius-attr-row" data-index={i} data-name={r.name.trim()}>
            <AttrNameInput
              id={`${baseId}-${r.key}-name`}
              value={r.name}
              invalid={!!nameError}
              describedBy={error ? errorId : undefined}
              dictionary={dictionary}
              onChange={(v) => {
                setAttr(kind, i, { name: v });
                clearError(kind, `attr.${i}.name`);
                clearError(kind, `attr.${i}.value`);
              }}
            />
            <span className="attr-eq" aria-hidden="true">
              =
            </span>
            <input
              className="mono attr-value"
              aria-label={r.name ? `Value of ${r.name}` : 'Attribute value'}
              aria-invalid={valueError || liveProblem ? true : undefined}
              aria-describedby={error ? errorId : undefined}
              value={r.value}
              list={valuesId}
              placeholder={def ? (PLACEHOLDER[def.type.toLowerCase()] ?? def.type) : 'value'}
              spellCheck={false}
              autoComplete="off"
              onChange={(e) => {
                setAttr(kind, i, { value: e.target.value });
                clearError(kind, `attr.${i}.value`);
              }}
              data-testid="radius-attr-value"
            />
            {valuesId && def && (
              <datalist id={valuesId}>
                {def.values.map((v) => (
                  <option key={v} value={v} />
                ))}
              </datalist>
            )}
            <button type="button" className="icon-button" aria-label={`Remove ${r.name || 'attribute'}`} title="Remove" onClick={() => removeAttr(kind, i)} data-testid="radius-attr-remove">
              ×
            </button>
            {error ? (
              <span className="field-error attr-note" id={errorId} role="alert" data-testid="radius-attr-error">
                {error}
              </span>
            ) : liveProblem ? (
              <span className="field-error attr-note" data-testid="radius-attr-error">
                {liveProblem}
              </span>
            ) : hint ? (
              <span className={`field-hint attr-note${def ? '' : ' attr-unknown'}`} data-testid="radius-attr-type">
                {hint}
              </span>
            ) : null}
          </div>
        );
      })}
      <button type="button" className="ghost radius-add-attr" onClick={() => addAttr(kind)} data-testid="radius-add-attr">
        + Add attribute
      </button>
    </fieldset>
  );
}
