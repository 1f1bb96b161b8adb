// Edit a configuration template: name, vendor, description and the body (monospace) with the
// variables it uses ({{device.name}}, {{site.code}}, {{vars.x}}…). Refusals land beside fields.
import type { FormEvent } from 'react';
import { sshChannels } from '../../../../../shared/ipc/sshSchemas';
import type { RequestOf } from '../../../../../shared/ipc/channels';
import { invoke } from '../../../lib/api';
import { FormRow, TextFormRow } from '../../../ui/FormRow';
import { useDialogForm } from '../../../ui/useDialogForm';
import { focusFirstError, hostRefusal, schemaRefusal } from '../../sshCredentials/hostErrors';
import { variablesIn } from '../format';
import type { ConfigTemplate } from '../types';

interface TemplateValues {
  name: string;
  vendor: string;
  description: string;
  body: string;
}

const PREFIX = 'template-';
const fieldOf = (path: string) => path.split('.')[0] || null;

interface TemplateEditorProps {
  template: ConfigTemplate | null;
  canEdit: boolean;
  onSaved: (t: ConfigTemplate) => void;
  onDelete: (() => void) | null;
}

export function TemplateEditor({ template, canEdit, onSaved, onDelete }: TemplateEditorProps) {
  const { values, change: set, errors, setErrors, formError, setFormError, busy, setBusy } = useDialogForm<TemplateValues>(() => ({
    name: template?.name ?? '',
    vendor: template?.vendor ?? '',
    description: template?.description ?? '',
    body: template?.body ?? '',
  }));
  const used = variablesIn(values.body);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setFormError(null);
    const input: RequestOf<'ssh.templates.save'> = { ...values };
    if (template) input.id = template.id;
    const local = schemaRefusal(sshChannels['ssh.templates.save'].request, input, fieldOf);
    if (local) {
      setErrors(local.fields);
      setFormError(local.form);
      focusFirstError(local.fields, PREFIX);
      return;
    }
    setErrors({});
    setBusy(true);
    try {
      onSaved(await invoke('ssh.templates.save', input));
    } catch (err) {
      const refusal = hostRefusal(err, fieldOf);
      setErrors(refusal.fields);
      setFormError(refusal.form);
      focusFirstError(refusal.fields, PREFIX);
    } finally {
      setBusy(false);
    }
  };

  const text = (key: 'name' | 'vendor' | 'description', label: string, hint?: string) => (
    <TextFormRow
      id={`${PREFIX}${key}`}
      label={label}
      value={values[key]}
      onChange={(v) => set(key, v)}
      error={errors[key]}
      errorTestId={`template-${key}-error`}
      testId={`template-${key}`}
      hint={hint}
      className={key === 'description' ? 'span-2' : undefined}
    />
  );

  return (
    <form className="card auto-template-form" onSubmit={(e) => void submit(e)} noValidate data-testid="template-form">
      <h2>{template ? `Template ${template.name}` : 'New template'}</h2>
      <fieldset disabled={!canEdit || busy} className="auto-fieldset">
        <div className="form-grid">
          {text('name', 'Name')}
          {text('vendor', 'Vendor', 'e.g. cisco, mikrotik (optional)')}
          {text('description', 'Description')}
          <FormRow id={`${PREFIX}body`} label="Body" error={errors.body} errorTestId="template-body-error" className="span-2" hint="{{device.name}}, {{device.mgmtAddress}}, {{site.code}}, {{vars.anything}}…">
            <textarea
              id={`${PREFIX}body`}
              className="mono auto-template-body"
              rows={10}
              value={values.body}
              onChange={(e) => set('body', e.target.value)}
              spellCheck={false}
              aria-invalid={errors.body ? true : undefined}
              data-testid="template-body"
            />
          </FormRow>
        </div>
      </fieldset>
      <div className="auto-vars-used" data-testid="template-variables">
        <span className="muted">Variables used:</span>
        {used.length === 0 ? (
          <span className="muted">none</span>
        ) : (
          used.map((v) => (
            <span key={v} className="chip mono" data-testid="template-variable">
              {v}
            </span>
          ))
        )}
      </div>
      {formError && (
        <p className="form-error" role="alert" data-testid="template-form-error">
          {formError}
        </p>
      )}
      <div className="auto-actions">
        {onDelete && (
          <button type="button" className="danger" onClick={onDelete} disabled={!canEdit || busy} data-testid="template-delete">
            Delete
          </button>
        )}
        <span className="toolbar-spacer" />
        <button type="submit" className="primary" disabled={!canEdit || busy} title={canEdit ? undefined : 'Needs ssh:automation'} data-testid="template-save">
          {busy ? 'Saving…' : template ? 'Save template' : 'Create template'}
        </button>
      </div>
    </form>
  );
}
