// Log in to the central sync service: server URL, tenant, user name and password; when the server
// answers that the account uses two-factor authentication, a code field appears (TOTP or a
// recovery code). Each refusal says what went wrong: wrong password, wrong code, locked, unreachable.
import { useEffect, useState, type FormEvent } from 'react';
import { classifyLoginError, login, type LoginProblem, type SyncStatus } from '../store';

const CODE_PROBLEMS: ReadonlySet<LoginProblem> = new Set(['mfa_required', 'mfa_failed']);

export function LoginForm({ status }: { status: SyncStatus | null }) {
  const [server, setServer] = useState(status?.serverUrl ?? '');
  const [tenant, setTenant] = useState(status?.tenantSlug ?? '');
  const [username, setUsername] = useState(status?.username ?? '');
  const [password, setPassword] = useState('');
  const [otp, setOtp] = useState('');
  const [needCode, setNeedCode] = useState(false);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<{ problem: LoginProblem; message: string } | null>(null);

  // the code field appears because the server asked for it: the cursor goes there
  useEffect(() => {
    if (needCode) document.getElementById('sync-otp')?.focus();
  }, [needCode]);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setProblem(null);
    try {
      const code = otp.trim();
      await login({
        server: server.trim(),
        tenant: tenant.trim(),
        username: username.trim(),
        password,
        ...(needCode && code ? { otp: code } : {}),
      });
      setPassword('');
      setOtp('');
    } catch (err) {
      const p = classifyLoginError(err);
      if (CODE_PROBLEMS.has(p.problem)) setNeedCode(true);
      if (p.problem === 'mfa_failed') setOtp('');
      setProblem(p);
    } finally {
      setBusy(false);
    }
  };

  const invalid = (field: 'password' | 'otp' | 'server') =>
    problem !== null &&
    ((field === 'password' && problem.problem === 'auth_failed') || (field === 'otp' && problem.problem === 'mfa_failed') || (field === 'server' && problem.problem === 'unreachable'));

  return (
    <section className="card sync-login" aria-labelledby="sync-login-title" data-testid="sync-login">
      <h2 id="sync-login-title">Log in to the sync server</h2>
      <p className="muted">
        Logging in makes the server’s tenant this console’s and syncs the cache with it. Changes made offline wait in the outbox and go up when the server is reachable.
      </p>
      <form className="sync-login-form" onSubmit={(e) => void submit(e)} noValidate>
        <label htmlFor="sync-server">Server URL</label>
        <input
          id="sync-server"
          type="url"
          value={server}
          onChange={(e) => setServer(e.target.value)}
          placeholder="https://noc.example.net"
          autoComplete="url"
          spellCheck={false}
          required
          aria-invalid={invalid('server') || undefined}
          data-testid="sync-login-server"
        />
        <label htmlFor="sync-tenant">Tenant</label>
        <input id="sync-tenant" value={tenant} onChange={(e) => setTenant(e.target.value)} placeholder="organisation slug" autoComplete="organization" spellCheck={false} required data-testid="sync-login-tenant" />
        <label htmlFor="sync-user">User name</label>
        <input id="sync-user" value={username} onChange={(e) => setUsername(e.target.value)} autoComplete="username" spellCheck={false} required data-testid="sync-login-user" />
        <label htmlFor="sync-password">Password</label>
        <input
          id="sync-password"
          type="password"
          value={password}
          onChange={(e) => setPassword(e.target.value)}
          autoComplete="current-password"
          required
          aria-invalid={invalid('password') || undefined}
          data-testid="sync-login-password"
        />
        {needCode && (
          <>
            <label htmlFor="sync-otp">Authentication code</label>
            <input
              id="sync-otp"
              value={otp}
              onChange={(e) => setOtp(e.target.value)}
              inputMode="text"
              autoComplete="one-time-code"
              spellCheck={false}
              placeholder="123456 or a recovery code"
              aria-invalid={invalid('otp') || undefined}
              aria-describedby="sync-otp-hint"
              data-testid="sync-login-otp"
            />
            <span id="sync-otp-hint" className="field-hint sync-login-hint">
              6 digits from your authenticator app, or one of your recovery codes (xxxx-xxxx-xxxx-xxxx).
            </span>
          </>
        )}
        {problem && (
          <p className={`form-error sync-login-error${problem.problem === 'mfa_required' ? ' sync-login-info' : ''}`} role="alert" data-testid="sync-login-error" data-problem={problem.problem}>
            {problem.message}
          </p>
        )}
        <div className="sync-login-actions">
          <button type="submit" className="primary" disabled={busy || !server.trim() || !tenant.trim() || !username.trim() || !password} data-testid="sync-login-submit">
            {busy ? 'Logging in…' : needCode ? 'Verify and log in' : 'Log in'}
          </button>
        </div>
      </form>
    </section>
  );
}
