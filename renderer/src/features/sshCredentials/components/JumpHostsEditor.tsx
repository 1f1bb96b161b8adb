// The ProxyJump chain of a profile: up to four hops, first hop first, each with its own address,
// user and credentials (another saved profile, or this profile's own secret).
import { FormRow } from '../../../ui/FormRow';
import { MAX_JUMP_HOSTS, type JumpRow } from '../formModel';
import type { SshCredential } from '../store';

interface JumpHostsEditorProps {
  rows: JumpRow[];
  /** Profiles a hop may use (not the one being edited). */
  credentials: readonly SshCredential[];
  errors: Partial<Record<string, string>>;
  onChange: (rows: JumpRow[]) => void;
}

export function JumpHostsEditor({ rows, credentials, errors, onChange }: JumpHostsEditorProps) {
  const update = (i: number, patch: Partial<JumpRow>) => onChange(rows.map((r, j) => (j === i ? { ...r, ...patch } : r)));
  const cell = (i: number, key: 'host' | 'port' | 'username', label: string, mono: boolean, placeholder: string) => {
    const id = `ssh-cred-jump-${i}-${key}`;
    const error = errors[`jump.${i}.${key}`];
    return (
      <FormRow id={id} label={label} error={error} errorTestId={`${id}-error`}>
        <input
          id={id}
          className={mono ? 'mono' : undefined}
          value={rows[i]?.[key] ?? ''}
          onChange={(e) => update(i, { [key]: e.target.value })}
          placeholder={placeholder}
          autoComplete="off"
          spellCheck={false}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? `${id}-error` : undefined}
          data-testid={`ssh-cred-jump-${key}`}
        />
      </FormRow>
    );
  };

  return (
    <fieldset className="sshc-jump span-2" data-testid="ssh-cred-jump">
      <legend>Jump hosts (ProxyJump)</legend>
      {rows.length === 0 && <p className="muted">Direct connection. Add a hop to go through a bastion or another router first.</p>}
      {rows.map((row, i) => {
        const credId = `ssh-cred-jump-${i}-credentialId`;
        return (
          <div key={i} className="sshc-jump-row" data-testid="ssh-cred-jump-row">
            <span className="sshc-jump-index" aria-hidden="true">
              {i + 1}
            </span>
            {cell(i, 'host', `Hop ${i + 1} host`, true, 'bastion.example.net')}
            {cell(i, 'port', 'Port', true, '22')}
            {cell(i, 'username', 'User', false, 'user')}
            <FormRow id={credId} label="Credentials" error={errors[`jump.${i}.credentialId`]} errorTestId={`${credId}-error`}>
              <select id={credId} value={row.credentialId} onChange={(e) => update(i, { credentialId: e.target.value })} data-testid="ssh-cred-jump-credential">
                <option value="">This profile's secret</option>
                {credentials.map((c) => (
                  <option key={c.id} value={c.id}>
                    {c.name}
                  </option>
                ))}
              </select>
            </FormRow>
            <button type="button" className="icon-button sshc-jump-remove" aria-label={`Remove hop ${i + 1}`} onClick={() => onChange(rows.filter((_, j) => j !== i))}>
              ×
            </button>
          </div>
        );
      })}
      {errors.jump && (
        <span className="field-error" role="alert" data-testid="ssh-cred-jump-error">
          {errors.jump}
        </span>
      )}
      {rows.length < MAX_JUMP_HOSTS && (
        <button type="button" onClick={() => onChange([...rows, { host: '', port: '22', username: '', credentialId: '' }])} data-testid="ssh-cred-jump-add">
          Add jump host
        </button>
      )}
    </fieldset>
  );
}
