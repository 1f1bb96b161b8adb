// The console window. Hidden until the first paint (no white flash), then shown.
import type { BrowserWindow } from 'electron';
import { APP_ENTRY_URL, devServerOrigin } from './origin';
import { createHardenedWindow } from './security';

export interface MainWindowOptions {
  preload: string;
  devUrl?: string;
  devTools: boolean;
}

export function createMainWindow(opts: MainWindowOptions): BrowserWindow {
  const win = createHardenedWindow({
    width: 1440,
    height: 900,
    minWidth: 960,
    minHeight: 600,
    show: false,
    title: 'DotMac NOC Console',
    backgroundColor: '#0f1419',
    autoHideMenuBar: false,
    preload: opts.preload,
    devTools: opts.devTools,
  });
  win.once('ready-to-show', () => win.show());
  const dev = devServerOrigin(opts.devUrl);
  void (dev && opts.devUrl ? win.loadURL(opts.devUrl) : win.loadURL(APP_ENTRY_URL)).catch((err: unknown) => {
    console.error(`[window] loading the renderer failed: ${err instanceof Error ? err.message : String(err)}`);
  });
  return win;
}
