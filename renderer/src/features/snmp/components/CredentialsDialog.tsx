// Saved SNMP credentials: the list (names, versions, which secrets are stored, how many devices
// use each), a form to add or edit one — communities and v3 passwords are write-only, shown as
// "stored" and kept when left empty — and delete after a confirmation.
import { useState, type FormEvent } from 'react';
import { ApiError, errorMessage } from '../../../lib/api';
import { ConfirmDialog } from '../../../ui/ConfirmDialog';
import { Dialog } from '../../../ui/Dialog';
import { FormFooter, TextFormRow } from '../../../ui/FormRow';
import { useDialogForm } from '../../../ui/useDialogForm';
import { buildCredentialInput, credentialValuesOf, errorsFromDetails, storedOf, type CredentialValues, type SecurityValues } from '../formModel';
import { useSnmp } from '../store';
import type { SnmpCredential } from '../types';
import { SecurityFields } from './SecurityFields';

interface Props {
  onClose: () => void;
  /** A credential was created: the page may select it for the target. */
  onCreated: (c: SnmpCredential) => void;
}

export function CredentialsDialog({ onClose, onCreated }: Props) {
  const credentials = useSnmp((s) => s.credentials);
  const credentialsError = useSnmp((s) => s.credentialsError);
  const deleteCredential = useSnmp((s) => s.deleteCredential);
  const [editing, setEditing] = useState<{ existing: SnmpCredential | null } | null>(null);
  const [deleting, setDeleting] = useState<SnmpCredential | null>(null);

  if (editing) {
    return (
      <CredentialForm
        existing={editing.existing}
        onCancel={() => setEditing(null)}
        onSaved={(c) => {
          setEditing(null);
          if (!editing.existing) onCreated(c);
        }}
      />
    );
  }

  return (
    <Dialog title="SNMP credentials" onClose={onClose} testId="snmp-credentials-dialog">
      {credentialsError && (
        <p className="form-error" role="alert">
          {credentialsError}
        </p>
      )}
      {credentials.length === 0 ? (
        <p className="muted" data-testid="snmp-credentials-empty">
          No saved SNMP credentials yet. Communities and v3 passwords you save are sealed in the vault and never shown again.
        </p>
      ) : (
        <table className="snmp-cred-table" data-testid="snmp-credentials-list">
          <thead>
            <tr>
              <th>Name</th>
              <th>Version</th>
              <th>Security</th>
              <th>Port</th>
              <th>Secrets</th>
              <th>Devices</th>
              <th aria-label="Actions" />
            </tr>
          </thead>
          <tbody>
            {credentials.map((c) => (
              <tr key={c.id} data-testid="snmp-credential-row" data-name={c.name} data-id={c.id}>
                <td>{c.name}</td>
                <td>v{c.version}</td>
                <td className="mono">{c.version === '3' ? `${c.user ?? '?'} · ${c.securityLevel ?? ''}${c.authProtocol ? ` · ${c.authProtocol}` : ''}${c.privProtocol ? `/${c.privProtocol}` : ''}` : 'community'}</td>
                <td className="mono">{c.port}</td>
                <td>
                  <SecretBadges c={c} />
                </td>
                <td>{c.deviceCount}</td>
                <td className="snmp-cred-actions">
                  <button type="button" className="ghost" onClick={() => setEditing({ existing: c })} data-testid="snmp-credential-edit">
                    Edit
                  </button>
                  <button type="button" className="ghost danger-text" onClick={() => setDeleting(c)} data-testid="snmp-credential-delete">
                    Delete
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <div className="dialog-actions">
        <button type="button" onClick={onClose}>
          Close
        </button>
        <button type="button" className="primary" onClick={() => setEditing({ existing: null })} data-testid="snmp-credential-new">
          New credential
        </button>
      </div>
      {deleting && (
        <ConfirmDialog title={`Delete ${deleting.name}?`} confirmLabel="Delete credential" danger onClose={() => setDeleting(null)} onConfirm={() => deleteCredential(deleting.id)}>
          <p>
            The credential and its stored secrets are removed from the vault.
            {deleting.deviceCount > 0 && ` ${deleting.deviceCount === 1 ? 'One device uses it and loses' : `${deleting.deviceCount} devices use it and lose`} its SNMP profile.`}
          </p>
        </ConfirmDialog>
      )}
    </Dialog>
  );
}

function SecretBadges({ c }: { c: SnmpCredential }) {
  const held = c.version === '3' ? [c.hasAuthKey && 'auth', c.hasPrivKey && 'priv'].filter(Boolean) : [c.hasCommunity && 'community'].filter(Boolean);
  if (held.length === 0) return <span className="badge status-degraded">none stored</span>;
  return (
    <span className="badge status-up" data-testid="snmp-credential-stored">
      {held.join(' + ')} stored
    </span>
  );
}

function CredentialForm({ existing, onCancel, onSaved }: { existing: SnmpCredential | null; onCancel: () => void; onSaved: (c: SnmpCredential) => void }) {
  const saveCredential = useSnmp((s) => s.saveCredential);
  const { values, change, errors, setErrors, formError, setFormError, busy, setBusy } = useDialogForm<CredentialValues>(() => credentialValuesOf(existing));
  // secrets a version change leaves behind are not "stored" for the new version
  const stored = existing && existing.version === values.security.version ? storedOf(existing) : storedOf(null);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setFormError(null);
    const built = buildCredentialInput(values, existing);
    if ('errors' in built) {
      setErrors(built.errors.fields);
      setFormError(built.errors.form);
      return;
    }
    setErrors({});
    setBusy(true);
    try {
      onSaved(await saveCredential(built.input));
    } catch (err) {
      const mapped = err instanceof ApiError && err.code === 'VALIDATION' ? errorsFromDetails(err.message, err.details) : { fields: {}, form: errorMessage(err) };
      setErrors(mapped.fields);
      setFormError(mapped.form);
      setBusy(false);
    }
  };

  const text = (key: 'name' | 'port' | 'timeoutMs' | 'retries' | 'maxRepetitions', label: string, opts: { autofocus?: boolean; hint?: string } = {}) => (
    <TextFormRow
      id={`snmp-cred-${key}`}
      label={label}
      value={values[key]}
      onChange={(v) => change(key, v)}
      error={errors[key]}
      errorTestId={`snmp-cred-${key}-error`}
      testId={`snmp-cred-${key}`}
      mono={key !== 'name'}
      autofocus={opts.autofocus}
      hint={opts.hint}
    />
  );

  const changeSecurity = (patch: Partial<SecurityValues>) => {
    change('security', { ...values.security, ...patch });
    setErrors((errs) => {
      const next = { ...errs };
      for (const k of Object.keys(patch)) delete next[k];
      return next;
    });
  };

  return (
    <Dialog title={existing ? `Edit ${existing.name}` : 'New SNMP credential'} onClose={onCancel} testId="snmp-credential-dialog">
      <form className="device-form snmp-credential-form" onSubmit={(e) => void submit(e)} noValidate data-testid="snmp-credential-form">
        <div className="form-grid">
          {text('name', 'Name', { autofocus: true, hint: 'e.g. core v3, access ro' })}
          {text('port', 'Port')}
          <SecurityFields prefix="snmp-cred" values={values.security} onChange={changeSecurity} errors={errors} stored={stored} oneOff={false} />
          {text('timeoutMs', 'Timeout (ms)')}
          {text('retries', 'Retries')}
          {text('maxRepetitions', 'Max-repetitions', { hint: 'GETBULK rows per request in walks' })}
        </div>
        <FormFooter formError={formError} formErrorTestId="snmp-cred-form-error" busy={busy} onCancel={onCancel} submitLabel={existing ? 'Save credential' : 'Create credential'} submitTestId="snmp-cred-submit" />
      </form>
    </Dialog>
  );
}
