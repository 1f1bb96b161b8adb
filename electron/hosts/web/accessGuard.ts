// Who may talk to the web host. Bound to loopback by default, it still faces every local process
// and every page open in the user's browser, so each request must carry the per-launch token (in
// the URL once, then in a same-site cookie), name one of our own host names (DNS rebinding), and,
// for WebSocket upgrades, come from our own Origin (a foreign page cannot ride the cookie).
import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { TOKEN_PARAM } from '../../../shared/ipc/wire';

export interface AccessGuardOptions {
  token: string;
  /** host names the server answers to, without port */
  hostNames: string[];
  port: number;
}

export type AccessDecision = { ok: true; tokenFromQuery: boolean } | { ok: false; status: 401 | 403 | 421; reason: string };

export function tokenEquals(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

export function cookieName(port: number): string {
  return `noc_token_${port}`;
}

function readCookie(header: string | undefined, name: string): string | null {
  if (!header) return null;
  for (const part of header.split(';')) {
    const [k, ...v] = part.trim().split('=');
    if (k === name) return decodeURIComponent(v.join('='));
  }
  return null;
}

export class AccessGuard {
  constructor(private readonly opts: AccessGuardOptions) {}

  private allowedHost(hostHeader: string | undefined): boolean {
    if (!hostHeader) return false;
    let u: URL;
    try {
      u = new URL(`http://${hostHeader}`);
    } catch {
      return false;
    }
    const name = u.hostname.replace(/^\[|\]$/g, '').toLowerCase();
    const port = u.port === '' ? 80 : Number(u.port);
    return port === this.opts.port && this.opts.hostNames.includes(name);
  }

  private allowedOrigin(origin: string | undefined): boolean {
    if (origin === undefined) return true; // non-browser clients (CLI, tests) send none
    try {
      const u = new URL(origin);
      return u.protocol === 'http:' && this.allowedHost(u.host);
    } catch {
      return false;
    }
  }

  check(req: IncomingMessage, opts: { websocket: boolean }): AccessDecision {
    if (!this.allowedHost(req.headers.host)) return { ok: false, status: 421, reason: 'unknown Host header' };
    const origin = req.headers.origin;
    if ((opts.websocket || origin !== undefined) && !this.allowedOrigin(origin)) {
      return { ok: false, status: 403, reason: 'foreign Origin' };
    }
    const url = new URL(req.url ?? '/', 'http://localhost');
    const fromQuery = url.searchParams.get(TOKEN_PARAM);
    if (fromQuery !== null) {
      return tokenEquals(fromQuery, this.opts.token) ? { ok: true, tokenFromQuery: true } : { ok: false, status: 401, reason: 'wrong token' };
    }
    const fromCookie = readCookie(req.headers.cookie, cookieName(this.opts.port));
    if (fromCookie !== null && tokenEquals(fromCookie, this.opts.token)) return { ok: true, tokenFromQuery: false };
    return { ok: false, status: 401, reason: 'missing token' };
  }
}
