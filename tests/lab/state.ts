// State files under .lab/runs/ (git-ignored) record what each running lab
// created, so `npm run lab -- down|status` can find leftovers of an earlier
// `up`, or of a test run that was killed before its afterAll ran.
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { LabResource } from './resources';

export interface LabState {
  readonly id: string;
  /** PID of the process that created the lab (the test worker or the CLI). */
  readonly ownerPid: number;
  readonly createdAt: string;
  readonly dir: string;
  readonly resources: readonly LabResource[];
  /** Human-oriented description of the running peers, printed by `status`. */
  readonly peers: Readonly<Record<string, unknown>>;
}

export function stateDir(): string {
  return process.env.NOCLAB_STATE_DIR ?? fileURLToPath(new URL('../../.lab/runs', import.meta.url));
}

function stateFile(id: string): string {
  return join(stateDir(), `${id}.json`);
}

export function writeState(state: LabState): void {
  mkdirSync(stateDir(), { recursive: true });
  writeFileSync(stateFile(state.id), `${JSON.stringify(state, null, 2)}\n`);
}

export function removeState(id: string): void {
  rmSync(stateFile(id), { force: true });
}

export function readAllStates(): LabState[] {
  let names: string[];
  try {
    names = readdirSync(stateDir()).filter((name) => name.endsWith('.json'));
  } catch {
    return [];
  }
  const states: LabState[] = [];
  for (const name of names) {
    try {
      states.push(JSON.parse(readFileSync(join(stateDir(), name), 'utf8')) as LabState);
    } catch {
      /* a half-written or foreign file: ignore it rather than abort `down` */
    }
  }
  return states;
}
