// Starts `noc serve --port 0` on a workspace and resolves with the URL (token included) it prints,
// for the global setup and for specs that serve a workspace of their own.
import { spawn, type ChildProcessByStdio } from 'node:child_process';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const NOC = path.join(root, 'bin/noc.mjs');

export type NocServer = ChildProcessByStdio<null, Readable, Readable>;

export async function startNocServe(workspace: string, env: Record<string, string> = {}): Promise<{ server: NocServer; url: string }> {
  const server = spawn(process.execPath, [NOC, 'serve', '--workspace', workspace, '--port', '0'], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ...env } });
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`noc serve printed no URL: ${out}`)), 30_000);
    server.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /(http:\/\/127\.0\.0\.1:\d+\/\?token=[\w-]+)/.exec(out);
      if (m?.[1]) {
        clearTimeout(timer);
        resolve(m[1]);
      }
    });
    server.stderr.on('data', (d: Buffer) => (out += d.toString()));
    server.on('exit', (code) => reject(new Error(`noc serve exited with ${code}: ${out}`)));
  });
  return { server, url };
}
