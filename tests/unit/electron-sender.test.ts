// The Electron host's trust decisions, as pure functions: who may call the IPC contract, where a
// window may navigate, which URLs go to the OS browser, and which files app:// may serve.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { StaticFiles } from '../../electron/hosts/web/staticFiles';
import {
  APP_ENTRY_URL,
  devServerOrigin,
  isAllowedNavigation,
  isTrustedSender,
  vetExternalUrl,
} from '../../electron/main/app/origin';

const DEV = 'http://localhost:5173';

describe('isTrustedSender', () => {
  it('trusts the main frame of our app:// origin', () => {
    expect(isTrustedSender(APP_ENTRY_URL, true)).toBe(true);
    expect(isTrustedSender('app://noc/', true)).toBe(true);
    expect(isTrustedSender('app://noc/index.html#/devices?q=olt', true)).toBe(true);
  });

  it('compares protocol and host, not origin (app: origins are "null" in Node)', () => {
    expect(new URL('app://noc/').origin).toBe('null');
    expect(new URL('app://evil/').origin).toBe('null');
    expect(isTrustedSender('app://evil/index.html', true)).toBe(false);
    expect(isTrustedSender('app://noc.evil/index.html', true)).toBe(false);
    expect(isTrustedSender('app://noc:8080/index.html', true)).toBe(false);
    expect(isTrustedSender('app://user:pw@noc/index.html', true)).toBe(false);
    expect(isTrustedSender('apps://noc/index.html', true)).toBe(false);
  });

  it('refuses subframes, even of our own origin', () => {
    expect(isTrustedSender(APP_ENTRY_URL, false)).toBe(false);
    expect(isTrustedSender(DEV + '/', false, DEV)).toBe(false);
  });

  it('refuses other schemes and garbage', () => {
    for (const url of ['file:///work/out/renderer/index.html', 'https://noc/', 'http://noc/', 'data:text/html,hi', 'about:blank', 'javascript:alert(1)', '', 'not a url', 'chrome://gpu', 'devtools://devtools/']) {
      expect(isTrustedSender(url, true), url).toBe(false);
      expect(isTrustedSender(url, true, DEV), url).toBe(false);
    }
  });

  it('trusts the dev server origin only when one is configured', () => {
    expect(isTrustedSender('http://localhost:5173/', true)).toBe(false);
    expect(isTrustedSender('http://localhost:5173/', true, DEV)).toBe(true);
    expect(isTrustedSender('http://localhost:5173/src/main.tsx', true, DEV + '/')).toBe(true);
    expect(isTrustedSender('http://localhost:5174/', true, DEV)).toBe(false);
    expect(isTrustedSender('https://localhost:5173/', true, DEV)).toBe(false);
    expect(isTrustedSender('http://127.0.0.1:5173/', true, DEV)).toBe(false);
  });

  it('ignores a dev URL that is not a local http(s) server', () => {
    expect(devServerOrigin('https://attacker.example/')).toBeUndefined();
    expect(devServerOrigin('http://192.168.1.10:5173/')).toBeUndefined();
    expect(devServerOrigin('file:///tmp/index.html')).toBeUndefined();
    expect(devServerOrigin('http://user:pw@localhost:5173/')).toBeUndefined();
    expect(devServerOrigin('http://[::1]:5173/')).toBe('http://[::1]:5173');
    expect(isTrustedSender('https://attacker.example/', true, 'https://attacker.example/')).toBe(false);
  });
});

describe('isAllowedNavigation', () => {
  it('keeps windows on our own origin', () => {
    expect(isAllowedNavigation('app://noc/index.html#/alarms')).toBe(true);
    expect(isAllowedNavigation('https://example.com/')).toBe(false);
    expect(isAllowedNavigation('http://localhost:5173/')).toBe(false);
    expect(isAllowedNavigation('http://localhost:5173/', DEV)).toBe(true);
    expect(isAllowedNavigation('file:///etc/passwd')).toBe(false);
    expect(isAllowedNavigation('app://other/')).toBe(false);
  });
});

describe('vetExternalUrl', () => {
  it('passes plain http(s) links, normalised', () => {
    expect(vetExternalUrl('https://docs.dotmac.net/noc')).toBe('https://docs.dotmac.net/noc');
    expect(vetExternalUrl('HTTP://Example.COM')).toBe('http://example.com/');
  });

  it('refuses other schemes, credentials and junk', () => {
    for (const url of [
      'file:///etc/passwd',
      'smb://host/share',
      'javascript:alert(1)',
      'ms-msdt:/id PCWDiagnostic',
      'vbscript:msgbox',
      'app://noc/index.html',
      'https://user:pass@example.com/',
      'https://user@example.com/',
      'not a url',
      '',
      'https://example.com/' + 'a'.repeat(3000),
    ]) {
      expect(vetExternalUrl(url), url).toBeNull();
    }
    expect(vetExternalUrl(42)).toBeNull();
    expect(vetExternalUrl(undefined)).toBeNull();
  });
});

describe('app:// file resolution (StaticFiles)', () => {
  const base = fs.mkdtempSync(path.join(os.tmpdir(), 'noc-app-proto-'));
  const root = path.join(base, 'renderer');
  fs.mkdirSync(path.join(root, 'assets'), { recursive: true });
  fs.writeFileSync(path.join(root, 'index.html'), '<!doctype html><title>NOC</title>');
  fs.writeFileSync(path.join(root, 'assets', 'app.js'), 'console.log(1)');
  fs.writeFileSync(path.join(base, 'secret.txt'), 'outside the root');
  const files = new StaticFiles(root);
  afterAll(() => fs.rmSync(base, { recursive: true, force: true }));

  it('serves files inside the root with their type', () => {
    expect(files.read('/assets/app.js')?.type).toMatch(/javascript/);
    expect(files.read('/')?.body.toString()).toContain('<title>NOC</title>');
  });

  it('refuses paths that escape the root, however encoded', () => {
    for (const p of ['/../secret.txt', '/%2e%2e/secret.txt', '/%2e%2e%2fsecret.txt', '/assets/..%2f..%2fsecret.txt', '/..%5csecret.txt', '/assets/app.js%00.html']) {
      const got = files.read(p);
      expect(got?.body.toString() ?? null, p).not.toBe('outside the root');
    }
    expect(files.read('/missing.js')).toBeNull();
  });
});
