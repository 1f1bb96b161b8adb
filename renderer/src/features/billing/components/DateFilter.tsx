// A date filter that does not re-run the report on every keystroke: typing "2026" in the year
// passes through 0002, 0020 and 0202, each a valid date. The draft is committed after a pause, on
// Enter or on blur, and only when it is empty or a plausible calendar date.
import { useEffect, useRef, useState } from 'react';

const COMMIT_DELAY_MS = 500;

export function isPlausibleDate(s: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  if (!m) return false;
  const y = Number(m[1]);
  return y >= 1900 && y <= 2999 && !Number.isNaN(Date.parse(`${s}T00:00:00Z`));
}

interface DateFilterProps {
  label: string;
  value: string | undefined;
  onCommit: (value: string | null) => void;
  invalid?: boolean;
  min?: string;
  max?: string;
  testId: string;
}

export function DateFilter({ label, value, onCommit, invalid, min, max, testId }: DateFilterProps) {
  const committed = value ?? '';
  const [text, setText] = useState(committed);
  const [base, setBase] = useState(committed);
  // the value changed outside (a preset, a drill-down, a saved view): show it
  if (base !== committed) {
    setBase(committed);
    setText(committed);
  }
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  useEffect(
    () => () => {
      if (timer.current) clearTimeout(timer.current);
    },
    [],
  );

  const commit = (next: string) => {
    if (timer.current) clearTimeout(timer.current);
    timer.current = null;
    if (next === committed) return;
    if (next === '' || isPlausibleDate(next)) onCommit(next || null);
  };

  return (
    <label className="report-filter">
      <span>{label}</span>
      <input
        type="date"
        value={text}
        min={min}
        max={max}
        aria-invalid={invalid || (text !== '' && !isPlausibleDate(text)) ? true : undefined}
        onChange={(e) => {
          const next = e.target.value;
          setText(next);
          if (timer.current) clearTimeout(timer.current);
          timer.current = setTimeout(() => commit(next), COMMIT_DELAY_MS);
        }}
        onBlur={() => commit(text)}
        onKeyDown={(e) => {
          if (e.key === 'Enter') commit(text);
        }}
        data-testid={testId}
      />
    </label>
  );
}
