// `npm run lab -- up|down|status`
//   up [--foreground] [--no-network]  start every peer; detached by default (stop with `down`),
//                                     with --foreground it runs until Ctrl-C and then cleans up.
//   down                              stop everything recorded in .lab/runs/*.json
//   status                            print what each recorded lab runs and whether it is alive
import { run } from './exec';
import { Lab } from './lab';
import { startFreeradius, startNetwork, startSnmpd, startSshd } from './index';
import { isSameProcessAlive } from './proc';
import { releaseAll, type LabResource } from './resources';
import { readAllStates, removeState, stateDir } from './state';
import { DEFAULT_TOPOLOGY_DRAWING } from './topology';

function onSignals(handler: (signal: NodeJS.Signals) => void): () => void {
  const signals: NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP'];
  for (const s of signals) process.on(s, handler);
  return () => {
    for (const s of signals) process.off(s, handler);
  };
}

function valueOf<T>(result: PromiseSettledResult<T>): T {
  if (result.status === 'rejected') throw result.reason;
  return result.value;
}

/** Peer handles without their stop() functions, for printing. */
function printable(value: unknown): string {
  return JSON.stringify(value, (key, v: unknown) => (key === 'stop' ? undefined : v), 2);
}

async function up(args: readonly string[]): Promise<void> {
  const foreground = args.includes('--foreground');
  const withNetwork = !args.includes('--no-network');
  const started = Date.now();
  const lab = new Lab();
  let stopping = false;
  const stopOnSignal = (signal: NodeJS.Signals): void => {
    if (stopping) return;
    stopping = true;
    console.error(`\n${signal}: stopping lab ${lab.id}...`);
    void lab.stop().then(() => process.exit(130));
  };
  const removeHandlers = onSignals(stopOnSignal);
  try {
    // allSettled, not all: if one peer fails, the others must finish starting before stop() can kill them.
    const results = await Promise.allSettled([
      startSnmpd({ lab }),
      startSshd({ lab }),
      startFreeradius({ lab }),
      withNetwork ? startNetwork({ lab }) : Promise.resolve(undefined),
    ]);
    const snmpd = valueOf(results[0]);
    const sshd = valueOf(results[1]);
    const freeradius = valueOf(results[2]);
    const network = valueOf(results[3]);
    if (stopping) return;
    console.log(`lab ${lab.id} up in ${Date.now() - started} ms (files in ${lab.dir})`);
    console.log(printable({ snmpd, sshd, freeradius }));
    if (network !== undefined) {
      console.log(DEFAULT_TOPOLOGY_DRAWING);
      for (const r of network.routers) {
        const ports = r.interfaces.map((i) => `${i.interface}->${i.neighbour}:${i.neighbourInterface}`).join(' ');
        console.log(`${r.name}  mgmt ${r.mgmtAddress}  lo ${r.loopbackAddress}  netns ${r.netns}  sysName ${r.sysName}  ${ports}`);
      }
      console.log(`network SNMP community ${network.snmp.community}, v3 user ${network.snmp.v3.user}; ssh known_hosts ${network.knownHostsPath}`);
    }
    console.log(`state: ${stateDir()}/${lab.id}.json`);
    if (foreground) {
      console.log('running; Ctrl-C to stop');
      // A pending promise alone does not keep Node alive (the daemons are unref'd); a timer does.
      setInterval(() => undefined, 1 << 30);
      await new Promise<never>(() => undefined); // the signal handler stops the lab and exits
    }
    // Detached: the daemons must outlive this process; `lab down` uses the state file.
    lab.setCleanupOnExit(false);
    removeHandlers();
    console.log('stop with: npm run lab -- down');
  } catch (error) {
    removeHandlers();
    await lab.stop();
    throw error;
  }
}

async function existingNetns(): Promise<Set<string>> {
  const out = (await run('ip', ['netns', 'list'])).stdout;
  return new Set(out.split('\n').map((l) => l.split(' ')[0] ?? '').filter(Boolean));
}

async function existingLinks(): Promise<Set<string>> {
  const out = (await run('ip', ['-o', 'link', 'show'])).stdout;
  return new Set([...out.matchAll(/^\d+: ([^:@]+)/gm)].map((m) => m[1] ?? ''));
}

function describeResource(r: LabResource, netns: Set<string>, links: Set<string>): string {
  switch (r.kind) {
    case 'process':
      return `process ${r.name} pid ${r.pid}: ${isSameProcessAlive(r.pid, r.startTime) ? 'running' : 'gone'}`;
    case 'netns':
      return `netns ${r.name}: ${netns.has(r.name) ? 'present' : 'gone'}`;
    case 'link':
      return `link ${r.name}: ${links.has(r.name) ? 'present' : 'gone'}`;
    case 'dir':
      return `dir ${r.path}`;
  }
}

async function status(): Promise<void> {
  const states = readAllStates();
  if (states.length === 0) {
    console.log('no lab recorded');
    return;
  }
  const [netns, links] = await Promise.all([existingNetns(), existingLinks()]);
  for (const s of states) {
    const owner = isSameProcessAlive(s.ownerPid) ? 'alive' : 'exited';
    console.log(`lab ${s.id} (owner pid ${s.ownerPid} ${owner}, since ${s.createdAt})`);
    for (const r of s.resources) console.log(`  ${describeResource(r, netns, links)}`);
    console.log(JSON.stringify(s.peers, null, 2).replace(/^/gm, '  '));
  }
}

async function down(): Promise<void> {
  const states = readAllStates();
  if (states.length === 0) console.log('nothing to stop');
  for (const s of states) {
    if (s.ownerPid !== process.pid && isSameProcessAlive(s.ownerPid)) {
      console.log(`warning: lab ${s.id} belongs to running process ${s.ownerPid}; stopping it anyway`);
    }
    await releaseAll(s.resources);
    removeState(s.id);
    console.log(`lab ${s.id}: stopped ${s.resources.length} resources`);
  }
}

async function main(): Promise<void> {
  const [command, ...args] = process.argv.slice(2);
  switch (command) {
    case 'up':
      return up(args);
    case 'down':
      return down();
    case 'status':
      return status();
    default:
      console.error('usage: npm run lab -- up [--foreground] [--no-network] | down | status');
      process.exitCode = 2;
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
