// Automation: run a command on many devices (Run), fetch and compare running configurations
// (Config backups), and render/push configuration templates (Templates). Every tab stays mounted
// while the page is open, so switching tabs keeps what was typed and chosen.
import { useState, type KeyboardEvent } from 'react';
import { AUTOMATION_TABS, type AutomationTab } from '../types';
import { BackupsTab } from './BackupsTab';
import { RunTab } from './RunTab';
import { TemplatesTab } from './TemplatesTab';

const TAB_LABELS: Record<AutomationTab, string> = { run: 'Run', backups: 'Config backups', templates: 'Templates' };

export function AutomationPage() {
  const [tab, setTab] = useState<AutomationTab>('run');

  const onTabKey = (e: KeyboardEvent<HTMLDivElement>) => {
    if (e.key !== 'ArrowRight' && e.key !== 'ArrowLeft') return;
    e.preventDefault();
    const i = AUTOMATION_TABS.indexOf(tab);
    const next = AUTOMATION_TABS[(i + (e.key === 'ArrowRight' ? 1 : AUTOMATION_TABS.length - 1)) % AUTOMATION_TABS.length] ?? tab;
    setTab(next);
    requestAnimationFrame(() => document.getElementById(`auto-tab-${next}`)?.focus());
  };

  return (
    <div className="auto-page" data-testid="automation-page">
      <div className="toolbar radius-toolbar">
        <h1 className="radius-title">Automation</h1>
        <div className="radius-tabs" role="tablist" aria-label="Automation" onKeyDown={onTabKey}>
          {AUTOMATION_TABS.map((t) => (
            <button
              key={t}
              id={`auto-tab-${t}`}
              type="button"
              role="tab"
              aria-selected={tab === t}
              aria-controls={`auto-panel-${t}`}
              tabIndex={tab === t ? 0 : -1}
              className={`radius-tab${tab === t ? ' active' : ''}`}
              onClick={() => setTab(t)}
              data-testid={`auto-tab-${t}`}
            >
              {TAB_LABELS[t]}
            </button>
          ))}
        </div>
      </div>
      {AUTOMATION_TABS.map((t) => (
        <div key={t} id={`auto-panel-${t}`} role="tabpanel" aria-labelledby={`auto-tab-${t}`} className="auto-body" hidden={tab !== t}>
          {t === 'run' && <RunTab />}
          {t === 'backups' && <BackupsTab />}
          {t === 'templates' && <TemplatesTab />}
        </div>
      ))}
    </div>
  );
}
