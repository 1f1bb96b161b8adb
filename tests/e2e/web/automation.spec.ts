// SSH credentials, automation and config backup in Chromium against `noc serve`, talking to the
// lab sshd the global setup started. What a senior technician does: save a key credential in
// Settings (and never see the key again), give a device that profile, run a command on it and
// read its output, back up its configuration twice with a change in between and read the diff,
// and find the server's fingerprint among the known hosts. Then a configuration template:
// render it for a device, see what is missing and the diff against its last backup, push it after
// the confirmation, and find the new configuration on the device.
//
// Setup only: trusting the lab's host key (an `ssh.exec` naming the fingerprint the lab reports,
// as a user does in the terminal's first-contact dialog) goes through the web host's WebSocket
// API from the page; so does the device's SSH profile if the device form has no picker for it, and
// the template test's credential, device and first backup (the screens for those are covered above).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { callChannel as call, labSsh as lab } from './labSsh';

const url = () => {
  const u = process.env.NOC_E2E_URL;
  if (!u) throw new Error('NOC_E2E_URL not set: the global setup did not run');
  return u;
};

/** A lab "device configuration" the backup command prints; the spec edits it between backups. */
const CONFIG_V1 = ['hostname lab-edge', 'interface eth0', ' description uplink', ' mtu 1500', 'ntp server 192.0.2.1', ''].join('\n');
const CONFIG_V2 = ['hostname lab-edge', 'interface eth0', ' description uplink', ' mtu 9000', 'ntp server 192.0.2.1', 'snmp-server community noc-e2e', ''].join('\n');

let configDir = '';

test.beforeAll(() => {
  // readable by the lab's unprivileged ssh user
  configDir = fs.mkdtempSync(path.join(os.tmpdir(), 'noc-e2e-config-'));
  fs.chmodSync(configDir, 0o755);
  fs.writeFileSync(path.join(configDir, 'running.conf'), CONFIG_V1, { mode: 0o644 });
  // the template push rewrites this one as the lab user
  fs.writeFileSync(path.join(configDir, 'pushed.conf'), CONFIG_V1);
  fs.chmodSync(path.join(configDir, 'pushed.conf'), 0o666);
});

test.afterAll(() => {
  if (configDir) fs.rmSync(configDir, { recursive: true, force: true });
});

test.describe.configure({ timeout: 120_000 });

test('a key credential from Settings runs a command on a device, backs its config up twice and shows the diff', async ({ page }, info) => {
  const s = lab();
  const stamp = Date.now() % 1_000_000;
  const credName = `e2e-auto-key-${stamp}`;
  const deviceName = `e2e-auto-${stamp}`;
  const key = fs.readFileSync(s.privateKeyPath, 'utf8');
  // a line from the middle of the key: unique to it (the first lines are the same in every OpenSSH key)
  const keyLines = key.trim().split('\n');
  const keyProbe = keyLines[Math.floor(keyLines.length / 2)] ?? '';
  expect(keyProbe.length).toBeGreaterThan(20);

  // everything the host sends to this page, to prove the key never comes back
  const received: string[] = [];
  page.on('websocket', (ws) => ws.on('framereceived', (f) => received.push(typeof f.payload === 'string' ? f.payload : f.payload.toString('utf8'))));

  // ── the credential, through the Settings UI ──
  await page.goto(`${url()}#/settings`);
  await page.getByTestId('ssh-cred-new').click();
  const dialog = page.getByTestId('ssh-cred-dialog');
  await expect(dialog).toBeVisible();
  await page.getByTestId('ssh-cred-name').fill(credName);
  await page.getByTestId('ssh-cred-kind-key').click();
  await page.getByTestId('ssh-cred-username').fill(s.user);
  await page.getByTestId('ssh-cred-port').fill(String(s.port));
  await page.getByTestId('ssh-cred-backupCommand').fill(`cat ${configDir}/running.conf`);
  // no key yet: the host refuses, and says so beside the key field; what was typed stays
  await page.getByTestId('ssh-cred-submit').click();
  await expect(page.getByTestId('ssh-cred-privateKey-error')).toBeVisible();
  await expect(page.getByTestId('ssh-cred-name')).toHaveValue(credName);
  await expect(page.getByTestId('ssh-cred-port')).toHaveValue(String(s.port));
  await page.screenshot({ path: info.outputPath('credential-refused.png') });
  await page.getByTestId('ssh-cred-privateKey').fill(key);
  await page.getByTestId('ssh-cred-submit').click();
  await expect(dialog).toBeHidden();

  const credRow = page.locator(`[data-testid="ssh-cred-row"][data-name="${credName}"]`);
  await expect(credRow).toBeVisible();
  await expect(credRow).toContainText(s.user);
  await expect(credRow).toContainText(String(s.port));
  await expect(credRow).toContainText(`cat ${configDir}/running.conf`);
  await expect(credRow.getByTestId('ssh-cred-secrets')).toContainText('private key stored');
  const credId = await credRow.getAttribute('data-id');
  expect(credId).toBeTruthy();
  // editing shows that a key is stored, not the key
  await credRow.getByTestId('ssh-cred-edit').click();
  await expect(page.getByTestId('ssh-cred-privateKey-stored')).toBeVisible();
  await expect(page.getByTestId('ssh-cred-privateKey')).toHaveValue('');
  await page.screenshot({ path: info.outputPath('credential-edit.png') });
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.locator('body')).not.toContainText(keyProbe);
  await expect(page.locator('body')).not.toContainText('PRIVATE KEY-----');

  // ── a device at the lab's address using that profile ──
  await page.goto(url());
  await page.getByTestId('add-device').click();
  await expect(page.getByTestId('device-form')).toBeVisible();
  await page.getByTestId('field-name').fill(deviceName);
  await page.getByTestId('field-mgmtAddress').fill(s.host);
  await page.getByTestId('field-vendor').fill('Linux');
  const picker = page.getByTestId('field-sshProfile');
  const hasPicker = (await picker.count()) > 0;
  if (hasPicker) await picker.selectOption(credId ?? '');
  await page.getByTestId('device-form-submit').click();
  await expect(page.getByTestId('device-form')).toBeHidden();
  const found = (await call(page, 'devices.list', { search: deviceName, limit: 5 })) as { items: { id: string; name: string; version: number; sshProfileId: string | null }[] };
  const device = found.items.find((d) => d.name === deviceName);
  if (!device) throw new Error('the device just added is not in the inventory');
  if (!hasPicker) await call(page, 'devices.update', { id: device.id, baseVersion: device.version, patch: { sshProfileId: credId } });
  else expect(device.sshProfileId).toBe(credId);
  // setup: trust the lab's host key, as a user does on first contact
  await call(page, 'ssh.exec', { target: { deviceId: device.id }, command: 'true', trustFingerprint: s.hostKeyFingerprintSha256 });

  // ── Run: preview, confirm, read the device's panel ──
  await page.goto(`${url()}#/automation`);
  await expect(page.getByTestId('automation-page')).toBeVisible();
  await page.getByTestId('run-device-search').fill(deviceName);
  await page.locator(`[data-testid="run-device-search-option"][data-device-name="${deviceName}"]`).click();
  await expect(page.locator(`[data-testid="run-device-search-chosen"][data-device-name="${deviceName}"]`)).toBeVisible();
  const command = 'echo run-$((6*7))';
  await page.getByTestId('run-command').fill(command);
  await expect(page.getByTestId('run-start')).toBeDisabled(); // preview first
  await page.getByTestId('run-preview-button').click();
  await expect(page.getByTestId('run-preview-command')).toHaveText(command);
  const target = page.locator(`[data-testid="run-preview-target"][data-device-name="${deviceName}"]`);
  await expect(target).toHaveAttribute('data-problem', '');
  await expect(target).toContainText(`${s.host}:${s.port}`);
  await page.getByTestId('run-start').click();
  await expect(page.getByTestId('run-confirm-command')).toHaveText(command);
  await page.getByTestId('confirm-ok').click();
  const panel = page.locator(`[data-testid="run-panel"][data-device-name="${deviceName}"]`);
  await expect(panel).toHaveAttribute('data-state', 'ok');
  await expect(panel).toHaveAttribute('data-exit-code', '0');
  await expect(panel.getByTestId('run-panel-stdout')).toHaveText(/^run-42\s*$/);
  await expect(page.getByTestId('run-results')).toHaveAttribute('data-state', 'finished');
  const runId = await page.getByTestId('run-results').getAttribute('data-run-id');
  await expect(page.locator(`[data-testid="run-recent-item"][data-run-id="${runId}"]`)).toBeVisible();
  await page.screenshot({ path: info.outputPath('run-output.png') });

  // ── Config backups: back up, change the config, back up again, read the diff ──
  await page.getByTestId('auto-tab-backups').click();
  await page.getByTestId('backup-device-search').fill(deviceName);
  await page.locator(`[data-testid="backup-device-search-option"][data-device-name="${deviceName}"]`).click();
  await page.getByTestId('backup-run').click();
  const backupRow = page.locator(`[data-testid="backup-row"][data-device-name="${deviceName}"]`);
  await expect(backupRow).toBeVisible();
  await expect(backupRow.getByTestId('backup-changed')).toHaveCount(0);

  fs.writeFileSync(path.join(configDir, 'running.conf'), CONFIG_V2);
  await backupRow.getByTestId('backup-select').check();
  await page.getByTestId('backup-run').click();
  await expect(backupRow).toHaveAttribute('data-changed', 'true');
  await expect(backupRow.getByTestId('backup-changed')).toBeVisible();

  await backupRow.getByTestId('backup-open').click();
  const versions = page.locator(`[data-testid="backup-versions"][data-device-name="${deviceName}"]`);
  await expect(versions.getByTestId('backup-version')).toHaveCount(2);
  await versions.getByTestId('backup-version').first().getByTestId('backup-version-diff-previous').click();
  const diff = page.getByTestId('backup-diff');
  await expect(diff).toBeVisible();
  await expect(diff).toHaveAttribute('data-added', '2');
  await expect(diff).toHaveAttribute('data-removed', '1');
  await expect(diff.locator('[data-testid="backup-diff-line"][data-kind="del"]')).toHaveText(['- mtu 1500']);
  await expect(diff.locator('[data-testid="backup-diff-line"][data-kind="add"]')).toHaveText(['+ mtu 9000', '+snmp-server community <redacted>']);
  // backups are synced: the community string itself is never stored
  await expect(diff).not.toContainText('noc-e2e');
  await page.screenshot({ path: info.outputPath('backup-diff.png') });

  // the full text of the older version
  await versions.getByTestId('backup-version').last().getByTestId('backup-version-view').click();
  await expect(page.getByTestId('backup-content-text')).toContainText('mtu 1500');
  await expect(page.getByTestId('backup-content-text')).not.toContainText('mtu 9000');

  // ── Known hosts: the lab's fingerprint ──
  await page.goto(`${url()}#/settings`);
  const known = page.locator(`[data-testid="known-host-row"][data-host="${s.host}"][data-port="${s.port}"]`);
  await expect(known.getByTestId('known-host-fingerprint')).toHaveText(s.hostKeyFingerprintSha256);
  await page.getByTestId('known-hosts-filter').fill(String(s.port));
  await expect(known).toBeVisible();
  await page.screenshot({ path: info.outputPath('known-hosts.png') });

  // the key went to the host once and never came back: not in any frame the page received
  expect(received.length).toBeGreaterThan(0);
  for (const frame of received) {
    expect(frame).not.toContain(keyProbe);
    expect(frame).not.toContain('PRIVATE KEY');
  }
});

test('a template renders for a device with its variables, shows the diff against the last backup, and is pushed after confirmation', async ({ page }, info) => {
  const s = lab();
  const stamp = Date.now() % 1_000_000;
  const deviceName = `e2e-tpl-${stamp}`;
  const templateName = `e2e-mtu-${stamp}`;
  const file = path.join(configDir, 'pushed.conf');

  // setup: a credential whose backup prints pushed.conf, a device using it, its host key trusted, a first backup
  await page.goto(url());
  const cred = (await call(page, 'ssh.credentials.save', {
    name: `${deviceName} key`,
    kind: 'ssh_key',
    username: s.user,
    port: s.port,
    privateKey: fs.readFileSync(s.privateKeyPath, 'utf8'),
    backupCommand: `cat ${file}`,
  })) as { id: string };
  const device = (await call(page, 'devices.create', { name: deviceName, mgmtAddress: s.host, role: 'server', vendor: 'Linux', sshProfileId: cred.id })) as { id: string };
  await call(page, 'ssh.exec', { target: { deviceId: device.id }, command: 'true', trustFingerprint: s.hostKeyFingerprintSha256 });
  await call(page, 'ssh.backup.run', { deviceIds: [device.id] });

  // the template: a script that rewrites the lab's config file (a Linux "device" reads pushed lines as a script)
  await page.goto(`${url()}#/automation`);
  await page.getByTestId('auto-tab-templates').click();
  await page.getByTestId('template-new').click();
  await page.getByTestId('template-name').fill(templateName);
  await page.getByTestId('template-vendor').fill('linux');
  const body = [`cat > ${file} <<'CONF'`, 'hostname {{device.name}}', 'interface eth0', ' description uplink', ' mtu {{vars.mtu}}', 'ntp server 192.0.2.1', 'CONF'].join('\n');
  await page.getByTestId('template-body').fill(body);
  await expect(page.getByTestId('template-variable')).toHaveText(['device.name', 'vars.mtu']);
  await page.getByTestId('template-save').click();
  await expect(page.locator(`[data-testid="template-item"][data-name="${templateName}"]`)).toBeVisible();

  // render for the device: without vars.mtu it is missing and nothing can be pushed
  const render = page.getByTestId('template-render');
  await render.getByTestId('template-device').fill(deviceName);
  await page.locator(`[data-testid="template-device-option"][data-device-name="${deviceName}"]`).click();
  await page.getByTestId('template-render-button').click();
  await expect(page.getByTestId('template-missing')).toContainText('vars.mtu');
  await expect(page.getByTestId('template-push')).toBeDisabled();
  await page.locator('[data-testid="template-var"][data-name="mtu"]').fill('9100');
  await expect(page.getByTestId('template-rendered')).toHaveAttribute('data-stale', 'true');
  await page.getByTestId('template-render-button').click();
  await expect(page.getByTestId('template-rendered')).toHaveAttribute('data-stale', 'false');
  await expect(page.getByTestId('template-missing')).toHaveCount(0);
  await expect(page.getByTestId('template-rendered-text')).toContainText(`hostname ${deviceName}`);
  await expect(page.getByTestId('template-rendered-text')).toContainText(' mtu 9100');
  // the diff against the first backup (CONFIG_V1) is there, with the old mtu removed
  await expect(page.getByTestId('template-diff')).toBeVisible();
  await expect(page.locator('[data-testid="template-diff-line"][data-kind="del"]').filter({ hasText: 'mtu 1500' })).toHaveCount(1);
  await page.screenshot({ path: info.outputPath('template-render.png') });

  // push: the confirmation names the device and shows the exact text
  await page.getByTestId('template-push').click();
  await expect(page.getByTestId('confirm-dialog')).toContainText(deviceName);
  await expect(page.getByTestId('template-push-text')).toContainText(' mtu 9100');
  await page.getByTestId('confirm-ok').click();
  await expect(page.getByTestId('template-pushed')).toHaveAttribute('data-exit-code', '0');
  await expect(page.getByTestId('template-backup-after')).toContainText('the configuration changed');
  // the device really has the new configuration
  const now = fs.readFileSync(file, 'utf8');
  expect(now).toContain(`hostname ${deviceName}`);
  expect(now).toContain(' mtu 9100');
  await page.screenshot({ path: info.outputPath('template-pushed.png') });
});
