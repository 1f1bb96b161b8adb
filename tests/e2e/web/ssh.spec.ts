// SSH terminals in Chromium against `noc serve`, talking to the lab sshd the global setup started
// (a test user with a plain bash). What a technician does: open a device, click SSH, check and
// trust the host key on first contact, type a command and see its output, resize the window and
// see the remote PTY follow, lose the session and reconnect in the same tab with the scrollback
// kept; broadcast one line to two terminals at once, and stream megabytes into both.
//
// Setup only (an SSH key credential and a device using it) goes through the web host's WebSocket
// API from the page — the credentials UI is another screen's job; everything after that is the UI.
import fs from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { callChannel, forgetLabHostKey, labSsh } from './labSsh';

const url = () => {
  const u = process.env.NOC_E2E_URL;
  if (!u) throw new Error('NOC_E2E_URL not set: the global setup did not run');
  return u;
};

/** A key credential for the lab sshd and a device at its address that uses it. */
async function labDevice(page: Page, name: string): Promise<string> {
  const s = labSsh();
  const cred = (await callChannel(page, 'ssh.credentials.save', {
    name: `${name} key`,
    kind: 'ssh_key',
    username: s.user,
    port: s.port,
    privateKey: fs.readFileSync(s.privateKeyPath, 'utf8'),
  })) as { id: string };
  const device = (await callChannel(page, 'devices.create', { name, mgmtAddress: s.host, role: 'edge_router', vendor: 'Linux', sshProfileId: cred.id })) as {
    id: string;
  };
  return device.id;
}

/** Everything in the terminal's buffer, scrollback included (test hook of the terminal registry). */
async function screenText(page: Page, sessionId: string): Promise<string> {
  return page.evaluate((sid) => (window as { __nocTerminals?: { text(id: string): string | null } }).__nocTerminals?.text(sid) ?? '', sessionId);
}

let marker = 0;

/**
 * Types `cmd` into the focused terminal between two markers the shell computes (so the typed
 * command line never matches them) and returns the output lines between them.
 */
async function run(page: Page, sessionId: string, cmd: string): Promise<string> {
  marker += 1;
  const n = 1000 * marker;
  await page.keyboard.type(`echo "<<$((${n}+1))"; ${cmd}; echo "$((${n}+2))>>"`);
  await page.keyboard.press('Enter');
  const pattern = new RegExp(`^<<${n + 1}\\s*\\n([\\s\\S]*?)^${n + 2}>>`, 'm');
  let out = '';
  await expect.poll(async () => {
    const m = pattern.exec(await screenText(page, sessionId));
    out = m?.[1] ?? '';
    return m !== null;
  }).toBe(true);
  return out.trimEnd();
}

function size(stty: string): { rows: number; cols: number } {
  const m = /^(\d+) (\d+)$/m.exec(stty);
  if (!m) throw new Error(`stty size printed ${JSON.stringify(stty)}`);
  return { rows: Number(m[1]), cols: Number(m[2]) };
}

async function openDevice(page: Page, name: string): Promise<void> {
  await page.goto(url());
  await page.getByTestId('device-search').fill(name);
  const row = page.locator(`[data-testid="device-row"][data-device-name="${name}"]`);
  await expect(row).toBeVisible();
  await row.click();
  await expect(page.getByTestId('device-detail-name')).toHaveText(name);
}

/** The pane showing the newest tab, once its session is open; returns its session id. */
async function openPane(page: Page): Promise<{ sessionId: string; tabId: string }> {
  const pane = page.getByTestId('terminal-pane').last();
  await expect(pane).toHaveAttribute('data-state', 'open');
  const sessionId = (await pane.getAttribute('data-session-id')) ?? '';
  const tabId = (await pane.getAttribute('data-tab-id')) ?? '';
  expect(sessionId).not.toBe('');
  await pane.getByTestId('terminal-screen').click();
  return { sessionId, tabId };
}

test.describe.configure({ timeout: 90_000 });

test('SSH from a device: trust the host key, type, resize, reconnect after the session is killed', async ({ page }, info) => {
  const s = labSsh();
  const name = `e2e-ssh-${Date.now().toString(36)}`;
  await page.goto(url());
  await expect(page.getByTestId('device-row').first()).toBeVisible();
  await labDevice(page, name);
  await forgetLabHostKey(page);

  await openDevice(page, name);
  await page.screenshot({ path: info.outputPath('ssh-device.png') });
  await page.getByTestId('device-ssh').click();
  await expect(page.getByTestId('terminals-page')).toBeVisible();
  await expect(page.getByTestId('terminal-tab').last().getByTestId('terminal-tab-title')).toContainText(name);

  // first contact: the fingerprint shown is the lab server's own
  const dialog = page.getByTestId('hostkey-dialog');
  await expect(dialog).toBeVisible();
  await expect(dialog.getByTestId('hostkey-fingerprint')).toHaveText(s.hostKeyFingerprintSha256);
  await expect(dialog.getByTestId('hostkey-host')).toHaveText(`${s.host}:${s.port}`);
  await expect(dialog.getByTestId('hostkey-type')).toHaveText('ssh-ed25519');
  await page.screenshot({ path: info.outputPath('ssh-hostkey.png') });
  await dialog.getByTestId('hostkey-trust').click();
  await expect(dialog).toBeHidden();

  const { sessionId, tabId } = await openPane(page);
  await expect(page.getByTestId('terminal-tab').last().getByTestId('terminal-tab-state')).toHaveAttribute('aria-label', 'connected');
  await expect(page.getByTestId('terminal-tab').last().getByTestId('terminal-tab-legacy')).toHaveCount(0);

  // a command and its output
  const hello = await run(page, sessionId, 'echo hello-$RANDOM');
  expect(hello).toMatch(/^hello-\d+$/);
  await page.screenshot({ path: info.outputPath('ssh-hello.png') });

  // Ctrl+Shift+F: find in the scrollback
  await page.keyboard.press('Control+Shift+F');
  const search = page.getByTestId('terminal-search-input');
  await expect(search).toBeFocused();
  await search.fill(hello);
  await expect(page.getByTestId('terminal-search')).not.toContainText('no match');
  await search.fill('no-such-text-anywhere');
  await expect(page.getByTestId('terminal-search')).toContainText('no match');
  await search.press('Escape');
  await expect(page.getByTestId('terminal-search')).toBeHidden();

  // another page and back: the same terminal, its output still on screen
  await page.locator('a[href="#/devices"]').first().click();
  await expect(page.getByTestId('device-table')).toBeVisible();
  await page.locator('a[href="#/terminals"]').first().click();
  const shown = page.getByTestId('terminal-pane').last();
  await expect(shown).toHaveAttribute('data-tab-id', tabId);
  await expect(shown.locator('.xterm-rows')).toContainText(hello);
  await shown.getByTestId('terminal-screen').click();

  // the window shrinks: the remote PTY follows
  const before = size(await run(page, sessionId, 'stty size'));
  await page.setViewportSize({ width: 900, height: 560 });
  let after = before;
  await expect
    .poll(async () => {
      after = size(await run(page, sessionId, 'stty size'));
      return after.cols < before.cols && after.rows < before.rows;
    })
    .toBe(true);
  await page.screenshot({ path: info.outputPath('ssh-resized.png') });

  // the session dies on the server (its sshd process is the shell's parent)
  const pid = Number(await run(page, sessionId, 'echo $PPID'));
  expect(pid).toBeGreaterThan(1);
  process.kill(pid, 'SIGTERM');
  const bar = page.getByTestId('terminal-disconnected');
  await expect(bar).toBeVisible();
  await expect(bar).toContainText('Disconnected:');
  await page.screenshot({ path: info.outputPath('ssh-disconnected.png') });

  // Reconnect: same tab, same terminal, the earlier output still in the scrollback
  await bar.getByTestId('terminal-reconnect').click();
  const pane = page.getByTestId('terminal-pane').last();
  await expect(pane).toHaveAttribute('data-state', 'open');
  await expect(pane).toHaveAttribute('data-tab-id', tabId);
  await expect(page.getByTestId('terminal-disconnected')).toBeHidden();
  const newSession = (await pane.getAttribute('data-session-id')) ?? '';
  await pane.getByTestId('terminal-screen').click();
  const again = await run(page, newSession, 'echo again-$RANDOM');
  expect(again).toMatch(/^again-\d+$/);
  const text = await screenText(page, newSession);
  expect(text).toContain(hello);
  expect(text.indexOf(hello)).toBeLessThan(text.indexOf(again));
  await page.screenshot({ path: info.outputPath('ssh-reconnected.png') });
});

test('broadcast: one line typed into two terminals runs in both', async ({ page }, info) => {
  const name = `e2e-bc-${Date.now().toString(36)}`;
  await page.goto(url());
  await expect(page.getByTestId('device-row').first()).toBeVisible();
  await labDevice(page, name);

  // two terminals on the device: the detail panel, then the command palette
  await openDevice(page, name);
  await page.getByTestId('device-ssh').click();
  const trustIfAsked = async () => {
    const dialog = page.getByTestId('hostkey-dialog');
    const pane = page.getByTestId('terminal-pane').last();
    await expect(pane).toHaveAttribute('data-state', /open|failed/);
    if (await dialog.isVisible()) await dialog.getByTestId('hostkey-trust').click();
  };
  await trustIfAsked();
  const first = await openPane(page);

  // Ctrl+K inside a terminal belongs to the shell (kill line): open the palette from outside it
  await page.getByRole('heading', { name: 'Terminals' }).click();
  await page.keyboard.press('Control+k');
  await page.getByTestId('palette-input').fill(name);
  const sshItem = page.locator('[data-testid="palette-item"][data-kind="ssh"]').first();
  await expect(sshItem).toContainText(`SSH to ${name}`);
  await sshItem.click();
  await expect(page.getByTestId('terminal-tab')).toHaveCount(2);
  await trustIfAsked();
  const second = await openPane(page);
  expect(second.sessionId).not.toBe(first.sessionId);

  // both join the broadcast set: the banner says so
  for (const tab of await page.getByTestId('terminal-tab').all()) await tab.getByTestId('terminal-tab-broadcast').click();
  await expect(page.getByTestId('broadcast-banner')).toBeVisible();
  await expect(page.getByTestId('broadcast-banner')).toContainText('all 2');

  // split to see both, type once in the second
  await page.getByTestId('terminal-split').click();
  await expect(page.getByTestId('terminal-pane')).toHaveCount(2);
  await page.locator(`[data-testid="terminal-pane"][data-session-id="${second.sessionId}"]`).getByTestId('terminal-screen').click();
  const out = await run(page, second.sessionId, 'echo bc-$((6*7))-$$');
  expect(out).toMatch(/^bc-42-\d+$/);
  // the first terminal ran it too, in its own shell (another $$)
  await expect.poll(async () => /^bc-42-(\d+)$/m.exec(await screenText(page, first.sessionId))?.[1] ?? '').toMatch(/^\d+$/);
  const firstPid = /^bc-42-(\d+)$/m.exec(await screenText(page, first.sessionId))?.[1];
  expect(`bc-42-${firstPid}`).not.toBe(out);
  await page.screenshot({ path: info.outputPath('ssh-broadcast.png') });

  // about 2 MB at once into both: more than main sends unacknowledged (1 MiB), so this only
  // completes if the terminals acknowledge what they have drawn
  await page.keyboard.type('seq 1 300000; echo "done-$((40+2))"');
  await page.keyboard.press('Enter');
  for (const sid of [first.sessionId, second.sessionId]) {
    await expect.poll(async () => /^300000\n(?:.*\n)?done-42$/m.test(await screenText(page, sid)), { timeout: 60_000 }).toBe(true);
  }
});

test('highlighting rules: an invalid pattern is skipped with the reason, and the rules are kept', async ({ page }) => {
  await page.goto(`${url()}#/terminals`);
  await expect(page.getByTestId('terminals-page')).toBeVisible();
  await page.getByTestId('highlight-settings-toggle').click();
  const settings = page.getByTestId('highlight-settings');
  await expect(settings.getByTestId('highlight-rule')).toHaveCount(3);
  await settings.getByRole('button', { name: 'Add rule' }).click();
  const added = settings.getByTestId('highlight-rule').last();
  await added.getByLabel('Pattern').fill('(unclosed');
  await expect(added.getByRole('alert')).toContainText('Skipped:');
  await added.getByLabel('Pattern').fill('\\bwarn\\b');
  await expect(added.getByRole('alert')).toHaveCount(0);

  await page.reload();
  await page.getByTestId('highlight-settings-toggle').click();
  await expect(settings.getByTestId('highlight-rule')).toHaveCount(4);
  await expect(settings.getByTestId('highlight-rule').last().getByLabel('Pattern')).toHaveValue('\\bwarn\\b');
  await settings.getByRole('button', { name: 'Reset to defaults' }).click();
  await expect(settings.getByTestId('highlight-rule')).toHaveCount(3);
});
