import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { WireMessage } from '../../../shared/ipc/wire';
import { startWebHost, type WebHost } from '../../../electron/hosts/web/webHost';
import { openTempConsole, tempDir } from '../../helpers/tempWorkspace';

function get(url: string, headers: Record<string, string> = {}): Promise<{ status: number; body: string; headers: http.IncomingHttpHeaders }> {
  return new Promise((resolve, reject) => {
    http
      .get(url, { headers }, (res) => {
        let body = '';
        res.on('data', (d: Buffer) => (body += d.toString()));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body, headers: res.headers }));
      })
      .on('error', reject);
  });
}

/** Resolves with the HTTP status of a refused upgrade, or 101 when the socket opens. */
function tryWebSocket(url: string, headers: Record<string, string> = {}): Promise<{ status: number; ws?: WebSocket }> {
  return new Promise((resolve) => {
    const ws = new WebSocket(url, { headers });
    ws.on('open', () => resolve({ status: 101, ws }));
    ws.on('unexpected-response', (_req, res) => resolve({ status: res.statusCode ?? 0 }));
    ws.on('error', () => resolve({ status: -1 }));
  });
}

function request(ws: WebSocket, msg: unknown): Promise<WireMessage> {
  return new Promise((resolve) => {
    const onMessage = (data: WebSocket.RawData) => {
      const m = JSON.parse(data.toString()) as WireMessage;
      if (m.t === 'res') {
        ws.off('message', onMessage);
        resolve(m);
      }
    };
    ws.on('message', onMessage);
    ws.send(typeof msg === 'string' ? msg : JSON.stringify(msg));
  });
}

describe('web host (noc serve)', () => {
  const c = openTempConsole('web');
  const renderer = tempDir('noc-renderer-');
  let host: WebHost;
  let base: string;

  beforeAll(async () => {
    fs.writeFileSync(path.join(renderer, 'index.html'), '<!doctype html><script type="module" src="/app.js"></script>');
    fs.writeFileSync(path.join(renderer, 'app.js'), 'console.log("hi")');
    await c.dispatcher.call('devices.create', { name: 'olt-7', mgmtAddress: '192.0.2.7', role: 'olt' }, { host: 'cli' });
    host = await startWebHost({ services: c, rendererDir: renderer, port: 0, log: () => undefined });
    base = `http://127.0.0.1:${host.port}`;
  });
  afterAll(async () => {
    await host.close();
    c.dispose();
    fs.rmSync(renderer, { recursive: true, force: true });
  });

  it('prints a loopback URL that carries a fresh random token', async () => {
    expect(host.url).toMatch(new RegExp(`^http://127\\.0\\.0\\.1:${host.port}/\\?token=[A-Za-z0-9_-]{24,}$`));
    const other = await startWebHost({ services: c, rendererDir: renderer, port: 0, log: () => undefined });
    try {
      expect(other.token).not.toBe(host.token);
    } finally {
      await other.close();
    }
  });

  it('serves the page with the token and sets a same-site cookie; refuses it without', async () => {
    const ok = await get(host.url);
    expect(ok.status).toBe(200);
    expect(ok.body).toContain('<script');
    expect(ok.headers['content-security-policy']).toContain("default-src 'self'");
    const cookie = String(ok.headers['set-cookie']);
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Strict/);
    expect((await get(`${base}/`)).status).toBe(401);
    expect((await get(`${base}/?token=wrong`)).status).toBe(401);
    const withCookie = await get(`${base}/app.js`, { Cookie: cookie.split(';')[0] ?? '' });
    expect(withCookie.status).toBe(200);
  });

  it('refuses a foreign Host header (DNS rebinding) and path traversal', async () => {
    expect((await get(host.url, { Host: `evil.example:${host.port}` })).status).toBe(421);
    const t = `token=${host.token}`;
    const trav = await get(`${base}/..%2f..%2fetc%2fpasswd?${t}`);
    expect(trav.body).not.toContain('root:');
  });

  it('refuses WebSockets without the token, with a wrong token, or from a foreign Origin', async () => {
    expect((await tryWebSocket(`ws://127.0.0.1:${host.port}/ws`)).status).toBe(401);
    expect((await tryWebSocket(`ws://127.0.0.1:${host.port}/ws?token=${host.token}x`)).status).toBe(401);
    expect((await tryWebSocket(`ws://127.0.0.1:${host.port}/ws?token=${host.token}`, { Origin: 'http://evil.example' })).status).toBe(403);
    expect((await tryWebSocket(`ws://127.0.0.1:${host.port}/other?token=${host.token}`)).status).toBe(403);
  });

  it('answers the contract over the WebSocket, with VALIDATION for malformed messages', async () => {
    const { status, ws } = await tryWebSocket(`ws://127.0.0.1:${host.port}/ws?token=${host.token}`, { Origin: base });
    expect(status).toBe(101);
    if (!ws) throw new Error('no socket');
    try {
      const list = await request(ws, { t: 'req', id: 1, channel: 'devices.list', payload: { search: 'olt' } });
      expect(list).toMatchObject({ t: 'res', id: 1, result: { ok: true } });
      if (list.t === 'res' && list.result.ok) {
        expect((list.result.value as { items: { name: string }[] }).items.map((d) => d.name)).toEqual(['olt-7']);
      }
      expect(await request(ws, 'not json')).toMatchObject({ result: { ok: false, error: { code: 'VALIDATION' } } });
      expect(await request(ws, { t: 'req', id: 2, channel: 'devices.get', payload: { id: 5 } })).toMatchObject({
        id: 2,
        result: { ok: false, error: { code: 'VALIDATION' } },
      });
      expect(await request(ws, { t: 'req', id: 3, channel: 'shell.exec', payload: {} })).toMatchObject({
        id: 3,
        result: { ok: false, error: { code: 'UNKNOWN_CHANNEL' } },
      });
      // events reach the socket: a change made elsewhere is announced
      const evt = new Promise<WireMessage>((resolve) =>
        ws.on('message', (d: WebSocket.RawData) => {
          const m = JSON.parse(d.toString()) as WireMessage;
          if (m.t === 'evt') resolve(m);
        }),
      );
      await c.dispatcher.call('devices.create', { name: 'sw-9', mgmtAddress: '192.0.2.9' }, { host: 'cli' });
      expect(await evt).toMatchObject({ t: 'evt', name: 'devices.changed', payload: { reason: 'created' } });
    } finally {
      ws.close();
    }
  });
});
