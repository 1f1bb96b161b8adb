// Process identity and signalling through /proc. A PID alone is not an
// identity: `lab down` may run long after `up`, when the kernel could have
// reused the number, so every PID the lab records carries its start time too.
import { readFileSync } from 'node:fs';
import { sleep } from './wait';

interface ProcStat {
  readonly state: string;
  readonly startTime: string;
}

function readStat(pid: number): ProcStat | undefined {
  try {
    const text = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name (field 2) may contain spaces and parentheses; fields after the last ')' are fixed.
    const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
    const state = fields[0];
    const startTime = fields[19];
    return state !== undefined && startTime !== undefined ? { state, startTime } : undefined;
  } catch {
    return undefined;
  }
}

/** Start time in clock ticks since boot (field 22 of /proc/PID/stat), or undefined if gone. */
export function processStartTime(pid: number): string | undefined {
  return readStat(pid)?.startTime;
}

/** True while the process exists, is not a zombie, and (if given) still has the recorded start time. */
export function isSameProcessAlive(pid: number, startTime?: string): boolean {
  const stat = readStat(pid);
  if (stat === undefined || stat.state === 'Z' || stat.state === 'X') return false;
  return startTime === undefined || stat.startTime === startTime;
}

function signal(pid: number, sig: NodeJS.Signals): void {
  // Daemons are spawned detached, so each leads its own process group: signalling
  // the group also reaches sshd session children and lldpd's privilege-separated child.
  try {
    process.kill(-pid, sig);
  } catch {
    try {
      process.kill(pid, sig);
    } catch {
      /* already gone */
    }
  }
}

/** SIGTERM, then SIGKILL after `graceMs`; does nothing if the PID now belongs to someone else. */
export async function terminate(pid: number, startTime: string, graceMs = 5_000): Promise<void> {
  if (!isSameProcessAlive(pid, startTime)) return;
  signal(pid, 'SIGTERM');
  const deadline = Date.now() + graceMs;
  while (Date.now() < deadline) {
    if (!isSameProcessAlive(pid, startTime)) return;
    await sleep(50);
  }
  signal(pid, 'SIGKILL');
}

/** Synchronous variant for 'exit' hooks: no waiting is possible there, so go straight to SIGKILL. */
export function terminateSync(pid: number, startTime: string): void {
  if (isSameProcessAlive(pid, startTime)) signal(pid, 'SIGKILL');
}
