// A fresh workspace folder per test, removed afterwards.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createConsoleServices, type ConsoleServices } from '../../electron/services/consoleServices';

export function tempDir(prefix = 'noc-test-'): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

export function openTempConsole(host: 'cli' | 'web' | 'electron' = 'cli'): ConsoleServices & { dir: string; dispose(): void } {
  const dir = tempDir();
  const services = createConsoleServices({ dir, host, actor: 'test' });
  return {
    ...services,
    dir,
    dispose: () => {
      services.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
