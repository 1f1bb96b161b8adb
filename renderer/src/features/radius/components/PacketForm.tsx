// The form of one packet type: Access-Request (user, password, method), Accounting-Request (status
// type, session id), Status-Server, CoA/Disconnect-Request; each with extra attributes and Send.
import { useState, type FormEvent } from 'react';
import { RADIUS_ACCT_TYPES, RADIUS_AUTH_METHODS } from '../../../../../shared/domain/radius';
import { useCan } from '../../appInfo/store';
import { newAcctSessionId } from '../formModel';
import { useRadius } from '../store';
import type { PacketKind, RadiusAcctType, RadiusAuthMethod } from '../types';
import { AttributeEditor } from './AttributeEditor';
import { Field, invalidProps } from './Field';

export const METHOD_LABELS: Record<RadiusAuthMethod, string> = { pap: 'PAP', chap: 'CHAP', mschapv2: 'MS-CHAPv2' };

const ACCT_LABELS: Record<RadiusAcctType, string> = {
  start: 'Start',
  interim: 'Interim-Update',
  stop: 'Stop',
  'accounting-on': 'Accounting-On',
  'accounting-off': 'Accounting-Off',
};

const TITLES: Record<PacketKind, string> = {
  auth: 'Access-Request',
  acct: 'Accounting-Request',
  status: 'Status-Server',
  dynauth: 'Dynamic authorization (RFC 5176)',
};

const SEND_LABELS: Record<PacketKind, string> = { auth: 'Send Access-Request', acct: 'Send Accounting-Request', status: 'Send Status-Server', dynauth: 'Send' };

/** User name, password (masked unless shown) and method: shared by Access, the session and the load test. */
export function Credentials({ scope, userOptional }: { scope: 'auth' | 'acct' | 'session' | 'load'; userOptional?: boolean }) {
  const user = useRadius((s) => s.user);
  const password = useRadius((s) => s.password);
  const method = useRadius((s) => s.method);
  const errors = useRadius((s) => s.errors[scope].fields);
  const setForm = useRadius((s) => s.setForm);
  const clearError = useRadius((s) => s.clearError);
  const [show, setShow] = useState(false);
  const withPassword = scope !== 'acct';

  return (
    <>
      <Field id={`radius-user-${scope}`} label={userOptional ? 'User-Name (optional)' : 'User-Name'} errorKey="user" error={errors.user}>
        <input
          {...invalidProps(`radius-user-${scope}`, errors.user)}
          className="mono"
          value={user}
          onChange={(e) => {
            setForm({ user: e.target.value });
            clearError(scope, 'user');
          }}
          spellCheck={false}
          autoComplete="off"
          data-testid="radius-user"
        />
      </Field>
      {withPassword && (
        <>
          <Field id={`radius-password-${scope}`} label="Password" errorKey="password" error={errors.password}>
            <div className="radius-password">
              <input
                {...invalidProps(`radius-password-${scope}`, errors.password)}
                type={show ? 'text' : 'password'}
                value={password}
                onChange={(e) => {
                  setForm({ password: e.target.value });
                  clearError(scope, 'password');
                }}
                spellCheck={false}
                autoComplete="new-password"
                data-testid="radius-password"
              />
              <button type="button" className="ghost" aria-pressed={show} onClick={() => setShow((v) => !v)} data-testid="radius-password-show">
                {show ? 'Hide' : 'Show'}
              </button>
            </div>
          </Field>
          <Field id={`radius-method-${scope}`} label="Method" errorKey="method" error={errors.method}>
            <select {...invalidProps(`radius-method-${scope}`, errors.method)} value={method} onChange={(e) => setForm({ method: e.target.value as RadiusAuthMethod })} data-testid="radius-method">
              {RADIUS_AUTH_METHODS.map((m) => (
                <option key={m} value={m}>
                  {METHOD_LABELS[m]}
                </option>
              ))}
            </select>
          </Field>
        </>
      )}
    </>
  );
}

/** The form-level line: local problems, or the host's refusal (VALIDATION with its details, …). */
export function FormErrorLine({ scope }: { scope: 'auth' | 'acct' | 'status' | 'dynauth' | 'session' | 'load' }) {
  const form = useRadius((s) => s.errors[scope].form);
  if (!form) return null;
  return (
    <p className="form-error" role="alert" data-testid="radius-error">
      {form}
    </p>
  );
}

export function PacketForm({ kind }: { kind: PacketKind }) {
  const sending = useRadius((s) => s.sending[kind]);
  const acctType = useRadius((s) => s.acctType);
  const acctSessionId = useRadius((s) => s.acctSessionId);
  const dynKind = useRadius((s) => s.dynKind);
  const statusPort = useRadius((s) => s.statusPort);
  const errors = useRadius((s) => s.errors[kind].fields);
  const setForm = useRadius((s) => s.setForm);
  const clearError = useRadius((s) => s.clearError);
  const send = useRadius((s) => s.send);
  const canTest = useCan('radius:test');
  const canCoa = useCan('radius:coa');
  const allowed = kind === 'dynauth' ? canCoa : canTest;

  const submit = (e: FormEvent) => {
    e.preventDefault();
    void send(kind);
  };

  return (
    <section className="card radius-form" aria-labelledby={`radius-form-title-${kind}`}>
      <h2 id={`radius-form-title-${kind}`}>{TITLES[kind]}</h2>
      <form onSubmit={submit} noValidate data-testid={`radius-form-${kind}`}>
        <div className="radius-form-grid">
          {kind === 'auth' && <Credentials scope="auth" />}
          {kind === 'acct' && (
            <>
              <Field id="radius-acct-type" label="Acct-Status-Type" errorKey="type" error={errors.type}>
                <select {...invalidProps('radius-acct-type', errors.type)} value={acctType} onChange={(e) => setForm({ acctType: e.target.value as RadiusAcctType })} data-testid="radius-acct-type">
                  {RADIUS_ACCT_TYPES.map((t) => (
                    <option key={t} value={t}>
                      {ACCT_LABELS[t]}
                    </option>
                  ))}
                </select>
              </Field>
              <Credentials scope="acct" userOptional />
              <Field id="radius-acct-session" label="Acct-Session-Id" errorKey="sessionId" error={errors.sessionId} hint="Empty: the host makes one up. Reuse it for Interim and Stop.">
                <div className="radius-password">
                  <input
                    {...invalidProps('radius-acct-session', errors.sessionId)}
                    className="mono"
                    value={acctSessionId}
                    onChange={(e) => {
                      setForm({ acctSessionId: e.target.value });
                      clearError('acct', 'sessionId');
                    }}
                    spellCheck={false}
                    autoComplete="off"
                    data-testid="radius-acct-session-id"
                  />
                  <button type="button" className="ghost" onClick={() => setForm({ acctSessionId: newAcctSessionId() })} data-testid="radius-acct-session-new">
                    New
                  </button>
                </div>
              </Field>
            </>
          )}
          {kind === 'status' && (
            <Field id="radius-status-port" label="Send to" hint="RFC 5997: the auth port answers Access-Accept, the accounting port Accounting-Response.">
              <select id="radius-status-port" value={statusPort} onChange={(e) => setForm({ statusPort: e.target.value as 'auth' | 'acct' })} data-testid="radius-status-port">
                <option value="auth">Auth port</option>
                <option value="acct">Acct port</option>
              </select>
            </Field>
          )}
          {kind === 'dynauth' && (
            <div className="form-row">
              <span className="radius-label">Request</span>
              <div className="segmented" role="radiogroup" aria-label="Dynamic authorization request">
                {(['coa', 'disconnect'] as const).map((k) => (
                  <button
                    key={k}
                    type="button"
                    role="radio"
                    aria-checked={dynKind === k}
                    className={dynKind === k ? 'active' : undefined}
                    onClick={() => setForm({ dynKind: k })}
                    data-testid={`radius-dynauth-${k}`}
                  >
                    {k === 'coa' ? 'CoA-Request' : 'Disconnect-Request'}
                  </button>
                ))}
              </div>
              <span className="field-hint">Goes to the CoA port of the NAS. Identify the session with User-Name, Acct-Session-Id or Framed-IP-Address.</span>
            </div>
          )}
        </div>
        <AttributeEditor kind={kind} />
        <FormErrorLine scope={kind} />
        <div className="radius-send-row">
          <button
            type="submit"
            className="primary"
            disabled={sending || !allowed}
            title={allowed ? undefined : kind === 'dynauth' ? 'Needs the radius:coa permission' : 'Needs the radius:test permission'}
            data-testid="radius-send"
          >
            {sending ? 'Waiting for the reply…' : kind === 'dynauth' ? (dynKind === 'coa' ? 'Send CoA-Request' : 'Send Disconnect-Request') : SEND_LABELS[kind]}
          </button>
          {sending && <span className="muted" role="status">Sent; retrying on timeout as configured…</span>}
        </div>
      </form>
    </section>
  );
}
