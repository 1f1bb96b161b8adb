// SSH in Settings: the credential profiles devices connect with (names, options and which secrets
// the vault holds — never the secrets), and the trusted host keys beside them.
import { useEffect, useState } from 'react';
import { formatCount } from '../../../lib/format';
import { ConfirmDialog } from '../../../ui/ConfirmDialog';
import { useCan } from '../../appInfo/store';
import { jumpChainText, kindLabel } from '../formModel';
import { startSshCredentialsSync, useSshCredentials, type SshCredential } from '../store';
import { CredentialDialog } from './CredentialDialog';
import { KnownHostsSection } from './KnownHostsSection';

type Editing = { existing: SshCredential | null } | null;

function SecretBadges({ c }: { c: SshCredential }) {
  const stored = [
    c.hasPassword && 'password',
    c.hasPrivateKey && 'private key',
    c.hasPassphrase && 'passphrase',
    c.kbdAnswerCount > 0 && `${c.kbdAnswerCount} kbd answer${c.kbdAnswerCount === 1 ? '' : 's'}`,
  ].filter((x): x is string => typeof x === 'string');
  if (stored.length === 0) return <span className="muted">none</span>;
  return (
    <span className="sshc-badges" data-testid="ssh-cred-secrets">
      {stored.map((s) => (
        <span key={s} className="chip" data-secret={s}>
          {s} stored
        </span>
      ))}
    </span>
  );
}

function CredentialRow({ c, canWrite, onEdit, onDelete }: { c: SshCredential; canWrite: boolean; onEdit: () => void; onDelete: () => void }) {
  const chain = jumpChainText(c);
  return (
    <tr data-testid="ssh-cred-row" data-name={c.name} data-id={c.id}>
      <td className="cell-name">{c.name}</td>
      <td>{kindLabel(c.kind)}</td>
      <td className="mono">{c.username}</td>
      <td className="mono num">{c.port}</td>
      <td>
        {c.algorithms === 'legacy' ? (
          <span className="badge status-degraded" title="Offers weak algorithms (SHA-1 key exchange, ssh-rsa, CBC) for old gear" data-testid="ssh-cred-legacy">
            legacy
          </span>
        ) : (
          'modern'
        )}
      </td>
      <td className="mono">{chain === '' ? <span className="muted">direct</span> : chain}</td>
      <td>{c.sessionLog ? 'on' : <span className="muted">off</span>}</td>
      <td>{c.autoReconnect ? 'on' : <span className="muted">off</span>}</td>
      <td className="mono">{c.backupCommand ?? <span className="muted">vendor default</span>}</td>
      <td>
        <SecretBadges c={c} />
      </td>
      <td className="num" data-testid="ssh-cred-devices">
        {formatCount(c.deviceCount)}
      </td>
      <td className="sshc-row-actions">
        <button type="button" className="ghost" onClick={onEdit} disabled={!canWrite} data-testid="ssh-cred-edit">
          Edit
        </button>
        <button type="button" className="ghost danger-text" onClick={onDelete} disabled={!canWrite} data-testid="ssh-cred-delete">
          Delete
        </button>
      </td>
    </tr>
  );
}

function CredentialsCard() {
  const canWrite = useCan('devices:write');
  const credentials = useSshCredentials((s) => s.credentials);
  const loaded = useSshCredentials((s) => s.loaded);
  const error = useSshCredentials((s) => s.error);
  const load = useSshCredentials((s) => s.load);
  const remove = useSshCredentials((s) => s.remove);
  const [editing, setEditing] = useState<Editing>(null);
  const [deleting, setDeleting] = useState<SshCredential | null>(null);
  const [notice, setNotice] = useState<string | null>(null);

  return (
    <section className="card sshc-section" aria-labelledby="ssh-cred-title" data-testid="ssh-credentials">
      <div className="sshc-section-head">
        <h2 id="ssh-cred-title">SSH credentials</h2>
        <span className="toolbar-spacer" />
        <button
          type="button"
          className="primary"
          onClick={() => setEditing({ existing: null })}
          disabled={!canWrite}
          title={canWrite ? undefined : 'Needs the devices:write permission'}
          data-testid="ssh-cred-new"
        >
          New credential
        </button>
      </div>
      <p className="muted">
        Profiles devices connect with. Passwords, keys, passphrases and answers are sealed in this workspace's vault and never shown again —
        only which ones are stored.
      </p>
      {error && (
        <p className="form-error" role="alert">
          Could not load the SSH credentials: {error}{' '}
          <button type="button" className="link-button" onClick={() => void load()}>
            Try again
          </button>
        </p>
      )}
      {notice && (
        <p className="success" role="status" data-testid="ssh-cred-notice">
          {notice}
        </p>
      )}
      {loaded && credentials.length === 0 && !error && <p className="muted">No SSH credential yet.</p>}
      {credentials.length > 0 && (
        <div className="sshc-table-scroll">
          <table className="radius-table sshc-table" data-testid="ssh-cred-table">
            <thead>
              <tr>
                <th>Name</th>
                <th>Kind</th>
                <th>User</th>
                <th className="num">Port</th>
                <th>Algorithms</th>
                <th>Jump chain</th>
                <th>Session log</th>
                <th>Auto-reconnect</th>
                <th>Backup command</th>
                <th>Secrets</th>
                <th className="num">Devices</th>
                <th aria-label="Actions" />
              </tr>
            </thead>
            <tbody>
              {credentials.map((c) => (
                <CredentialRow key={c.id} c={c} canWrite={canWrite} onEdit={() => setEditing({ existing: c })} onDelete={() => setDeleting(c)} />
              ))}
            </tbody>
          </table>
        </div>
      )}
      {editing && (
        <CredentialDialog
          existing={editing.existing}
          onClose={() => {
            setEditing(null);
            setNotice(null);
          }}
        />
      )}
      {deleting && (
        <ConfirmDialog
          title={`Delete ${deleting.name}?`}
          confirmLabel="Delete credential"
          danger
          onClose={() => setDeleting(null)}
          onConfirm={async () => {
            const res = await remove(deleting.id);
            setNotice(`${deleting.name} deleted; ${formatCount(res.devicesCleared)} device${res.devicesCleared === 1 ? '' : 's'} lost their SSH profile.`);
          }}
        >
          <p data-testid="ssh-cred-delete-impact">
            {deleting.deviceCount === 0
              ? 'No device uses this profile.'
              : `${formatCount(deleting.deviceCount)} device${deleting.deviceCount === 1 ? '' : 's'} use${deleting.deviceCount === 1 ? 's' : ''} this profile and will lose ${deleting.deviceCount === 1 ? 'its' : 'their'} SSH profile.`}{' '}
            The sealed secrets are deleted with it.
          </p>
        </ConfirmDialog>
      )}
    </section>
  );
}

export function SshCredentialsSection() {
  useEffect(() => {
    startSshCredentialsSync();
  }, []);
  return (
    <div className="sshc-settings" data-testid="sshc-settings">
      <CredentialsCard />
      <KnownHostsSection />
    </div>
  );
}
