// Running commands inside a network namespace. `ip netns exec` execs the
// command in place, so the PID we get back is the daemon's own PID.
import { mustRun, run, type CommandResult, type RunOptions } from './exec';

/** [cmd, args] that run `cmd args` in `netns` (or on the host when netns is undefined). */
export function inNetns(netns: string | undefined, cmd: string, args: readonly string[]): [string, string[]] {
  return netns === undefined ? [cmd, [...args]] : ['ip', ['netns', 'exec', netns, cmd, ...args]];
}

export function runIn(netns: string | undefined, cmd: string, args: readonly string[], opts?: RunOptions): Promise<CommandResult> {
  const [c, a] = inNetns(netns, cmd, args);
  return run(c, a, opts);
}

export function mustRunIn(netns: string | undefined, cmd: string, args: readonly string[], opts?: RunOptions): Promise<string> {
  const [c, a] = inNetns(netns, cmd, args);
  return mustRun(c, a, opts);
}

/** `ip` inside a namespace, failing loudly: topology set-up errors must not be silent. */
export function ipIn(netns: string, ...args: string[]): Promise<string> {
  return mustRun('ip', ['-n', netns, ...args]);
}
