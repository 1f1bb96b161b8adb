// app://noc/ serves the built renderer (out/renderer). A privileged standard + secure scheme gives
// the renderer a real origin ('self' in the CSP, fetch, module scripts) without file://, whose
// extra privileges we switch off with the grantFileProtocolExtraPrivileges fuse.
import { protocol } from 'electron';
import { StaticFiles } from '../../hosts/web/staticFiles';
import { APP_HOST, APP_SCHEME } from './origin';

/** Must run before app 'ready'. */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true } },
  ]);
}

function notFound(): Response {
  return new Response('Not found', { status: 404, headers: { 'Content-Type': 'text/plain; charset=utf-8' } });
}

/** After 'ready': answer app:// requests from files under rendererRoot, nothing else. */
export function serveRenderer(rendererRoot: string, csp: string, log: (line: string) => void = (l) => console.warn(l)): void {
  const files = new StaticFiles(rendererRoot);
  protocol.handle(APP_SCHEME, (request) => {
    let url: URL;
    try {
      url = new URL(request.url);
    } catch {
      return notFound();
    }
    if (url.host !== APP_HOST || (request.method !== 'GET' && request.method !== 'HEAD')) return notFound();
    // StaticFiles decodes the path and refuses anything that resolves outside rendererRoot
    // (../, %2e%2e%2f, NUL); Chromium has already normalised dot segments of the URL itself.
    const file = files.read(url.pathname);
    if (!file) {
      log(`[protocol] 404 ${url.pathname.slice(0, 200)}`);
      return notFound();
    }
    return new Response(request.method === 'HEAD' ? null : new Uint8Array(file.body), {
      status: 200,
      headers: {
        'Content-Type': file.type,
        'Content-Security-Policy': csp,
        'X-Content-Type-Options': 'nosniff',
        'Cross-Origin-Opener-Policy': 'same-origin',
        'Cross-Origin-Resource-Policy': 'same-origin',
        'Referrer-Policy': 'no-referrer',
        'Cache-Control': 'no-cache',
      },
    });
  });
}
