// The Billing page in Chromium against `noc serve` on the demo workspace: what a billing clerk
// does at month end — open the AR aging for one plan as of a date, export it to Excel and find
// the workbook says exactly what the screen said; drill from a debtor into their invoices.
import ExcelJS from 'exceljs';
import { expect, test, type Page } from '@playwright/test';

const url = () => {
  const u = process.env.NOC_E2E_URL;
  if (!u) throw new Error('NOC_E2E_URL not set: the global setup did not run');
  return u;
};

/** The query the table currently shows (the grid exposes it as JSON in `data-query`). */
async function shownQuery(page: Page): Promise<Record<string, unknown>> {
  return JSON.parse((await page.getByTestId('report-table').getAttribute('data-query')) ?? '{}') as Record<string, unknown>;
}

/** Waits until the table shows a settled result for a query matching `expected`. */
async function waitForReport(page: Page, expected: Record<string, unknown>): Promise<number> {
  await expect.poll(async () => shownQuery(page), { timeout: 30_000 }).toMatchObject(expected);
  const count = page.getByTestId('report-row-count');
  await expect(count).toHaveAttribute('data-state', 'ready', { timeout: 30_000 });
  await expect(page.getByTestId('report-table')).toHaveAttribute('data-state', 'ready');
  return Number(await count.getAttribute('data-count'));
}

async function openBilling(page: Page): Promise<void> {
  await page.goto(url());
  await page.getByTestId('nav-billing').click();
  await expect(page.getByTestId('report-picker')).toBeEnabled();
  await expect(page.getByTestId('report-row-count')).toHaveAttribute('data-state', 'ready', { timeout: 30_000 });
}

/** Column titles as the header shows them. */
async function columnTitles(page: Page): Promise<string[]> {
  return page.getByTestId('report-column').evaluateAll((els) => els.map((e) => e.getAttribute('data-title') ?? ''));
}

/** Values of one column of the rendered rows, in row order (rows are virtualized: only these exist). */
async function visibleColumn(page: Page, key: string): Promise<{ index: number; value: string }[]> {
  const rows = await page.getByTestId('report-row').evaluateAll(
    (els, k) =>
      els.map((e) => ({
        index: Number(e.getAttribute('data-row-index')),
        value: e.querySelector(`[data-col="${k}"]`)?.textContent ?? '',
      })),
    key,
  );
  return rows.sort((a, b) => a.index - b.index);
}

/** The last day of the month before last (UTC), where the demo has issued invoices. */
function demoAsOf(): string {
  const now = new Date();
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 1, 0)).toISOString().slice(0, 10);
}

function cellText(v: ExcelJS.CellValue): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'object' && 'richText' in v) return v.richText.map((t) => t.text).join('');
  if (typeof v === 'object' && 'result' in v) return String(v.result ?? '');
  return String(v);
}

test('the Excel export of the AR aging is exactly the on-screen report', async ({ page }, info) => {
  await openBilling(page);
  await page.getByTestId('report-picker').selectOption('ar-aging');
  await waitForReport(page, { name: 'ar-aging' });

  const plan = page.getByTestId('report-filter-plan');
  const planId = await plan.locator('option').nth(1).getAttribute('value');
  expect(planId).toBeTruthy();
  await plan.selectOption(planId ?? '');
  await waitForReport(page, { name: 'ar-aging', planId });

  const to = demoAsOf();
  await page.getByTestId('report-filter-to').fill(to);
  await page.getByTestId('report-filter-to').press('Enter');
  const rowCount = await waitForReport(page, { name: 'ar-aging', planId, to });
  expect(rowCount).toBeGreaterThan(0);
  await expect(page.getByTestId('report-row').first()).toBeVisible();
  await expect(page.getByTestId('report-totals')).toBeVisible();
  await expect(page.getByTestId('report-chart')).toBeVisible();

  const titles = await columnTitles(page);
  const accounts = await visibleColumn(page, 'accountNo');
  expect(accounts.length).toBeGreaterThan(0);
  // the rendered rows start at the top and run without gaps
  accounts.forEach((r, i) => expect(r.index).toBe(i));
  await page.screenshot({ path: info.outputPath('ar-aging-filtered.png') });

  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-xlsx').click()]);
  const file = info.outputPath(download.suggestedFilename() || 'ar-aging.xlsx');
  await download.saveAs(file);
  await expect(page.getByTestId('export-note')).toHaveAttribute('data-kind', 'downloaded');

  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  const sheet = wb.worksheets[0];
  if (!sheet) throw new Error('the workbook has no sheet');
  const header = (sheet.getRow(1).values as ExcelJS.CellValue[]).slice(1).map(cellText);
  expect(header).toEqual(titles);
  // header + data rows + the final totals row
  const dataRows = sheet.rowCount - 2;
  expect(dataRows).toBe(rowCount);
  expect(cellText(sheet.getRow(sheet.rowCount).getCell(1).value)).toMatch(/total/i);
  const sheetAccounts = accounts.map((_, i) => cellText(sheet.getRow(i + 2).getCell(1).value));
  expect(sheetAccounts).toEqual(accounts.map((r) => r.value));
});

test('drilling from an aging row shows only that subscriber’s invoices, and back returns', async ({ page }, info) => {
  await openBilling(page);
  await page.getByTestId('report-picker').selectOption('ar-aging');
  const agingCount = await waitForReport(page, { name: 'ar-aging' });
  expect(agingCount).toBeGreaterThan(0);

  const first = page.getByTestId('report-row').first();
  const account = (await first.locator('[data-col="accountNo"]').textContent()) ?? '';
  const subscriber = (await first.locator('[data-col="subscriber"]').textContent()) ?? '';
  const openInvoices = Number(((await first.locator('[data-col="openInvoices"]').textContent()) ?? '').replace(/\D/g, ''));
  expect(account).not.toBe('');
  await first.click();

  const count = await waitForReport(page, { name: 'invoice-register' });
  const q = await shownQuery(page);
  expect(typeof q.subscriberId).toBe('string');
  expect(count).toBeGreaterThanOrEqual(openInvoices);
  await expect(page.getByTestId('report-filter-subscriber')).toContainText(account);
  await expect(page.getByTestId('drill-back')).toBeVisible();

  // every invoice on screen belongs to that subscriber
  const accounts = await visibleColumn(page, 'accountNo');
  const names = await visibleColumn(page, 'subscriber');
  expect(accounts.length).toBe(Math.min(count, accounts.length));
  expect(accounts.length).toBeGreaterThan(0);
  for (const r of accounts) expect(r.value).toBe(account);
  for (const r of names) expect(r.value).toBe(subscriber);
  await page.screenshot({ path: info.outputPath('invoice-register-drill.png') });

  await page.getByTestId('drill-back').click();
  const back = await waitForReport(page, { name: 'ar-aging' });
  expect(back).toBe(agingCount);
  expect((await shownQuery(page)).subscriberId).toBeUndefined();
  await expect(page.getByTestId('drill-back')).toHaveCount(0);
});

test('sorting by a header re-queries the server and keeps the row count', async ({ page }) => {
  await openBilling(page);
  await page.getByTestId('report-picker').selectOption('revenue-by-plan');
  const count = await waitForReport(page, { name: 'revenue-by-plan' });
  await page.getByTestId('report-sort-invoiced').click();
  expect(await waitForReport(page, { name: 'revenue-by-plan', sort: { key: 'invoiced', dir: 'asc' } })).toBe(count);
  await expect(page.locator('[data-testid="report-column"][data-col="invoiced"]')).toHaveAttribute('aria-sort', 'ascending');
  await page.getByTestId('report-sort-invoiced').click();
  expect(await waitForReport(page, { name: 'revenue-by-plan', sort: { key: 'invoiced', dir: 'desc' } })).toBe(count);
});

test('a saved view comes back after a reload', async ({ page }) => {
  await openBilling(page);
  await page.getByTestId('report-picker').selectOption('payments-journal');
  await waitForReport(page, { name: 'payments-journal' });
  await page.getByTestId('preset-last-month').click();
  const q = await shownQuery(page);
  expect(q.from).toMatch(/^\d{4}-\d{2}-01$/);
  await waitForReport(page, q);

  await page.getByTestId('save-view').click();
  await page.getByTestId('save-view-name').fill('Payments last month');
  await page.getByTestId('save-view-submit').click();

  await page.reload();
  await page.getByTestId('nav-billing').click();
  await page.getByTestId('report-picker').selectOption('ar-aging');
  await waitForReport(page, { name: 'ar-aging' });
  const views = page.getByTestId('saved-views');
  await views.selectOption({ label: 'Payments last month' });
  await waitForReport(page, q);
  expect(await shownQuery(page)).toEqual(q);
  await page.getByTestId('delete-view').click();
  await expect(views.locator('option', { hasText: 'Payments last month' })).toHaveCount(0);
});
