// SNMP SET: writes to a device, so it needs its own permission (snmp:set) and a confirmation that
// shows the target and the exact varbinds before anything is sent. The agent's answer — the
// values written, or its refusal (notWritable, noAccess…) — is shown beside the form.
import { useState } from 'react';
import { SNMP_SET_TYPES } from '../../../../../shared/domain/snmp';
import { ConfirmDialog } from '../../../ui/ConfirmDialog';
import { FormRow, TextFormRow } from '../../../ui/FormRow';
import { useCan } from '../../appInfo/store';
import { invalidProps } from '../../radius/components/Field';
import { buildSetVarbind, buildTarget } from '../formModel';
import { formatMs } from '../format';
import { targetLabelOf, useSnmp } from '../store';
import type { SnmpSetVarbind, SnmpTargetRequest } from '../types';
import { FailureNote } from './OperationPanel';
import { OidInput } from './OidInput';
import { ValueCell } from './VarbindTable';

interface Pending {
  target: SnmpTargetRequest;
  targetLabel: string;
  varbinds: SnmpSetVarbind[];
}

export function SetPanel() {
  const canSet = useCan('snmp:set');
  const form = useSnmp((s) => s.setForm);
  const errors = useSnmp((s) => s.setErrors);
  const failure = useSnmp((s) => s.setFailure);
  const outcome = useSnmp((s) => s.setOutcome);
  const setSetForm = useSnmp((s) => s.setSetForm);
  const clearError = useSnmp((s) => s.clearError);
  const sendSet = useSnmp((s) => s.sendSet);
  const [pending, setPending] = useState<Pending | null>(null);
  const [targetError, setTargetError] = useState<string | null>(null);

  const review = () => {
    const s = useSnmp.getState();
    const t = buildTarget(s.target);
    const v = buildSetVarbind(s.setForm);
    if ('errors' in v) useSnmp.setState({ setErrors: v.errors, setFailure: null });
    if ('errors' in t) {
      // the target's own fields are marked in the target card
      useSnmp.setState({ errors: t.errors });
      setTargetError('Fix the target first (marked above).');
      return;
    }
    setTargetError(null);
    if ('errors' in v) return;
    setPending({ target: t.target, targetLabel: targetLabelOf(s.target, s.credentials), varbinds: [v.varbind] });
  };

  if (!canSet) {
    return (
      <section className="card snmp-set" aria-labelledby="snmp-set-title" data-testid="snmp-set" data-allowed="false">
        <h2 id="snmp-set-title">Set</h2>
        <p className="muted" data-testid="snmp-set-disabled">
          SET is disabled: your role may not write to devices over SNMP (needs snmp:set).
        </p>
      </section>
    );
  }

  return (
    <section className="card snmp-set" aria-labelledby="snmp-set-title" data-testid="snmp-set" data-allowed="true">
      <form
        onSubmit={(e) => {
          e.preventDefault();
          review();
        }}
        noValidate
      >
        <div className="snmp-card-head">
          <h2 id="snmp-set-title">Set</h2>
          <span className="muted">writes to the device; asks before sending</span>
        </div>
        <div className="form-grid snmp-form-grid">
          <FormRow id="snmp-set-oid" label="OID" error={errors.fields['set.oid']} errorTestId="snmp-error-set-oid" className="span-2">
            <OidInput
              id="snmp-set-oid"
              testId="snmp-set-oid"
              value={form.oid}
              onChange={(oid) => {
                setSetForm({ oid });
                clearError('set.oid');
              }}
              instanceForScalars
              error={errors.fields['set.oid']}
              placeholder="sysContact.0"
            />
          </FormRow>
          <FormRow id="snmp-set-type" label="Type" error={errors.fields['set.type']} errorTestId="snmp-error-set-type">
            <select {...invalidProps('snmp-set-type', errors.fields['set.type'])} value={form.type} onChange={(e) => setSetForm({ type: e.target.value as (typeof SNMP_SET_TYPES)[number] })} data-testid="snmp-set-type">
              {SNMP_SET_TYPES.map((t) => (
                <option key={t} value={t}>
                  {t}
                </option>
              ))}
            </select>
          </FormRow>
          <TextFormRow
            id="snmp-set-value"
            label="Value"
            value={form.value}
            onChange={(value) => {
              setSetForm({ value });
              clearError('set.value');
            }}
            error={errors.fields['set.value']}
            errorTestId="snmp-error-set-value"
            testId="snmp-set-value"
            mono
            placeholder={form.type === 'OctetString' && form.hex ? '0a 1b ff' : undefined}
          />
          {form.type === 'OctetString' && (
            <label className="checkbox span-2" title="Send the value as bytes written in hex, like snmpset's x type">
              <input
                type="checkbox"
                checked={form.hex}
                onChange={(e) => {
                  setSetForm({ hex: e.target.checked });
                  clearError('set.value');
                }}
                data-testid="snmp-set-hex"
              />
              Value is hex bytes
            </label>
          )}
        </div>
        {targetError && (
          <p className="form-error" role="alert" data-testid="snmp-set-target-error">
            {targetError}
          </p>
        )}
        {failure && <FailureNote failure={failure} testId="snmp-set-error" />}
        {outcome && (
          <div className="snmp-set-outcome" data-testid="snmp-set-outcome">
            <p>
              Written on {outcome.targetLabel} in {formatMs(outcome.rttMs)}:
            </p>
            <ul>
              {outcome.varbinds.map((v) => (
                <li key={v.oid} data-testid="snmp-set-outcome-varbind" data-oid={v.oid} data-value={v.value}>
                  <span className="mono">{v.name ?? v.oid}</span> = <ValueCell v={v} /> <span className="muted">{v.type}</span>
                </li>
              ))}
            </ul>
          </div>
        )}
        <div className="snmp-run-line">
          <button type="submit" className="danger" data-testid="snmp-set-review">
            Set…
          </button>
        </div>
      </form>
      {pending && (
        <ConfirmDialog title="Write to the device?" confirmLabel="Send SET" danger onClose={() => setPending(null)} onConfirm={() => sendSet(pending.target, pending.targetLabel, pending.varbinds)}>
          <p>
            This SET goes to <strong data-testid="snmp-set-confirm-target">{pending.targetLabel}</strong> and changes the device now:
          </p>
          <table className="snmp-set-confirm" data-testid="snmp-set-confirm-varbinds">
            <thead>
              <tr>
                <th>OID</th>
                <th>Type</th>
                <th>Value</th>
              </tr>
            </thead>
            <tbody>
              {pending.varbinds.map((v) => (
                <tr key={v.oid} data-testid="snmp-set-confirm-varbind" data-oid={v.oid} data-type={v.type} data-value={v.value}>
                  <td className="mono">{v.oid}</td>
                  <td>
                    {v.type}
                    {v.encoding === 'hex' && <span className="badge snmp-hex-mark">hex</span>}
                  </td>
                  <td className="mono">{JSON.stringify(v.value)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </ConfirmDialog>
      )}
    </section>
  );
}
