// The SNMP page in Chromium against `noc serve`, talking to the lab snmpd the global setup started:
// what a technician does with a MIB browser — walk `system` with a community typed once, read
// sysUpTime, keep a v3 authPriv user as a saved credential (whose passwords never come back), see
// a wrong community explained without losing what was typed, lay ifTable out as a table, export
// what is shown as CSV, and try a SET that the read-only agent refuses, after a confirmation.
import fs from 'node:fs';
import { expect, test, type Page } from '@playwright/test';

interface LabSnmp {
  host: string;
  port: number;
  community: string;
  v3: { user: string; authProtocol: 'SHA'; authPassword: string; privProtocol: 'AES'; privPassword: string };
  sysName: string;
  sysLocation: string;
  sysContact: string;
}

const url = () => {
  const u = process.env.NOC_E2E_URL;
  if (!u) throw new Error('NOC_E2E_URL not set: the global setup did not run');
  return u;
};

function lab(): LabSnmp {
  const raw = process.env.NOC_E2E_SNMP;
  if (!raw) throw new Error(`the lab snmpd did not start: ${process.env.NOC_E2E_SNMP_ERROR ?? 'NOC_E2E_SNMP not set'}`);
  return JSON.parse(raw) as LabSnmp;
}

async function openSnmp(page: Page): Promise<void> {
  await page.goto(`${url()}#/snmp`);
  await expect(page.getByTestId('snmp-page')).toBeVisible();
}

/** The lab agent as an address with one-off v2c credentials, as a technician types them. */
async function typeV2cTarget(page: Page, s: LabSnmp, community = s.community): Promise<void> {
  await page.getByTestId('snmp-mode-address').click();
  await page.getByTestId('snmp-host').fill(s.host);
  await page.getByTestId('snmp-port').fill(String(s.port));
  await page.getByTestId('snmp-credential').selectOption('');
  await page.getByTestId('snmp-oneoff-version-2c').click();
  await page.getByTestId('snmp-oneoff-community').fill(community);
}

/** Runs the request and waits for a new result (its sequence number changes). */
async function runAndWait(page: Page): Promise<void> {
  const before = await page.getByTestId('snmp-results').getAttribute('data-seq');
  await page.getByTestId('snmp-run').click();
  await expect(page.getByTestId('snmp-results')).toHaveAttribute('data-state', 'ready');
  await expect(page.getByTestId('snmp-results')).not.toHaveAttribute('data-seq', before ?? '');
}

/** Types an OID and closes the MIB suggestions, as a user does before pressing Run. */
async function typeOid(page: Page, oid: string): Promise<void> {
  await page.getByTestId('snmp-oid').fill(oid);
  await page.getByTestId('snmp-oid').press('Escape');
  await expect(page.getByTestId('snmp-oid-suggestions')).toHaveCount(0);
}

async function walk(page: Page, oid: string): Promise<void> {
  await page.getByTestId('snmp-op-walk').click();
  await typeOid(page, oid);
  await runAndWait(page);
}

const row = (page: Page, name: string) => page.locator(`[data-testid="snmp-row"][data-name="${name}"]`);

test.describe.configure({ timeout: 45_000 });

test('a v2c walk of system shows the lab agent’s sysName, in the table and the tree', async ({ page }, info) => {
  const s = lab();
  await openSnmp(page);
  await typeV2cTarget(page, s);
  // the OID field suggests MIB names
  await page.getByTestId('snmp-op-walk').click();
  await page.getByTestId('snmp-oid').fill('sysNa');
  await page.locator('[data-testid="snmp-oid-option"][data-name="sysName"]').click();
  await expect(page.getByTestId('snmp-oid')).toHaveValue('sysName');
  await walk(page, 'system');
  await expect(row(page, 'sysName.0')).toHaveAttribute('data-value', s.sysName);
  await expect(row(page, 'sysName.0')).toContainText(s.sysName);
  await expect(row(page, 'sysName.0')).toHaveAttribute('data-oid', '1.3.6.1.2.1.1.5.0');
  await expect(row(page, 'sysLocation.0')).toContainText(s.sysLocation);
  await expect(page.getByTestId('snmp-summary')).toContainText('varbinds');
  await expect(page.getByTestId('snmp-summary')).toHaveAttribute('data-truncated', 'false');
  await page.screenshot({ path: info.outputPath('snmp-walk-system.png') });

  await page.getByTestId('snmp-view-tree').click();
  const treeRow = page.locator('[data-testid="snmp-tree-row"][data-label="sysName.0"]');
  await expect(treeRow).toContainText(s.sysName);
  await page.screenshot({ path: info.outputPath('snmp-walk-system-tree.png') });
  // the one-off community is nowhere on the page but in its masked field
  await expect(page.getByTestId('snmp-oneoff-community')).toHaveAttribute('type', 'password');
  await expect(page.getByTestId('snmp-results')).not.toContainText(s.community);
});

test('a Get of sysUpTime.0 shows a TimeTicks value', async ({ page }) => {
  const s = lab();
  await openSnmp(page);
  await typeV2cTarget(page, s);
  await page.getByTestId('snmp-op-get').click();
  await typeOid(page, 'sysUpTime.0');
  await runAndWait(page);
  const up = row(page, 'sysUpTime.0');
  await expect(up).toHaveAttribute('data-type', 'TimeTicks');
  await expect(up).toContainText('TimeTicks');
  await expect(page.getByTestId('snmp-row')).toHaveCount(1);
});

/** Creates a v3 authPriv credential for the lab agent in the page's credentials dialog (left open). */
async function saveV3Credential(page: Page, s: LabSnmp, name: string): Promise<void> {
  await page.getByTestId('snmp-credentials-manage').click();
  await expect(page.getByTestId('snmp-credentials-dialog')).toBeVisible();
  await page.getByTestId('snmp-credential-new').click();
  await page.getByTestId('snmp-cred-name').fill(name);
  await page.getByTestId('snmp-cred-port').fill(String(s.port));
  await page.getByTestId('snmp-cred-version-3').click();
  await page.getByTestId('snmp-cred-user').fill(s.v3.user);
  await page.getByTestId('snmp-cred-securityLevel').selectOption('authPriv');
  await page.getByTestId('snmp-cred-authProtocol').selectOption('sha');
  await page.getByTestId('snmp-cred-authKey').fill(s.v3.authPassword);
  await page.getByTestId('snmp-cred-privProtocol').selectOption('aes');
  await page.getByTestId('snmp-cred-privKey').fill(s.v3.privPassword);
  await page.getByTestId('snmp-cred-submit').click();
  await expect(page.getByTestId('snmp-credential-form')).toBeHidden();
  await expect(page.locator(`[data-testid="snmp-credential-row"][data-name="${name}"]`)).toBeVisible();
}

async function closeCredentials(page: Page): Promise<void> {
  await page.getByTestId('snmp-credentials-dialog').getByRole('button', { name: 'Close', exact: true }).first().click();
  await expect(page.getByTestId('snmp-credentials-dialog')).toBeHidden();
}

test('a saved v3 authPriv credential gets sysDescr.0, and its passwords never come back', async ({ page }, info) => {
  const s = lab();
  const name = `lab-v3-${Date.now() % 100000}`;
  await openSnmp(page);
  await saveV3Credential(page, s, name);

  // listed with its secrets stored; editing shows "stored", never the passwords
  const listed = page.locator(`[data-testid="snmp-credential-row"][data-name="${name}"]`);
  await expect(listed).toContainText('auth + priv stored');
  await listed.getByTestId('snmp-credential-edit').click();
  await expect(page.getByTestId('snmp-cred-authKey')).toHaveValue('');
  await expect(page.getByTestId('snmp-cred-privKey')).toHaveValue('');
  await expect(page.getByTestId('snmp-cred-authKey-stored')).toBeVisible();
  await expect(page.getByTestId('snmp-cred-privKey-stored')).toBeVisible();
  const html = await page.content();
  expect(html).not.toContain(s.v3.authPassword);
  expect(html).not.toContain(s.v3.privPassword);
  await page.screenshot({ path: info.outputPath('snmp-credential-edit.png') });
  await page.keyboard.press('Escape');
  await closeCredentials(page);

  // a reload: the credential comes from the host, the passwords stay there
  await page.reload();
  await expect(page.getByTestId('snmp-page')).toBeVisible();
  await page.getByTestId('snmp-mode-address').click();
  await page.getByTestId('snmp-host').fill(s.host);
  await page.getByTestId('snmp-port').fill(String(s.port));
  const option = page.getByTestId('snmp-credential').locator('option', { hasText: name });
  await expect(option).toHaveCount(1);
  await page.getByTestId('snmp-credential').selectOption({ label: (await option.textContent()) ?? name });
  await page.getByTestId('snmp-op-get').click();
  await typeOid(page, 'sysDescr.0');
  await runAndWait(page);
  await expect(row(page, 'sysDescr.0')).toHaveAttribute('data-type', 'OctetString');
  await expect(row(page, 'sysDescr.0')).not.toHaveAttribute('data-value', '');
  expect(await page.content()).not.toContain(s.v3.authPassword);
});

test('a device whose SNMP profile is a saved credential is found by name, and answers through it', async ({ page }, info) => {
  const s = lab();
  const stamp = Date.now() % 100000;
  const credential = `lab-v3-dev-${stamp}`;
  const device = `e2e-snmp-agent-${stamp}`;
  await openSnmp(page);
  await saveV3Credential(page, s, credential);
  await closeCredentials(page);

  // the device, added in Devices with that credential as its SNMP profile (the port comes from it)
  await page.goto(`${url()}#/devices`);
  await page.getByTestId('add-device').click();
  await page.getByTestId('field-name').fill(device);
  await page.getByTestId('field-mgmtAddress').fill(s.host);
  await page.getByTestId('field-snmpProfile').selectOption({ label: credential });
  await page.getByTestId('device-form-submit').click();
  await expect(page.getByTestId('device-form')).toBeHidden();

  await openSnmp(page);
  await page.getByTestId('snmp-mode-device').click();
  await page.getByTestId('snmp-device-search').fill(device);
  await page.locator(`[data-testid="snmp-device-option"][data-device-name="${device}"]`).click();
  await expect(page.getByTestId('snmp-device-chosen')).toContainText(device);
  await expect(page.getByTestId('snmp-device-profile')).toContainText(credential);
  await page.getByTestId('snmp-op-get').click();
  await typeOid(page, 'sysName.0');
  await runAndWait(page);
  await expect(row(page, 'sysName.0')).toHaveAttribute('data-value', s.sysName);
  await expect(page.getByTestId('snmp-summary')).toContainText(device);
  await page.screenshot({ path: info.outputPath('snmp-device-target.png') });

  // a link to the page with the device as the target (what openSnmpFor gives other pages)
  const id = await page.getByTestId('snmp-device-chosen').getAttribute('data-device-id');
  expect(id).toBeTruthy();
  await page.goto('about:blank'); // a fresh page: nothing of the state above survives
  await page.goto(`${url()}#/snmp/device:${id ?? ''}`);
  await expect(page.getByTestId('snmp-device-chosen')).toHaveAttribute('data-device-id', id ?? '');
  await expect(page.getByTestId('snmp-device-profile')).toContainText(credential);
  await expect(page).toHaveURL(/#\/snmp$/);
});

test('a wrong community times out with the reason shown, and nothing typed is lost', async ({ page }, info) => {
  const s = lab();
  await openSnmp(page);
  await typeV2cTarget(page, s, `${s.community}-wrong`);
  await page.getByTestId('snmp-timeoutMs').fill('400');
  await page.getByTestId('snmp-retries').fill('0');
  await page.getByTestId('snmp-op-get').click();
  await typeOid(page, 'sysName.0');
  await page.getByTestId('snmp-run').click();
  const error = page.getByTestId('snmp-error');
  await expect(error).toHaveAttribute('data-code', 'TIMEOUT');
  await expect(error).toContainText(/no answer/i);
  await expect(error).toContainText(/community/i);
  await page.screenshot({ path: info.outputPath('snmp-timeout.png') });
  await expect(page.getByTestId('snmp-host')).toHaveValue(s.host);
  await expect(page.getByTestId('snmp-port')).toHaveValue(String(s.port));
  await expect(page.getByTestId('snmp-oneoff-community')).toHaveValue(`${s.community}-wrong`);
  await expect(page.getByTestId('snmp-oid')).toHaveValue('sysName.0');
  await expect(page.getByTestId('snmp-timeoutMs')).toHaveValue('400');

  // a mistake caught before sending is marked beside its field
  await page.getByTestId('snmp-oid').fill('1.3..6');
  await page.getByTestId('snmp-run').click();
  await expect(page.getByTestId('snmp-error-oid')).toContainText('not an OID');

  // a name main's MIB table does not know: main's VALIDATION lands beside the OID field
  await page.getByTestId('snmp-oneoff-community').fill(s.community);
  await typeOid(page, 'noSuchMibName.0');
  await page.getByTestId('snmp-run').click();
  await expect(error).toHaveAttribute('data-code', 'VALIDATION');
  await expect(page.getByTestId('snmp-error-oid')).toBeVisible();
  await expect(page.getByTestId('snmp-oid')).toHaveValue('noSuchMibName.0');

  // SNMPv3 with a wrong auth password: the agent's report, named
  await page.getByTestId('snmp-oneoff-version-3').click();
  await page.getByTestId('snmp-oneoff-user').fill(s.v3.user);
  await page.getByTestId('snmp-oneoff-securityLevel').selectOption('authPriv');
  await page.getByTestId('snmp-oneoff-authKey').fill(`${s.v3.authPassword}x`);
  await page.getByTestId('snmp-oneoff-privKey').fill(s.v3.privPassword);
  await typeOid(page, 'sysName.0');
  await page.getByTestId('snmp-run').click();
  await expect(error).toHaveAttribute('data-code', 'AUTH_FAILED');
  await expect(error).toContainText(s.v3.user);
  await expect(page.getByTestId('snmp-oneoff-authKey')).toHaveValue(`${s.v3.authPassword}x`);
  await page.screenshot({ path: info.outputPath('snmp-auth-failed.png') });
});

test('a walk of ifTable lays out as a table, and the CSV export matches what is shown', async ({ page }, info) => {
  const s = lab();
  await openSnmp(page);
  await typeV2cTarget(page, s);
  await walk(page, 'ifTable');
  const rows = page.getByTestId('snmp-row');
  await expect(row(page, 'ifDescr.1')).toBeVisible();
  await expect(page.getByTestId('snmp-view-astable')).toBeVisible();

  await page.getByTestId('snmp-view-astable').click();
  const columns = page.getByTestId('snmp-astable-column');
  await expect(columns.first()).toHaveText('ifIndex');
  await expect(columns.filter({ hasText: /^ifDescr$/ })).toHaveCount(1);
  await expect(columns.filter({ hasText: /^ifOperStatus$/ })).toHaveCount(1);
  const first = page.locator('[data-testid="snmp-astable-row"][data-index="1"]');
  await expect(first.locator('[data-column="ifIndex"]')).toHaveAttribute('data-value', '1');
  const descr = await first.locator('[data-column="ifDescr"]').getAttribute('data-value');
  expect(descr).toBeTruthy();
  await page.screenshot({ path: info.outputPath('snmp-iftable-astable.png') });

  // export what the filter leaves: the ifDescr column, one line per interface
  await page.getByTestId('snmp-view-table').click();
  await page.getByTestId('snmp-filter').fill('ifDescr');
  await expect(rows.first()).toHaveAttribute('data-name', /^ifDescr\./);
  const shown = await rows.evaluateAll((els) => els.map((e) => [e.getAttribute('data-oid'), e.getAttribute('data-name'), e.getAttribute('data-type'), e.getAttribute('data-value')]));
  expect(shown.length).toBeGreaterThan(0);
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('snmp-export-csv').click()]);
  expect(download.suggestedFilename()).toMatch(/^snmp-ifTable-127\.0\.0\.1-\d{8}-\d{6}\.csv$/);
  const text = fs.readFileSync(await download.path(), 'utf8');
  const lines = text.trimEnd().split('\r\n');
  expect(lines[0]).toBe('oid,name,type,value');
  // interface names here have no commas or quotes: each line is the row's four fields joined
  expect(lines.slice(1)).toEqual(shown.map((f) => f.join(',')));
});

test('SET asks first, showing the target and the varbind, and the read-only agent’s refusal is shown', async ({ page }, info) => {
  const s = lab();
  await openSnmp(page);
  await typeV2cTarget(page, s);
  await expect(page.getByTestId('snmp-set')).toHaveAttribute('data-allowed', 'true');
  await page.getByTestId('snmp-set-oid').fill('sysContact.0');
  await page.getByTestId('snmp-set-type').selectOption('OctetString');
  await page.getByTestId('snmp-set-value').fill('noc-e2e@lab.invalid');
  await page.getByTestId('snmp-set-review').click();

  const confirm = page.getByTestId('confirm-dialog');
  await expect(confirm).toBeVisible();
  await expect(confirm.getByTestId('snmp-set-confirm-target')).toContainText(`${s.host}:${s.port}`);
  const vb = confirm.getByTestId('snmp-set-confirm-varbind');
  await expect(vb).toHaveCount(1);
  await expect(vb).toHaveAttribute('data-oid', 'sysContact.0');
  await expect(vb).toHaveAttribute('data-type', 'OctetString');
  await expect(vb).toHaveAttribute('data-value', 'noc-e2e@lab.invalid');
  await page.screenshot({ path: info.outputPath('snmp-set-confirm.png') });

  // Cancel sends nothing
  await confirm.getByRole('button', { name: 'Cancel' }).click();
  await expect(confirm).toBeHidden();
  await expect(page.getByTestId('snmp-set-error')).toHaveCount(0);
  await expect(page.getByTestId('snmp-set-outcome')).toHaveCount(0);

  // the lab community is read-only (rocommunity): the agent refuses and says why
  await page.getByTestId('snmp-set-review').click();
  await page.getByTestId('confirm-ok').click();
  const refusal = page.getByTestId('snmp-set-error');
  await expect(refusal).toHaveAttribute('data-agent-status', /noAccess|notWritable|readOnly|authorizationError|noCreation/);
  await expect(refusal).toContainText(/noAccess|notWritable|readOnly|authorizationError|noCreation/);
  await expect(refusal).toContainText(/may not write|read-only/);
  await expect(page.getByTestId('snmp-set-value')).toHaveValue('noc-e2e@lab.invalid');
  await page.screenshot({ path: info.outputPath('snmp-set-refused.png') });

  // the agent still has its configured contact
  await page.getByTestId('snmp-op-get').click();
  await typeOid(page, 'sysContact.0');
  await runAndWait(page);
  await expect(row(page, 'sysContact.0')).toHaveAttribute('data-value', s.sysContact);
});

test('a walk of the whole agent stays a scrollable, virtualised list; a limit truncates and says so', async ({ page }, info) => {
  const s = lab();
  await openSnmp(page);
  await typeV2cTarget(page, s);
  await page.getByTestId('snmp-op-walk').click();
  await page.getByTestId('snmp-limit').fill('50');
  await typeOid(page, '1.3.6.1');
  await runAndWait(page);
  await expect(page.getByTestId('snmp-summary')).toHaveAttribute('data-truncated', 'true');
  await expect(page.getByTestId('snmp-summary')).toHaveAttribute('data-count', '50');
  await expect(page.getByTestId('snmp-truncated')).toContainText('Truncated');

  await page.getByTestId('snmp-limit').fill('100000');
  await runAndWait(page);
  await expect(page.getByTestId('snmp-summary')).toHaveAttribute('data-truncated', 'false');
  const count = Number(await page.getByTestId('snmp-summary').getAttribute('data-count'));
  test.info().annotations.push({ type: 'varbinds', description: String(count) });
  expect(count).toBeGreaterThan(500);
  // only the rows in view (and a margin) are in the page, however long the walk
  expect(await page.getByTestId('snmp-row').count()).toBeLessThan(120);
  await expect(page.getByTestId('snmp-table')).toHaveAttribute('data-count', String(count));
  // the end of the list is reachable: the last varbind renders once scrolled to
  await page.getByTestId('snmp-table').evaluate((el) => el.scrollTo({ top: el.scrollHeight }));
  await expect(page.locator('[data-testid="snmp-row"][aria-rowindex="' + String(count + 1) + '"]')).toBeVisible();
  await page.screenshot({ path: info.outputPath('snmp-walk-all-end.png') });
  // the tree opens at the top level only for a large result
  await page.getByTestId('snmp-view-tree').click();
  expect(await page.getByTestId('snmp-tree-row').count()).toBeLessThan(120);
  await page.screenshot({ path: info.outputPath('snmp-walk-all-tree.png') });

  // the same walk one GETNEXT at a time takes thousands of round trips: progress shows, Stop ends
  // it, and what arrived until then is shown as such
  await page.getByTestId('snmp-bulk').uncheck();
  await page.getByTestId('snmp-run').click();
  await expect(page.getByTestId('snmp-progress')).toContainText('varbinds received');
  await page.getByTestId('snmp-stop').click();
  await expect(page.getByTestId('snmp-results')).toHaveAttribute('data-state', 'ready');
  await expect(page.getByTestId('snmp-stopped')).toContainText('Stopped');
  await expect(page.getByTestId('snmp-summary')).toHaveAttribute('data-stopped', 'true');
  const received = Number(await page.getByTestId('snmp-summary').getAttribute('data-count'));
  expect(received).toBeGreaterThan(0);
  expect(received).toBeLessThan(count);
});
