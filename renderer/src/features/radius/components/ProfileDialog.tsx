// Create or edit a RADIUS test profile. The shared secret is write-only: the host never sends it
// back, so editing shows "stored" and an empty field keeps it. Validated with the contract's own
// schema as the user submits; the host's VALIDATION details land beside the same fields.
import { useState, type FormEvent } from 'react';
import { RADIUS_DEFAULT_PORTS } from '../../../../../shared/domain/radius';
import { radiusProfileInputSchema } from '../../../../../shared/ipc/radiusSchemas';
import type { Device } from '../../../../../shared/domain/device';
import { DEVICE_ROLE_LABELS } from '../../../../../shared/domain/device';
import { ApiError, errorMessage } from '../../../lib/api';
import { useDeviceSearch } from '../../../lib/useDeviceSearch';
import { Dialog } from '../../../ui/Dialog';
import { ErrorSink, fieldOfPath, intField } from '../formModel';
import { useRadius } from '../store';
import type { RadiusProfile, RadiusProfileInput } from '../types';
import { Field, invalidProps } from './Field';
import { FormFooter, TextFormRow } from '../../../ui/FormRow';
import { useDialogForm } from '../../../ui/useDialogForm';

interface ProfileValues {
  name: string;
  host: string;
  authPort: string;
  acctPort: string;
  coaPort: string;
  secret: string;
  deviceId: string | null;
  deviceName: string | null;
  nasIdentifier: string;
  strict: boolean;
  timeoutMs: string;
  retries: string;
}

/** An existing profile to edit, or the starting values of a new one. */
export type ProfileDraft = { profile: RadiusProfile } | ProfileValues;

function valuesOf(draft: ProfileDraft): ProfileValues {
  if (!('profile' in draft)) return draft;
  const p = draft.profile;
  return {
    name: p.name,
    host: p.host,
    authPort: String(p.authPort),
    acctPort: String(p.acctPort),
    coaPort: String(p.coaPort),
    secret: '',
    deviceId: p.deviceId,
    deviceName: p.deviceName,
    nasIdentifier: p.nasIdentifier,
    strict: p.strict,
    timeoutMs: String(p.timeoutMs),
    retries: String(p.retries),
  };
}

interface ProfileDialogProps {
  draft: ProfileDraft;
  onClose: () => void;
  onSaved: (p: RadiusProfile) => void;
}

export function ProfileDialog({ draft, onClose, onSaved }: ProfileDialogProps) {
  const existing = 'profile' in draft ? draft.profile : null;
  const saveProfile = useRadius((s) => s.saveProfile);
  const { values, change: set, errors, setErrors, formError, setFormError, busy, setBusy } = useDialogForm<ProfileValues>(() => valuesOf(draft));

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setFormError(null);
    const sink = new ErrorSink();
    const input: RadiusProfileInput = {
      name: values.name,
      host: values.host.trim(),
      deviceId: values.deviceId,
      nasIdentifier: values.nasIdentifier,
      strict: values.strict,
    };
    if (existing) input.id = existing.id;
    const ports = [
      ['authPort', 'auth port'],
      ['acctPort', 'acct port'],
      ['coaPort', 'CoA port'],
    ] as const;
    for (const [key, label] of ports) {
      const n = intField(values[key], key, label, 1, 65535, sink);
      if (n !== undefined) input[key] = n;
    }
    const timeoutMs = intField(values.timeoutMs, 'timeoutMs', 'timeout', 100, 60_000, sink);
    if (timeoutMs !== undefined) input.timeoutMs = timeoutMs;
    const retries = intField(values.retries, 'retries', 'retries', 0, 10, sink);
    if (retries !== undefined) input.retries = retries;
    // empty keeps the stored secret of an existing profile; a new one may start without (set it later)
    if (values.secret !== '') input.secret = values.secret;
    const parsed = radiusProfileInputSchema.safeParse(input);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        const key = fieldOfPath(issue.path.map(String).join('.'), null);
        if (key) sink.add(key, issue.message);
      }
    }
    if (!sink.empty) {
      setErrors(sink.fields);
      focusFirst(sink.fields);
      return;
    }
    setErrors({});
    setBusy(true);
    try {
      const saved = await saveProfile(input);
      onSaved(saved);
    } catch (err) {
      const fields: Record<string, string> = {};
      if (err instanceof ApiError && Array.isArray(err.details)) {
        for (const item of err.details as unknown[]) {
          const { path, message } = (item ?? {}) as { path?: unknown; message?: unknown };
          const key = typeof path === 'string' ? fieldOfPath(path, null) : null;
          if (key && typeof message === 'string' && !fields[key]) fields[key] = message;
        }
      }
      setErrors(fields);
      setFormError(errorMessage(err));
      focusFirst(fields);
      setBusy(false);
    }
  };

  const text = (key: 'name' | 'host' | 'nasIdentifier' | 'authPort' | 'acctPort' | 'coaPort' | 'timeoutMs' | 'retries', label: string, opts: { mono?: boolean; hint?: string; wide?: boolean; autofocus?: boolean } = {}) => (
    <TextFormRow
      id={`radius-profile-${key}`}
      label={label}
      value={values[key]}
      onChange={(v) => set(key, v)}
      error={errors[key]}
      errorTestId={`radius-error-profile-${key}`}
      testId={`radius-profile-field-${key}`}
      hint={opts.hint}
      className={opts.wide ? 'span-2' : undefined}
      mono={opts.mono}
      autofocus={opts.autofocus}
    />
  );

  return (
    <Dialog title={existing ? `Edit ${existing.name}` : 'New RADIUS test profile'} onClose={onClose} testId="radius-profile-dialog">
      <form className="device-form" onSubmit={(e) => void submit(e)} noValidate data-testid="radius-profile-form">
        <div className="form-grid">
          {text('name', 'Name', { autofocus: true, hint: 'e.g. the NAS or the RADIUS server it stands for' })}
          {text('host', 'Server', { mono: true, hint: 'IPv4, IPv6 or host name' })}
          {text('authPort', 'Auth port', { mono: true, hint: `default ${RADIUS_DEFAULT_PORTS.auth}` })}
          {text('acctPort', 'Acct port', { mono: true, hint: `default ${RADIUS_DEFAULT_PORTS.acct}` })}
          {text('coaPort', 'CoA port', { mono: true, hint: `${RADIUS_DEFAULT_PORTS.coa}; MikroTik ${RADIUS_DEFAULT_PORTS.coaMikrotik}` })}
          <Field
            id="radius-profile-secret"
            label="Shared secret"
            errorKey="profile-secret"
            error={errors.secret}
            hint={existing?.hasSecret ? 'A secret is stored in the vault. Leave empty to keep it.' : existing ? 'No secret stored yet.' : 'Sealed in the vault; never shown again.'}
          >
            <input
              {...invalidProps('radius-profile-secret', errors.secret)}
              type="password"
              value={values.secret}
              onChange={(e) => set('secret', e.target.value)}
              placeholder={existing?.hasSecret ? '•••••• stored — leave empty to keep' : ''}
              autoComplete="new-password"
              data-testid="radius-profile-field-secret"
            />
          </Field>
          <DevicePicker
            deviceId={values.deviceId}
            deviceName={values.deviceName}
            error={errors.deviceId}
            onPick={(d) => {
              set('deviceId', d?.id ?? null);
              set('deviceName', d?.name ?? null);
              if (d && values.host.trim() === '') set('host', d.mgmtAddress);
              if (d && values.name.trim() === '') set('name', d.name);
            }}
          />
          {text('nasIdentifier', 'NAS-Identifier', { hint: 'Sent in every request of this profile (optional)' })}
          {text('timeoutMs', 'Timeout (ms)', { mono: true })}
          {text('retries', 'Retries', { mono: true })}
          <label className="checkbox span-2">
            <input type="checkbox" checked={values.strict} onChange={(e) => set('strict', e.target.checked)} data-testid="radius-profile-field-strict" />
            Strict: refuse replies without a valid Message-Authenticator (BlastRADIUS)
          </label>
        </div>
        <FormFooter
          formError={formError}
          formErrorTestId="radius-profile-form-error"
          busy={busy}
          onCancel={onClose}
          submitLabel={existing ? 'Save profile' : 'Create profile'}
          submitTestId="radius-profile-submit"
        />
      </form>
    </Dialog>
  );
}

/** The NAS device a profile belongs to: shown by name, found by a small search of the inventory. */
function DevicePicker({ deviceId, deviceName, error, onPick }: { deviceId: string | null; deviceName: string | null; error?: string | undefined; onPick: (d: Device | null) => void }) {
  const [search, setSearch] = useState('');
  const results = useDeviceSearch(search, 8);

  return (
    <Field id="radius-profile-device" label="NAS device (optional)" errorKey="profile-deviceId" error={error}>
      {deviceId ? (
        <span className="filter-chip radius-device-chip" data-testid="radius-profile-device">
          <span className="filter-chip-value">{deviceName ?? `${deviceId.slice(0, 8)}…`}</span>
          <button type="button" className="icon-button" aria-label="Unlink the device" onClick={() => onPick(null)}>
            ×
          </button>
        </span>
      ) : (
        <div className="radius-device-search">
          <input
            {...invalidProps('radius-profile-device', error)}
            type="search"
            value={search}
            onChange={(e) => setSearch(e.target.value)}
            placeholder="Search devices by name or address"
            autoComplete="off"
            data-testid="radius-profile-device-search"
          />
          {results && (
            <ul className="radius-device-results" role="listbox" aria-label="Devices">
              {results.error && <li className="field-error">{results.error}</li>}
              {!results.error && results.items.length === 0 && <li className="muted">No device matches.</li>}
              {results.items.map((d) => (
                <li key={d.id} role="option" aria-selected={false}>
                  <button
                    type="button"
                    className="ghost"
                    onClick={() => {
                      onPick(d);
                      setSearch('');
                    }}
                    data-testid="radius-profile-device-option"
                  >
                    {d.name} <span className="muted mono">{d.mgmtAddress}</span> <span className="muted">{DEVICE_ROLE_LABELS[d.role]}</span>
                  </button>
                </li>
              ))}
            </ul>
          )}
        </div>
      )}
    </Field>
  );
}

function focusFirst(fields: Record<string, string>): void {
  const first = Object.keys(fields)[0];
  if (first) requestAnimationFrame(() => document.getElementById(`radius-profile-${first === 'deviceId' ? 'device' : first}`)?.focus());
}
