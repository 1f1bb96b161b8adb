// Serves the built renderer (out/renderer). Paths are resolved inside the root only.
import fs from 'node:fs';
import path from 'node:path';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.map': 'application/json',
  '.wasm': 'application/wasm',
};

export interface StaticFile {
  body: Buffer;
  type: string;
}

export class StaticFiles {
  private readonly root: string;

  constructor(root: string) {
    this.root = path.resolve(root);
  }

  exists(): boolean {
    return fs.existsSync(path.join(this.root, 'index.html'));
  }

  /** The file for a URL path, or null. Unknown paths fall back to index.html (client routing). */
  read(urlPath: string): StaticFile | null {
    let rel: string;
    try {
      rel = decodeURIComponent(urlPath.split('?')[0] ?? '/');
    } catch {
      return null;
    }
    if (rel.includes('\0')) return null;
    const target = path.resolve(this.root, '.' + (rel.endsWith('/') ? rel + 'index.html' : rel));
    if (target !== this.root && !target.startsWith(this.root + path.sep)) return null;
    const file = fs.existsSync(target) && fs.statSync(target).isFile() ? target : path.extname(rel) ? null : path.join(this.root, 'index.html');
    if (!file) return null;
    return { body: fs.readFileSync(file), type: TYPES[path.extname(file)] ?? 'application/octet-stream' };
  }
}
