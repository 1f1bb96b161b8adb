#!/usr/bin/env node
// Runs the Playwright e2e suite. Kept as a script so CI and the README share one entry point.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';

const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
if (!fs.existsSync(chromium)) {
  console.error(`Chromium not found at ${chromium}: install Debian's chromium (apt-get install chromium) or set CHROMIUM_PATH.`);
  process.exit(1);
}
// The Electron spec launches the real app where the binary exists. Where it does not (npm ran
// with ELECTRON_SKIP_BINARY_DOWNLOAD=1), it is not started at all: a node:test run that skips
// prints "tests 0", and a CI log carrying that line reads as if nothing was tested.
const electronPkg = new URL('../../node_modules/electron/path.txt', import.meta.url);
if (process.env.ELECTRON_OVERRIDE_DIST_PATH || fs.existsSync(electronPkg)) {
  const electron = spawnSync(process.execPath, ['--test', 'tests/e2e/electron/app.electron.spec.mjs'], { stdio: 'inherit' });
  if (electron.status !== 0) process.exit(electron.status ?? 1);
} else {
  console.log('Electron host spec not started: the Electron binary is not installed here (ELECTRON_SKIP_BINARY_DOWNLOAD=1).');
}
const web = spawnSync('npx', ['playwright', 'test', ...process.argv.slice(2)], { stdio: 'inherit' });
process.exit(web.status ?? 1);
