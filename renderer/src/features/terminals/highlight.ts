// Keyword highlighting of terminal output: user rules (a regular expression and an SGR colour)
// applied to the printable text between escape sequences, before xterm parses it. Two promises:
// an escape sequence is never altered or split (the scanner keeps its state across chunks, since
// a sequence may straddle two data events), and the remote's own colours win — text is only
// recoloured while the remote's attributes are at their default, so the reset we append after a
// match restores exactly what was there.
import { DEFAULT_HIGHLIGHT_RULES, type HighlightRule } from '../../../../shared/domain/ssh';

export interface CompiledRule {
  regex: RegExp;
  sgr: string;
}

/** A rule as the settings show it: compiled, or why it cannot be. */
export interface RuleCheck {
  rule: HighlightRule;
  compiled: CompiledRule | null;
  error: string | null;
}

const SGR_PARAMS = /^\d{1,3}(;\d{1,3}){0,7}$/;

export function checkRule(rule: HighlightRule): RuleCheck {
  if (!rule.enabled) return { rule, compiled: null, error: null };
  if (rule.pattern === '') return { rule, compiled: null, error: 'empty pattern' };
  if (!SGR_PARAMS.test(rule.sgr)) return { rule, compiled: null, error: `colour "${rule.sgr}" is not SGR parameters like 1;31` };
  let regex: RegExp;
  try {
    regex = new RegExp(rule.pattern, 'g');
  } catch (err) {
    return { rule, compiled: null, error: err instanceof Error ? err.message : String(err) };
  }
  // a pattern that matches the empty string would colour nothing and loop forever
  if (regex.test('')) return { rule, compiled: null, error: 'the pattern matches empty text' };
  regex.lastIndex = 0;
  return { rule, compiled: { regex, sgr: rule.sgr }, error: null };
}

export function compileRules(rules: readonly HighlightRule[]): CompiledRule[] {
  return rules.map(checkRule).flatMap((c) => (c.compiled ? [c.compiled] : []));
}

// ── Rules kept in this browser ────────────────────────────────────────────────────────────────

const STORAGE_KEY = 'noc.terminal.highlightRules';

function isRule(x: unknown): x is HighlightRule {
  if (typeof x !== 'object' || x === null) return false;
  const r = x as Record<string, unknown>;
  return typeof r.pattern === 'string' && typeof r.sgr === 'string' && typeof r.enabled === 'boolean';
}

export function loadRules(): HighlightRule[] {
  try {
    const raw = localStorage.getItem(STORAGE_KEY);
    if (raw !== null) {
      const parsed: unknown = JSON.parse(raw);
      if (Array.isArray(parsed) && parsed.every(isRule)) return parsed.map((r) => ({ pattern: r.pattern, sgr: r.sgr, enabled: r.enabled }));
    }
  } catch {
    // unreadable or disabled storage: the defaults
  }
  return DEFAULT_HIGHLIGHT_RULES.map((r) => ({ ...r }));
}

export function saveRules(rules: readonly HighlightRule[]): void {
  try {
    localStorage.setItem(STORAGE_KEY, JSON.stringify(rules));
  } catch {
    // storage disabled: the rules last for this page
  }
}

// ── The scanner ───────────────────────────────────────────────────────────────────────────────

/** Where the scanner stands at the end of a chunk. */
type Mode =
  | 'text'
  /** After ESC. */
  | 'esc'
  /** ESC followed by intermediates (0x20–0x2F), waiting for the final byte. */
  | 'escInter'
  /** Inside CSI parameters. */
  | 'csi'
  /** OSC, DCS, SOS, PM, APC: a string ended by BEL (OSC only) or ST (ESC \). */
  | 'string'
  /** An ESC seen inside a string: `\` ends it. */
  | 'stringEsc';

export interface HighlightState {
  mode: Mode;
  /** Parameters of the CSI being read (to follow SGR). */
  csiParams: string;
  /** True while the remote has set non-default attributes (then we leave its text alone). */
  styled: boolean;
}

export function initialHighlightState(): HighlightState {
  return { mode: 'text', csiParams: '', styled: false };
}

const ESC = '\x1b';
/** ESC or the 8-bit CSI: where printable text stops. */
const NEXT_ESCAPE = /[\x1b\x9b]/g;
const RESET = `${ESC}[0m`;

/** Follows SGR: `ESC[m` / `ESC[0m` back to default, anything else sets attributes. */
function applySgr(state: HighlightState, params: string): void {
  const parts = params === '' ? [0] : params.split(/[;:]/).map((p) => (p === '' ? 0 : Number(p)));
  // the last reset in the list decides, and anything after it styles again
  let styled = state.styled;
  for (let i = 0; i < parts.length; i++) {
    const p = parts[i];
    if (p === 38 || p === 48 || p === 58) {
      // extended colour: its arguments (5;n or 2;r;g;b) are not resets even when 0
      i += parts[i + 1] === 5 ? 2 : parts[i + 1] === 2 ? 4 : 0;
      styled = true;
    } else styled = p !== 0;
  }
  state.styled = styled;
}

/** The next non-empty match of `regex` in `text` from its lastIndex, or null. */
function nextMatch(regex: RegExp, text: string): RegExpExecArray | null {
  for (let m = regex.exec(text); m !== null; m = regex.exec(text)) {
    if (m[0] !== '') return m;
    regex.lastIndex += 1;
  }
  return null;
}

function colourText(text: string, rules: readonly CompiledRule[]): string {
  if (text === '' || rules.length === 0) return text;
  // Every rule's matches, merged in order of start (the first rule on a tie), skipping any that
  // overlap one already taken: each rule keeps its own next match, so no list of all matches is
  // built or sorted (this runs over every byte of output).
  const next: (RegExpExecArray | null)[] = rules.map((r) => {
    r.regex.lastIndex = 0;
    return nextMatch(r.regex, text);
  });
  let out = '';
  let at = 0;
  for (;;) {
    let pick = -1;
    for (let k = 0; k < next.length; k++) {
      const m = next[k];
      if (m && (pick < 0 || m.index < (next[pick]?.index ?? Infinity))) pick = k;
    }
    const m = pick < 0 ? null : next[pick];
    const rule = pick < 0 ? undefined : rules[pick];
    if (!m || !rule) break;
    const end = m.index + m[0].length;
    if (m.index >= at) {
      out += `${text.slice(at, m.index)}${ESC}[${rule.sgr}m${m[0]}${RESET}`;
      at = end;
    }
    next[pick] = nextMatch(rule.regex, text);
  }
  return at === 0 ? text : out + text.slice(at);
}

/**
 * Colours `chunk` by `rules`; `state` carries the scanner across chunks and is updated in place.
 * Without rules the chunk is still scanned (so the state stays right when rules are turned on).
 */
export function highlightChunk(chunk: string, state: HighlightState, rules: readonly CompiledRule[]): string {
  let out = '';
  let textStart = -1;
  const flushText = (end: number) => {
    if (textStart < 0) return;
    const text = chunk.slice(textStart, end);
    out += state.styled ? text : colourText(text, rules);
    textStart = -1;
  };
  for (let i = 0; i < chunk.length; i++) {
    const ch = chunk.charCodeAt(i);
    switch (state.mode) {
      case 'text':
        if (ch === 0x1b || ch === 0x9b) {
          flushText(i);
          out += chunk[i];
          if (ch === 0x9b) {
            state.mode = 'csi';
            state.csiParams = '';
          } else state.mode = 'esc';
        } else {
          if (textStart < 0) textStart = i;
          // jump to the next escape: text is most of the output, and a search beats a loop
          NEXT_ESCAPE.lastIndex = i + 1;
          const next = NEXT_ESCAPE.exec(chunk);
          i = (next === null ? chunk.length : next.index) - 1;
        }
        break;
      case 'esc':
        out += chunk[i];
        if (ch === 0x5b) {
          state.mode = 'csi';
          state.csiParams = '';
        } else if (ch === 0x5d || ch === 0x50 || ch === 0x58 || ch === 0x5e || ch === 0x5f) state.mode = 'string';
        else if (ch >= 0x20 && ch <= 0x2f) state.mode = 'escInter';
        else state.mode = 'text';
        break;
      case 'escInter':
        out += chunk[i];
        if (!(ch >= 0x20 && ch <= 0x2f)) state.mode = 'text';
        break;
      case 'csi':
        out += chunk[i];
        if (ch >= 0x40 && ch <= 0x7e) {
          if (ch === 0x6d) applySgr(state, state.csiParams);
          state.mode = 'text';
          state.csiParams = '';
        } else if (ch === 0x1b) {
          // a broken sequence: ESC starts a new one
          state.mode = 'esc';
          state.csiParams = '';
        } else if (state.csiParams.length < 64) state.csiParams += chunk[i];
        break;
      case 'string':
        out += chunk[i];
        if (ch === 0x07) state.mode = 'text';
        else if (ch === 0x1b) state.mode = 'stringEsc';
        break;
      case 'stringEsc':
        out += chunk[i];
        state.mode = ch === 0x5c ? 'text' : 'string';
        break;
    }
  }
  flushText(chunk.length);
  return out;
}
