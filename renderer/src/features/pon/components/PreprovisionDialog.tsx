// Pre-provision an OLT (voltctl device create -t openolt -H host:port), optionally enabling it at
// once. The new OLT is selected in the tree; its ONUs show up as the core discovers them.
import type { FormEvent } from 'react';
import { errorMessage } from '../../../lib/api';
import { Dialog } from '../../../ui/Dialog';
import { FormFooter, FormRow } from '../../../ui/FormRow';
import { buildPreprovisionInput, errorsFromHost, NEW_PREPROVISION, preprovisionFieldOf, type FieldErrors, type PreprovisionForm } from '../formModel';
import { usePon } from '../store';
import type { PonDevice, VolthaEndpoint } from '../types';
import { useDialogForm } from '../../../ui/useDialogForm';

interface PreprovisionDialogProps {
  endpoint: VolthaEndpoint;
  onClose: () => void;
  onCreated: (olt: PonDevice) => void;
}

export function PreprovisionDialog({ endpoint, onClose, onCreated }: PreprovisionDialogProps) {
  const preprovision = usePon((s) => s.preprovision);
  const { values: form, change: change, errors, setErrors, formError, setFormError, busy, setBusy } = useDialogForm<PreprovisionForm>(NEW_PREPROVISION);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setFormError(null);
    const built = buildPreprovisionInput(form, endpoint.id);
    if ('errors' in built) {
      setErrors(built.errors);
      focusFirst(built.errors);
      return;
    }
    setErrors({});
    setBusy(true);
    try {
      const olt = await preprovision(built.input);
      onCreated(olt);
    } catch (err) {
      const fields = errorsFromHost(err, preprovisionFieldOf);
      setErrors(fields);
      setFormError(errorMessage(err));
      focusFirst(fields);
      setBusy(false);
    }
  };

  return (
    <Dialog title={`Pre-provision an OLT on ${endpoint.name}`} onClose={onClose} testId="pon-preprovision-dialog">
      <form className="device-form pon-form" onSubmit={(e) => void submit(e)} noValidate data-testid="pon-preprovision-form">
        <div className="form-grid">
          <FormRow id="pon-preprovision-hostAndPort" label="OLT host_and_port" error={errors.hostAndPort} errorTestId="pon-preprovision-error-hostAndPort" hint="The OLT's agent, e.g. 10.0.0.5:9191">
            <input
              id="pon-preprovision-hostAndPort"
              className="mono"
              value={form.hostAndPort}
              onChange={(e) => change('hostAndPort', e.target.value)}
              aria-invalid={errors.hostAndPort ? true : undefined}
              aria-describedby={errors.hostAndPort ? 'pon-preprovision-hostAndPort-error' : undefined}
              autoComplete="off"
              spellCheck={false}
              data-autofocus
              data-testid="pon-preprovision-field-hostAndPort"
            />
          </FormRow>
          <FormRow id="pon-preprovision-type" label="Device type" error={errors.type} errorTestId="pon-preprovision-error-type" hint="The adapter: openolt for most OLTs">
            <input
              id="pon-preprovision-type"
              className="mono"
              value={form.type}
              onChange={(e) => change('type', e.target.value)}
              aria-invalid={errors.type ? true : undefined}
              aria-describedby={errors.type ? 'pon-preprovision-type-error' : undefined}
              autoComplete="off"
              spellCheck={false}
              data-testid="pon-preprovision-field-type"
            />
          </FormRow>
          <label className="checkbox span-2">
            <input type="checkbox" checked={form.enable} onChange={(e) => change('enable', e.target.checked)} data-testid="pon-preprovision-field-enable" />
            Enable now (the core connects to the OLT and discovers its ONUs)
          </label>
        </div>
        <FormFooter
          formError={formError}
          formErrorTestId="pon-preprovision-form-error"
          busy={busy}
          onCancel={onClose}
          submitLabel={form.enable ? 'Pre-provision and enable' : 'Pre-provision'}
          submitTestId="pon-preprovision-submit"
        />
      </form>
    </Dialog>
  );
}

function focusFirst(fields: FieldErrors): void {
  const first = Object.keys(fields)[0];
  if (first) requestAnimationFrame(() => document.getElementById(`pon-preprovision-${first}`)?.focus());
}
