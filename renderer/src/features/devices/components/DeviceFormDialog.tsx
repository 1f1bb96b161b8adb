// Add or edit a device. Validates with the shared zod schema as the user goes (after the first
// submit or leaving a field) and shows the host's VALIDATION details beside the same fields.
import { useEffect, useState, type FormEvent, type ReactNode } from 'react';
import type { Device } from '../../../../../shared/domain/device';
import type { ResponseOf } from '../../../../../shared/ipc/channels';
import { errorMessage, invoke } from '../../../lib/api';
import { DEVICE_ROLE_LABELS, DEVICE_ROLES, DEVICE_STATUSES } from '../../../../../shared/domain/device';
import { Dialog } from '../../../ui/Dialog';
import {
  EMPTY_FORM,
  errorsFromServer,
  formFromDevice,
  validateCreate,
  validatePatch,
  type DeviceFormValues,
  type FieldErrors,
  type FormField,
} from '../formModel';
import { useDevices } from '../store';
import { ProfileOptions, SiteOptions } from './SelectOptions';
import { STATUS_LABELS } from './StatusBadge';
import { FormFooter, FormRow } from '../../../ui/FormRow';

interface DeviceFormDialogProps {
  /** The device to edit; absent to add one. */
  device?: Device;
  onClose: () => void;
  onSaved: (d: Device) => void;
}

interface FieldRowProps {
  field: FormField;
  label: string;
  error?: string | undefined;
  children: ReactNode;
  hint?: string;
  wide?: boolean;
}

function FieldRow({ field, label, error, children, hint, wide }: FieldRowProps) {
  return (
    <FormRow id={`device-${field}`} label={label} error={error} errorTestId={`error-${field}`} hint={hint} className={wide ? 'span-2' : undefined}>
      {children}
    </FormRow>
  );
}

type SshCredential = ResponseOf<'ssh.credentials.list'>[number];

/** The SSH credentials to pick from (names and options only: secrets never leave main). */
function useSshCredentials(): { list: SshCredential[]; error: string | null } {
  const [state, setState] = useState<{ list: SshCredential[]; error: string | null }>({ list: [], error: null });
  useEffect(() => {
    let current = true;
    invoke('ssh.credentials.list', {}).then(
      (list) => current && setState({ list: [...list].sort((a, b) => a.name.localeCompare(b.name)), error: null }),
      (err: unknown) => current && setState({ list: [], error: `Could not load SSH credentials: ${errorMessage(err)}` }),
    );
    return () => {
      current = false;
    };
  }, []);
  return state;
}

function SshCredentialOptions({ list, selected }: { list: readonly SshCredential[]; selected: string }) {
  return (
    <>
      {list.map((c) => (
        <option key={c.id} value={c.id}>
          {`${c.name} — ${c.username}, port ${c.port}${c.kind === 'ssh_key' ? ', key' : ''}${c.algorithms === 'legacy' ? ', legacy' : ''}${c.jump.length > 0 ? `, via ${c.jump.map((j) => j.host).join(' → ')}` : ''}`}
        </option>
      ))}
      {selected !== '' && !list.some((c) => c.id === selected) && <option value={selected}>(a credential not in the list)</option>}
    </>
  );
}

export function DeviceFormDialog({ device, onClose, onSaved }: DeviceFormDialogProps) {
  const sites = useDevices((s) => s.sites);
  const profiles = useDevices((s) => s.profiles);
  const sshCredentials = useSshCredentials();
  const create = useDevices((s) => s.create);
  const update = useDevices((s) => s.update);

  const [values, setValues] = useState<DeviceFormValues>(() => (device ? formFromDevice(device) : EMPTY_FORM));
  const [errors, setErrors] = useState<FieldErrors>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [live, setLive] = useState(false);
  const [touched, setTouched] = useState<Partial<Record<FormField, boolean>>>({});
  const [busy, setBusy] = useState(false);

  const validate = (v: DeviceFormValues): FieldErrors => {
    const r = device ? validatePatch(device, v) : validateCreate(v);
    return r.ok ? {} : r.errors;
  };

  const change = <K extends keyof DeviceFormValues>(key: K, value: DeviceFormValues[K], field: FormField) => {
    const next = { ...values, [key]: value };
    setValues(next);
    if (live || touched[field]) {
      const fresh = validate(next);
      // revalidate as the user types, but keep server-only errors of other fields until resubmit
      setErrors((cur) => ({ ...cur, [field]: fresh[field] }));
    }
  };

  const blur = (field: FormField) => {
    setTouched((t) => ({ ...t, [field]: true }));
    const fresh = validate(values);
    setErrors((cur) => ({ ...cur, [field]: fresh[field] }));
  };

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setLive(true);
    setFormError(null);
    try {
      let saved: Device;
      if (device) {
        const r = validatePatch(device, values);
        if (!r.ok) {
          setErrors(r.errors);
          focusFirstError(r.errors);
          return;
        }
        setErrors({});
        if (Object.keys(r.value).length === 0) {
          onClose();
          return;
        }
        setBusy(true);
        saved = await update({ id: device.id, baseVersion: device.version, patch: r.value });
      } else {
        const r = validateCreate(values);
        if (!r.ok) {
          setErrors(r.errors);
          focusFirstError(r.errors);
          return;
        }
        setErrors({});
        setBusy(true);
        saved = await create(r.value);
      }
      onSaved(saved);
    } catch (err) {
      const { fields, form } = errorsFromServer(err);
      setErrors(fields);
      setFormError(form);
      focusFirstError(fields);
    } finally {
      setBusy(false);
    }
  };

  const aria = (field: FormField) => ({
    id: `device-${field}`,
    'data-testid': `field-${field}`,
    'aria-invalid': errors[field] ? true : undefined,
    'aria-describedby': errors[field] ? `device-${field}-error` : undefined,
    onBlur: () => blur(field),
  });

  return (
    <Dialog title={device ? `Edit ${device.name}` : 'Add device'} onClose={onClose}>
      <form className="device-form" onSubmit={(e) => void submit(e)} noValidate data-testid="device-form">
        <div className="form-grid">
          <FieldRow field="name" label="Name" error={errors.name}>
            <input {...aria('name')} value={values.name} onChange={(e) => change('name', e.target.value, 'name')} autoComplete="off" spellCheck={false} data-autofocus maxLength={200} />
          </FieldRow>
          <FieldRow field="mgmtAddress" label="Management address" error={errors.mgmtAddress} hint="IPv4, IPv6 or host name">
            <input
              {...aria('mgmtAddress')}
              className="mono"
              value={values.mgmtAddress}
              onChange={(e) => change('mgmtAddress', e.target.value, 'mgmtAddress')}
              autoComplete="off"
              spellCheck={false}
              maxLength={300}
            />
          </FieldRow>
          <FieldRow field="role" label="Role" error={errors.role}>
            <select {...aria('role')} value={values.role} onChange={(e) => change('role', e.target.value as DeviceFormValues['role'], 'role')}>
              {DEVICE_ROLES.map((r) => (
                <option key={r} value={r}>
                  {DEVICE_ROLE_LABELS[r]}
                </option>
              ))}
            </select>
          </FieldRow>
          <FieldRow field="status" label="Status" error={errors.status}>
            <select {...aria('status')} value={values.status} onChange={(e) => change('status', e.target.value as DeviceFormValues['status'], 'status')}>
              {DEVICE_STATUSES.map((s) => (
                <option key={s} value={s}>
                  {STATUS_LABELS[s]}
                </option>
              ))}
            </select>
          </FieldRow>
          <FieldRow field="vendor" label="Vendor" error={errors.vendor}>
            <input {...aria('vendor')} value={values.vendor} onChange={(e) => change('vendor', e.target.value, 'vendor')} autoComplete="off" />
          </FieldRow>
          <FieldRow field="model" label="Model" error={errors.model}>
            <input {...aria('model')} value={values.model} onChange={(e) => change('model', e.target.value, 'model')} autoComplete="off" />
          </FieldRow>
          <FieldRow field="site" label="Site" error={errors.site}>
            <select {...aria('site')} value={values.siteId} onChange={(e) => change('siteId', e.target.value, 'site')}>
              <option value="">No site</option>
              <SiteOptions sites={sites} />
            </select>
          </FieldRow>
          <FieldRow field="location" label="Location" error={errors.location} hint="Rack, room, pole…">
            <input {...aria('location')} value={values.location} onChange={(e) => change('location', e.target.value, 'location')} autoComplete="off" />
          </FieldRow>
          <FieldRow field="snmpProfile" label="SNMP profile" error={errors.snmpProfile}>
            <select {...aria('snmpProfile')} value={values.snmpProfileId} onChange={(e) => change('snmpProfileId', e.target.value, 'snmpProfile')}>
              <option value="">None</option>
              <ProfileOptions profiles={profiles} family="snmp" />
            </select>
          </FieldRow>
          <FieldRow
            field="sshProfile"
            label="SSH profile"
            error={errors.sshProfile ?? sshCredentials.error ?? undefined}
            hint={sshCredentials.list.length === 0 && !sshCredentials.error ? 'No SSH credentials yet: add them in Settings → SSH credentials' : undefined}
          >
            <select {...aria('sshProfile')} value={values.sshProfileId} onChange={(e) => change('sshProfileId', e.target.value, 'sshProfile')}>
              <option value="">None</option>
              <SshCredentialOptions list={sshCredentials.list} selected={values.sshProfileId} />
            </select>
          </FieldRow>
          <FieldRow field="notes" label="Notes" error={errors.notes} wide>
            <textarea {...aria('notes')} value={values.notes} onChange={(e) => change('notes', e.target.value, 'notes')} rows={3} />
          </FieldRow>
        </div>
        <FormFooter
          formError={formError}
          formErrorTestId="form-error"
          busy={busy}
          onCancel={onClose}
          submitLabel={device ? 'Save changes' : 'Add device'}
          submitTestId="device-form-submit"
        />
      </form>
    </Dialog>
  );
}

function focusFirstError(errors: FieldErrors): void {
  const first = (Object.keys(errors) as FormField[]).find((f) => errors[f]);
  if (first) requestAnimationFrame(() => document.getElementById(`device-${first}`)?.focus());
}
