// `noc poll`: the poller from a shell. `--device ID|NAME` (repeatable) or `--all`; `--once` polls
// once and exits — 0 when every device answered, 1 when any did not; without it the poller runs on
// its interval until Ctrl-C, a line per cycle. Rates appear where the device has a previous poll
// (stored in the workspace), so a second `--once` run shows them.
import type { Command } from 'commander';
import { NocError } from '../../../shared/ipc/errors';
import type { PollResult } from '../../services/monitoring/pollerService';
import { findDevice } from './sshCommands';
import { CTX, positiveInt, withServices, workspaceOption, type GlobalOpts } from './common';
import { printJson } from './output';

interface PollOpts extends GlobalOpts {
  device?: string[];
  all?: boolean;
  once?: boolean;
  concurrency?: number;
}

function rate(bps: number | null): string {
  if (bps === null) return '-';
  const units = ['b/s', 'kb/s', 'Mb/s', 'Gb/s', 'Tb/s'];
  let v = bps;
  let u = 0;
  while (v >= 1000 && u < units.length - 1) {
    v /= 1000;
    u++;
  }
  return `${v.toFixed(u === 0 ? 0 : 1)} ${units[u]}`;
}

function printResult(r: PollResult): void {
  const rtt = r.rttMs === null ? '' : ` rtt ${r.rttMs.toFixed(1)} ms`;
  process.stdout.write(`${r.name}: ${r.status ?? 'not polled'}${rtt}${r.slow ? ' (slow)' : ''}${r.error === null ? '' : ` — ${r.error}`}\n`);
  for (const i of r.interfaces) {
    process.stdout.write(`  ${String(i.ifIndex).padStart(5)} ${i.name.padEnd(24)} ${i.adminStatus}/${i.operStatus}`.padEnd(48) + `  in ${rate(i.inBps).padStart(11)}  out ${rate(i.outBps).padStart(11)}\n`);
  }
}

export function registerPollCommands(program: Command): void {
  workspaceOption(
    program
      .command('poll')
      .description('poll monitored devices over SNMP (status, interface rates, CPU/memory) and store the samples')
      .option('--device <id|name>', 'a device (repeatable)', (v: string, prev: string[] = []) => [...prev, v])
      .option('--all', 'every monitored device (SNMP profile set, not in maintenance, not demo data)')
      .option('--once', 'poll once and exit (exit 1 when any device did not answer)')
      .option('--concurrency <n>', 'devices polled at once (default: the poller.concurrency setting, 32)', positiveInt),
  ).action((o: PollOpts) =>
    withServices(o, async (s) => {
      if ((o.device === undefined) === (o.all !== true)) throw new NocError('VALIDATION', 'give --device ID|NAME or --all');
      const deviceIds = o.device?.map((ref) => findDevice(s, ref).id);
      const request = { ...(deviceIds === undefined ? { all: true } : { deviceIds }), ...(o.concurrency === undefined ? {} : { concurrency: o.concurrency }) };
      if (o.once === true) {
        const r = await s.dispatcher.call('poller.pollNow', request, CTX);
        const failed = r.results.filter((x) => !x.reachable).length;
        if (o.json) printJson({ ...r, ok: r.results.length - failed, failed });
        else {
          for (const x of r.results) printResult(x);
          process.stdout.write(`${r.results.length} polled, ${failed} failed, ${r.durationMs} ms\n`);
        }
        process.exitCode = failed === 0 ? 0 : 1;
        return;
      }
      // continuous: one poll per interval until Ctrl-C
      let stop = false;
      let wake = (): void => undefined;
      const onSignal = (): void => {
        stop = true;
        wake();
      };
      process.once('SIGINT', onSignal);
      process.once('SIGTERM', onSignal);
      while (!stop) {
        const started = Date.now();
        const r = await s.dispatcher.call('poller.pollNow', request, CTX);
        const failed = r.results.filter((x) => !x.reachable).length;
        if (o.json) process.stdout.write(`${JSON.stringify({ at: started, ...r })}\n`);
        else process.stdout.write(`${new Date(started).toISOString()} ${r.results.length} polled, ${failed} failed, ${r.durationMs} ms\n`);
        if (stop) break;
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, Math.max(0, started + s.poller.intervalMs() - Date.now()));
          wake = () => {
            clearTimeout(timer);
            resolve();
          };
        });
      }
    }),
  );
}
