// The RADIUS page in Chromium against `noc serve`, talking to the lab FreeRADIUS the global setup
// started: what a technician does when a subscriber cannot log in — send an Access-Request to the
// server by hand, read the Access-Accept and its attributes, see a wrong password rejected and a
// wrong shared secret explained, keep the server as a profile, simulate a whole session, stop a
// runaway load test, and reopen a past reply from the history.
import { expect, test, type Page } from '@playwright/test';

interface LabRadius {
  host: string;
  authPort: number;
  acctPort: number;
  coaPort: number;
  secret: string;
  user: string;
  password: string;
  replyMessage: string;
  /** Present once the lab puts Mikrotik-Rate-Limit into the user's Access-Accept. */
  rateLimit?: string;
  /** CoA/Disconnect naming this user get a NAK (once the lab supports it). */
  nakUser?: string;
}

const url = () => {
  const u = process.env.NOC_E2E_URL;
  if (!u) throw new Error('NOC_E2E_URL not set: the global setup did not run');
  return u;
};

function lab(): LabRadius {
  const raw = process.env.NOC_E2E_RADIUS;
  if (!raw) throw new Error(`the lab FreeRADIUS did not start: ${process.env.NOC_E2E_RADIUS_ERROR ?? 'NOC_E2E_RADIUS not set'}`);
  return JSON.parse(raw) as LabRadius;
}

async function openRadius(page: Page): Promise<void> {
  await page.goto(`${url()}#/radius`);
  await expect(page.getByTestId('radius-page')).toBeVisible();
}

/** The ad-hoc target as a technician types it, with a short timeout so a silent server answers fast. */
async function typeServer(page: Page, r: LabRadius, secret = r.secret): Promise<void> {
  await page.getByTestId('radius-profile').selectOption('');
  await page.getByTestId('radius-host').fill(r.host);
  await page.getByTestId('radius-port').fill(String(r.authPort));
  await page.getByTestId('radius-acct-port').fill(String(r.acctPort));
  await page.getByTestId('radius-coa-port').fill(String(r.coaPort));
  await page.getByTestId('radius-secret').fill(secret);
  await page.getByTestId('radius-timeout').fill('700');
  await page.getByTestId('radius-retries').fill('1');
}

async function send(page: Page): Promise<void> {
  await page.getByTestId('radius-send').click();
  await expect(page.getByTestId('radius-reply-card')).toHaveAttribute('data-state', 'replied');
}

test.describe.configure({ timeout: 30_000 });

test('PAP Access-Request to the lab FreeRADIUS shows Access-Accept with its attributes', async ({ page }, info) => {
  const r = lab();
  await openRadius(page);
  await expect(page.getByTestId('radius-tab-auth')).toHaveAttribute('aria-selected', 'true');
  await typeServer(page, r);
  await page.getByTestId('radius-user').fill(r.user);
  await page.getByTestId('radius-password').fill(r.password);
  await page.getByTestId('radius-method').selectOption('pap');

  // an extra attribute picked from the dictionary's autocomplete
  const names = page.getByTestId('radius-attr-name');
  await names.last().fill('Calling-Station');
  await page.locator('[data-testid="radius-attr-option"][data-name="Calling-Station-Id"]').click();
  await expect(names.last()).toHaveValue('Calling-Station-Id');
  await page.getByTestId('radius-attr-value').last().fill('AA-BB-CC-00-11-22');
  await expect(page.getByTestId('radius-attr-type').last()).toContainText('string');

  await send(page);
  await expect(page.getByTestId('radius-reply-code')).toHaveAttribute('data-code', 'Access-Accept');
  await expect(page.getByTestId('radius-reply-code')).toHaveText('Access-Accept');
  await expect(page.locator('[data-testid="radius-reply-attr"][data-name="Reply-Message"]')).toContainText(r.replyMessage);
  if (r.rateLimit) {
    await expect(page.locator('[data-testid="radius-reply-attr"][data-name="Mikrotik-Rate-Limit"]')).toHaveAttribute('data-value', r.rateLimit);
  }
  await expect(page.getByTestId('radius-reply-rtt')).toContainText(/ms|s/);
  // Debian's FreeRADIUS 3.2.1 signs nothing: the BlastRADIUS warning must say so
  const ma = page.getByTestId('radius-reply-ma');
  await expect(ma).toHaveAttribute('data-state', /valid|missing/);
  if ((await ma.getAttribute('data-state')) === 'missing') await expect(ma).toContainText('BlastRADIUS');
  // the request as sent: our attribute, the password masked
  await page.getByTestId('radius-request').locator('summary').click();
  await expect(page.locator('[data-testid="radius-request-attr"][data-name="Calling-Station-Id"]')).toContainText('AA-BB-CC-00-11-22');
  await expect(page.getByTestId('radius-request')).not.toContainText(r.password);
  await page.screenshot({ path: info.outputPath('radius-accept.png') });

  // CHAP and MS-CHAPv2 against the same user
  for (const method of ['chap', 'mschapv2']) {
    await page.getByTestId('radius-method').selectOption(method);
    await send(page);
    await expect(page.getByTestId('radius-reply-code')).toHaveAttribute('data-code', 'Access-Accept');
  }

  // the last reply, reopened from the history: newest row first, its stored reply in the same panel
  const runId = await page.getByTestId('radius-reply').getAttribute('data-run-id');
  expect(runId).toBeTruthy();
  await page.getByTestId('radius-tab-history').click();
  const newest = page.getByTestId('radius-history-row').first();
  await expect(newest).toHaveAttribute('data-run-id', runId ?? '');
  await expect(newest).toHaveAttribute('data-kind', 'auth');
  await newest.click();
  const detail = page.getByTestId('radius-history-detail');
  await expect(detail).toHaveAttribute('data-state', 'ready');
  await expect(detail).toHaveAttribute('data-run-id', runId ?? '');
  await expect(detail.getByTestId('radius-history-detail-body')).toHaveAttribute('data-view', 'reply');
  await expect(detail.getByTestId('radius-reply-code')).toHaveAttribute('data-code', 'Access-Accept');
  await expect(detail.locator('[data-testid="radius-reply-attr"][data-name="Reply-Message"]')).toContainText(r.replyMessage);
  await expect(detail.getByTestId('radius-request')).not.toContainText(r.password);
  await page.screenshot({ path: info.outputPath('radius-history-detail.png') });
});

test('a wrong password is rejected; a wrong shared secret gets no reply and the hint', async ({ page }, info) => {
  const r = lab();
  await openRadius(page);
  await typeServer(page, r);
  await page.getByTestId('radius-user').fill(r.user);
  await page.getByTestId('radius-password').fill(`${r.password}x`);
  await send(page);
  await expect(page.getByTestId('radius-reply-code')).toHaveAttribute('data-code', 'Access-Reject');
  await expect(page.getByTestId('radius-reply')).toHaveClass(/tone-reject/);
  await page.screenshot({ path: info.outputPath('radius-reject.png') });

  await page.getByTestId('radius-password').fill(r.password);
  await page.getByTestId('radius-secret').fill(`${r.secret}-wrong`);
  await page.getByTestId('radius-timeout').fill('400');
  await page.getByTestId('radius-retries').fill('0');
  await send(page);
  await expect(page.getByTestId('radius-reply-code')).toHaveAttribute('data-outcome', 'no-reply');
  await expect(page.getByTestId('radius-reply-hint')).toBeVisible();
  await expect(page.getByTestId('radius-reply-hint')).toContainText(/secret/i);
  await page.screenshot({ path: info.outputPath('radius-no-reply.png') });
});

test('mistakes are shown beside the form and nothing typed is lost', async ({ page }) => {
  const r = lab();
  await openRadius(page);
  await typeServer(page, r);
  await page.getByTestId('radius-user').fill(r.user);
  await page.getByTestId('radius-password').fill(r.password);
  // caught here: an IPv4 attribute that is not an address
  await page.getByTestId('radius-attr-name').last().fill('Framed-IP-Address');
  await page.getByTestId('radius-attr-value').last().fill('not-an-ip');
  await expect(page.getByTestId('radius-attr-error').last()).toContainText('IPv4');
  await page.getByTestId('radius-send').click();
  await expect(page.getByTestId('radius-error')).toBeVisible();
  await expect(page.getByTestId('radius-reply-card')).toHaveAttribute('data-state', 'idle');

  // refused by the host: a name no dictionary knows
  await page.getByTestId('radius-attr-value').last().fill('192.0.2.7');
  await page.getByTestId('radius-attr-name').last().fill('No-Such-Attribute');
  await page.getByTestId('radius-send').click();
  await expect(page.getByTestId('radius-error')).toContainText(/No-Such-Attribute|unknown attribute/i);
  await expect(page.getByTestId('radius-attr-error').last()).toContainText(/unknown attribute/i);
  await expect(page.getByTestId('radius-host')).toHaveValue(r.host);
  await expect(page.getByTestId('radius-user')).toHaveValue(r.user);
  await expect(page.getByTestId('radius-attr-name').last()).toHaveValue('No-Such-Attribute');
});

test('a saved profile survives a reload and never shows its secret; accounting and a simulated session go through it', async ({ page }, info) => {
  const r = lab();
  const name = `lab-radius-${Date.now() % 100000}`;
  await openRadius(page);
  await typeServer(page, r);
  await page.getByTestId('radius-profile-save-as').click();
  await expect(page.getByTestId('radius-profile-form')).toBeVisible();
  await page.getByTestId('radius-profile-field-name').fill(name);
  await page.getByTestId('radius-profile-submit').click();
  await expect(page.getByTestId('radius-profile-form')).toBeHidden();
  await expect(page.getByTestId('radius-profile-secret-state')).toHaveAttribute('data-has-secret', 'true');

  await page.reload();
  await expect(page.getByTestId('radius-page')).toBeVisible();
  const option = page.getByTestId('radius-profile').locator('option', { hasText: name });
  await expect(option).toHaveCount(1);
  await page.getByTestId('radius-profile').selectOption({ label: (await option.textContent()) ?? name });
  await expect(page.getByTestId('radius-profile-summary')).toContainText(String(r.authPort));
  await page.getByTestId('radius-profile-edit').click();
  await expect(page.getByTestId('radius-profile-field-secret')).toHaveValue('');
  await expect(page.getByTestId('radius-profile-field-authPort')).toHaveValue(String(r.authPort));
  expect(await page.content()).not.toContain(r.secret);
  await page.screenshot({ path: info.outputPath('radius-profile-edit.png') });
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('radius-profile-form')).toBeHidden();

  // an Access-Request through the profile (secret from the vault)
  await page.getByTestId('radius-user').fill(r.user);
  await page.getByTestId('radius-password').fill(r.password);
  await send(page);
  await expect(page.getByTestId('radius-reply-code')).toHaveAttribute('data-code', 'Access-Accept');

  // accounting start on the profile's accounting port
  await page.getByTestId('radius-tab-acct').click();
  await page.getByTestId('radius-acct-type').selectOption('start');
  await page.getByTestId('radius-acct-session-new').click();
  await send(page);
  await expect(page.getByTestId('radius-reply-code')).toHaveAttribute('data-code', 'Accounting-Response');

  // a whole session: Access, Start, 2 interims, Stop, filled in live
  await page.getByTestId('radius-tab-session').click();
  await page.getByTestId('radius-session-interims').fill('2');
  await page.getByTestId('radius-session-interval').fill('0.3');
  await page.getByTestId('radius-session-start').click();
  const steps = page.getByTestId('radius-session-step');
  await expect(page.getByTestId('radius-session-summary')).toHaveAttribute('data-completed', 'true');
  await expect(steps).toHaveCount(5);
  await expect(steps.first()).toHaveAttribute('data-code', 'Access-Accept');
  await expect(steps.last()).toHaveAttribute('data-step', 'stop');
  await expect(steps.last()).toHaveAttribute('data-code', 'Accounting-Response');
  const acctSessionId = ((await page.getByTestId('radius-session-acct-id').textContent()) ?? '').trim();
  expect(acctSessionId).not.toBe('');
  await page.screenshot({ path: info.outputPath('radius-session.png') });

  // all of it in the history
  await page.getByTestId('radius-tab-history').click();
  await expect(page.locator('[data-testid="radius-history-row"][data-kind="session"]').first()).toBeVisible();
  await expect(page.locator('[data-testid="radius-history-row"][data-kind="acct"]').first()).toBeVisible();
  await expect(page.locator('[data-testid="radius-history-row"][data-kind="auth"]').first()).toBeVisible();
  // the session's detail: its Acct-Session-Id and every packet
  await page.locator('[data-testid="radius-history-row"][data-kind="session"]').first().click();
  const detail = page.getByTestId('radius-history-detail');
  await expect(detail).toHaveAttribute('data-state', 'ready');
  await expect(detail.getByTestId('radius-history-detail-body')).toHaveAttribute('data-view', 'session');
  await expect(detail).toContainText(acctSessionId);
  await expect(detail.locator('tr[data-step]')).toHaveCount(5);
  await page.screenshot({ path: info.outputPath('radius-history-session.png') });

  // clean up so a rerun against the same workspace starts from the same state
  await page.getByTestId('radius-tab-auth').click();
  await page.getByTestId('radius-profile-delete').click();
  await page.getByTestId('confirm-ok').click();
  await expect(page.getByTestId('radius-profile').locator('option', { hasText: name })).toHaveCount(0);
});

test('CoA and Disconnect go to the NAS port and show ACK or NAK', async ({ page }) => {
  const r = lab();
  await openRadius(page);
  test.skip(!(await page.getByTestId('radius-tab-dynauth').isEnabled()), 'this role may not send CoA (radius:coa)');
  await page.getByTestId('radius-tab-dynauth').click();
  await typeServer(page, r);
  await page.getByTestId('radius-dynauth-coa').click();
  const userName = page.locator('[data-testid="radius-attr-row"][data-name="User-Name"]').getByTestId('radius-attr-value');
  await userName.fill(r.user);
  await send(page);
  await expect(page.getByTestId('radius-reply-code')).toHaveAttribute('data-code', 'CoA-ACK');
  if (r.nakUser) {
    await page.getByTestId('radius-dynauth-disconnect').click();
    await userName.fill(r.nakUser);
    await send(page);
    await expect(page.getByTestId('radius-reply-code')).toHaveAttribute('data-code', 'Disconnect-NAK');
  }
});

test('Status-Server answers, and a small load test reports its numbers', async ({ page }, info) => {
  const r = lab();
  await openRadius(page);
  await page.getByTestId('radius-tab-status').click();
  await typeServer(page, r);
  await send(page);
  // RFC 5997: the auth port answers Status-Server with Access-Accept
  await expect(page.getByTestId('radius-reply-code')).toHaveAttribute('data-code', 'Access-Accept');
  await expect(page.getByTestId('radius-reply-ma')).toHaveAttribute('data-state', /valid|missing/);

  await page.getByTestId('radius-tab-load').click();
  await page.getByTestId('radius-load-kind').selectOption('auth');
  await page.getByTestId('radius-user').fill(r.user);
  await page.getByTestId('radius-password').fill(r.password);
  await page.getByTestId('radius-load-count').fill('300');
  await page.getByTestId('radius-load-concurrency').fill('20');
  await page.getByTestId('radius-load-start').click();
  await expect(page.getByTestId('radius-load-stats')).toBeVisible();
  await expect(page.locator('[data-testid="radius-load-stat"][data-stat="sent"] .stat-value')).toHaveText('300');
  await expect(page.locator('[data-testid="radius-load-stat"][data-stat="accepts"] .stat-value')).toHaveText('300');
  expect(Number((await page.getByTestId('radius-load-rps').textContent())?.replace(/\D/g, ''))).toBeGreaterThan(0);
  await page.screenshot({ path: info.outputPath('radius-load.png') });
});

test('a load test far too big to finish stops on request and shows its partial numbers', async ({ page }, info) => {
  const r = lab();
  const count = 2_000_000;
  await openRadius(page);
  await page.getByTestId('radius-tab-load').click();
  await typeServer(page, r);
  await page.getByTestId('radius-load-kind').selectOption('auth');
  await page.getByTestId('radius-user').fill(r.user);
  await page.getByTestId('radius-password').fill(r.password);
  await page.getByTestId('radius-method').selectOption('pap');
  await page.getByTestId('radius-load-count').fill(String(count));
  await page.getByTestId('radius-load-concurrency').fill('8');
  await page.getByTestId('radius-load-rate').fill('');
  const stop = page.getByTestId('radius-load-stop');
  await expect(stop).toBeDisabled();
  await page.getByTestId('radius-load-start').click();
  await expect(stop).toBeEnabled();
  await page.waitForTimeout(1000);
  await stop.click();

  const stats = page.getByTestId('radius-load-stats');
  await expect(stats).toBeVisible({ timeout: 10_000 });
  await expect(stats).toHaveAttribute('data-stopped', 'true');
  await expect(page.getByTestId('radius-load-stopped')).toContainText('stopped');
  const stat = async (id: string) => Number(((await page.locator(`[data-testid="radius-load-stat"][data-stat="${id}"] .stat-value`).textContent()) ?? '').replace(/\D/g, ''));
  const sent = await stat('sent');
  expect(sent).toBeGreaterThan(0);
  expect(sent).toBeLessThan(count);
  expect(await stat('accepts')).toBeGreaterThan(0);
  await expect(stop).toBeDisabled();
  await expect(page.getByTestId('radius-load-start')).toBeEnabled();
  await page.screenshot({ path: info.outputPath('radius-load-stopped.png') });

  // the history keeps it as a stopped run, its numbers one click away
  await page.getByTestId('radius-tab-history').click();
  const row = page.getByTestId('radius-history-row').first();
  await expect(row).toHaveAttribute('data-kind', 'load');
  await expect(row).toHaveAttribute('data-outcome', 'stopped');
  await row.click();
  const detail = page.getByTestId('radius-history-detail');
  await expect(detail).toHaveAttribute('data-state', 'ready');
  await expect(detail.getByTestId('radius-history-detail-body')).toHaveAttribute('data-view', 'load');
  await expect(detail.locator('[data-testid="radius-load-stat"][data-stat="sent"] .stat-value')).toBeVisible();
  expect(await stat('sent')).toBe(sent);
});

test('a NAS device opens the RADIUS page prefilled', async ({ page }) => {
  await page.goto(url());
  await page.getByTestId('filter-role').selectOption('bng');
  const row = page.getByTestId('device-row').first();
  await expect(row).toBeVisible();
  await row.click();
  await expect(page.getByTestId('device-detail')).toBeVisible();
  const address = (await page.getByTestId('device-detail').locator('.detail-address').textContent())?.trim() ?? '';
  const deviceName = ((await page.getByTestId('device-detail-name').textContent()) ?? '').trim();
  await page.getByTestId('device-test-radius').click();
  await expect(page.getByTestId('radius-page')).toBeVisible();
  await expect(page.getByTestId('radius-prefill')).toHaveAttribute('data-state', 'ready');
  await expect(page.getByTestId('radius-prefill')).toHaveAttribute('data-source', 'device');
  await expect(page.getByTestId('radius-host')).toHaveValue(address);
  // the parameter is consumed: a reload keeps what was typed since instead of prefilling again
  expect(page.url()).toMatch(/#\/radius$/);
  // "Save as profile" links the NAS the page was prefilled from (left unsaved)
  await page.getByTestId('radius-profile-save-as').click();
  await expect(page.getByTestId('radius-profile-form')).toBeVisible();
  await expect(page.getByTestId('radius-profile-device')).toContainText(deviceName);
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('radius-profile-form')).toBeHidden();
});

test('a subscriber drilled to in Billing opens a prefilled RADIUS login test', async ({ page }) => {
  await page.goto(url());
  await page.getByTestId('nav-billing').click();
  await expect(page.getByTestId('report-picker')).toBeEnabled();
  await page.getByTestId('report-picker').selectOption('ar-aging');
  await expect(page.getByTestId('report-table')).toHaveAttribute('data-query', /ar-aging/);
  await expect(page.getByTestId('report-row-count')).toHaveAttribute('data-state', 'ready', { timeout: 20_000 });
  const subscriber = ((await page.getByTestId('report-row').first().locator('[data-col="subscriber"]').textContent()) ?? '').trim();
  await page.getByTestId('report-row').first().click();
  await expect(page.getByTestId('report-filter-subscriber')).toBeVisible();
  await page.getByTestId('report-subscriber-radius').click();
  await expect(page.getByTestId('radius-page')).toBeVisible();
  await expect(page.getByTestId('radius-prefill')).toHaveAttribute('data-state', 'ready');
  await expect(page.getByTestId('radius-prefill')).toHaveAttribute('data-source', 'subscriber');
  await expect(page.getByTestId('radius-prefill')).toContainText(subscriber);
  await expect(page.getByTestId('radius-user')).not.toHaveValue('');
});
