// End-to-end check of the Electron host: launches the built app (out/) in the real Electron
// binary through Playwright's _electron, with a throwaway workspace, and checks the security
// posture a user cannot see: the bridge exists, Node does not, navigation away is blocked.
// Run: npm run build && node --test tests/e2e/electron/app.electron.spec.mjs
// Skips (with the reason) when the Electron binary is not installed, as on machines where npm ran
// with ELECTRON_SKIP_BINARY_DOWNLOAD=1, or when there is no display to open a window on.
/* global window -- the page.evaluate callbacks run in the renderer */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..');

function electronBinary() {
  if (process.env.ELECTRON_OVERRIDE_DIST_PATH) return { path: process.env.ELECTRON_OVERRIDE_DIST_PATH };
  const pkg = path.join(root, 'node_modules', 'electron');
  const pathTxt = path.join(pkg, 'path.txt');
  if (!fs.existsSync(pathTxt)) {
    return { skip: `Electron binary not installed: ${pathTxt} is missing (npm ran with ELECTRON_SKIP_BINARY_DOWNLOAD=1, or electron's postinstall did not run)` };
  }
  const bin = path.join(pkg, 'dist', fs.readFileSync(pathTxt, 'utf8').trim());
  if (!fs.existsSync(bin)) return { skip: `Electron binary not installed: ${bin} does not exist (ELECTRON_SKIP_BINARY_DOWNLOAD=1?)` };
  return { path: bin };
}

function skipReason() {
  const bin = electronBinary();
  if (bin.skip) return bin.skip;
  if (process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY) {
    return 'no display: run under xvfb-run (Electron needs X11 or Wayland to open a window)';
  }
  return false;
}

const skip = skipReason();
if (skip) console.log(`# SKIP electron e2e: ${skip}`);

describe('Electron host', { skip }, () => {
  /** @type {import('playwright-core').ElectronApplication} */
  let electronApp;
  /** @type {import('playwright-core').Page} */
  let page;
  let workspace;

  before(async () => {
    for (const f of ['out/main/index.js', 'out/preload/index.cjs', 'out/renderer/index.html']) {
      assert.ok(fs.existsSync(path.join(root, f)), `${f} is missing: run \`npm run build\` first`);
    }
    const { _electron } = await import('playwright-core');
    workspace = fs.mkdtempSync(path.join(os.tmpdir(), 'noc-electron-e2e-'));
    const env = { ...process.env, NOC_WORKSPACE: workspace };
    delete env.ELECTRON_RENDERER_URL; // the built renderer over app://, as shipped
    delete env.ELECTRON_RUN_AS_NODE;
    electronApp = await _electron.launch({
      executablePath: electronBinary().path,
      args: [root, ...(process.platform === 'linux' && process.getuid?.() === 0 ? ['--no-sandbox'] : [])],
      cwd: root,
      env,
      timeout: 60_000,
    });
    page = await electronApp.firstWindow();
    await page.waitForLoadState('domcontentloaded');
  });

  after(async () => {
    await electronApp?.close().catch(() => {});
    if (workspace) fs.rmSync(workspace, { recursive: true, force: true });
  });

  it('loads the renderer from app://noc and shows the Devices page', async () => {
    assert.match(page.url(), /^app:\/\/noc\//);
    await page.getByText(/Devices/).first().waitFor({ state: 'visible', timeout: 30_000 });
  });

  it('exposes window.noc, and no Node, to the page', async () => {
    const surface = await page.evaluate(() => ({
      noc: typeof window.noc,
      invoke: typeof window.noc?.invoke,
      on: typeof window.noc?.on,
      require: typeof window.require,
      process: typeof window.process,
      module: typeof window.module,
      Buffer: typeof window.Buffer,
      ipcRenderer: typeof window.ipcRenderer,
      electron: typeof window.electron,
    }));
    assert.deepEqual(surface, {
      noc: 'object',
      invoke: 'function',
      on: 'function',
      require: 'undefined',
      process: 'undefined',
      module: 'undefined',
      Buffer: 'undefined',
      ipcRenderer: 'undefined',
      electron: 'undefined',
    });
  });

  it('answers the contract over IPC and rejects unknown channels', async () => {
    const info = await page.evaluate(() => window.noc.invoke('app.info', {}));
    assert.equal(info.ok, true);
    assert.equal(info.value.host, 'electron');
    assert.equal(info.value.workspace, workspace);
    const unknown = await page.evaluate(() => window.noc.invoke('fs.readFile', { path: '/etc/passwd' }));
    assert.equal(unknown.ok, false);
    assert.equal(unknown.error.code, 'UNKNOWN_CHANNEL');
  });

  it('forwards main-side events to the window', async () => {
    const event = await page.evaluate(
      () =>
        new Promise((resolve) => {
          const off = window.noc.on('devices.changed', (payload) => {
            off();
            resolve(payload);
          });
          void window.noc.invoke('devices.create', { name: 'e2e-edge-01', mgmtAddress: '198.18.0.1' });
          setTimeout(() => resolve(null), 15_000);
        }),
    );
    assert.ok(event, 'no devices.changed event arrived');
  });

  it('runs the window sandboxed with context isolation', async () => {
    const prefs = await electronApp.evaluate(({ BrowserWindow }) => {
      const p = BrowserWindow.getAllWindows()[0].webContents.getLastWebPreferences();
      return { sandbox: p.sandbox, contextIsolation: p.contextIsolation, nodeIntegration: p.nodeIntegration, webviewTag: p.webviewTag };
    });
    assert.deepEqual(prefs, { sandbox: true, contextIsolation: true, nodeIntegration: false, webviewTag: false });
  });

  it('blocks navigation to an external URL and refuses new windows', async () => {
    const before = page.url();
    await page.evaluate(() => {
      window.location.href = 'https://example.com/';
    });
    await page.waitForTimeout(1_000);
    assert.equal(page.url(), before);
    assert.equal(await page.evaluate(() => typeof window.noc), 'object');
    // not http(s): refused outright, so nothing is handed to the OS either
    const opened = await page.evaluate(() => window.open('file:///etc/passwd') === null);
    assert.equal(opened, true);
    assert.equal(electronApp.windows().length, 1);
  });
});
