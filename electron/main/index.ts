// Composition root of the Electron host. Thin by design: it opens the workspace with a
// keychain-backed key, composes the same services as the web host and the CLI, binds them to IPC,
// and opens one hardened window. All domain logic lives in electron/services (no 'electron' there).
import { app, BrowserWindow, dialog, Menu, safeStorage, session } from 'electron';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createConsoleServices, type ConsoleServices } from '../services/consoleServices';
import { registerIpc } from './app/ipc/register';
import { buildAppMenu } from './app/menu';
import { devServerOrigin } from './app/origin';
import { registerAppScheme, serveRenderer } from './app/protocol';
import { contentSecurityPolicy, hardenApp, hardenSession } from './app/security';
import { createMainWindow } from './app/window';
import { hostPaths } from './platform/paths';
import { ElectronPdfRenderer, saveExportWithDialog } from './platform/printToPdf';
import { createWorkspaceKeyProvider } from './platform/safeStorageKeyProvider';

const log = (line: string): void => console.warn(line);

// `electron-vite dev` sets ELECTRON_RENDERER_URL; a packaged app never honours it, and even in
// dev only a local http(s) origin is accepted (see devServerOrigin).
const rawDevUrl = app.isPackaged ? undefined : process.env.ELECTRON_RENDERER_URL;
const devUrl = devServerOrigin(rawDevUrl) ? rawDevUrl : undefined;
if (rawDevUrl && !devUrl) log(`[main] ignoring ELECTRON_RENDERER_URL=${rawDevUrl}: not a local http(s) origin`);
const devTools = !app.isPackaged;

// NOC_WORKSPACE (tests, second workspaces) also moves Chromium's profile and the single-instance
// lock into that folder, so parallel test runs neither share state nor block each other.
const workspaceOverride = process.env.NOC_WORKSPACE ? path.resolve(process.env.NOC_WORKSPACE) : undefined;
if (workspaceOverride) app.setPath('userData', path.join(workspaceOverride, 'electron-profile'));

const paths = hostPaths({
  isPackaged: app.isPackaged,
  resourcesPath: process.resourcesPath,
  mainDir: path.dirname(fileURLToPath(import.meta.url)),
});

function fatal(title: string, err: unknown): void {
  const message = err instanceof Error ? err.message : String(err);
  console.error(`[main] ${title}: ${err instanceof Error ? (err.stack ?? message) : message}`);
  if (app.isReady()) dialog.showErrorBox(title, message);
  app.exit(1);
}

/** Resolves once the window has painted and the renderer has loaded (so it hears progress). */
function shownAndLoaded(win: BrowserWindow): Promise<void> {
  return new Promise((resolve) => {
    let shown = win.isVisible();
    let loaded = !win.webContents.isLoading();
    const check = () => shown && loaded && resolve();
    win.once('show', () => ((shown = true), check()));
    win.webContents.once('did-finish-load', () => ((loaded = true), check()));
    check();
  });
}

function startDemoSeed(services: ConsoleServices): void {
  log('[main] empty workspace: creating the demo ISP');
  void services.dispatcher.invoke('demo.seed', {}, { host: 'electron' }).then((r) => {
    if (r.ok) log('[main] demo ISP ready');
    else log(`[main] demo seed failed: ${r.error.code}: ${r.error.message}`);
  });
}

async function start(): Promise<void> {
  hardenSession(session.defaultSession, { devUrl, log });
  serveRenderer(paths.rendererRoot, contentSecurityPolicy(devUrl), log);
  Menu.setApplicationMenu(buildAppMenu({ devTools }));
  if (process.platform === 'win32') app.setAppUserModelId('net.dotmac.noc-console');

  const dir = workspaceOverride ?? app.getPath('userData');
  const keyProvider = createWorkspaceKeyProvider(dir, safeStorage, log);
  keyProvider.getKey(); // fail now, with a clear message, rather than at the first sealed secret
  const services = createConsoleServices({
    host: 'electron',
    dir,
    keyProvider,
    migrationsFolder: paths.migrationsFolder,
    radiusDictionaryDir: paths.radiusDictionaryDir,
    volthaProtosDir: paths.volthaProtosDir,
    pdfRenderer: new ElectronPdfRenderer(),
    saveExport: saveExportWithDialog,
  });
  let seedPending = services.workspace.isEmpty() && process.env.NOC_DEMO_SEED !== '0';

  let mainWindow: BrowserWindow | null = null;
  const disposeIpc = registerIpc({ services, windows: () => (mainWindow ? [mainWindow] : []), devUrl, log });

  const openWindow = (): BrowserWindow => {
    const win = createMainWindow({ preload: paths.preload, devUrl, devTools });
    win.on('closed', () => {
      if (mainWindow === win) mainWindow = null;
    });
    mainWindow = win;
    if (seedPending) {
      seedPending = false;
      void shownAndLoaded(win).then(() => startDemoSeed(services));
    }
    return win;
  };

  app.on('second-instance', () => {
    const win = mainWindow ?? openWindow();
    if (win.isMinimized()) win.restore();
    win.show();
    win.focus();
  });
  app.on('activate', () => {
    if (!mainWindow) openWindow();
  });
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
  app.on('will-quit', () => {
    disposeIpc();
    services.close();
  });

  openWindow();
}

registerAppScheme();
hardenApp({ devUrl, log });

if (!app.requestSingleInstanceLock()) {
  // another console already runs on this profile; it gets 'second-instance' and comes forward
  app.quit();
} else {
  app
    .whenReady()
    .then(start)
    .catch((err: unknown) => fatal('DotMac NOC Console could not start', err));
}
