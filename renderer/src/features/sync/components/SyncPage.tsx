// Sync with the central service: the login form (logged out) or the session (logged in), then the
// outbox, the conflicts inbox and the site pack as tabs. Every tab stays mounted while the page is
// open, so switching keeps what was chosen.
import { useState, type KeyboardEvent } from 'react';
import { useSyncStatus } from '../store';
import { ConflictsTab } from './ConflictsTab';
import { LoginForm } from './LoginForm';
import { OutboxTab } from './OutboxTab';
import { SessionCard } from './SessionCard';
import { SitePackTab } from './SitePackTab';

const TABS = ['outbox', 'conflicts', 'sitepack'] as const;
type SyncTab = (typeof TABS)[number];

export function SyncPage() {
  const status = useSyncStatus((s) => s.status);
  const error = useSyncStatus((s) => s.error);
  const [tab, setTab] = useState<SyncTab>('outbox');

  const label = (t: SyncTab): string => {
    if (t === 'outbox') {
      const n = (status?.pending ?? 0) + (status?.review ?? 0);
      return n > 0 ? `Outbox (${n})` : 'Outbox';
    }
    if (t === 'conflicts') {
      const n = status?.conflicts ?? 0;
      return n > 0 ? `Conflicts (${n})` : 'Conflicts';
    }
    return 'Site pack';
  };

  const onTabKey = (e: KeyboardEvent<HTMLDivElement>) => {
    if (e.key !== 'ArrowRight' && e.key !== 'ArrowLeft') return;
    e.preventDefault();
    const i = TABS.indexOf(tab);
    const next = TABS[(i + (e.key === 'ArrowRight' ? 1 : TABS.length - 1)) % TABS.length] ?? tab;
    setTab(next);
    requestAnimationFrame(() => document.getElementById(`sync-tab-${next}`)?.focus());
  };

  return (
    <div className="page sync-page" data-testid="sync-page">
      <h1 className="page-title">Sync</h1>
      {error && !status && (
        <p className="form-error" role="alert" data-testid="sync-status-error">
          {error}
        </p>
      )}
      {!status && !error && <p className="muted">Loading…</p>}
      {status && (status.loggedIn ? <SessionCard status={status} /> : <LoginForm status={status} />)}
      <div className="radius-tabs sync-tabs" role="tablist" aria-label="Sync" onKeyDown={onTabKey}>
        {TABS.map((t) => (
          <button
            key={t}
            id={`sync-tab-${t}`}
            type="button"
            role="tab"
            aria-selected={tab === t}
            aria-controls={`sync-panel-${t}`}
            tabIndex={tab === t ? 0 : -1}
            className={`radius-tab${tab === t ? ' active' : ''}`}
            onClick={() => setTab(t)}
            data-testid={`sync-tab-${t}`}
          >
            {label(t)}
          </button>
        ))}
      </div>
      {TABS.map((t) => (
        <div key={t} id={`sync-panel-${t}`} role="tabpanel" aria-labelledby={`sync-tab-${t}`} className="sync-panel" hidden={tab !== t}>
          {t === 'outbox' && <OutboxTab />}
          {t === 'conflicts' && <ConflictsTab />}
          {t === 'sitepack' && <SitePackTab />}
        </div>
      ))}
    </div>
  );
}
