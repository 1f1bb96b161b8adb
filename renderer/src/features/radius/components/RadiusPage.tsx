// The RADIUS page: a test client in the spirit of radclient/NTRadPing. One tab per packet type
// (Access, Accounting, Status-Server, CoA/Disconnect), the session simulator, the load test and the
// history of runs; the target (saved profile or ad-hoc server) is shared by every tab.
import { useEffect, type KeyboardEvent } from 'react';
import { navigate, useRoute } from '../../../app/router';
import { useCan } from '../../appInfo/store';
import { startRadiusSync, useRadius } from '../store';
import { isPacketKind, RADIUS_TABS, type RadiusTab } from '../types';
import { HistoryTab } from './HistoryTab';
import { LoadTab } from './LoadTab';
import { PacketForm } from './PacketForm';
import { PrefillBanner } from './PrefillBanner';
import { ReplyPanel } from './ReplyPanel';
import { SessionTab } from './SessionTab';
import { TargetPanel } from './TargetPanel';

const TAB_LABELS: Record<RadiusTab, string> = {
  auth: 'Access',
  acct: 'Accounting',
  status: 'Status-Server',
  dynauth: 'CoA / Disconnect',
  session: 'Session simulator',
  load: 'Load test',
  history: 'History',
};

const PREFILL_PARAM = /^(device|subscriber):([0-9a-f-]{36})$/i;

export function RadiusPage() {
  const tab = useRadius((s) => s.tab);
  const setTab = useRadius((s) => s.setTab);
  const applyPrefill = useRadius((s) => s.applyPrefill);
  const param = useRoute((r) => r.param);
  const canCoa = useCan('radius:coa');
  const canTest = useCan('radius:test');

  useEffect(() => {
    startRadiusSync();
  }, []);

  // `#/radius/device:<id>` or `#/radius/subscriber:<id>`: prefill once, then drop the parameter so a
  // reload does not overwrite what was typed since
  useEffect(() => {
    const m = param ? PREFILL_PARAM.exec(param) : null;
    if (!m?.[1] || !m[2]) return;
    void applyPrefill(m[1].toLowerCase() as 'device' | 'subscriber', m[2].toLowerCase());
    navigate('radius', null, { replace: true });
  }, [param, applyPrefill]);

  const tabDisabled = (t: RadiusTab) => t === 'dynauth' && !canCoa;

  const onTabKey = (e: KeyboardEvent<HTMLDivElement>) => {
    if (e.key !== 'ArrowRight' && e.key !== 'ArrowLeft') return;
    e.preventDefault();
    const enabled = RADIUS_TABS.filter((t) => !tabDisabled(t));
    const i = enabled.indexOf(tab);
    const next = enabled[(i + (e.key === 'ArrowRight' ? 1 : enabled.length - 1)) % enabled.length] ?? tab;
    setTab(next);
    requestAnimationFrame(() => document.getElementById(`radius-tab-${next}`)?.focus());
  };

  const active: RadiusTab = tabDisabled(tab) ? 'auth' : tab;

  return (
    <div className="radius-page" data-testid="radius-page">
      <div className="toolbar radius-toolbar">
        <h1 className="radius-title">RADIUS</h1>
        <div className="radius-tabs" role="tablist" aria-label="Packet type" onKeyDown={onTabKey}>
          {RADIUS_TABS.map((t) => (
            <button
              key={t}
              id={`radius-tab-${t}`}
              type="button"
              role="tab"
              aria-selected={active === t}
              aria-controls="radius-tabpanel"
              tabIndex={active === t ? 0 : -1}
              className={`radius-tab${active === t ? ' active' : ''}`}
              disabled={tabDisabled(t)}
              title={tabDisabled(t) ? 'Your role may not send CoA or Disconnect requests (needs radius:coa)' : undefined}
              onClick={() => setTab(t)}
              data-testid={`radius-tab-${t}`}
            >
              {TAB_LABELS[t]}
            </button>
          ))}
        </div>
      </div>
      {!canTest && (
        <p className="form-error radius-notice" role="alert">
          Your role may not run RADIUS tests (needs radius:test).
        </p>
      )}
      <PrefillBanner />
      <div id="radius-tabpanel" role="tabpanel" aria-labelledby={`radius-tab-${active}`} className={`radius-body${active === 'history' ? ' radius-body-wide' : ''}`}>
        {active === 'history' ? (
          <HistoryTab />
        ) : (
          <>
            <div className="radius-left">
              <TargetPanel tab={active} />
              {isPacketKind(active) && <PacketForm kind={active} />}
              {active === 'session' && <SessionTab part="form" />}
              {active === 'load' && <LoadTab part="form" />}
            </div>
            <div className="radius-right">
              {isPacketKind(active) && <ReplyPanel kind={active} />}
              {active === 'session' && <SessionTab part="timeline" />}
              {active === 'load' && <LoadTab part="stats" />}
            </div>
          </>
        )}
      </div>
    </div>
  );
}
