// The topology map on the demo workspace (2,000 demo devices and their demo links): it renders on a
// canvas without freezing the page, says how many devices and links it shows, finds a device by
// name, centres it and opens its panel with its links and the one-click tools. A Shift+drag box
// over two devices (the "map lasso") hands exactly those two to Automation's Run tab.
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

test('a Shift+drag box over two devices opens Automation with exactly those two as targets', async ({ page }) => {
  await page.goto(`${url()}#/topology`);
  const canvas = page.getByTestId('topology-canvas');
  await expect(canvas.locator('canvas').first()).toBeVisible();
  await expect(canvas).toHaveAttribute('data-layout', /blocks|preset|fcose/);

  // zoom onto a device (search centres it), then drop the selection search made
  const search = page.getByTestId('topology-search');
  await search.fill('core');
  const anchor = (await page.locator('#topology-search-hits option').first().getAttribute('value')) ?? '';
  expect(anchor).not.toBe('');
  await search.fill(anchor);
  await search.press('Enter');
  await expect(page.getByTestId('topology-panel-name')).toHaveText(anchor);
  await page.getByTestId('topology-lasso').getByRole('button', { name: 'Clear selection' }).click();
  await expect(page.getByTestId('topology-lasso')).toHaveCount(0);

  // where the map draws each device now; pick the anchor's nearest neighbour on screen, and a box
  // around the two that no third device touches
  const plan = await page.evaluate((anchorName) => {
    const hook = window.__nocTopology;
    const names = (hook?.nodes() ?? []).map((n) => n.label);
    const at = names.flatMap((name) => {
      const p = hook?.pagePosition(name);
      return p ? [{ name, ...p }] : [];
    });
    const a = at.find((n) => n.name === anchorName);
    if (!a) return null;
    const others = at.filter((n) => n.name !== anchorName).sort((m, n) => Math.hypot(m.x - a.x, m.y - a.y) - Math.hypot(n.x - a.x, n.y - a.y));
    const b = others[0];
    if (!b) return null;
    const pad = 20;
    const box = { x1: Math.min(a.x, b.x) - pad, y1: Math.min(a.y, b.y) - pad, x2: Math.max(a.x, b.x) + pad, y2: Math.max(a.y, b.y) + pad };
    const margin = 40;
    const crowded = others.slice(1).some((n) => n.x > box.x1 - margin && n.x < box.x2 + margin && n.y > box.y1 - margin && n.y < box.y2 + margin);
    return { a: a.name, b: b.name, box, crowded };
  }, anchor);
  expect(plan).not.toBeNull();
  if (plan === null) return;
  expect(plan.crowded).toBe(false);

  await page.keyboard.down('Shift');
  await page.mouse.move(plan.box.x1, plan.box.y1);
  await page.mouse.down();
  await page.mouse.move(plan.box.x2, plan.box.y2, { steps: 12 });
  await page.mouse.up();
  await page.keyboard.up('Shift');

  const lasso = page.getByTestId('topology-lasso');
  await expect(page.getByTestId('topology-picked-count')).toHaveText('2 selected');
  await lasso.getByRole('button', { name: 'Run command on 2 devices…' }).click();

  // Automation's Run tab, with the two devices chosen and nothing else
  await expect(page).toHaveURL(/#\/automation/);
  await expect(page.getByTestId('run-tab')).toBeVisible();
  await expect(page.getByTestId('auto-tab-run')).toHaveAttribute('aria-selected', 'true');
  const chosen = page.getByTestId('run-device-search-chosen');
  await expect(chosen).toHaveCount(2);
  expect((await chosen.evaluateAll((els) => els.map((e) => e.getAttribute('data-device-name')))).sort()).toEqual([plan.a, plan.b].sort());

  // Preview only, never Run: the demo's addresses (100.64.0.0/10) are no test target. Every demo
  // device carries the demo's SSH profile, so the preview lists the two as reachable with it.
  await page.getByTestId('run-command').fill('show version');
  await page.getByTestId('run-preview-button').click();
  const targets = page.getByTestId('run-preview-target');
  await expect(targets).toHaveCount(2);
  expect((await targets.evaluateAll((els) => els.map((e) => e.getAttribute('data-device-name')))).sort()).toEqual([plan.a, plan.b].sort());
  for (const t of await targets.all()) {
    await expect(t).toHaveAttribute('data-problem', '');
    await expect(t).toContainText('Demo SSH (NOC key)');
  }
  await expect(page.getByTestId('run-preview')).toContainText('Preview: 2 devices will run it');
  await expect(page.getByTestId('run-preview-command')).toHaveText('show version');
});
