// The console in Chromium against `noc serve` on the demo workspace: what a technician does on
// day one — see the inventory, search it, open a device, add one (after fixing a typo the form
// caught), reload, and find it still there.
import { expect, test, type Page } from '@playwright/test';

const url = () => {
  const u = process.env.NOC_E2E_URL;
  if (!u) throw new Error('NOC_E2E_URL not set: the global setup did not run');
  return u;
};

async function totalShown(page: Page): Promise<number> {
  return Number(await page.getByTestId('device-total').getAttribute('data-total'));
}

test('shows the demo inventory from the local cache', async ({ page }, info) => {
  await page.goto(url());
  await expect(page.getByTestId('device-row').first()).toBeVisible();
  await expect.poll(() => totalShown(page)).toBeGreaterThanOrEqual(2000);
  // the token left the address bar once the page had it
  expect(page.url()).not.toContain('token=');
  await page.screenshot({ path: info.outputPath('devices.png'), fullPage: false });
});

test('searches by name and opens a device', async ({ page }, info) => {
  await page.goto(url());
  await page.getByTestId('device-search').fill('olt');
  await expect.poll(() => totalShown(page)).toBeLessThan(2000);
  const rows = page.getByTestId('device-row');
  await expect(rows.first()).toHaveAttribute('data-device-name', /olt/);
  const n = await rows.count();
  for (let i = 0; i < Math.min(n, 10); i++) await expect(rows.nth(i)).toHaveAttribute('data-device-name', /olt/);
  const name = await rows.first().getAttribute('data-device-name');
  await rows.first().click();
  await expect(page.getByTestId('device-detail')).toBeVisible();
  await expect(page.getByTestId('device-detail-name')).toHaveText(name ?? '');
  await page.screenshot({ path: info.outputPath('device-detail.png') });
});

test('scrolls through pages of a large list without losing rows', async ({ page }) => {
  await page.goto(url());
  const table = page.getByTestId('device-table');
  await expect(page.getByTestId('device-row').first()).toBeVisible();
  for (let i = 0; i < 8; i++) {
    await table.hover();
    await page.mouse.wheel(0, 6000);
    await page.waitForTimeout(150);
  }
  // rows from beyond the first page (100) are rendered after scrolling
  const last = await page.getByTestId('device-row').last().getAttribute('data-device-name');
  expect(last).not.toBeNull();
  const all = await page.getByTestId('device-row').evaluateAll((els) => els.map((e) => e.getAttribute('data-device-name')));
  expect(all.length).toBeGreaterThan(0);
  expect(all.length).toBeLessThan(400); // virtualised: only what is on screen is in the DOM
});

test('adds a device with inline validation, and it persists across a reload', async ({ page }, info) => {
  const name = `e2e-edge-${Date.now() % 100000}`;
  await page.goto(url());
  await page.getByTestId('add-device').click();
  const form = page.getByTestId('device-form');
  await expect(form).toBeVisible();
  await page.getByTestId('field-name').fill(name);
  await page.getByTestId('field-mgmtAddress').fill('300.1.2.3');
  await page.getByTestId('device-form-submit').click();
  await expect(page.getByTestId('error-mgmtAddress')).toBeVisible();
  await page.screenshot({ path: info.outputPath('add-device-error.png') });
  await page.getByTestId('field-mgmtAddress').fill('198.18.10.1');
  await page.getByTestId('field-role').selectOption('edge_router');
  await page.getByTestId('field-vendor').fill('Juniper');
  await page.getByTestId('device-form-submit').click();
  await expect(form).toBeHidden();

  await page.reload();
  await page.getByTestId('device-search').fill(name);
  const row = page.getByTestId('device-row').first();
  await expect(row).toHaveAttribute('data-device-name', name);
  await row.click();
  await expect(page.getByTestId('device-detail')).toContainText('198.18.10.1');
  await expect(page.getByTestId('device-detail')).toContainText('Juniper');
  await page.screenshot({ path: info.outputPath('added-device.png') });
});

test('the command palette jumps to a device by name', async ({ page }) => {
  await page.goto(url());
  await expect(page.getByTestId('device-row').first()).toBeVisible();
  await page.keyboard.press('Control+k');
  await expect(page.getByTestId('command-palette')).toBeVisible();
  await page.getByTestId('palette-input').fill('cen-core-01');
  await expect(page.getByTestId('palette-item').filter({ hasText: 'cen-core-01' }).first()).toBeVisible();
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('device-detail-name')).toHaveText('cen-core-01');
});

test('a console not linked to a sync server offers the login on the Sync page', async ({ page }) => {
  await page.goto(url());
  await page.getByTestId('nav-sync').click();
  await expect(page.getByTestId('sync-page')).toBeVisible();
  await expect(page.getByTestId('sync-login')).toBeVisible();
  await expect(page.getByTestId('sync-chip')).toHaveAttribute('data-state', 'local');
});

test('without the token the server refuses the page and the WebSocket', async ({ page, request }) => {
  const base = new URL(url());
  const bare = `${base.protocol}//${base.host}/`;
  const res = await request.get(bare);
  expect(res.status()).toBe(401);
  await page.goto(url()); // a good session in this browser does not open the door for others
  const refused = await page.evaluate(async (wsUrl) => {
    return await new Promise<string>((resolve) => {
      const ws = new WebSocket(wsUrl);
      ws.onopen = () => resolve('open');
      ws.onerror = () => resolve('refused');
    });
  }, `ws://${base.host}/ws?token=wrong`);
  expect(refused).toBe('refused');
});
