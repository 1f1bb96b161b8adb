// The PON page in Chromium against `noc serve`, talking to the VOLTHA simulators the global setup
// started (the same gRPC wire as a real core): what an access-network technician does with voltctl,
// but visual — add the core, see the OLTs, PON ports and ONUs with their counts, narrow to one OLT
// and one PON port, disable and re-enable a subscriber's ONU, see the core's refusal when the
// device is gone, pre-provision an OLT and watch its ONUs come up, and work a 16,384-ONU network.
import { expect, test, type Locator, type Page } from '@playwright/test';

interface SimFacts {
  address: string;
  oltAddresses: string[];
  layout: { olts: number; pons: number; onus: number; provisioned: boolean };
}

interface VolthaSims {
  small: SimFacts;
  spare: SimFacts;
  scale: SimFacts;
}

const url = () => {
  const u = process.env.NOC_E2E_URL;
  if (!u) throw new Error('NOC_E2E_URL not set: the global setup did not run');
  return u;
};

function sims(): VolthaSims {
  const raw = process.env.NOC_E2E_VOLTHA;
  if (!raw) throw new Error(`the VOLTHA simulators did not start: ${process.env.NOC_E2E_VOLTHA_ERROR ?? 'NOC_E2E_VOLTHA not set'}`);
  return JSON.parse(raw) as VolthaSims;
}

async function openPon(page: Page): Promise<void> {
  await page.goto(`${url()}#/pon`);
  await expect(page.getByTestId('pon-page')).toBeVisible();
}

/** Adds an endpoint through the dialog; the new endpoint becomes the one shown. */
async function addEndpoint(page: Page, name: string, address: string, opts: { deadline?: string; poll?: string } = {}): Promise<void> {
  await page.getByTestId('pon-endpoint-add').click();
  const dialog = page.getByTestId('pon-endpoint-dialog');
  await expect(dialog).toBeVisible();
  await dialog.getByTestId('pon-endpoint-field-name').fill(name);
  await dialog.getByTestId('pon-endpoint-field-address').fill(address);
  if (opts.deadline) await dialog.getByTestId('pon-endpoint-field-deadline').fill(opts.deadline);
  if (opts.poll) await dialog.getByTestId('pon-endpoint-field-poll').fill(opts.poll);
  await dialog.getByTestId('pon-endpoint-submit').click();
  await expect(dialog).toBeHidden();
  await expect(page.getByTestId('pon-endpoint-select').locator('option:checked')).toHaveText(`${name} — ${address}`);
}

async function refresh(page: Page, timeout = 15_000): Promise<void> {
  await page.getByTestId('pon-refresh').click();
  await expect(page.getByTestId('pon-refresh')).toHaveAttribute('data-state', 'idle', { timeout });
  await expect(page.getByTestId('pon-refresh-note')).toHaveAttribute('data-state', 'ok');
}

/** Removes the endpoint shown, so its poller stops loading the host for the specs that follow. */
async function removeEndpoint(page: Page): Promise<void> {
  await page.getByTestId('pon-endpoint-delete').click();
  await expect(page.getByTestId('confirm-dialog')).toContainText('Nothing changes in VOLTHA itself');
  await page.getByTestId('confirm-ok').click();
  await expect(page.getByTestId('confirm-dialog')).toBeHidden();
}

const total = (page: Page): Locator => page.getByTestId('pon-onu-total');

async function expectTotal(page: Page, n: number, timeout?: number): Promise<void> {
  await expect(total(page)).toHaveAttribute('data-total', String(n), timeout ? { timeout } : undefined);
  await expect(page.getByTestId('pon-onu-list')).toHaveAttribute('data-state', 'ready');
}

async function confirm(page: Page, mentions: string | RegExp): Promise<void> {
  const dialog = page.getByTestId('confirm-dialog');
  await expect(dialog).toBeVisible();
  await expect(dialog).toContainText(mentions);
  await dialog.getByTestId('confirm-ok').click();
  await expect(dialog).toBeHidden();
}

test.describe.configure({ timeout: 90_000 });

test('a small PON: OLTs with counts, scope to an OLT and a port, disable and enable an ONU', async ({ page, browser }, info) => {
  const sim = sims().small;
  const { olts, pons, onus } = sim.layout;
  const perOlt = pons * onus;
  const all = olts * perOlt;
  await openPon(page);
  await addEndpoint(page, 'E2E small PON', sim.address, { poll: '2' });
  await refresh(page);
  await expect(page.getByTestId('pon-endpoint-status')).toHaveAttribute('data-state', 'ok');
  await expect(page.getByTestId('pon-endpoint-status')).not.toHaveAttribute('data-version', '');

  // the tree: every OLT up, with its counts; the list: every ONU
  const oltRows = page.getByTestId('pon-olt-row');
  await expect(oltRows).toHaveCount(olts);
  for (const row of await oltRows.all()) {
    await expect(row).toHaveAttribute('data-state', 'active');
    await expect(row).toHaveAttribute('data-connect', 'REACHABLE');
    await expect(row).not.toHaveAttribute('data-host-and-port', '');
    await expect(row.getByTestId('pon-olt-counts')).toHaveAttribute('data-total', String(perOlt));
    await expect(row.getByTestId('pon-olt-counts')).toHaveAttribute('data-active', String(perOlt));
  }
  await expect(page.getByTestId('pon-all-counts')).toHaveAttribute('data-total', String(all));
  await expectTotal(page, all);
  await expect(total(page)).toHaveText(`${all} ONUs`);
  await expect(page.getByTestId('pon-filter-down')).toHaveAttribute('data-count', '0');
  await expect(page.getByTestId('pon-onu-row').first()).toHaveAttribute('data-serial', /^BBSM/);
  await page.screenshot({ path: info.outputPath('pon-small.png') });

  // one OLT, then one of its PON ports
  const olt = oltRows.nth(1);
  const oltId = (await olt.getAttribute('data-olt-id')) ?? '';
  await olt.click();
  await expect(olt).toHaveAttribute('aria-selected', 'true');
  await expectTotal(page, perOlt);
  const rows = page.getByTestId('pon-onu-row');
  await expect(rows).toHaveCount(perOlt);
  for (const parent of await rows.evaluateAll((els) => els.map((e) => e.getAttribute('data-parent-id')))) expect(parent).toBe(oltId);
  const ports = page.locator(`[data-testid="pon-port-row"][data-olt-id="${oltId}"]`);
  await expect(ports).toHaveCount(pons);
  const port = ports.last();
  const portNo = (await port.getAttribute('data-port-no')) ?? '';
  await expect(port.getByTestId('pon-port-counts')).toHaveAttribute('data-total', String(onus));
  await port.click();
  await expectTotal(page, onus);
  await expect(page.getByTestId('pon-scope')).toHaveAttribute('data-port-no', portNo);
  for (const p of await rows.evaluateAll((els) => els.map((e) => e.getAttribute('data-port-no')))) expect(p).toBe(portNo);

  // open an ONU: live from the core
  const onu = rows.first();
  const serial = (await onu.getAttribute('data-serial')) ?? '';
  await onu.click();
  const detail = page.getByTestId('pon-detail');
  await expect(detail).toHaveAttribute('data-state', 'ready');
  await expect(detail).toHaveAttribute('data-kind', 'onu');
  await expect(detail).toHaveAttribute('data-live', 'true');
  await expect(detail.getByTestId('pon-detail-serial')).toHaveText(serial);
  await expect(detail.getByTestId('pon-detail-admin')).toHaveAttribute('data-state', 'ENABLED');
  await expect(detail.getByTestId('pon-detail-oper')).toHaveAttribute('data-state', 'ACTIVE');
  await expect(detail.getByTestId('pon-action-enable')).toBeDisabled();

  // disable it: the confirmation names the ONU and what happens
  await detail.getByTestId('pon-action-disable').click();
  await confirm(page, serial);
  await expect(detail.getByTestId('pon-detail-admin')).toHaveAttribute('data-state', 'DISABLED');
  await refresh(page);
  await expect(page.locator(`[data-testid="pon-onu-row"][data-serial="${serial}"]`)).toHaveAttribute('data-admin', 'DISABLED');
  await expect(port.getByTestId('pon-port-counts')).toHaveAttribute('data-disabled', '1');
  // the "disabled" filter finds it, everywhere
  await page.getByTestId('pon-olt-all').click();
  await page.getByTestId('pon-filter-disabled').click();
  await expect(page.getByTestId('pon-filter-disabled')).toHaveAttribute('aria-pressed', 'true');
  await expectTotal(page, 1);
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toHaveAttribute('data-serial', serial);
  await expect(rows.first()).toHaveAttribute('data-health', 'disabled');
  await page.screenshot({ path: info.outputPath('pon-disabled.png') });

  // enable it again: ACTIVE once the core has re-activated it (the poller brings it in)
  await detail.getByTestId('pon-action-enable').click();
  await confirm(page, serial);
  await expect(detail.getByTestId('pon-detail-admin')).toHaveAttribute('data-state', 'ENABLED');
  await expect(detail.getByTestId('pon-detail-oper')).toHaveAttribute('data-state', 'ACTIVE', { timeout: 20_000 });
  await expectTotal(page, 0, 20_000);
  await page.getByTestId('pon-filter-active').click();
  await expectTotal(page, all, 20_000);
  await page.getByTestId('pon-search').fill(serial);
  await expectTotal(page, 1);
  await expect(rows.first()).toHaveAttribute('data-oper', 'ACTIVE');

  // the core's refusal, shown as it says it: another console deletes the ONU while this one is
  // about to reboot it
  await detail.getByTestId('pon-action-reboot').click();
  await expect(page.getByTestId('confirm-dialog')).toContainText(serial);
  const other = await browser.newPage();
  try {
    await openPon(other);
    await other.getByTestId('pon-endpoint-select').selectOption({ label: `E2E small PON — ${sim.address}` });
    await other.getByTestId('pon-search').fill(serial);
    await expect(other.getByTestId('pon-onu-total')).toHaveAttribute('data-total', '1');
    await other.getByTestId('pon-onu-row').first().click();
    await expect(other.getByTestId('pon-detail')).toHaveAttribute('data-state', 'ready');
    await other.getByTestId('pon-action-delete').click();
    await confirm(other, serial);
    await expect(other.getByTestId('pon-detail-deleted')).toBeVisible();
  } finally {
    await other.close();
  }
  await page.getByTestId('confirm-ok').click();
  await expect(page.getByTestId('confirm-dialog').getByRole('alert')).toContainText(/no device|not found/i);
  await page.screenshot({ path: info.outputPath('pon-not-found.png') });
  await page.getByTestId('confirm-dialog').getByRole('button', { name: 'Cancel' }).click();

  await removeEndpoint(page);
});

test('pre-provision an OLT with "enable now" and watch its ONUs appear and activate', async ({ page }, info) => {
  const sim = sims().spare;
  const { pons, onus } = sim.layout;
  const address = sim.oltAddresses[0] ?? '';
  expect(address).not.toBe('');
  await openPon(page);
  await addEndpoint(page, 'E2E spare PON', sim.address, { poll: '1' });
  await refresh(page);
  await expect(page.getByTestId('pon-tree-empty')).toBeVisible();
  await expectTotal(page, 0);

  await page.getByTestId('pon-preprovision').click();
  const dialog = page.getByTestId('pon-preprovision-dialog');
  await expect(dialog.getByTestId('pon-preprovision-field-type')).toHaveValue('openolt');
  await expect(dialog.getByTestId('pon-preprovision-field-enable')).toBeChecked();
  // a malformed address is refused before anything is sent
  await dialog.getByTestId('pon-preprovision-field-hostAndPort').fill('not an address');
  await dialog.getByTestId('pon-preprovision-submit').click();
  await expect(dialog.getByTestId('pon-preprovision-error-hostAndPort')).toBeVisible();
  await dialog.getByTestId('pon-preprovision-field-hostAndPort').fill(address);
  await dialog.getByTestId('pon-preprovision-submit').click();
  await expect(dialog).toBeHidden();

  // the new OLT is in the tree and open; the poller brings its ONUs in as the core discovers them
  const olt = page.locator(`[data-testid="pon-olt-row"][data-host-and-port="${address}"]`);
  await expect(olt).toHaveCount(1);
  await expect(page.getByTestId('pon-detail')).toHaveAttribute('data-kind', 'olt');
  await expect(page.getByTestId('pon-detail').getByTestId('pon-detail-host')).toHaveText(address);
  await expect(olt).toHaveAttribute('data-state', 'active', { timeout: 30_000 });
  await expect(olt.getByTestId('pon-olt-counts')).toHaveAttribute('data-active', String(pons * onus), { timeout: 30_000 });
  await expectTotal(page, pons * onus, 30_000);
  await expect(page.getByTestId('pon-detail').getByTestId('pon-detail-oper')).toHaveAttribute('data-state', 'ACTIVE');
  await expect(page.getByTestId('pon-detail').getByTestId('pon-detail-port').first()).toBeVisible();
  await page.screenshot({ path: info.outputPath('pon-preprovisioned.png') });

  // the same OLT twice: the core's answer, as it words it
  await page.getByTestId('pon-preprovision').click();
  await dialog.getByTestId('pon-preprovision-field-hostAndPort').fill(address);
  await dialog.getByTestId('pon-preprovision-submit').click();
  await expect(dialog.getByTestId('pon-preprovision-form-error')).toContainText(/already pre-provisioned/i);
  await dialog.getByRole('button', { name: 'Cancel' }).click();

  await removeEndpoint(page);
});

test('16 OLTs × 16 PONs × 64 ONUs: 16,384 ONUs list, scroll to the end, filter and search', async ({ page }, info) => {
  test.setTimeout(180_000);
  const sim = sims().scale;
  const { olts, pons, onus } = sim.layout;
  const all = olts * pons * onus;
  expect(all).toBe(16_384);
  await openPon(page);
  await addEndpoint(page, 'E2E scale PON', sim.address, { deadline: '60', poll: '3600' });
  await refresh(page, 120_000);

  await expect(page.getByTestId('pon-olt-row')).toHaveCount(olts);
  await expectTotal(page, all);
  await expect(total(page)).toHaveText('16,384 ONUs');
  await expect(page.getByTestId('pon-filter-all')).toHaveAttribute('data-count', String(all));
  await page.screenshot({ path: info.outputPath('pon-scale.png') });

  // virtualized: a screenful of rows in the DOM, not 16,384
  const rows = page.getByTestId('pon-onu-row');
  const inDom = await rows.count();
  expect(inDom).toBeGreaterThan(5);
  expect(inDom).toBeLessThan(200);

  // to the end with the keyboard: the last page is fetched on its own
  await page.getByTestId('pon-onu-body').focus();
  await page.keyboard.press('End');
  const last = page.locator(`[data-testid="pon-onu-row"][data-index="${all - 1}"]`);
  await expect(last).toBeVisible();
  await expect(last).toHaveClass(/active/);
  expect(await rows.count()).toBeLessThan(200);
  const lastSerial = (await last.getAttribute('data-serial')) ?? '';
  expect(lastSerial).toMatch(/^BBSM/);
  // and by scrolling the list itself
  await page.getByTestId('pon-onu-body').evaluate((el) => el.scrollTo({ top: el.scrollHeight / 2 }));
  await expect(page.locator(`[data-testid="pon-onu-row"][data-index="${all / 2 + 5}"]`)).toBeVisible();
  await page.screenshot({ path: info.outputPath('pon-scale-middle.png') });

  // the filters answer (nothing is down or disabled in this layout) and go back to the top
  await page.getByTestId('pon-filter-disabled').click();
  await expectTotal(page, 0);
  await expect(page.getByTestId('pon-onu-empty')).toBeVisible();
  await page.getByTestId('pon-filter-active').click();
  await expectTotal(page, all);
  await expect(page.locator('[data-testid="pon-onu-row"][data-index="0"]')).toBeVisible();
  await page.getByTestId('pon-filter-all').click();

  // typing in the search updates the list
  await page.getByTestId('pon-search').fill(lastSerial);
  await expectTotal(page, 1);
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toHaveAttribute('data-serial', lastSerial);
  await page.getByTestId('pon-search').fill('');
  await expectTotal(page, all);

  // one OLT, one PON port
  const olt = page.getByTestId('pon-olt-row').nth(7);
  await olt.click();
  await expectTotal(page, pons * onus);
  await page.locator(`[data-testid="pon-port-row"][data-olt-id="${(await olt.getAttribute('data-olt-id')) ?? ''}"]`).nth(3).click();
  await expectTotal(page, onus);
  await page.screenshot({ path: info.outputPath('pon-scale-port.png') });

  await removeEndpoint(page);
});

test('an OLT that stops answering turns red, comes back with its ONUs; a core that is gone is said so', async ({ page }, info) => {
  // this one needs its simulator's fault injection, so it runs in the test worker, not the global setup
  const { startVolthaSimulator } = await import('../../../electron/services/voltha/simulator/index');
  const sim = await startVolthaSimulator({ olts: 1, pons: 1, onus: 4, stepMs: 150, port: 0 });
  let stopped = false;
  try {
    const address = sim.oltAddresses[0] ?? '';
    await openPon(page);
    await addEndpoint(page, 'E2E faulty PON', sim.address, { poll: '1', deadline: '2' });
    await refresh(page);
    const olt = page.getByTestId('pon-olt-row');
    await expect(olt).toHaveCount(1);
    await expect(olt).toHaveAttribute('data-state', 'active');
    await expectTotal(page, 4);

    // the OLT stops answering: the poller finds it UNREACHABLE, the row says so in red
    sim.setOltReachable(address, false);
    await expect(olt).toHaveAttribute('data-state', 'unreachable', { timeout: 20_000 });
    await expect(olt).toHaveAttribute('data-connect', 'UNREACHABLE');
    await expect(olt).toHaveClass(/state-unreachable/);
    await olt.getByTestId('pon-olt-open').click();
    const detail = page.getByTestId('pon-detail');
    await expect(detail).toHaveAttribute('data-kind', 'olt');
    await expect(detail.getByTestId('pon-detail-connect')).toHaveAttribute('data-state', 'UNREACHABLE');
    await expect(detail.getByTestId('pon-detail-connect')).toHaveClass(/tone-bad/);
    await page.screenshot({ path: info.outputPath('pon-olt-unreachable.png') });

    // back: active again, its ONUs discovered and active
    sim.setOltReachable(address, true);
    await expect(olt).toHaveAttribute('data-state', 'active', { timeout: 30_000 });
    await expect(olt.getByTestId('pon-olt-counts')).toHaveAttribute('data-active', '4', { timeout: 30_000 });
    await expect(detail.getByTestId('pon-detail-connect')).toHaveAttribute('data-state', 'REACHABLE');

    // the core itself is gone: the detail shows the cached state and says it is not live
    await page.getByTestId('pon-onu-row').first().click();
    await expect(detail).toHaveAttribute('data-kind', 'onu');
    await expect(detail).toHaveAttribute('data-live', 'true');
    await sim.stop();
    stopped = true;
    await detail.getByTestId('pon-detail-reload').click();
    await expect(detail).toHaveAttribute('data-live', 'false', { timeout: 20_000 });
    await expect(detail.getByTestId('pon-detail-stale')).toContainText('Not live');
    await expect(detail.getByTestId('pon-detail-serial')).not.toBeEmpty();
    await page.getByTestId('pon-refresh').click();
    await expect(page.getByTestId('pon-refresh-note')).toHaveAttribute('data-state', 'error', { timeout: 20_000 });
    await expect(page.getByTestId('pon-endpoint-status')).toHaveAttribute('data-state', 'error');
    await page.screenshot({ path: info.outputPath('pon-core-gone.png') });

    await removeEndpoint(page);
  } finally {
    if (!stopped) await sim.stop();
  }
});
