// Where the renderer comes from, and the pure (Electron-free) policies built on it, so they can be
// unit-tested under plain Node. Packaged and preview builds load app://noc/; `electron-vite dev`
// loads its dev server (ELECTRON_RENDERER_URL), honoured only when the app is not packaged.

export const APP_SCHEME = 'app';
export const APP_HOST = 'noc';
export const APP_ENTRY_URL = `${APP_SCHEME}://${APP_HOST}/index.html`;

function parse(url: string): URL | null {
  try {
    return new URL(url);
  } catch {
    return null;
  }
}

/**
 * The dev server origin when it is a plain local http(s) server, else undefined: an environment
 * variable must not be able to point the console at a remote page that would then get window.noc.
 */
export function devServerOrigin(devUrl: string | undefined): string | undefined {
  if (!devUrl) return undefined;
  const u = parse(devUrl);
  if (!u || (u.protocol !== 'http:' && u.protocol !== 'https:')) return undefined;
  if (u.username || u.password) return undefined;
  const host = u.hostname.replace(/^\[|\]$/g, '');
  if (host !== 'localhost' && host !== '127.0.0.1' && host !== '::1') return undefined;
  return u.origin;
}

/**
 * True when a URL belongs to our own renderer. Note `new URL('app://noc/').origin === 'null'` in
 * Node (non-special scheme), so app: URLs are compared by protocol and host, never by origin.
 */
export function isOwnRendererUrl(url: string, devUrl?: string): boolean {
  const u = parse(url);
  if (!u) return false;
  if (u.protocol === `${APP_SCHEME}:`) return u.host === APP_HOST && !u.username && !u.password;
  const dev = devServerOrigin(devUrl);
  return dev !== undefined && (u.protocol === 'http:' || u.protocol === 'https:') && u.origin === dev;
}

/**
 * May this IPC sender call the contract? Only the main frame (an iframe, even of our own origin,
 * is not trusted: it may host something else later) of a page served from our own origin.
 */
export function isTrustedSender(url: string, isMainFrame: boolean, devUrl?: string): boolean {
  return isMainFrame === true && typeof url === 'string' && isOwnRendererUrl(url, devUrl);
}

/** May a frame of ours navigate (or be redirected) to this URL? Only within our own origin. */
export function isAllowedNavigation(url: string, devUrl?: string): boolean {
  return isOwnRendererUrl(url, devUrl);
}

/**
 * The URL to hand to the OS browser, or null. Only http(s), parsed (no string games), no
 * credentials embedded (they would land in the browser history and the referrer), bounded length.
 */
export function vetExternalUrl(raw: unknown): string | null {
  if (typeof raw !== 'string' || raw.length === 0 || raw.length > 2048) return null;
  const u = parse(raw);
  if (!u) return null;
  if (u.protocol !== 'http:' && u.protocol !== 'https:') return null;
  if (u.username || u.password || !u.hostname) return null;
  return u.href;
}
