// SSH terminals: a tab per session (opened with one click from a device row, the device panel or
// the command palette), one or two panes side by side, broadcast input to a chosen set of tabs,
// keyword highlighting, and the host-key and keyboard-interactive questions as dialogs.
import { useEffect, useState } from 'react';
import { startTerminalSync, toggleBroadcast, toggleSplit, useTerminals } from '../store';
import { HighlightSettings } from './HighlightSettings';
import { HostKeyTrustDialog } from './HostKeyPanels';
import { TerminalPane } from './TerminalPane';
import { TerminalTabs } from './TerminalTabs';

function BroadcastBanner() {
  const tabs = useTerminals((s) => s.tabs);
  const members = tabs.filter((t) => t.broadcast);
  if (members.length < 2) return null;
  return (
    <div className="banner term-broadcast-banner" role="status" data-testid="broadcast-banner">
      <strong>Broadcast on:</strong> input typed in any of {members.map((m) => m.title).join(', ')} goes to all {members.length}.
      <button type="button" onClick={() => members.forEach((m) => toggleBroadcast(m.tabId))}>
        Stop broadcasting
      </button>
    </div>
  );
}

export function TerminalsPage() {
  const tabs = useTerminals((s) => s.tabs);
  const panes = useTerminals((s) => s.panes);
  const split = useTerminals((s) => s.split);
  const [settingsOpen, setSettingsOpen] = useState(false);

  useEffect(() => {
    startTerminalSync();
  }, []);

  const shown = (split ? panes : [panes[0]]).map((id) => tabs.find((t) => t.tabId === id) ?? null);
  const asking = tabs.find((t) => t.hostKey?.reason === 'unknown');

  return (
    <div className="term-page" data-testid="terminals-page">
      <div className="toolbar term-toolbar">
        <h1 className="term-title">Terminals</h1>
        <span className="toolbar-spacer" />
        <button type="button" aria-pressed={split} onClick={toggleSplit} disabled={tabs.length < 2 && !split} title="Show two tabs side by side" data-testid="terminal-split">
          {split ? 'Single pane' : 'Split'}
        </button>
        <div className="term-popover-anchor">
          <button type="button" aria-expanded={settingsOpen} onClick={() => setSettingsOpen((o) => !o)} data-testid="highlight-settings-toggle">
            Highlighting
          </button>
          {settingsOpen && <HighlightSettings onClose={() => setSettingsOpen(false)} />}
        </div>
      </div>
      <BroadcastBanner />
      {tabs.length === 0 ? (
        <div className="page empty-state term-empty">
          <p>No terminals open.</p>
          <p className="muted">Open one with the SSH button of a device (its row or its detail panel), or Ctrl+K → “SSH to …”.</p>
        </div>
      ) : (
        <>
          <TerminalTabs />
          <div className={`term-panes${split ? ' split' : ''}`}>
            {shown.map((tab, i) =>
              tab ? (
                <TerminalPane key={tab.tabId} tab={tab} pane={i === 0 ? 0 : 1} />
              ) : (
                <div key={`empty-${i}`} className="term-pane term-pane-empty muted">
                  Choose a tab to show here.
                </div>
              ),
            )}
          </div>
        </>
      )}
      {asking?.hostKey && <HostKeyTrustDialog tab={asking} problem={asking.hostKey} />}
    </div>
  );
}
