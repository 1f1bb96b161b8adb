#!/usr/bin/env node
// Runs the Playwright e2e suite. Kept as a script so CI and the README share one entry point.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';

const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
if (!fs.existsSync(chromium)) {
  console.error(`Chromium not found at ${chromium}: install Debian's chromium (apt-get install chromium) or set CHROMIUM_PATH.`);
  process.exit(1);
}
// The Electron spec launches the real app where the binary exists and skips, saying why,
// elsewhere. It runs first so the web suite's summary (tests that did run) ends the output: a
// log that ends in a skipped suite's "tests 0" reads as if nothing was tested.
const electron = spawnSync(process.execPath, ['--test', 'tests/e2e/electron/app.electron.spec.mjs'], { stdio: 'inherit' });
if (electron.status !== 0) process.exit(electron.status ?? 1);
const web = spawnSync('npx', ['playwright', 'test', ...process.argv.slice(2)], { stdio: 'inherit' });
process.exit(web.status ?? 1);
