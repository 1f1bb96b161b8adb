// ════════════════════════════════════════════════════════════════════════════════════════════
//  SECURITY HARDENING — the one region that decides what the renderer may do.
//  The renderer is untrusted (it renders device names, syslog lines, SNMP strings and terminal
//  output that an attacker can influence). It gets no Node, no secrets, no navigation away from
//  our own origin, no new windows, no webviews, no permissions, and only the typed window.noc
//  bridge, whose every call main validates again (sender + schema + role; see ipc/register.ts).
//  Change anything here only with a reason written next to it.
// ════════════════════════════════════════════════════════════════════════════════════════════
import { app, BrowserWindow, shell, type BrowserWindowConstructorOptions, type Session, type WebContents } from 'electron';
import { devServerOrigin, isAllowedNavigation, isOwnRendererUrl, vetExternalUrl } from './origin';

/**
 * The policy of every response of ours. Inline styles: xterm and cytoscape inject <style>.
 * One string literal on purpose, so Electronegativity's CSP check can parse and grade it.
 */
export const CSP_PRODUCTION =
  "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; font-src 'self' data:; connect-src 'self'; worker-src 'self' blob:; manifest-src 'self'; object-src 'none'; frame-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

/** `electron-vite dev` only: Vite's React refresh preamble is an inline script, HMR a websocket. */
function cspDevelopment(origin: string): string {
  const ws = origin.replace(/^http/, 'ws');
  return CSP_PRODUCTION.replace("script-src 'self'", `script-src 'self' 'unsafe-inline' ${origin}`).replace(
    "connect-src 'self'",
    `connect-src 'self' ${origin} ${ws}`,
  );
}

export function contentSecurityPolicy(devUrl?: string): string {
  const dev = devServerOrigin(devUrl);
  return dev ? cspDevelopment(dev) : CSP_PRODUCTION;
}

export type HardenedWindowOptions = Omit<BrowserWindowConstructorOptions, 'webPreferences'> & {
  preload: string;
  devTools: boolean;
};

/**
 * The only way this host opens a window. The webPreferences are a literal here (not built
 * elsewhere and spread in) so that a reader, and Electronegativity, sees every switch at once.
 */
export function createHardenedWindow({ preload, devTools, ...options }: HardenedWindowOptions): BrowserWindow {
  return new BrowserWindow({
    ...options,
    webPreferences: {
      preload,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      // middle-click on a link would ask for a new window; we never want one
      disableBlinkFeatures: 'Auxclick',
      webviewTag: false,
      navigateOnDragDrop: false,
      spellcheck: false,
      safeDialogs: true,
      devTools,
    },
  });
}

function guardWebContents(contents: WebContents, devUrl: string | undefined, log: (line: string) => void): void {
  // <webview> would be a second renderer with preferences of its embedder's choosing
  contents.on('will-attach-webview', (event) => {
    event.preventDefault();
    log('[security] blocked a <webview> attach');
  });
  // a link, a form or `location =` must never take a window with window.noc to another origin
  contents.on('will-navigate', (event) => {
    if (!isAllowedNavigation(event.url, devUrl)) {
      event.preventDefault();
      log(`[security] blocked navigation to ${event.url.slice(0, 200)}`);
    }
  });
  contents.on('will-frame-navigate', (event) => {
    if (!isAllowedNavigation(event.url, devUrl)) {
      event.preventDefault();
      log(`[security] blocked frame navigation to ${event.url.slice(0, 200)}`);
    }
  });
  contents.on('will-redirect', (event) => {
    if (!isAllowedNavigation(event.url, devUrl)) {
      event.preventDefault();
      log(`[security] blocked redirect to ${event.url.slice(0, 200)}`);
    }
  });
  // no new Electron windows at all; a vetted http(s) link opens in the user's browser
  contents.setWindowOpenHandler(({ url }) => {
    const safe = vetExternalUrl(url);
    if (safe) {
      shell.openExternal(safe).catch((err: unknown) => log(`[security] openExternal failed: ${err instanceof Error ? err.message : String(err)}`));
    } else {
      log(`[security] refused window.open of ${String(url).slice(0, 200)}`);
    }
    return { action: 'deny' };
  });
}

/** Before app ready: process-wide switches and the guard every new WebContents passes. */
export function hardenApp(opts: { devUrl?: string; log?: (line: string) => void }): void {
  const log = opts.log ?? ((l: string) => console.warn(l));
  app.enableSandbox();
  app.on('web-contents-created', (_event, contents) => guardWebContents(contents, opts.devUrl, log));
}

function withoutHeader(headers: Record<string, string[]> | undefined, name: string): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const [k, v] of Object.entries(headers ?? {})) if (k.toLowerCase() !== name.toLowerCase()) out[k] = v;
  return out;
}

/** After app ready: the session the windows use. */
export function hardenSession(ses: Session, opts: { devUrl?: string; log?: (line: string) => void }): void {
  const log = opts.log ?? ((l: string) => console.warn(l));
  const csp = contentSecurityPolicy(opts.devUrl);
  // camera, geolocation, notifications, clipboard-read, HID, serial, USB…: a NOC console needs none
  ses.setPermissionRequestHandler((_contents, permission, callback) => {
    log(`[security] denied permission request: ${permission}`);
    callback(false);
  });
  ses.setPermissionCheckHandler(() => false);
  ses.setDevicePermissionHandler(() => false);
  // the CSP travels as a header on our responses too (renderer/index.html carries it as <meta>);
  // other origins (devtools://) keep their own policy
  ses.webRequest.onHeadersReceived((details, callback) => {
    if (!isOwnRendererUrl(details.url, opts.devUrl)) return callback({});
    callback({ responseHeaders: { ...withoutHeader(details.responseHeaders, 'Content-Security-Policy'), 'Content-Security-Policy': [csp] } });
  });
  // packaged/preview: the renderer talks to nothing on the network; main's services do (from Node)
  if (!devServerOrigin(opts.devUrl)) {
    ses.webRequest.onBeforeRequest({ urls: ['http://*/*', 'https://*/*', 'ws://*/*', 'wss://*/*'] }, (details, callback) => {
      const cancel = !isOwnRendererUrl(details.url);
      if (cancel) log(`[security] blocked renderer request to ${details.url.slice(0, 200)}`);
      callback({ cancel });
    });
  }
}
// ═════════════════════════════════════ END SECURITY HARDENING ══════════════════════════════════
