// The tab strip: one tab per terminal, titled by the device, with its state dot, a "legacy" badge
// when old algorithms were negotiated, the jump hosts it goes through, its broadcast toggle and
// a close button.
import type { KeyboardEvent } from 'react';
import { closeTab, showTab, toggleBroadcast, useTerminals, type TabState, type TerminalTab } from '../store';

const STATE_LABELS: Record<TabState, string> = {
  idle: 'not connected',
  connecting: 'connecting',
  open: 'connected',
  reconnecting: 'reconnecting',
  closed: 'disconnected',
  failed: 'not connected',
};

function Tab({ tab, shown }: { tab: TerminalTab; shown: boolean }) {
  const legacy = tab.session?.legacy === true;
  const via = tab.session?.via ?? [];
  return (
    <div className={`term-tab${shown ? ' active' : ''}${tab.broadcast ? ' broadcasting' : ''}`} data-testid="terminal-tab" data-tab-id={tab.tabId} data-state={tab.state}>
      <button
        type="button"
        role="tab"
        aria-selected={shown}
        className="term-tab-title"
        onClick={() => showTab(tab.tabId)}
        title={`${tab.session ? `${tab.session.username}@${tab.session.host}:${tab.session.port}` : tab.title} — ${STATE_LABELS[tab.state]}`}
        data-testid="terminal-tab-title"
      >
        <span className={`term-dot state-${tab.state}`} role="img" aria-label={STATE_LABELS[tab.state]} data-testid="terminal-tab-state" />
        <span className="term-tab-name">{tab.title}</span>
        {legacy && (
          <span
            className="badge term-legacy"
            title={`Legacy algorithms in use: ${tab.session?.algorithms.legacy.join(', ') ?? ''}`}
            data-testid="terminal-tab-legacy"
          >
            legacy
          </span>
        )}
        {via.length > 0 && (
          <span className="term-via" title={`Through jump host${via.length > 1 ? 's' : ''} ${via.join(' → ')}`} data-testid="terminal-tab-via">
            via {via.join(' → ')}
          </span>
        )}
      </button>
      <button
        type="button"
        className={`icon-button term-bc-toggle${tab.broadcast ? ' on' : ''}`}
        aria-pressed={tab.broadcast}
        aria-label={`Broadcast input with ${tab.title}`}
        title={tab.broadcast ? 'In the broadcast set: what you type here goes to every member' : 'Join the broadcast set'}
        onClick={() => toggleBroadcast(tab.tabId)}
        data-testid="terminal-tab-broadcast"
      >
        BC
      </button>
      <button type="button" className="icon-button" aria-label={`Close terminal ${tab.title}`} title="Close" onClick={() => closeTab(tab.tabId)} data-testid="terminal-tab-close">
        ×
      </button>
    </div>
  );
}

export function TerminalTabs() {
  const tabs = useTerminals((s) => s.tabs);
  const panes = useTerminals((s) => s.panes);
  const split = useTerminals((s) => s.split);

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    if (e.key !== 'ArrowRight' && e.key !== 'ArrowLeft') return;
    const titles = [...e.currentTarget.querySelectorAll<HTMLButtonElement>('[role="tab"]')];
    const i = titles.indexOf(document.activeElement as HTMLButtonElement);
    if (i < 0) return;
    e.preventDefault();
    titles[(i + (e.key === 'ArrowRight' ? 1 : titles.length - 1)) % titles.length]?.focus();
  };

  return (
    <div className="term-tabs" role="tablist" aria-label="Terminals" onKeyDown={onKeyDown} data-testid="terminal-tabs">
      {tabs.map((t) => (
        <Tab key={t.tabId} tab={t} shown={panes[0] === t.tabId || (split && panes[1] === t.tabId)} />
      ))}
    </div>
  );
}
