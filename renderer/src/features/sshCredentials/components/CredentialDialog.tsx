// Create or edit an SSH credential profile. Secrets go to the host once, to be sealed in the vault;
// the host never returns them, so an existing profile shows "stored" badges and an empty field
// keeps what is stored. Checked with the contract's own schema before sending; the host's
// VALIDATION details land beside the same fields and everything typed stays.
import type { FormEvent } from 'react';
import { VENDOR_BACKUP_COMMANDS } from '../../../../../shared/domain/ssh';
import { sshCredentialInputSchema } from '../../../../../shared/ipc/sshSchemas';
import { Dialog } from '../../../ui/Dialog';
import { FormFooter, FormRow, TextFormRow } from '../../../ui/FormRow';
import { useDialogForm } from '../../../ui/useDialogForm';
import { focusFirstError, hostRefusal, schemaRefusal } from '../hostErrors';
import { buildInput, credentialFieldOf, MAX_KBD_ANSWERS, valuesOf, type CredentialValues } from '../formModel';
import { useSshCredentials, type SshCredential } from '../store';
import { JumpHostsEditor } from './JumpHostsEditor';
import { KbdAnswersInput, PrivateKeyInput, SecretInput } from './SecretFields';
import { Segmented } from './Segmented';

const FIELD_PREFIX = 'ssh-cred-';
const BACKUP_EXAMPLES = `vendor default, e.g. ${VENDOR_BACKUP_COMMANDS.cisco} (Cisco), ${VENDOR_BACKUP_COMMANDS.mikrotik} (MikroTik), ${VENDOR_BACKUP_COMMANDS.huawei} (Huawei)`;

/** Each secret field, its "remove" flag in the form and its "stored" flag from the host. */
const SECRET_FIELDS = {
  password: { remove: 'removePassword', stored: 'hasPassword' },
  privateKey: { remove: 'removePrivateKey', stored: 'hasPrivateKey' },
  passphrase: { remove: 'removePassphrase', stored: 'hasPassphrase' },
} as const;
type SecretField = keyof typeof SECRET_FIELDS;

interface CredentialDialogProps {
  existing: SshCredential | null;
  onClose: () => void;
}

export function CredentialDialog({ existing, onClose }: CredentialDialogProps) {
  const save = useSshCredentials((s) => s.save);
  const others = useSshCredentials((s) => s.credentials).filter((c) => c.id !== existing?.id);
  const { values, change: set, errors, setErrors, formError, setFormError, busy, setBusy } = useDialogForm<CredentialValues>(() => valuesOf(existing));

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setFormError(null);
    const input = buildInput(values, existing);
    const local = schemaRefusal(sshCredentialInputSchema, input, credentialFieldOf);
    if (local) {
      setErrors(local.fields);
      setFormError(local.form);
      focusFirstError(local.fields, FIELD_PREFIX);
      return;
    }
    setErrors({});
    setBusy(true);
    try {
      await save(input);
      onClose();
    } catch (err) {
      const refusal = hostRefusal(err, credentialFieldOf);
      setErrors(refusal.fields);
      setFormError(refusal.form);
      focusFirstError(refusal.fields, FIELD_PREFIX);
      setBusy(false);
    }
  };

  const text = (key: 'name' | 'username' | 'port' | 'backupCommand', label: string, opts: { mono?: boolean; hint?: string; placeholder?: string; wide?: boolean; autofocus?: boolean } = {}) => (
    <TextFormRow
      id={`${FIELD_PREFIX}${key}`}
      label={label}
      value={values[key]}
      onChange={(v) => set(key, v)}
      error={errors[key]}
      errorTestId={`ssh-cred-${key}-error`}
      testId={`ssh-cred-${key}`}
      hint={opts.hint}
      placeholder={opts.placeholder}
      className={opts.wide ? 'span-2' : undefined}
      mono={opts.mono}
      autofocus={opts.autofocus}
    />
  );

  /** The props every write-only secret control shares: its value, error, "stored" state and removal. */
  const secret = (key: SecretField) => {
    const { remove, stored } = SECRET_FIELDS[key];
    return {
      id: `${FIELD_PREFIX}${key}`,
      testId: `ssh-cred-${key}`,
      value: values[key],
      onChange: (v: string) => set(key, v),
      error: errors[key],
      stored: existing?.[stored] ?? false,
      removing: values[remove],
      onRemove: (r: boolean) => set(remove, r),
    };
  };

  return (
    <Dialog title={existing ? `Edit ${existing.name}` : 'New SSH credential'} onClose={onClose} testId="ssh-cred-dialog">
      <form className="device-form" onSubmit={(e) => void submit(e)} noValidate data-testid="ssh-cred-form">
        <div className="form-grid">
          {text('name', 'Name', { autofocus: true, hint: 'e.g. "core routers" or "noc-automation key"' })}
          <FormRow id="ssh-cred-kind" label="Authentication" errorTestId="ssh-cred-kind-error" error={errors.kind}>
            <Segmented
              id="ssh-cred-kind"
              label="Authentication"
              value={values.kind}
              options={[
                ['ssh_key', 'Private key', 'key'],
                ['ssh_password', 'Password', 'password'],
              ]}
              onChange={(kind) => set('kind', kind)}
              testIdPrefix="ssh-cred-kind"
            />
          </FormRow>
          {text('username', 'User', { hint: 'The login on the devices using this profile' })}
          {text('port', 'Port', { mono: true, hint: 'default 22' })}
          {values.kind === 'ssh_password' ? (
            <SecretInput {...secret('password')} label="Password" freshHint="Sealed in the vault; never shown again." />
          ) : (
            <>
              <PrivateKeyInput {...secret('privateKey')} />
              <SecretInput {...secret('passphrase')} label="Key passphrase" freshHint="Only for an encrypted key." />
            </>
          )}
          <KbdAnswersInput
            answers={values.kbdAnswers}
            storedCount={existing?.kbdAnswerCount ?? 0}
            max={MAX_KBD_ANSWERS}
            error={errors.kbdAnswers}
            onChange={(a) => set('kbdAnswers', a)}
          />
          <FormRow id="ssh-cred-algorithms" label="Algorithms" errorTestId="ssh-cred-algorithms-error" error={errors.algorithms} className="span-2">
            <Segmented
              id="ssh-cred-algorithms"
              label="Algorithms"
              value={values.algorithms}
              options={[
                ['modern', 'Modern', 'modern'],
                ['legacy', 'Legacy', 'legacy'],
              ]}
              onChange={(a) => set('algorithms', a)}
              testIdPrefix="ssh-cred-algorithms"
            />
            {values.algorithms === 'legacy' && (
              <p className="sshc-legacy-warning" role="note" data-testid="ssh-cred-legacy-warning">
                Legacy also offers diffie-hellman-group1/14-sha1, ssh-rsa and CBC ciphers — weak algorithms old gear still needs. Use it only for
                devices that cannot do better; sessions that end up on a legacy algorithm are flagged.
              </p>
            )}
          </FormRow>
          <JumpHostsEditor rows={values.jump} credentials={others} errors={errors} onChange={(rows) => set('jump', rows)} />
          {text('backupCommand', 'Config backup command', { mono: true, wide: true, placeholder: BACKUP_EXAMPLES, hint: 'Leave empty for the vendor default of each device.' })}
          <label className="checkbox">
            <input type="checkbox" checked={values.sessionLog} onChange={(e) => set('sessionLog', e.target.checked)} data-testid="ssh-cred-sessionLog" />
            Log terminal sessions to a file
          </label>
          <label className="checkbox">
            <input type="checkbox" checked={values.autoReconnect} onChange={(e) => set('autoReconnect', e.target.checked)} data-testid="ssh-cred-autoReconnect" />
            Reconnect terminals automatically
          </label>
        </div>
        <FormFooter
          formError={formError}
          formErrorTestId="ssh-cred-form-error"
          busy={busy}
          onCancel={onClose}
          submitLabel={existing ? 'Save credential' : 'Create credential'}
          submitTestId="ssh-cred-submit"
        />
      </form>
    </Dialog>
  );
}
