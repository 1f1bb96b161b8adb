// The keyword highlighting rules, edited in a popover and kept in this browser. A rule whose
// pattern does not compile is skipped (its error shown beside it); the others keep working.
import { useState } from 'react';
import { DEFAULT_HIGHLIGHT_RULES, type HighlightRule } from '../../../../../shared/domain/ssh';
import { checkRule, compileRules, loadRules, saveRules } from '../highlight';
import { setHighlightRules } from '../terminalRegistry';

const ANSI_COLOURS = ['#5c6370', '#f85149', '#3fb950', '#d29922', '#58a6ff', '#bc8cff', '#39c5cf', '#e6edf3'];

/** A preview of the colour: the basic 8 foreground colours and bold; other SGR show as plain text. */
function sampleStyle(sgr: string): { color?: string; fontWeight?: number } {
  const style: { color?: string; fontWeight?: number } = {};
  for (const p of sgr.split(';').map(Number)) {
    if (p === 1) style.fontWeight = 700;
    const colour = p >= 30 && p <= 37 ? ANSI_COLOURS[p - 30] : p >= 90 && p <= 97 ? ANSI_COLOURS[p - 90] : undefined;
    if (colour) style.color = colour;
  }
  return style;
}

export function HighlightSettings({ onClose }: { onClose: () => void }) {
  const [rules, setRules] = useState<HighlightRule[]>(loadRules);

  const apply = (next: HighlightRule[]) => {
    setRules(next);
    saveRules(next);
    setHighlightRules(compileRules(next));
  };
  const patch = (i: number, p: Partial<HighlightRule>) => apply(rules.map((r, j) => (j === i ? { ...r, ...p } : r)));

  return (
    <div
      className="term-popover"
      role="dialog"
      aria-label="Keyword highlighting"
      data-testid="highlight-settings"
      onKeyDown={(e) => {
        if (e.key === 'Escape') {
          e.stopPropagation();
          onClose();
        }
      }}
    >
      <header className="term-popover-head">
        <h2>Keyword highlighting</h2>
        <button type="button" className="icon-button" aria-label="Close" onClick={onClose}>
          ×
        </button>
      </header>
      <p className="muted">Regular expressions coloured in new output (SGR colour: 31 red, 32 green, 33 yellow, 36 cyan, 1;31 bold red).</p>
      <ul className="highlight-rules">
        {rules.map((r, i) => {
          const check = checkRule(r);
          return (
            <li key={i} className="highlight-rule" data-testid="highlight-rule">
              <input type="checkbox" aria-label="Enabled" checked={r.enabled} onChange={(e) => patch(i, { enabled: e.target.checked })} />
              <input
                className="mono highlight-pattern"
                aria-label="Pattern"
                value={r.pattern}
                onChange={(e) => patch(i, { pattern: e.target.value })}
                aria-invalid={check.error ? true : undefined}
                spellCheck={false}
              />
              <input className="mono highlight-sgr" aria-label="Colour (SGR)" value={r.sgr} onChange={(e) => patch(i, { sgr: e.target.value })} spellCheck={false} />
              <span className="highlight-sample" style={sampleStyle(r.sgr)} aria-hidden="true">
                Aa
              </span>
              <button type="button" className="icon-button" aria-label="Remove rule" onClick={() => apply(rules.filter((_, j) => j !== i))}>
                ×
              </button>
              {check.error && (
                <span className="field-error highlight-error" role="alert">
                  Skipped: {check.error}
                </span>
              )}
            </li>
          );
        })}
      </ul>
      <div className="dialog-actions">
        <button type="button" onClick={() => apply(DEFAULT_HIGHLIGHT_RULES.map((r) => ({ ...r })))}>
          Reset to defaults
        </button>
        <button type="button" onClick={() => apply([...rules, { pattern: '', sgr: '33', enabled: true }])}>
          Add rule
        </button>
      </div>
    </div>
  );
}
