// Where packets go: a saved profile (its shared secret stays in the vault and is never shown) or an
// ad-hoc server typed here, plus timeout, retries and strict Message-Authenticator checking.
import { useState } from 'react';
import { RADIUS_DEFAULT_PORTS } from '../../../../../shared/domain/radius';
import { ConfirmDialog } from '../../../ui/ConfirmDialog';
import type { TargetForm } from '../formModel';
import { useRadius } from '../store';
import type { RadiusProfile, RadiusTab } from '../types';
import { Field, invalidProps } from './Field';
import { ProfileDialog, type ProfileDraft } from './ProfileDialog';

/** Which ports the current tab sends to (highlighted in the form). */
function portsUsed(tab: Exclude<RadiusTab, 'history'>, statusPort: 'auth' | 'acct', loadKind: 'auth' | 'status'): Set<'authPort' | 'acctPort' | 'coaPort'> {
  switch (tab) {
    case 'auth':
      return new Set(['authPort']);
    case 'acct':
      return new Set(['acctPort']);
    case 'status':
      return new Set([statusPort === 'acct' ? 'acctPort' : 'authPort']);
    case 'dynauth':
      return new Set(['coaPort']);
    case 'session':
      return new Set(['authPort', 'acctPort']);
    case 'load':
      return new Set([loadKind === 'status' && statusPort === 'acct' ? 'acctPort' : 'authPort']);
  }
}

export function TargetPanel({ tab }: { tab: Exclude<RadiusTab, 'history'> }) {
  const target = useRadius((s) => s.target);
  const profiles = useRadius((s) => s.profiles);
  const profilesError = useRadius((s) => s.profilesError);
  const statusPort = useRadius((s) => s.statusPort);
  const loadKind = useRadius((s) => s.loadForm.kind);
  const scope = tab;
  const errors = useRadius((s) => s.errors[scope].fields);
  const prefillDeviceId = useRadius((s) => s.prefill?.deviceId ?? null);
  const prefillDeviceName = useRadius((s) => s.prefill?.deviceName ?? null);
  const setTarget = useRadius((s) => s.setTarget);
  const selectProfile = useRadius((s) => s.selectProfile);
  const clearError = useRadius((s) => s.clearError);
  const deleteProfile = useRadius((s) => s.deleteProfile);

  const [editing, setEditing] = useState<ProfileDraft | null>(null);
  const [deleting, setDeleting] = useState<RadiusProfile | null>(null);

  const profile = target.profileId ? profiles.find((p) => p.id === target.profileId) : undefined;
  const used = portsUsed(tab, statusPort, loadKind);

  const change = (key: keyof TargetForm, value: string | boolean) => {
    setTarget({ [key]: value } as Partial<TargetForm>);
    clearError(scope, key);
  };

  const portInput = (key: 'authPort' | 'acctPort' | 'coaPort', label: string, testId: string) => (
    <Field id={`radius-${key}`} label={label} errorKey={key} error={errors[key]} className={used.has(key) ? 'radius-port used' : 'radius-port'}>
      <input
        {...invalidProps(`radius-${key}`, errors[key])}
        className="mono"
        inputMode="numeric"
        value={target[key]}
        onChange={(e) => change(key, e.target.value)}
        data-testid={testId}
        autoComplete="off"
      />
    </Field>
  );

  const newFromTarget = (): ProfileDraft => ({
    name: prefillDeviceName ?? target.host,
    host: target.host,
    authPort: target.authPort,
    acctPort: target.acctPort,
    coaPort: target.coaPort,
    secret: target.secret,
    deviceId: prefillDeviceId,
    deviceName: prefillDeviceName,
    nasIdentifier: '',
    strict: target.strict,
    timeoutMs: target.timeoutMs,
    retries: target.retries,
  });

  return (
    <section className="card radius-target" aria-labelledby="radius-target-title">
      <div className="radius-card-head">
        <h2 id="radius-target-title">Server</h2>
        <div className="radius-profile-actions">
          <button type="button" className="ghost" onClick={() => setEditing({ ...newFromTarget(), name: '', secret: '' })} data-testid="radius-profile-new">
            New profile
          </button>
          {profile && (
            <>
              <button type="button" className="ghost" onClick={() => setEditing({ profile })} data-testid="radius-profile-edit">
                Edit
              </button>
              <button type="button" className="ghost danger-text" onClick={() => setDeleting(profile)} data-testid="radius-profile-delete">
                Delete
              </button>
            </>
          )}
          {!profile && target.host.trim() !== '' && (
            <button type="button" className="ghost" onClick={() => setEditing(newFromTarget())} title="Keep this server, its ports and its shared secret (sealed in the vault)" data-testid="radius-profile-save-as">
              Save as profile
            </button>
          )}
        </div>
      </div>

      <Field id="radius-profile" label="Test profile" errorKey="profile" error={errors.profile ?? profilesError ?? undefined}>
        <select
          {...invalidProps('radius-profile', errors.profile)}
          value={target.profileId}
          onChange={(e) => {
            selectProfile(e.target.value);
            clearError(scope, 'profile');
          }}
          data-testid="radius-profile"
        >
          <option value="">Ad-hoc server (type it below)</option>
          {profiles.map((p) => (
            <option key={p.id} value={p.id}>
              {p.name} — {p.host}
              {p.hasSecret ? '' : ' (no secret)'}
            </option>
          ))}
          {target.profileId && !profile && <option value={target.profileId}>Deleted profile</option>}
        </select>
      </Field>

      {profile ? (
        <dl className="kv radius-profile-summary" data-testid="radius-profile-summary">
          <dt>Server</dt>
          <dd className="mono">{profile.host}</dd>
          <dt>Ports</dt>
          <dd className="mono">
            <span className={used.has('authPort') ? 'port-used' : undefined}>auth {profile.authPort}</span> ·{' '}
            <span className={used.has('acctPort') ? 'port-used' : undefined}>acct {profile.acctPort}</span> ·{' '}
            <span className={used.has('coaPort') ? 'port-used' : undefined}>CoA {profile.coaPort}</span>
          </dd>
          <dt>Shared secret</dt>
          <dd data-testid="radius-profile-secret-state" data-has-secret={profile.hasSecret}>
            {profile.hasSecret ? <span className="badge status-up">stored in the vault</span> : <span className="badge status-degraded">none — edit the profile to set one</span>}
          </dd>
          {profile.deviceName && (
            <>
              <dt>NAS device</dt>
              <dd>{profile.deviceName}</dd>
            </>
          )}
          {profile.nasIdentifier && (
            <>
              <dt>NAS-Identifier</dt>
              <dd className="mono">{profile.nasIdentifier}</dd>
            </>
          )}
        </dl>
      ) : (
        <div className="radius-target-grid">
          <Field id="radius-host" label="Server" errorKey="host" error={errors.host} className="span-2">
            <input
              {...invalidProps('radius-host', errors.host)}
              className="mono"
              value={target.host}
              onChange={(e) => change('host', e.target.value)}
              placeholder="IP address or host name"
              spellCheck={false}
              autoComplete="off"
              data-testid="radius-host"
            />
          </Field>
          {portInput('authPort', 'Auth port', 'radius-port')}
          {portInput('acctPort', 'Acct port', 'radius-acct-port')}
          <div className="radius-coa-port">
            {portInput('coaPort', 'CoA port', 'radius-coa-port')}
            <div className="radius-port-presets" role="group" aria-label="CoA port presets">
              <button type="button" className="preset" onClick={() => change('coaPort', String(RADIUS_DEFAULT_PORTS.coa))} title="RFC 5176 default" data-testid="radius-coa-3799">
                3799
              </button>
              <button type="button" className="preset" onClick={() => change('coaPort', String(RADIUS_DEFAULT_PORTS.coaMikrotik))} title="MikroTik listens for CoA on 1700" data-testid="radius-coa-mikrotik">
                MikroTik 1700
              </button>
            </div>
          </div>
          <Field id="radius-secret" label="Shared secret" errorKey="secret" error={errors.secret} className="span-2" hint="Used for this test only; save a profile to keep it in the vault.">
            <input
              {...invalidProps('radius-secret', errors.secret)}
              type="password"
              value={target.secret}
              onChange={(e) => change('secret', e.target.value)}
              autoComplete="new-password"
              spellCheck={false}
              data-testid="radius-secret"
            />
          </Field>
        </div>
      )}

      <div className="radius-options">
        <Field id="radius-timeoutMs" label="Timeout (ms)" errorKey="timeoutMs" error={errors.timeoutMs}>
          <input
            {...invalidProps('radius-timeoutMs', errors.timeoutMs)}
            className="mono"
            inputMode="numeric"
            value={target.timeoutMs}
            onChange={(e) => change('timeoutMs', e.target.value)}
            data-testid="radius-timeout"
          />
        </Field>
        <Field id="radius-retries" label="Retries" errorKey="retries" error={errors.retries}>
          <input
            {...invalidProps('radius-retries', errors.retries)}
            className="mono"
            inputMode="numeric"
            value={target.retries}
            onChange={(e) => change('retries', e.target.value)}
            data-testid="radius-retries"
          />
        </Field>
        <label className="checkbox radius-strict" title="Refuse replies without a valid Message-Authenticator (BlastRADIUS, CVE-2024-3596)">
          <input type="checkbox" checked={target.strict} onChange={(e) => change('strict', e.target.checked)} data-testid="radius-strict" />
          Strict (require Message-Authenticator)
        </label>
      </div>

      {editing && (
        <ProfileDialog
          draft={editing}
          onClose={() => setEditing(null)}
          onSaved={(p) => {
            setEditing(null);
            selectProfile(p.id);
          }}
        />
      )}
      {deleting && (
        <ConfirmDialog title={`Delete ${deleting.name}?`} confirmLabel="Delete profile" danger onClose={() => setDeleting(null)} onConfirm={() => deleteProfile(deleting.id)}>
          <p>The profile and its stored shared secret are removed from this workspace. The history of its runs stays.</p>
        </ConfirmDialog>
      )}
    </section>
  );
}
