// A small radio group drawn as segmented buttons (authentication kind, algorithm policy, run
// targets): one choice of a few, each with its own test id `${testIdPrefix}-${key}`.
export interface SegmentedProps<T extends string> {
  id?: string | undefined;
  label: string;
  value: T;
  /** [value, label, test-id suffix] in display order. */
  options: readonly (readonly [T, string, string])[];
  onChange: (value: T) => void;
  testIdPrefix: string;
}

export function Segmented<T extends string>({ id, label, value, options, onChange, testIdPrefix }: SegmentedProps<T>) {
  return (
    <div className="segmented" role="radiogroup" aria-label={label} id={id}>
      {options.map(([v, text, suffix]) => (
        <button
          key={v}
          type="button"
          role="radio"
          aria-checked={value === v}
          className={value === v ? 'active' : undefined}
          onClick={() => onChange(v)}
          data-testid={`${testIdPrefix}-${suffix}`}
        >
          {text}
        </button>
      ))}
    </div>
  );
}
