// Starting long-running daemons: detached (own process group, so one signal
// reaches all their children), output to a log file in the lab dir, and
// unref'd so `lab up` can exit and leave them running for `lab down`.
import { spawn } from 'node:child_process';
import { closeSync, openSync, readFileSync } from 'node:fs';
import { FatalProbeError } from './wait';

export interface DaemonSpec {
  /** Short label used in errors and in `lab status`. */
  readonly name: string;
  readonly cmd: string;
  readonly args: readonly string[];
  readonly logFile: string;
  readonly env?: NodeJS.ProcessEnv;
}

export interface SpawnedDaemon {
  readonly name: string;
  readonly pid: number;
  readonly logFile: string;
  /** Set once the process has exited; readiness probes check it to fail fast. */
  exitStatus(): string | undefined;
  /** Last lines of the log, for error messages. */
  logTail(lines?: number): string;
}

export function spawnDaemon(spec: DaemonSpec): SpawnedDaemon {
  const out = openSync(spec.logFile, 'a');
  const child = spawn(spec.cmd, [...spec.args], {
    detached: true,
    stdio: ['ignore', out, out],
    env: spec.env ?? process.env,
  });
  closeSync(out);
  if (child.pid === undefined) throw new Error(`could not spawn ${spec.cmd}`);
  let exit: string | undefined;
  child.on('error', (error) => {
    exit = `spawn error: ${error.message}`;
  });
  child.on('exit', (code, sig) => {
    exit = sig !== null ? `killed by ${sig}` : `exited with code ${String(code)}`;
  });
  child.unref();
  const logTail = (lines = 15): string => {
    try {
      return readFileSync(spec.logFile, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
    } catch {
      return '';
    }
  };
  return { name: spec.name, pid: child.pid, logFile: spec.logFile, exitStatus: () => exit, logTail };
}

/** Throws with the daemon's log tail if it has already died; used inside readiness probes. */
export function assertStillRunning(daemon: SpawnedDaemon): void {
  const status = daemon.exitStatus();
  if (status !== undefined) {
    throw new FatalProbeError(`${daemon.name} ${status} during startup; log ${daemon.logFile}:\n${daemon.logTail()}`);
  }
}
