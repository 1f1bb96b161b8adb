// Seeds a demo workspace and starts `noc serve` on it once for the web e2e project; the URL (with
// its token) reaches the specs through an environment variable. Stopped by PID at teardown.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const NOC = path.join(root, 'bin/noc.mjs');

export default async function globalSetup(): Promise<() => Promise<void>> {
  if (!fs.existsSync(path.join(root, 'out/renderer/index.html'))) throw new Error('Build the renderer first: npm run build');
  const ws = fs.mkdtempSync(path.join(os.tmpdir(), 'noc-e2e-'));
  const seed = spawnSync(process.execPath, [NOC, 'demo', 'seed', '--workspace', ws, '--subscribers', '5000', '--json'], { encoding: 'utf8' });
  if (seed.status !== 0) throw new Error(`demo seed failed: ${seed.stderr}`);
  const server = spawn(process.execPath, [NOC, 'serve', '--workspace', ws, '--port', '0'], { stdio: ['ignore', 'pipe', 'pipe'] });
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
  process.env.NOC_E2E_URL = url;
  process.env.NOC_E2E_WORKSPACE = ws;
  return async () => {
    server.kill('SIGTERM');
    await new Promise((r) => server.once('exit', r));
    fs.rmSync(ws, { recursive: true, force: true });
  };
}
