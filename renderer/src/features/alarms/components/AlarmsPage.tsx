// Alarms: what the poller, the trap receiver and VOLTHA raised. Filters (state, severity, text),
// a virtualised list that updates live, acknowledge with a note, clear, the cleared history, and
// the trap receiver's state and settings. New CRITICAL alarms also raise a notification.
import { useEffect, useState } from 'react';
import { ALARM_STATES } from '../../../../../shared/ipc/alarmSchemas';
import { errorMessage } from '../../../lib/api';
import { formatCount } from '../../../lib/format';
import { useDebouncedValue } from '../../../lib/useDebouncedValue';
import { askNotificationPermissionOnce, notificationPermission } from '../notify';
import { SEVERITY_OPTIONS, subscribeAlarmEvents, useAlarms, type Alarm, type AlarmStateFilter, type SeverityFilter } from '../store';
import { AckDialog } from './AckDialog';
import { AlarmList } from './AlarmList';
import { TrapSettingsDialog } from './TrapSettingsDialog';

const STATE_LABELS: Record<AlarmStateFilter, string> = { active: 'Active', open: 'Unacknowledged', acked: 'Acknowledged', cleared: 'History (cleared)', all: 'All' };

function TrapStatusLine() {
  const st = useAlarms((s) => s.trapStatus);
  if (!st) return null;
  return (
    <span className={`alarm-trap-status ${st.listening ? '' : 'alarm-trap-down'}`} data-testid="traps-status" data-listening={st.listening}>
      {st.listening ? `Traps: udp/${st.port}` : `Traps not received: ${st.error ?? 'receiver stopped'}`} · {formatCount(st.received)} received · {formatCount(st.dropped)} dropped
    </span>
  );
}

export function AlarmsPage() {
  const { state, severity, total, error, loading, setFilter, reload, refreshTrapStatus, clear } = useAlarms();
  const [text, setText] = useState(useAlarms.getState().search);
  const search = useDebouncedValue(text, 250);
  const [acking, setAcking] = useState<Alarm | null>(null);
  const [settings, setSettings] = useState(false);
  const [actionError, setActionError] = useState<string | null>(null);
  const [permission, setPermission] = useState(notificationPermission());

  useEffect(() => {
    const off = subscribeAlarmEvents();
    void reload();
    void refreshTrapStatus();
    askNotificationPermissionOnce();
    return off;
  }, [reload, refreshTrapStatus]);

  useEffect(() => {
    if (search !== useAlarms.getState().search) setFilter({ search });
  }, [search, setFilter]);

  const onClear = (a: Alarm) => {
    setActionError(null);
    clear(a.id).catch((err: unknown) => setActionError(errorMessage(err)));
  };

  return (
    <div className="page alarms-page" data-testid="alarms-page">
      <div className="toolbar alarms-toolbar">
        <h1 className="page-title">Alarms</h1>
        <select aria-label="State" value={state} onChange={(e) => setFilter({ state: e.target.value as AlarmStateFilter })} data-testid="alarms-state">
          {ALARM_STATES.map((s) => (
            <option key={s} value={s}>
              {STATE_LABELS[s]}
            </option>
          ))}
        </select>
        <select aria-label="Severity" value={severity} onChange={(e) => setFilter({ severity: e.target.value as SeverityFilter })} data-testid="alarms-severity">
          {SEVERITY_OPTIONS.map((s) => (
            <option key={s} value={s}>
              {s === 'all' ? 'Any severity' : s}
            </option>
          ))}
        </select>
        <input type="search" placeholder="Search message, device, source…" value={text} onChange={(e) => setText(e.target.value)} aria-label="Search alarms" data-testid="alarms-search" />
        <span className="toolbar-total" data-testid="alarms-total">
          {loading ? 'Loading…' : `${formatCount(total)} alarms`}
        </span>
        <span className="toolbar-spacer" />
        <TrapStatusLine />
        {permission === 'default' && (
          <button
            type="button"
            onClick={() => {
              askNotificationPermissionOnce(true);
              setPermission(notificationPermission());
            }}
            title="Show a notification for new critical alarms"
          >
            Enable notifications
          </button>
        )}
        <button type="button" onClick={() => setSettings(true)} data-testid="traps-config-open">
          Trap receiver…
        </button>
      </div>
      {(error ?? actionError) && (
        <p className="form-error" role="alert" data-testid="alarms-error">
          {error ?? actionError}
        </p>
      )}
      <AlarmList onAck={setAcking} onClear={onClear} />
      {acking && <AckDialog alarm={acking} onClose={() => setAcking(null)} />}
      {settings && <TrapSettingsDialog onClose={() => setSettings(false)} onSaved={() => void refreshTrapStatus()} />}
    </div>
  );
}
