// `noc serve`: the built renderer over HTTP and the IPC contract over a WebSocket, for a browser
// on a Linux box or a wall screen. Every request goes through the same Dispatcher as Electron IPC.
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket, type RawData } from 'ws';
import { TOKEN_PARAM, WS_PATH, type WireMessage } from '../../../shared/ipc/wire';
import type { ConsoleServices } from '../../services/consoleServices';
import { AccessGuard, cookieName } from './accessGuard';
import { StaticFiles } from './staticFiles';

export interface WebHostOptions {
  services: ConsoleServices;
  rendererDir: string;
  host?: string;
  port?: number;
  /** Fixed token for tests; a fresh random one per launch otherwise. */
  token?: string;
  log?: (line: string) => void;
}

export interface WebHost {
  url: string;
  port: number;
  token: string;
  close(): Promise<void>;
}

const CSP =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; " +
  "object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

const EXPORT_TYPES: Record<string, string> = {
  '.xlsx': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  '.csv': 'text/csv; charset=utf-8',
  '.pdf': 'application/pdf',
  '.json': 'application/json',
};

const MAX_MESSAGE_BYTES = 64 * 1024 * 1024;
/** Stop pushing events to a client that does not read (a frozen tab) past this backlog. */
const MAX_EVENT_BACKLOG = 8 * 1024 * 1024;

function isLoopback(host: string): boolean {
  return host === '127.0.0.1' || host === '::1' || host === 'localhost';
}

export async function startWebHost(opts: WebHostOptions): Promise<WebHost> {
  const host = opts.host ?? '127.0.0.1';
  const token = opts.token ?? randomBytes(24).toString('base64url');
  const log = opts.log ?? ((l: string) => console.error(l));
  const files = new StaticFiles(opts.rendererDir);
  if (!files.exists()) throw new Error(`The renderer is not built (${opts.rendererDir} has no index.html): run \`npm run build\` first.`);

  const server = http.createServer();
  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_MESSAGE_BYTES });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, host, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  const hostNames = isLoopback(host) ? ['127.0.0.1', 'localhost', '::1'] : [host.toLowerCase(), '127.0.0.1', 'localhost'];
  const guard = new AccessGuard({ token, hostNames, port });

  server.on('request', (req, res) => {
    const baseHeaders = {
      'Content-Security-Policy': CSP,
      'X-Content-Type-Options': 'nosniff',
      'Referrer-Policy': 'no-referrer',
      'X-Frame-Options': 'DENY',
      'Cache-Control': 'no-store',
    };
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, baseHeaders).end();
      return;
    }
    const decision = guard.check(req, { websocket: false });
    if (!decision.ok) {
      res
        .writeHead(decision.status, { ...baseHeaders, 'Content-Type': 'text/plain; charset=utf-8' })
        .end(`Refused (${decision.reason}). Open the URL that \`noc serve\` printed: it carries this launch's access token.\n`);
      return;
    }
    const pathname = new URL(req.url ?? '/', 'http://x').pathname;
    const exportMatch = /^\/exports\/([0-9a-f-]{36})$/.exec(pathname);
    if (exportMatch?.[1]) {
      // a finished report export, downloaded by the page that asked for it (same token cookie)
      const found = opts.services.reports.exportedFile(exportMatch[1]);
      if (!found) {
        res.writeHead(404, baseHeaders).end();
        return;
      }
      const size = fs.statSync(found.file).size;
      res.writeHead(200, {
        ...baseHeaders,
        'Content-Type': EXPORT_TYPES[path.extname(found.fileName)] ?? 'application/octet-stream',
        'Content-Length': String(size),
        'Content-Disposition': `attachment; filename="${found.fileName.replace(/[^\w.-]/g, '_')}"`,
      });
      if (req.method === 'HEAD') res.end();
      else fs.createReadStream(found.file).pipe(res);
      return;
    }
    const file = files.read(pathname);
    if (!file) {
      res.writeHead(404, baseHeaders).end();
      return;
    }
    const headers: Record<string, string> = { ...baseHeaders, 'Content-Type': file.type };
    if (decision.tokenFromQuery) {
      headers['Set-Cookie'] = `${cookieName(port)}=${encodeURIComponent(token)}; Path=/; HttpOnly; SameSite=Strict`;
    }
    res.writeHead(200, headers).end(req.method === 'HEAD' ? undefined : file.body);
  });

  server.on('upgrade', (req, socket, head) => {
    const upgradePath = new URL(req.url ?? '/', 'http://x').pathname;
    const decision = upgradePath === WS_PATH ? guard.check(req, { websocket: true }) : ({ ok: false, status: 403, reason: 'not found' } as const);
    if (!decision.ok) {
      socket.write(`HTTP/1.1 ${decision.status} Refused\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
      socket.destroy();
      log(`web host: refused WebSocket from ${req.socket.remoteAddress ?? '?'}: ${decision.reason}`);
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => serveConnection(ws, opts.services, log));
  });

  const url = `http://${host.includes(':') ? `[${host}]` : host}:${port}/?${TOKEN_PARAM}=${token}`;
  return {
    url,
    port,
    token,
    close: () =>
      new Promise<void>((resolve) => {
        for (const c of wss.clients) c.terminate();
        wss.close();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function send(ws: WebSocket, msg: WireMessage): void {
  if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(msg));
}

function serveConnection(ws: WebSocket, services: ConsoleServices, log: (l: string) => void): void {
  const unsubscribe = services.bus.subscribe((name, payload) => {
    if (ws.bufferedAmount > MAX_EVENT_BACKLOG) return;
    send(ws, { t: 'evt', name, payload });
  });
  ws.on('close', unsubscribe);
  ws.on('error', (err) => log(`web host: socket error: ${err.message}`));
  ws.on('message', (data: RawData, isBinary: boolean) => {
    void handleMessage(ws, services, data, isBinary);
  });
}

async function handleMessage(ws: WebSocket, services: ConsoleServices, data: RawData, isBinary: boolean): Promise<void> {
  let msg: unknown;
  try {
    if (isBinary) throw new Error('binary');
    msg = JSON.parse(data.toString());
  } catch {
    send(ws, { t: 'res', id: -1, result: { ok: false, error: { code: 'VALIDATION', message: 'The message is not JSON text.' } } });
    return;
  }
  const m = msg as { t?: unknown; id?: unknown; channel?: unknown; payload?: unknown };
  const id = typeof m.id === 'number' && Number.isSafeInteger(m.id) ? m.id : -1;
  if (m.t !== 'req' || id < 0) {
    send(ws, { t: 'res', id, result: { ok: false, error: { code: 'VALIDATION', message: 'Expected {t:"req", id, channel, payload}.' } } });
    return;
  }
  const result = await services.dispatcher.invoke(m.channel, m.payload, { host: 'web' });
  send(ws, { t: 'res', id, result });
}
