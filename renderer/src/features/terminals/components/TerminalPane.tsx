// One pane: the tab's xterm (re-attached, never recreated), fitted to the pane as it resizes (the
// new size goes to the remote PTY, debounced), with the bars that say what state the session is
// in — connecting, refused, disconnected with Reconnect, reconnecting in N s — and the search bar.
import { useEffect, useRef, useState } from 'react';
import { invoke } from '../../../lib/api';
import { connectTab, focusPane, useTerminals, type TerminalTab } from '../store';
import { attach, detach, entryOf, fitEntry, reconnect, sizeOf } from '../terminalRegistry';
import { HostKeyChangedPanel } from './HostKeyPanels';
import { SearchBar } from './SearchBar';

const RESIZE_DEBOUNCE_MS = 120;

function useNow(active: boolean): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!active) return;
    const t = setInterval(() => setNow(Date.now()), 500);
    return () => clearInterval(t);
  }, [active]);
  return now;
}

function StateBar({ tab }: { tab: TerminalTab }) {
  const now = useNow(tab.state === 'reconnecting' && tab.retryAt !== null);
  if (tab.state === 'connecting') {
    return (
      <div className="term-bar term-bar-info" data-testid="terminal-connecting" role="status">
        Connecting to {tab.title}…
      </div>
    );
  }
  if (tab.state === 'reconnecting') {
    const secs = tab.retryAt !== null ? Math.max(0, Math.ceil((tab.retryAt - now) / 1000)) : null;
    return (
      <div className="term-bar term-bar-warn" data-testid="terminal-reconnecting" role="status">
        <span>
          {tab.reason ? `Disconnected: ${tab.reason} — ` : ''}
          {secs !== null ? `reconnecting in ${secs}s` : 'reconnecting…'}
        </span>
        <button type="button" onClick={() => reconnect(tab.tabId)} data-testid="terminal-reconnect">
          Reconnect now
        </button>
      </div>
    );
  }
  if (tab.state === 'closed') {
    return (
      <div className="term-bar term-bar-warn" data-testid="terminal-disconnected" role="alert">
        <span>Disconnected: {tab.error ?? tab.reason ?? 'the session ended'} —</span>
        <button type="button" onClick={() => reconnect(tab.tabId)} aria-keyshortcuts="R" title="Reconnect in this tab (R)" data-testid="terminal-reconnect">
          Reconnect (R)
        </button>
      </div>
    );
  }
  if (tab.state === 'failed' && tab.error) {
    return (
      <div className="term-bar term-bar-error" data-testid="terminal-error" role="alert">
        <span>Could not connect: {tab.error}</span>
        <button type="button" onClick={() => void connectTab(tab.tabId, sizeOf(tab.tabId))} data-testid="terminal-retry">
          Try again
        </button>
      </div>
    );
  }
  return null;
}

export function TerminalPane({ tab, pane }: { tab: TerminalTab; pane: 0 | 1 }) {
  const hostRef = useRef<HTMLDivElement>(null);
  const [searching, setSearching] = useState(false);
  const focused = useTerminals((s) => s.split && s.focusedPane === pane);

  // attach the xterm; the first attach of a fresh tab also opens its session at the fitted size
  useEffect(() => {
    const host = hostRef.current;
    if (!host) return;
    const entry = attach(tab.tabId, host);
    entry.onSearchKey = () => setSearching(true);
    entry.term.focus();
    if (useTerminals.getState().tabs.find((t) => t.tabId === tab.tabId)?.state === 'idle') void connectTab(tab.tabId, sizeOf(tab.tabId));
    let timer: ReturnType<typeof setTimeout> | null = null;
    const observer = new ResizeObserver(() => {
      if (timer) clearTimeout(timer);
      timer = setTimeout(() => {
        timer = null;
        if (!fitEntry(entry)) return;
        const t = useTerminals.getState().tabs.find((x) => x.tabId === tab.tabId);
        if (t?.sessionId && t.state === 'open') {
          void invoke('ssh.terminal.resize', { sessionId: t.sessionId, cols: entry.term.cols, rows: entry.term.rows }).catch(() => undefined);
        }
      }, RESIZE_DEBOUNCE_MS);
    });
    observer.observe(host);
    return () => {
      observer.disconnect();
      if (timer) clearTimeout(timer);
      entry.onSearchKey = null;
      detach(tab.tabId, host);
    };
  }, [tab.tabId]);

  // once (re)opened, the remote learns the size the pane has now (it may have changed meanwhile)
  useEffect(() => {
    if (tab.state !== 'open' || !tab.sessionId) return;
    const entry = entryOf(tab.tabId);
    if (!entry) return;
    fitEntry(entry);
    const { cols, rows } = entry.term;
    if (tab.session && (tab.session.cols !== cols || tab.session.rows !== rows)) {
      void invoke('ssh.terminal.resize', { sessionId: tab.sessionId, cols, rows }).catch(() => undefined);
    }
  }, [tab.state, tab.sessionId, tab.session, tab.tabId]);

  return (
    <section
      className={`term-pane${focused ? ' focused' : ''}`}
      aria-label={`Terminal ${tab.title}`}
      data-testid="terminal-pane"
      data-tab-id={tab.tabId}
      data-session-id={tab.sessionId ?? ''}
      data-state={tab.state}
      onMouseDown={() => focusPane(pane)}
      onFocusCapture={() => focusPane(pane)}
    >
      <StateBar tab={tab} />
      {tab.hostKey?.reason === 'changed' && <HostKeyChangedPanel problem={tab.hostKey} />}
      {tab.hostKey?.reason === 'rejected' && (
        <div className="term-bar term-bar-error" role="alert" data-testid="terminal-error">
          {tab.hostKey.message}
        </div>
      )}
      {searching && (
        <SearchBar
          tabId={tab.tabId}
          onClose={() => {
            setSearching(false);
            entryOf(tab.tabId)?.term.focus();
          }}
        />
      )}
      <div ref={hostRef} className="term-container" data-testid="terminal-screen" />
    </section>
  );
}
