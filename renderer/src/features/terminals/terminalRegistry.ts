// The xterm instances, one per tab, kept at module level so that leaving the Terminals page (or
// moving a tab to the other pane) only detaches its DOM element: the terminal, its scrollback and
// its stream stay alive and are re-attached as they were.
//
// Output path: `ssh.terminal.data` → keyword highlighting → term.write; once xterm has parsed a
// chunk (the write callback) its raw byte count is acknowledged to main, batched (64 KiB or a
// short timer). Main stops reading the SSH channel above 1 MiB unacknowledged, so a `cat` of a
// huge file is paced by what xterm actually draws and memory stays bounded on both sides.
import { FitAddon } from '@xterm/addon-fit';
import { SearchAddon } from '@xterm/addon-search';
import { WebLinksAddon } from '@xterm/addon-web-links';
import { Terminal } from '@xterm/xterm';
import '@xterm/xterm/css/xterm.css';
import { TERMINAL_CHUNK_BYTES, TERMINAL_HIGH_WATER_BYTES } from '../../../../shared/domain/ssh';
import type { EventOf } from '../../../../shared/ipc/channels';
import { invoke, onEvent, useConnection } from '../../lib/api';
import { compileRules, highlightChunk, initialHighlightState, loadRules, type CompiledRule, type HighlightState } from './highlight';
import { inputTargets, reconnectTab, tabById, useTerminals, type Size } from './store';

const ACK_BATCH_BYTES = 64 * 1024;
const ACK_DELAY_MS = 30;
/**
 * Output kept for a session whose open call has not answered yet (the stream starts first): main
 * sends at most its high-water mark plus one chunk unacknowledged, so this never truncates a
 * session of ours; output of sessions this page does not know (another window's) is dropped soon.
 */
const EARLY_LIMIT_BYTES = TERMINAL_HIGH_WATER_BYTES + 2 * TERMINAL_CHUNK_BYTES;
const EARLY_MAX_SESSIONS = 8;
const EARLY_MAX_AGE_MS = 30_000;

export interface TerminalEntry {
  tabId: string;
  term: Terminal;
  fit: FitAddon;
  search: SearchAddon;
  /** The element xterm renders into; moved between containers, never recreated. */
  element: HTMLDivElement;
  opened: boolean;
  renderer: 'webgl' | 'dom';
  highlight: HighlightState;
  /** Parsed bytes not yet acknowledged, per session id (a reconnect keeps the id). */
  unacked: number;
  /** Bytes xterm has parsed since the tab opened (for the e2e/bench hook). */
  parsedTotal: number;
  ackTimer: ReturnType<typeof setTimeout> | null;
  /** Tells the view to show the search bar (Ctrl+Shift+F inside the terminal). */
  onSearchKey: (() => void) | null;
  /** Bench hook only: the length of each data event, while a bench records them. */
  benchChunks: number[] | null;
  /** Bench hook only: acknowledge output without writing it (the transport alone). */
  benchDiscard: boolean;
}

const entries = new Map<string, TerminalEntry>();
let rules: CompiledRule[] = compileRules(loadRules());

export function setHighlightRules(next: CompiledRule[]): void {
  rules = next;
}

// ── WebGL only on a hardware GPU ───────────────────────────────────────────────────────────────

let hardwareGl: boolean | null = null;

/**
 * xterm's WebGL renderer is fast on a GPU and several times slower than the DOM renderer under a
 * software rasteriser (SwiftShader, llvmpipe): use it only when the GL renderer is hardware.
 */
function hasHardwareGl(): boolean {
  if (hardwareGl !== null) return hardwareGl;
  hardwareGl = false;
  try {
    const gl = document.createElement('canvas').getContext('webgl2');
    if (gl) {
      const info = gl.getExtension('WEBGL_debug_renderer_info');
      const name = info ? String(gl.getParameter(info.UNMASKED_RENDERER_WEBGL)) : String(gl.getParameter(gl.RENDERER));
      hardwareGl = !/swiftshader|llvmpipe|softpipe|software|lavapipe|basic render/i.test(name);
      gl.getExtension('WEBGL_lose_context')?.loseContext();
    }
  } catch {
    hardwareGl = false;
  }
  return hardwareGl;
}

/** Loaded only where it will be used (a hardware GPU): the addon is a large part of the bundle. */
async function enableWebgl(entry: TerminalEntry): Promise<void> {
  if (!hasHardwareGl()) return;
  try {
    const { WebglAddon } = await import('@xterm/addon-webgl');
    if (!entries.has(entry.tabId)) return;
    const webgl = new WebglAddon();
    webgl.onContextLoss(() => {
      // back to the DOM renderer; the buffer is untouched
      webgl.dispose();
      entry.renderer = 'dom';
      entry.element.dataset.renderer = 'dom';
    });
    entry.term.loadAddon(webgl);
    entry.renderer = 'webgl';
    entry.element.dataset.renderer = 'webgl';
  } catch {
    entry.renderer = 'dom';
  }
}

// ── Flow control ───────────────────────────────────────────────────────────────────────────────

function flushAck(entry: TerminalEntry): void {
  if (entry.ackTimer) {
    clearTimeout(entry.ackTimer);
    entry.ackTimer = null;
  }
  const sessionId = tabById(entry.tabId)?.sessionId;
  const bytes = entry.unacked;
  entry.unacked = 0;
  if (!sessionId || bytes === 0) return;
  void invoke('ssh.terminal.ack', { sessionId, bytes }).catch(() => undefined);
}

function parsed(entry: TerminalEntry, bytes: number): void {
  entry.parsedTotal += bytes;
  entry.unacked += bytes;
  if (entry.unacked >= ACK_BATCH_BYTES) flushAck(entry);
  else entry.ackTimer ??= setTimeout(() => flushAck(entry), ACK_DELAY_MS);
}

/**
 * After the web host's socket dropped and came back, output sent meanwhile never arrived and will
 * never be acknowledged: without this, main would count it forever and, past the high mark, keep
 * the terminal paused. Ask main what it still counts and acknowledge it (at worst a few KiB more
 * than xterm has parsed get through).
 */
function forgiveLostOutput(): void {
  for (const entry of entries.values()) {
    flushAck(entry);
    const sessionId = tabById(entry.tabId)?.sessionId;
    if (!sessionId) continue;
    void invoke('ssh.terminal.ack', { sessionId, bytes: 0 })
      .then(({ unacked }) => (unacked > 0 ? invoke('ssh.terminal.ack', { sessionId, bytes: unacked }) : undefined))
      .catch(() => undefined);
  }
}

useConnection.subscribe((s, prev) => {
  if (prev.epoch > 0 && s.epoch > prev.epoch) forgiveLostOutput();
});

function write(entry: TerminalEntry, ev: EventOf<'ssh.terminal.data'>): void {
  entry.benchChunks?.push(ev.data.length);
  if (entry.benchDiscard) {
    parsed(entry, ev.bytes);
    return;
  }
  const text = highlightChunk(ev.data, entry.highlight, rules);
  entry.term.write(text, () => parsed(entry, ev.bytes));
}

const early = new Map<string, { events: EventOf<'ssh.terminal.data'>[]; bytes: number; since: number }>();

function entryOfSession(sessionId: string): TerminalEntry | undefined {
  const tab = useTerminals.getState().tabs.find((t) => t.sessionId === sessionId);
  return tab ? entries.get(tab.tabId) : undefined;
}

onEvent('ssh.terminal.data', (ev) => {
  const entry = entryOfSession(ev.sessionId);
  if (entry) {
    write(entry, ev);
    return;
  }
  const now = Date.now();
  for (const [id, h] of early) if (now - h.since > EARLY_MAX_AGE_MS) early.delete(id);
  const held = early.get(ev.sessionId) ?? { events: [], bytes: 0, since: now };
  if (held.bytes + ev.bytes > EARLY_LIMIT_BYTES) return;
  held.events.push(ev);
  held.bytes += ev.bytes;
  early.set(ev.sessionId, held);
  if (early.size > EARLY_MAX_SESSIONS) early.delete(early.keys().next().value ?? '');
});

/** Writes what came for the tab's session before the tab knew its session id (or had an xterm). */
function replayEarly(entry: TerminalEntry): void {
  const sessionId = tabById(entry.tabId)?.sessionId;
  const held = sessionId ? early.get(sessionId) : undefined;
  if (!held || !sessionId) return;
  early.delete(sessionId);
  for (const ev of held.events) write(entry, ev);
}

// Tabs that got their session: replay what came first. Tabs that were closed: dispose their xterm.
useTerminals.subscribe((s) => {
  for (const entry of entries.values()) replayEarly(entry);
  for (const [tabId, entry] of entries) {
    if (s.tabs.some((t) => t.tabId === tabId)) continue;
    if (entry.ackTimer) clearTimeout(entry.ackTimer);
    entry.term.dispose();
    entry.element.remove();
    entries.delete(tabId);
  }
});

// ── Input ──────────────────────────────────────────────────────────────────────────────────────

function sendInput(tabId: string, data: string): void {
  const sessionIds = inputTargets(tabId);
  if (sessionIds.length === 0) return;
  const [only] = sessionIds;
  if (sessionIds.length === 1 && only) void invoke('ssh.terminal.input', { sessionId: only, data }).catch(() => undefined);
  else void invoke('ssh.terminal.broadcast', { sessionIds, data }).catch(() => undefined);
}

export function sizeOf(tabId: string): Size {
  const term = entries.get(tabId)?.term;
  return term ? { cols: term.cols, rows: term.rows } : { cols: 80, rows: 24 };
}

/** Reconnects after sending the acks of the old connection (they belong to its counter). */
export function reconnect(tabId: string): void {
  const entry = entries.get(tabId);
  if (entry) {
    flushAck(entry);
    entry.highlight = initialHighlightState();
  }
  void reconnectTab(tabId, sizeOf(tabId));
}

async function pasteFromClipboard(entry: TerminalEntry): Promise<void> {
  try {
    const text = await navigator.clipboard.readText();
    if (text) entry.term.paste(text);
  } catch {
    // no clipboard permission: the browser's own paste (Ctrl+V / menu) still works
  }
}

function copySelection(entry: TerminalEntry): void {
  const text = entry.term.getSelection();
  if (text) void navigator.clipboard?.writeText(text).catch(() => undefined);
}

/** Keys the console takes before the remote sees them. */
function keyHandler(entry: TerminalEntry, e: KeyboardEvent): boolean {
  if (e.type !== 'keydown') return true;
  const key = e.key.toLowerCase();
  if (e.ctrlKey && e.shiftKey && !e.altKey) {
    if (key === 'c') {
      copySelection(entry);
      e.preventDefault();
      return false;
    }
    if (key === 'v') {
      void pasteFromClipboard(entry);
      e.preventDefault();
      return false;
    }
    if (key === 'f') {
      entry.onSearchKey?.();
      e.preventDefault();
      return false;
    }
  }
  const state = tabById(entry.tabId)?.state;
  if (key === 'r' && !e.ctrlKey && !e.altKey && !e.metaKey && (state === 'closed' || state === 'reconnecting')) {
    reconnect(entry.tabId);
    e.preventDefault();
    return false;
  }
  return true;
}

const TERMINAL_OPTIONS = {
  cursorBlink: true,
  scrollback: 10_000,
  fontFamily: 'ui-monospace, "DejaVu Sans Mono", "Cascadia Mono", Menlo, Consolas, monospace',
  fontSize: 13,
  allowProposedApi: true,
  theme: { background: '#0b0f14', foreground: '#e6edf3', selectionBackground: '#264f78' },
} as const;

function create(tabId: string): TerminalEntry {
  const element = document.createElement('div');
  element.className = 'term-host';
  element.dataset.tabId = tabId;
  const term = new Terminal(TERMINAL_OPTIONS);
  const fit = new FitAddon();
  const search = new SearchAddon();
  term.loadAddon(fit);
  term.loadAddon(search);
  term.loadAddon(new WebLinksAddon((_e, uri) => window.open(uri, '_blank', 'noopener,noreferrer')));
  const entry: TerminalEntry = {
    tabId,
    term,
    fit,
    search,
    element,
    opened: false,
    renderer: 'dom',
    highlight: initialHighlightState(),
    unacked: 0,
    parsedTotal: 0,
    ackTimer: null,
    onSearchKey: null,
    benchChunks: null,
    benchDiscard: false,
  };
  term.attachCustomKeyEventHandler((e) => keyHandler(entry, e));
  term.onData((data) => sendInput(tabId, data));
  // the selection is copied as soon as it is made (the terminal convention)
  term.onSelectionChange(() => copySelection(entry));
  element.addEventListener('contextmenu', (e) => {
    e.preventDefault();
    void pasteFromClipboard(entry);
  });
  entries.set(tabId, entry);
  return entry;
}

export function entryOf(tabId: string): TerminalEntry | undefined {
  return entries.get(tabId);
}

/** Puts the tab's terminal into `container` (creating it on first use) and fits it. */
export function attach(tabId: string, container: HTMLElement): TerminalEntry {
  const entry = entries.get(tabId) ?? create(tabId);
  container.appendChild(entry.element);
  if (!entry.opened) {
    entry.term.open(entry.element);
    entry.opened = true;
    entry.element.dataset.renderer = 'dom';
    void enableWebgl(entry);
    replayEarly(entry);
  }
  fitEntry(entry);
  entry.term.refresh(0, entry.term.rows - 1);
  return entry;
}

/** Fits to the container; true when the size changed. */
export function fitEntry(entry: TerminalEntry): boolean {
  const before = `${entry.term.cols}x${entry.term.rows}`;
  try {
    if (entry.element.isConnected && entry.element.clientWidth > 0) entry.fit.fit();
  } catch {
    // not measurable yet (hidden): the next resize fits it
  }
  return `${entry.term.cols}x${entry.term.rows}` !== before;
}

export function detach(tabId: string, container: HTMLElement): void {
  const entry = entries.get(tabId);
  if (entry && entry.element.parentElement === container) container.removeChild(entry.element);
}

// ── Test hook (automated browsers only): the buffer, scrollback included, and the bytes parsed ──
// plus what `npm run bench -- terminal` needs: the data event sizes of a run, and the floor (the
// same text written straight into a bare xterm of the same options and size, in this page).

export interface TerminalTestHook {
  text(sessionId: string): string | null;
  parsedBytes(sessionId: string): number | null;
  /** Starts (or with `false` stops) recording the length of each data event; returns those recorded. */
  recordChunks(sessionId: string, on: boolean): number[] | null;
  /** With `true`, output is acknowledged as it arrives and not written (measures the transport alone). */
  discardOutput(sessionId: string, on: boolean): void;
  /** Renderer in use and the GL renderer string (or why there is none). */
  rendererInfo(sessionId: string): { renderer: 'webgl' | 'dom'; gl: string; cols: number; rows: number } | null;
  /**
   * Writes `chunks` into a fresh xterm with the session's options, cols and rows, in a visible
   * element of the same size over the session's own; ms from the first write to the last callback.
   */
  writeFloor(sessionId: string, chunks: readonly string[], highlighted: boolean, oneAtATime?: boolean): Promise<number>;
}

declare global {
  interface Window {
    __nocTerminals?: TerminalTestHook;
  }
}

function glRendererName(): string {
  try {
    const gl = document.createElement('canvas').getContext('webgl2') ?? document.createElement('canvas').getContext('webgl');
    if (!gl) return 'no WebGL context';
    const info = gl.getExtension('WEBGL_debug_renderer_info');
    const name = info ? String(gl.getParameter(info.UNMASKED_RENDERER_WEBGL)) : String(gl.getParameter(gl.RENDERER));
    gl.getExtension('WEBGL_lose_context')?.loseContext();
    return name;
  } catch (err) {
    return `WebGL failed: ${err instanceof Error ? err.message : String(err)}`;
  }
}

async function writeFloor(entry: TerminalEntry, chunks: readonly string[], highlighted: boolean, oneAtATime = false): Promise<number> {
  const rect = entry.element.getBoundingClientRect();
  const host = document.createElement('div');
  Object.assign(host.style, { position: 'fixed', left: `${rect.left}px`, top: `${rect.top}px`, width: `${rect.width}px`, height: `${rect.height}px`, zIndex: '10000' });
  document.body.appendChild(host);
  const term = new Terminal({ ...TERMINAL_OPTIONS, cols: entry.term.cols, rows: entry.term.rows });
  term.open(host);
  try {
    await new Promise<void>((resolve) => term.write('', resolve));
    const t0 = performance.now();
    const state = initialHighlightState();
    if (oneAtATime) {
      // a consumer that cannot see ahead: each chunk only once xterm has parsed the one before
      for (const c of chunks) await new Promise<void>((resolve) => term.write(highlighted ? highlightChunk(c, state, rules) : c, resolve));
    } else {
      await new Promise<void>((resolve) => {
        const last = chunks.length - 1;
        chunks.forEach((c, i) => term.write(highlighted ? highlightChunk(c, state, rules) : c, i === last ? resolve : undefined));
        if (last < 0) resolve();
      });
    }
    return performance.now() - t0;
  } finally {
    term.dispose();
    host.remove();
  }
}

if (typeof navigator !== 'undefined' && navigator.webdriver) {
  window.__nocTerminals = {
    parsedBytes(sessionId: string): number | null {
      return entryOfSession(sessionId)?.parsedTotal ?? null;
    },
    text(sessionId: string): string | null {
      const term = entryOfSession(sessionId)?.term;
      if (!term) return null;
      const buf = term.buffer.active;
      const lines: string[] = [];
      for (let i = 0; i < buf.length; i++) lines.push(buf.getLine(i)?.translateToString(true) ?? '');
      return lines.join('\n');
    },
    recordChunks(sessionId: string, on: boolean): number[] | null {
      const entry = entryOfSession(sessionId);
      if (!entry) return null;
      const recorded = entry.benchChunks ?? [];
      entry.benchChunks = on ? [] : null;
      return recorded;
    },
    discardOutput(sessionId: string, on: boolean): void {
      const entry = entryOfSession(sessionId);
      if (entry) entry.benchDiscard = on;
    },
    rendererInfo(sessionId: string) {
      const entry = entryOfSession(sessionId);
      return entry ? { renderer: entry.renderer, gl: glRendererName(), cols: entry.term.cols, rows: entry.term.rows } : null;
    },
    writeFloor(sessionId: string, chunks: readonly string[], highlighted: boolean, oneAtATime = false): Promise<number> {
      const entry = entryOfSession(sessionId);
      return entry ? writeFloor(entry, chunks, highlighted, oneAtATime) : Promise.reject(new Error(`no terminal for session ${sessionId}`));
    },
  };
}
