// The trap receiver's settings: port, accepted communities and one v3 user to add or update.
// Communities and v3 passwords are write-only: the host says how many communities are stored and
// whether a user has keys; an empty field keeps what is stored.
import { useEffect, useState, type FormEvent } from 'react';
import { SNMP_AUTH_PROTOCOLS, SNMP_PRIV_PROTOCOLS, SNMP_SECURITY_LEVELS, type SnmpAuthProtocol, type SnmpPrivProtocol, type SnmpSecurityLevel } from '../../../../../shared/domain/snmp';
import type { RequestOf, ResponseOf } from '../../../../../shared/ipc/channels';
import { errorMessage, invoke } from '../../../lib/api';
import { Dialog } from '../../../ui/Dialog';
import { FormFooter } from '../../../ui/FormRow';

type TrapConfig = ResponseOf<'traps.config'>;

export function TrapSettingsDialog({ onClose, onSaved }: { onClose: () => void; onSaved: () => void }) {
  const [config, setConfig] = useState<TrapConfig | null>(null);
  const [port, setPort] = useState('');
  const [communities, setCommunities] = useState('');
  const [user, setUser] = useState('');
  const [level, setLevel] = useState<SnmpSecurityLevel>('authPriv');
  const [authProtocol, setAuthProtocol] = useState<SnmpAuthProtocol>('sha');
  const [authKey, setAuthKey] = useState('');
  const [privProtocol, setPrivProtocol] = useState<SnmpPrivProtocol>('aes');
  const [privKey, setPrivKey] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    invoke('traps.config', {})
      .then((c) => {
        setConfig(c);
        setPort(String(c.port));
      })
      .catch((err: unknown) => setError(errorMessage(err)));
  }, []);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!config) return;
    const req: RequestOf<'traps.config'> = {};
    const p = Number(port);
    if (!config.portFromEnv && port.trim() !== '' && p !== config.port) req.port = p;
    const list = communities
      .split(',')
      .map((c) => c.trim())
      .filter((c) => c !== '');
    if (list.length > 0) req.communities = list;
    const name = user.trim();
    if (name) {
      // the stored users stay (their keys too: omitted keys are kept); this one is added or replaced
      const others = config.users
        .filter((u) => u.name !== name)
        .map((u) => ({ name: u.name, level: u.level, ...(u.authProtocol ? { authProtocol: u.authProtocol } : {}), ...(u.privProtocol ? { privProtocol: u.privProtocol } : {}) }));
      req.users = [
        ...others,
        {
          name,
          level,
          ...(level !== 'noAuthNoPriv' ? { authProtocol, ...(authKey ? { authKey } : {}) } : {}),
          ...(level === 'authPriv' ? { privProtocol, ...(privKey ? { privKey } : {}) } : {}),
        },
      ];
    }
    setBusy(true);
    try {
      await invoke('traps.config', req);
      onSaved();
      onClose();
    } catch (err) {
      setError(errorMessage(err));
      setBusy(false);
    }
  };

  return (
    <Dialog title="Trap receiver" onClose={onClose} testId="traps-config-dialog">
      <form className="dialog-body alarm-trap-form" onSubmit={(e) => void submit(e)}>
        <label htmlFor="traps-port">UDP port</label>
        <input id="traps-port" className="mono" value={port} onChange={(e) => setPort(e.target.value)} disabled={config?.portFromEnv ?? false} data-testid="traps-port" />
        {config?.portFromEnv && <p className="field-hint">Set by NOC_TRAP_PORT for this run.</p>}
        <label htmlFor="traps-communities">Communities (v1/v2c)</label>
        <input
          id="traps-communities"
          type="password"
          autoComplete="off"
          value={communities}
          onChange={(e) => setCommunities(e.target.value)}
          placeholder={config ? `${config.communityCount} stored — type to replace (comma-separated)` : ''}
          data-testid="traps-communities"
        />
        <fieldset className="alarm-v3-user">
          <legend>SNMPv3 user (add or update)</legend>
          {config && config.users.length > 0 && (
            <p className="field-hint" data-testid="traps-users">
              Stored: {config.users.map((u) => `${u.name} (${u.level})`).join(', ')}
            </p>
          )}
          <label htmlFor="traps-user">User name</label>
          <input id="traps-user" value={user} onChange={(e) => setUser(e.target.value)} autoComplete="off" data-testid="traps-user" />
          <label htmlFor="traps-level">Security level</label>
          <select id="traps-level" value={level} onChange={(e) => setLevel(e.target.value as SnmpSecurityLevel)} data-testid="traps-level">
            {SNMP_SECURITY_LEVELS.map((l) => (
              <option key={l}>{l}</option>
            ))}
          </select>
          <label htmlFor="traps-auth-proto">Auth protocol / password</label>
          <div className="alarm-key-row">
            <select id="traps-auth-proto" value={authProtocol} onChange={(e) => setAuthProtocol(e.target.value as SnmpAuthProtocol)} disabled={level === 'noAuthNoPriv'}>
              {SNMP_AUTH_PROTOCOLS.map((p) => (
                <option key={p}>{p}</option>
              ))}
            </select>
            <input type="password" autoComplete="off" value={authKey} onChange={(e) => setAuthKey(e.target.value)} disabled={level === 'noAuthNoPriv'} aria-label="Auth password" data-testid="traps-auth-key" />
          </div>
          <label htmlFor="traps-priv-proto">Privacy protocol / password</label>
          <div className="alarm-key-row">
            <select id="traps-priv-proto" value={privProtocol} onChange={(e) => setPrivProtocol(e.target.value as SnmpPrivProtocol)} disabled={level !== 'authPriv'}>
              {SNMP_PRIV_PROTOCOLS.map((p) => (
                <option key={p}>{p}</option>
              ))}
            </select>
            <input type="password" autoComplete="off" value={privKey} onChange={(e) => setPrivKey(e.target.value)} disabled={level !== 'authPriv'} aria-label="Privacy password" data-testid="traps-priv-key" />
          </div>
        </fieldset>
        <FormFooter formError={error} formErrorTestId="traps-config-error" busy={busy} onCancel={onClose} submitLabel="Save" submitTestId="traps-config-save" />
      </form>
    </Dialog>
  );
}
