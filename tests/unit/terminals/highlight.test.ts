// Keyword highlighting of terminal output: colours keywords in plain text, never touches an
// escape sequence (even one split across two data events), leaves the remote's own colours alone,
// and skips rules that do not compile, saying why.
import { describe, expect, it } from 'vitest';
import { DEFAULT_HIGHLIGHT_RULES } from '../../../shared/domain/ssh';
import { checkRule, compileRules, highlightChunk, initialHighlightState } from '../../../renderer/src/features/terminals/highlight';

const rules = compileRules(DEFAULT_HIGHLIGHT_RULES);
const run = (chunks: string[]) => {
  const state = initialHighlightState();
  return chunks.map((c) => highlightChunk(c, state, rules)).join('');
};

describe('terminal keyword highlighting', () => {
  it('colours keywords and addresses in plain text, then resets', () => {
    expect(run(['Gi0/1 is down, peer 10.0.0.1/30\r\n'])).toBe('Gi0/1 is \x1b[1;31mdown\x1b[0m, peer \x1b[36m10.0.0.1/30\x1b[0m\r\n');
  });

  it('leaves escape sequences intact, including one split across chunks', () => {
    // an OSC title containing a keyword, and a CSI split between two events
    const out = run(['\x1b]0;link down\x07\x1b[3', '1mred\x1b[0m up']);
    expect(out).toBe('\x1b]0;link down\x07\x1b[31mred\x1b[0m \x1b[32mup\x1b[0m');
  });

  it('does not recolour text the remote has already styled', () => {
    expect(run(['\x1b[33mdown here\x1b[m down'])).toBe('\x1b[33mdown here\x1b[m \x1b[1;31mdown\x1b[0m');
    // 256-colour black (38;5;0) is a colour, not a reset
    expect(run(['\x1b[38;5;0mdown'])).toBe('\x1b[38;5;0mdown');
  });

  it('skips a rule that does not compile or matches empty text, and says why', () => {
    expect(checkRule({ pattern: '(unclosed', sgr: '31', enabled: true }).error).toMatch(/unterminated|invalid/i);
    expect(checkRule({ pattern: 'x*', sgr: '31', enabled: true }).error).toMatch(/empty/);
    expect(checkRule({ pattern: 'x', sgr: 'red', enabled: true }).error).toMatch(/SGR/);
    const state = initialHighlightState();
    const only = compileRules([{ pattern: '(bad', sgr: '31', enabled: true }, { pattern: 'ok', sgr: '32', enabled: true }]);
    expect(highlightChunk('ok (bad', state, only)).toBe('\x1b[32mok\x1b[0m (bad');
  });
});
