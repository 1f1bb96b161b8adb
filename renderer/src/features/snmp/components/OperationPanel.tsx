// What to ask: an OID or MIB name, Get / GetNext / Walk (bulk or not, max-repetitions, a limit),
// Run and, while a walk runs, its progress and Stop. main's refusals are shown here, plainly,
// with nothing typed lost.
import { FormRow, TextFormRow } from '../../../ui/FormRow';
import { Segmented } from '../../sshCredentials/components/Segmented';
import { plural } from '../format';
import { useSnmp, type Failure } from '../store';
import type { SnmpOperation } from '../types';
import { OidInput } from './OidInput';

const OPS = [
  ['get', 'Get', 'get'],
  ['getNext', 'GetNext', 'getnext'],
  ['walk', 'Walk', 'walk'],
] as const satisfies readonly (readonly [SnmpOperation, string, string])[];

/** What to try next, per error code: the message says what happened, this says where to look. */
const HINTS: Partial<Record<string, string>> = {
  TIMEOUT: 'No reply. Check the address and port, and the community or v3 user: agents drop requests with a wrong community without answering.',
  AUTH_FAILED: 'The agent refused the SNMPv3 credentials: check the user, the protocols and both passwords.',
  UNAVAILABLE: 'The request could not be made. The agent or the network may be down, or the service is not available.',
  VALIDATION: 'Fix the marked fields; nothing was sent.',
  PERMISSION_DENIED: 'Your role may not do this.',
};

/** The agent answered, with an error-status: say what that status means for the user. */
function agentHint(status: string): string {
  if (/noAccess|notWritable|readOnly|noCreation|authorizationError/i.test(status)) return `The agent refused (${status}): this community or user may not write this object, or the object is read-only.`;
  if (/wrongType|wrongValue|wrongLength|wrongEncoding|badValue|inconsistentValue/i.test(status)) return `The agent refused the value (${status}): check the type and the value for this object.`;
  return `The agent answered with an error (${status}).`;
}

export function FailureNote({ failure, testId }: { failure: Failure; testId: string }) {
  const hint = failure.agentStatus ? agentHint(failure.agentStatus) : HINTS[failure.code];
  return (
    <div className="snmp-failure" role="alert" data-testid={testId} data-code={failure.code} data-agent-status={failure.agentStatus ?? ''}>
      <p>
        <span className="badge status-down">{failure.agentStatus ?? failure.code}</span> {failure.message}
      </p>
      {hint && <p className="muted">{hint}</p>}
    </div>
  );
}

export function OperationPanel() {
  const operation = useSnmp((s) => s.operation);
  const errors = useSnmp((s) => s.errors);
  const failure = useSnmp((s) => s.failure);
  const running = useSnmp((s) => s.running);
  const setOperation = useSnmp((s) => s.setOperation);
  const clearError = useSnmp((s) => s.clearError);
  const run = useSnmp((s) => s.run);
  const stop = useSnmp((s) => s.stop);
  const walk = operation.op === 'walk';

  const number = (key: 'maxRepetitions' | 'limit', label: string, placeholder?: string) => (
    <TextFormRow
      id={`snmp-${key}`}
      label={label}
      value={operation[key]}
      onChange={(v) => {
        setOperation({ [key]: v });
        clearError(key);
      }}
      error={errors.fields[key]}
      errorTestId={`snmp-error-${key}`}
      testId={`snmp-${key}`}
      mono
      placeholder={placeholder}
    />
  );

  return (
    <section className="card snmp-operation" aria-labelledby="snmp-operation-title">
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void run();
        }}
        noValidate
        data-testid="snmp-form"
      >
        <div className="snmp-card-head">
          <h2 id="snmp-operation-title">Request</h2>
          <Segmented label="Operation" value={operation.op} options={OPS} onChange={(op) => setOperation({ op })} testIdPrefix="snmp-op" />
        </div>
        <FormRow id="snmp-oid" label={walk ? 'OID or MIB name' : 'OIDs or MIB names'} error={errors.fields.oid} errorTestId="snmp-error-oid" hint={walk ? 'e.g. system, ifTable, 1.3.6.1.2.1.2.2' : 'e.g. sysDescr.0 sysUpTime.0 — several separated by spaces'}>
          <OidInput
            id="snmp-oid"
            testId="snmp-oid"
            value={operation.oid}
            onChange={(oid) => {
              setOperation({ oid });
              clearError('oid');
            }}
            onSubmit={() => void run()}
            instanceForScalars={!walk}
            error={errors.fields.oid}
            placeholder={walk ? 'ifTable' : 'sysDescr.0'}
          />
        </FormRow>
        {walk && (
          <div className="snmp-walk-options">
            <label className="checkbox" title="GETBULK (v2c/v3); off walks with GETNEXT, as v1 must">
              <input type="checkbox" checked={operation.bulk} onChange={(e) => setOperation({ bulk: e.target.checked })} data-testid="snmp-bulk" />
              Bulk
            </label>
            {number('maxRepetitions', 'Max-repetitions', 'profile default')}
            {number('limit', 'Stop after (varbinds)')}
          </div>
        )}
        {errors.form && !failure && (
          <p className="form-error" role="alert" data-testid="snmp-form-error">
            {errors.form}
          </p>
        )}
        {failure && <FailureNote failure={failure} testId="snmp-error" />}
        <div className="snmp-run-line">
          <button type="submit" className="primary" disabled={running !== null} data-testid="snmp-run">
            {running ? 'Running…' : walk ? 'Walk' : operation.op === 'get' ? 'Get' : 'GetNext'}
          </button>
          {running?.taskId && (
            <>
              <button type="button" onClick={() => void stop()} disabled={running.stopping} data-testid="snmp-stop">
                {running.stopping ? 'Stopping…' : 'Stop'}
              </button>
              <span className="muted snmp-progress" aria-live="polite" data-testid="snmp-progress" data-done={running.done}>
                {running.done > 0 ? `${plural(running.done, 'varbind')} received…` : 'Walking…'}
              </span>
            </>
          )}
        </div>
      </form>
    </section>
  );
}
