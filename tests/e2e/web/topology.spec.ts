// The topology map on the demo workspace (2,000 demo devices and their demo links): it renders on a
// canvas without freezing the page, says how many devices and links it shows, finds a device by
// name, centres it and opens its panel with its links and the one-click tools.
import { expect, test } from '@playwright/test';

const url = () => {
  const u = process.env.NOC_E2E_URL;
  if (!u) throw new Error('NOC_E2E_URL not set: the global setup did not run');
  return u;
};

test('the demo map renders every device and link, and search opens a device panel', async ({ page }, testInfo) => {
  await page.goto(`${url()}#/topology`);
  const canvas = page.getByTestId('topology-canvas');
  await expect(canvas.locator('canvas').first()).toBeVisible();
  const summary = page.getByTestId('topology-summary');
  await expect(summary).toHaveText(/devices · .* links/);
  const nodes = Number(await summary.getAttribute('data-nodes'));
  const edges = Number(await summary.getAttribute('data-edges'));
  expect(nodes).toBeGreaterThanOrEqual(2000);
  expect(edges).toBeGreaterThan(0);
  await expect(canvas).toHaveAttribute('data-nodes', String(nodes));
  // 2,000 nodes without saved positions: the cheap block layout, not a force layout on the main thread
  await expect(canvas).toHaveAttribute('data-layout', /blocks|preset/);

  // search: suggestions as you type, Enter focuses the first match and opens its panel
  const search = page.getByTestId('topology-search');
  const name = await page.evaluate(() => document.querySelector('#topology-search-hits option')?.getAttribute('value') ?? null);
  expect(name).toBeNull(); // nothing typed yet, no suggestions
  await search.fill('core');
  const first = page.locator('#topology-search-hits option').first();
  await expect(first).toHaveAttribute('value', /core/i);
  const target = (await first.getAttribute('value')) ?? '';
  await search.fill(target);
  await search.press('Enter');
  const panel = page.getByTestId('topology-panel');
  await expect(panel).toBeVisible();
  await expect(page.getByTestId('topology-panel-name')).toHaveText(target);
  await expect(panel.getByTestId('topology-open-device')).toBeVisible();
  await expect(panel.getByRole('button', { name: `SSH to ${target}` })).toBeVisible();
  await expect(panel.getByTestId('topology-snmp-walk')).toBeVisible();
  // a core router of the demo has links; the panel lists them with interface names
  await expect(panel.getByTestId('topology-panel-links').locator('li').first()).toContainText('—');

  // for the report: the map with the panel open
  await testInfo.attach('map', { body: await page.screenshot(), contentType: 'image/png' });

  // SNMP walk goes to the SNMP page
  await panel.getByTestId('topology-snmp-walk').click();
  await expect(page).toHaveURL(/#\/snmp/);
});
