// Settings: what this console is connected to (app.info), the theme, and the demo ISP.
import { useState, type ReactNode } from 'react';
import { setTheme, useTheme } from '../../../app/theme';
import { useConnection } from '../../../lib/api';
import { formatCount } from '../../../lib/format';
import { ConfirmDialog } from '../../../ui/ConfirmDialog';
import { useAppInfo, useCan } from '../../appInfo/store';
import { useDemoSeed } from '../store';
import { SshCredentialsSection } from '../../sshCredentials/components/SshCredentialsSection';
import { ROLE_LABELS } from '../../../../../shared/domain/permissions';

const HOST_LABELS: Record<string, string> = {
  electron: 'Desktop app',
  web: 'Web host (noc serve)',
  cli: 'Command line',
};

function Row({ label, children, testId, mono }: { label: string; children: ReactNode; testId?: string; mono?: boolean }) {
  return (
    <>
      <dt>{label}</dt>
      <dd className={mono ? 'mono' : undefined} data-testid={testId}>
        {children}
      </dd>
    </>
  );
}

function AppInfoSection() {
  const info = useAppInfo((s) => s.info);
  const error = useAppInfo((s) => s.error);
  const connection = useConnection((s) => s.detail);
  return (
    <section className="card" aria-labelledby="about-title">
      <h2 id="about-title">This console</h2>
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
      {!info && !error && <p className="muted">Loading…</p>}
      {info && (
        <dl className="kv" data-testid="app-info">
          <Row label="Workspace" testId="info-workspace" mono>
            {info.workspace}
          </Row>
          <Row label="Tenant" testId="info-tenant">
            {info.tenantName} <span className="muted mono">{info.tenantId}</span>
          </Row>
          <Row label="Role" testId="info-role">
            {ROLE_LABELS[info.role] ?? info.role}
          </Row>
          <Row label="Version" testId="info-version" mono>
            {info.version}
          </Row>
          <Row label="Host" testId="info-host">
            {HOST_LABELS[info.host] ?? info.host}
          </Row>
          <Row label="Connection">{connection}</Row>
          <Row label="Devices">{formatCount(info.deviceCount)}</Row>
          <Row label="Permissions">
            <span className="permission-list">
              {info.permissions.map((p) => (
                <span key={p} className="chip mono">
                  {p}
                </span>
              ))}
            </span>
          </Row>
        </dl>
      )}
    </section>
  );
}

function ThemeSection() {
  const theme = useTheme((s) => s.theme);
  return (
    <section className="card" aria-labelledby="theme-title">
      <h2 id="theme-title">Appearance</h2>
      <div className="segmented" role="radiogroup" aria-label="Theme">
        {(['dark', 'light'] as const).map((t) => (
          <button
            key={t}
            type="button"
            role="radio"
            aria-checked={theme === t}
            className={theme === t ? 'active' : undefined}
            onClick={() => setTheme(t)}
            data-testid={`theme-${t}`}
          >
            {t === 'dark' ? 'Dark' : 'Light'}
          </button>
        ))}
      </div>
      <p className="muted">Dark suits a NOC wall; light reads better on a laptop in the sun. Saved on this machine.</p>
      <button type="button" className="ghost" onClick={() => setTheme(theme === 'dark' ? 'light' : 'dark')} data-testid="theme-toggle">
        Switch to {theme === 'dark' ? 'light' : 'dark'} theme
      </button>
    </section>
  );
}

function DemoSection() {
  const canSeed = useCan('workspace:admin');
  const running = useDemoSeed((s) => s.running);
  const summary = useDemoSeed((s) => s.summary);
  const error = useDemoSeed((s) => s.error);
  const seed = useDemoSeed((s) => s.seed);
  const [devices, setDevices] = useState(2000);
  const [subscribers, setSubscribers] = useState(50_000);
  const [confirming, setConfirming] = useState(false);

  const devicesValid = Number.isInteger(devices) && devices >= 10 && devices <= 200_000;
  const subscribersValid = Number.isInteger(subscribers) && subscribers >= 0 && subscribers <= 500_000;

  return (
    <section className="card" aria-labelledby="demo-title">
      <h2 id="demo-title">Demo ISP</h2>
      <p className="muted">
        Creates a deterministic demo ISP (sites, devices, links, subscribers, billing) in this workspace. It replaces the previous demo tenant.
      </p>
      <div className="inline-form">
        <label>
          Devices
          <input
            type="number"
            min={10}
            max={200000}
            step={1}
            value={Number.isNaN(devices) ? '' : devices}
            onChange={(e) => setDevices(e.target.valueAsNumber)}
            aria-invalid={!devicesValid}
            data-testid="demo-devices"
          />
        </label>
        <label>
          Subscribers
          <input
            type="number"
            min={0}
            max={500000}
            step={1}
            value={Number.isNaN(subscribers) ? '' : subscribers}
            onChange={(e) => setSubscribers(e.target.valueAsNumber)}
            aria-invalid={!subscribersValid}
            data-testid="demo-subscribers"
          />
        </label>
        <button
          type="button"
          className="primary"
          disabled={!canSeed || running || !devicesValid || !subscribersValid}
          onClick={() => setConfirming(true)}
          title={canSeed ? undefined : 'Needs the workspace:admin permission'}
          data-testid="demo-seed"
        >
          {running ? 'Creating…' : 'Create demo ISP'}
        </button>
      </div>
      {(!devicesValid || !subscribersValid) && <p className="field-error">Devices: 10 to 200,000. Subscribers: 0 to 500,000.</p>}
      {error && (
        <p className="form-error" role="alert" data-testid="demo-error">
          {error}
        </p>
      )}
      {summary && (
        <p className="success" data-testid="demo-summary">
          Demo ISP created in {(summary.elapsedMs / 1000).toFixed(1)} s: {formatCount(summary.sites)} sites, {formatCount(summary.devices)} devices,{' '}
          {formatCount(summary.links)} links, {formatCount(summary.interfaces)} interfaces, {formatCount(summary.subscribers)} subscribers,{' '}
          {formatCount(summary.invoices)} invoices.
        </p>
      )}
      {confirming && (
        <ConfirmDialog
          title="Create the demo ISP?"
          confirmLabel="Replace demo tenant"
          danger
          onClose={() => setConfirming(false)}
          onConfirm={() => {
            // runs in the background; progress shows on the global bar
            void seed(devices, subscribers);
          }}
        >
          <p>
            This replaces the demo tenant of this workspace with {formatCount(devices)} devices and {formatCount(subscribers)} subscribers.
            Edits made to demo data are lost.
          </p>
        </ConfirmDialog>
      )}
    </section>
  );
}

export function SettingsPage() {
  return (
    <div className="page settings-page">
      <h1 className="page-title">Settings</h1>
      <div className="settings-grid">
        <AppInfoSection />
        <div className="settings-column">
          <ThemeSection />
          <DemoSection />
        </div>
      </div>
      <SshCredentialsSection />
    </div>
  );
}
