// Runs the `noc` CLI as a user would (a child process) and keeps what a user sees: the exit code,
// stdout and stderr, whether it succeeded or not.
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
export const REPO_ROOT = path.resolve(__dirname, '../..');
export const NOC_BIN = path.join(REPO_ROOT, 'bin/noc.mjs');

export interface NocOutcome {
  code: number;
  stdout: string;
  stderr: string;
}

export async function runNoc(args: string[], opts: { env?: NodeJS.ProcessEnv; maxBuffer?: number } = {}): Promise<NocOutcome> {
  try {
    const r = await run(process.execPath, [NOC_BIN, ...args], { cwd: REPO_ROOT, maxBuffer: opts.maxBuffer ?? 64 * 1024 * 1024, ...(opts.env ? { env: opts.env } : {}) });
    return { code: 0, stdout: r.stdout, stderr: r.stderr };
  } catch (err) {
    const e = err as { code?: number; stdout?: string; stderr?: string };
    return { code: typeof e.code === 'number' ? e.code : 1, stdout: e.stdout ?? '', stderr: e.stderr ?? '' };
  }
}
