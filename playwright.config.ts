// End-to-end tests drive the real UI in Debian's Chromium (playwright-core cannot download
// browsers here). The web project runs against `noc serve` on a seeded demo workspace started by
// the global setup. The Electron spec (tests/e2e/electron) runs under node --test from run.mjs,
// where the Electron binary exists, and says why it skips elsewhere.
import { defineConfig } from '@playwright/test';

export default defineConfig({
  testDir: 'tests/e2e/web',
  outputDir: 'artifacts/e2e/results',
  timeout: 60_000,
  expect: { timeout: 15_000 },
  fullyParallel: false,
  workers: 1,
  retries: 0,
  reporter: [['list'], ['html', { outputFolder: 'artifacts/e2e/report', open: 'never' }]],
  globalSetup: './tests/e2e/web/global-setup.ts',
  use: {
    screenshot: 'on',
    trace: 'retain-on-failure',
    viewport: { width: 1440, height: 900 },
  },
  projects: [
    {
      name: 'web',
      testMatch: /.*\.spec\.ts$/,
      use: { browserName: 'chromium', launchOptions: { executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium' } },
    },
  ],
});
