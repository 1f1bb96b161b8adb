// Where requests go: a device from the inventory (its SNMP profile), or an address with a saved
// credential or one-off credentials typed here; timeout and retries may override the profile's.
import { TextFormRow } from '../../../ui/FormRow';
import { FormRow } from '../../../ui/FormRow';
import { invalidProps } from '../../radius/components/Field';
import { Segmented } from '../../sshCredentials/components/Segmented';
import { NOTHING_STORED, type TargetMode } from '../formModel';
import { useSnmp } from '../store';
import { DevicePicker } from './DevicePicker';
import { SecurityFields } from './SecurityFields';

const MODES = [
  ['address', 'Address', 'address'],
  ['device', 'Device', 'device'],
] as const satisfies readonly (readonly [TargetMode, string, string])[];

export function TargetPanel({ onManageCredentials }: { onManageCredentials: () => void }) {
  const target = useSnmp((s) => s.target);
  const credentials = useSnmp((s) => s.credentials);
  const credentialsError = useSnmp((s) => s.credentialsError);
  const errors = useSnmp((s) => s.errors.fields);
  const setTarget = useSnmp((s) => s.setTarget);
  const setSecurity = useSnmp((s) => s.setSecurity);
  const clearError = useSnmp((s) => s.clearError);

  const text = (key: 'host' | 'port' | 'timeoutMs' | 'retries', label: string, opts: { placeholder?: string; className?: string } = {}) => (
    <TextFormRow
      id={`snmp-${key}`}
      label={label}
      value={target[key]}
      onChange={(v) => {
        setTarget({ [key]: v });
        clearError(key);
      }}
      error={errors[key]}
      errorTestId={`snmp-error-${key}`}
      testId={`snmp-${key}`}
      mono
      placeholder={opts.placeholder}
      className={opts.className}
    />
  );

  const chosen = target.credentialId ? credentials.find((c) => c.id === target.credentialId) : undefined;

  return (
    <section className="card snmp-target" aria-labelledby="snmp-target-title">
      <div className="snmp-card-head">
        <h2 id="snmp-target-title">Target</h2>
        <Segmented label="Target kind" value={target.mode} options={MODES} onChange={(mode) => setTarget({ mode })} testIdPrefix="snmp-mode" />
      </div>
      <div className="form-grid snmp-form-grid">
        {target.mode === 'device' ? (
          <FormRow id="snmp-device" label="Device" error={errors.device} errorTestId="snmp-error-device" className="span-2">
            <DevicePicker
              id="snmp-device"
              device={target.device}
              credentials={credentials}
              error={errors.device}
              onChange={(device) => {
                setTarget({ device });
                clearError('device');
              }}
            />
          </FormRow>
        ) : (
          <>
            {text('host', 'Host', { placeholder: 'IP address or host name' })}
            {text('port', 'Port')}
            <FormRow
              id="snmp-credentialId"
              label="Credentials"
              error={errors.credentialId ?? credentialsError ?? undefined}
              errorTestId="snmp-error-credentialId"
              className="span-2"
              hint={
                <button type="button" className="link-button" onClick={onManageCredentials} data-testid="snmp-credentials-manage-inline">
                  Manage saved credentials…
                </button>
              }
            >
              <select
                {...invalidProps('snmp-credentialId', errors.credentialId)}
                value={target.credentialId}
                onChange={(e) => {
                  setTarget({ credentialId: e.target.value });
                  clearError('credentialId');
                }}
                data-testid="snmp-credential"
              >
                <option value="">One-off credentials (typed below, not saved)</option>
                {credentials.map((c) => (
                  <option key={c.id} value={c.id}>
                    {c.name} — v{c.version}
                    {c.version === '3' && c.user ? ` ${c.user}` : ''}
                  </option>
                ))}
                {target.credentialId && !chosen && <option value={target.credentialId}>Deleted credential</option>}
              </select>
            </FormRow>
            {target.credentialId === '' && (
              <SecurityFields
                prefix="snmp-oneoff"
                values={target.oneOff}
                onChange={(patch) => {
                  setSecurity(patch);
                  for (const k of Object.keys(patch)) clearError(k);
                }}
                errors={errors}
                stored={NOTHING_STORED}
                oneOff
              />
            )}
          </>
        )}
        {text('timeoutMs', 'Timeout (ms)', { placeholder: 'profile default' })}
        {text('retries', 'Retries', { placeholder: 'profile default' })}
      </div>
    </section>
  );
}
