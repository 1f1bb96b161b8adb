// Add or change a VOLTHA endpoint: name, the core's host:port, TLS, per-call deadline and how often
// the background poller asks it. Checked with the contract's schema before sending; the host's
// VALIDATION details land beside the same fields.
import type { FormEvent } from 'react';
import { VOLTHA_DEFAULT_PORT } from '../../../../../shared/domain/voltha';
import { errorMessage } from '../../../lib/api';
import { Dialog } from '../../../ui/Dialog';
import { FormFooter, TextFormRow } from '../../../ui/FormRow';
import { buildEndpointInput, endpointFieldOf, endpointFormOf, errorsFromHost, NEW_ENDPOINT, type EndpointForm, type FieldErrors } from '../formModel';
import { usePon } from '../store';
import type { VolthaEndpoint } from '../types';
import { useDialogForm } from '../../../ui/useDialogForm';

interface EndpointDialogProps {
  endpoint: VolthaEndpoint | null;
  onClose: () => void;
}

export function EndpointDialog({ endpoint, onClose }: EndpointDialogProps) {
  const saveEndpoint = usePon((s) => s.saveEndpoint);
  const { values: form, change: change, errors, setErrors, formError, setFormError, busy, setBusy } = useDialogForm<EndpointForm>(() => (endpoint ? endpointFormOf(endpoint) : NEW_ENDPOINT));

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setFormError(null);
    const built = buildEndpointInput(form, endpoint?.id ?? null);
    if ('errors' in built) {
      setErrors(built.errors);
      focusFirst(built.errors);
      return;
    }
    setErrors({});
    setBusy(true);
    try {
      await saveEndpoint(built.input);
      onClose();
    } catch (err) {
      const fields = errorsFromHost(err, endpointFieldOf);
      setErrors(fields);
      setFormError(errorMessage(err));
      focusFirst(fields);
      setBusy(false);
    }
  };

  const field = (key: 'name' | 'address' | 'deadline' | 'poll', label: string, hint: string, opts: { mono?: boolean; autofocus?: boolean; placeholder?: string } = {}) => (
    <TextFormRow
      id={`pon-endpoint-${key}`}
      label={label}
      value={form[key]}
      onChange={(v) => change(key, v)}
      error={errors[key]}
      errorTestId={`pon-endpoint-error-${key}`}
      testId={`pon-endpoint-field-${key}`}
      hint={hint}
      mono={opts.mono}
      placeholder={opts.placeholder}
      autofocus={opts.autofocus}
    />
  );

  return (
    <Dialog title={endpoint ? `Edit ${endpoint.name}` : 'Add a VOLTHA endpoint'} onClose={onClose} testId="pon-endpoint-dialog">
      <form className="device-form pon-form" onSubmit={(e) => void submit(e)} noValidate data-testid="pon-endpoint-form">
        <div className="form-grid">
          {field('name', 'Name', 'e.g. the site or the cluster', { autofocus: true })}
          {field('address', 'Core address', `HOST:PORT of voltha-api (often ${VOLTHA_DEFAULT_PORT}; rw-core 50057)`, {
            mono: true,
            placeholder: `voltha.example.net:${VOLTHA_DEFAULT_PORT}`,
          })}
          {field('deadline', 'Deadline (s)', 'Per call; a large ListDevices needs more', { mono: true })}
          {field('poll', 'Poll every (s)', 'Background refresh of the cache and alarms', { mono: true })}
          <label className="checkbox span-2">
            <input type="checkbox" checked={form.tls} onChange={(e) => change('tls', e.target.checked)} data-testid="pon-endpoint-field-tls" />
            TLS (the core's default is plaintext)
          </label>
        </div>
        <FormFooter
          formError={formError}
          formErrorTestId="pon-endpoint-form-error"
          busy={busy}
          onCancel={onClose}
          submitLabel={endpoint ? 'Save endpoint' : 'Add endpoint'}
          submitTestId="pon-endpoint-submit"
        />
      </form>
    </Dialog>
  );
}

function focusFirst(fields: FieldErrors): void {
  const first = Object.keys(fields)[0];
  if (first) requestAnimationFrame(() => document.getElementById(`pon-endpoint-${first}`)?.focus());
}
