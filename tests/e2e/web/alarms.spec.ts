// The Alarms page in Chromium against `noc serve`, whose trap receiver listens on the UDP port the
// global setup chose (NOC_TRAP_PORT, read here from NOC_E2E_TRAP_PORT). What a NOC operator sees:
// the receiver set up with a community and a v3 authPriv user, a linkDown sent with Net-SNMP's
// `snmptrap` (v2c, then v3) showing up as an alarm within 2 s of the send without a reload, an
// acknowledgement with a note that says who acked, and the linkUp clearing it into the history.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { expect, test, type Locator, type Page } from '@playwright/test';

const run = promisify(execFile);
const COMMUNITY = 'e2e-traps';
const V3 = { user: 'e2e-trapper', auth: 'e2e-auth-pass', priv: 'e2e-priv-pass' };
const IF_INDEX = '1.3.6.1.2.1.2.2.1.1';
const IF_DESCR = '1.3.6.1.2.1.2.2.1.2';
const LINK_DOWN = '1.3.6.1.6.3.1.1.5.3';
const LINK_UP = '1.3.6.1.6.3.1.1.5.4';
/** The acceptance: a trap appears as an alarm in the UI within 2 s. */
const WITHIN_MS = 2000;

const url = () => {
  const u = process.env.NOC_E2E_URL;
  if (!u) throw new Error('NOC_E2E_URL not set: the global setup did not run');
  return u;
};
const trapPort = () => {
  const p = process.env.NOC_E2E_TRAP_PORT;
  if (!p) throw new Error('NOC_E2E_TRAP_PORT not set: the global setup did not pick a trap port');
  return p;
};

async function v2c(...args: string[]): Promise<void> {
  await run('snmptrap', ['-v', '2c', '-c', COMMUNITY, `127.0.0.1:${trapPort()}`, '', ...args]);
}

async function v3(...args: string[]): Promise<void> {
  await run('snmptrap', ['-v', '3', '-e', '0x80001f8880e2e0000001', '-u', V3.user, '-l', 'authPriv', '-a', 'SHA', '-A', V3.auth, '-x', 'AES', '-X', V3.priv, `127.0.0.1:${trapPort()}`, '', ...args]);
}

/** Sends, then expects the row within what is left of the 2 s counted from just before the send. */
async function expectWithin2s(send: () => Promise<void>, row: Locator): Promise<void> {
  const sentAt = Date.now();
  await send();
  await expect(row).toBeVisible({ timeout: Math.max(1, WITHIN_MS - (Date.now() - sentAt)) });
}

const rowOf = (page: Page, text: string) => page.getByTestId('alarm-row').filter({ hasText: text });

test('a v2c and a v3 linkDown appear live, are acknowledged with a note, and linkUp clears one', async ({ page }) => {
  await page.goto(`${url()}#/alarms`);
  await expect(page.getByTestId('alarms-page')).toBeVisible();
  await expect(page.getByTestId('traps-status')).toHaveAttribute('data-listening', 'true');
  await expect(page.getByTestId('traps-status')).toContainText(`udp/${trapPort()}`);

  // the receiver accepts our community and v3 user (passwords are write-only)
  await page.getByTestId('traps-config-open').click();
  await page.getByTestId('traps-communities').fill(COMMUNITY);
  await page.getByTestId('traps-user').fill(V3.user);
  await page.getByTestId('traps-level').selectOption('authPriv');
  await page.getByTestId('traps-auth-key').fill(V3.auth);
  await page.getByTestId('traps-priv-key').fill(V3.priv);
  await page.getByTestId('traps-config-save').click();
  await expect(page.getByTestId('traps-config-dialog')).toHaveCount(0);
  await expect(page.getByTestId('traps-status')).toHaveAttribute('data-listening', 'true');

  const v2Row = rowOf(page, 'e2e-ge-0/0/3');
  await expectWithin2s(() => v2c(LINK_DOWN, `${IF_INDEX}.3`, 'i', '3', `${IF_DESCR}.3`, 's', 'e2e-ge-0/0/3'), v2Row);
  await expect(v2Row).toHaveAttribute('data-severity', 'major');
  await expect(v2Row).toHaveAttribute('data-state', 'open');
  await expect(v2Row).toContainText('127.0.0.1');

  const v3Row = rowOf(page, 'e2e-ge-0/0/4');
  await expectWithin2s(() => v3(LINK_DOWN, `${IF_INDEX}.4`, 'i', '4', `${IF_DESCR}.4`, 's', 'e2e-ge-0/0/4'), v3Row);
  await expect(v3Row).toHaveAttribute('data-kind', 'trap.linkDown');

  // acknowledge with a note: the row says who acknowledged it and why
  await v2Row.getByTestId('alarm-ack').click();
  await page.getByTestId('ack-note').fill('fibre cut, crew dispatched');
  await page.getByTestId('ack-confirm').click();
  await expect(page.getByTestId('ack-dialog')).toHaveCount(0);
  await expect(v2Row).toHaveAttribute('data-state', 'acked');
  await expect(v2Row.getByTestId('alarm-acked-by')).toHaveText(/acknowledged by web: fibre cut, crew dispatched/);

  // the linkUp of the same interface clears it (live): gone from the active list, in the history
  await v2c(LINK_UP, `${IF_INDEX}.3`, 'i', '3');
  await expect(v2Row).toHaveCount(0);
  await expect(v3Row).toHaveAttribute('data-state', 'open');
  await page.getByTestId('alarms-state').selectOption('cleared');
  await expect(rowOf(page, 'e2e-ge-0/0/3')).toHaveAttribute('data-state', 'cleared');
  await expect(rowOf(page, 'e2e-ge-0/0/4')).toHaveCount(0);
});
