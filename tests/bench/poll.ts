// `npm run bench -- poll`: one poll cycle over 200 simulated agents (one snmpsimd, a community
// each, 4 interfaces + HOST-RESOURCES rows) through the PollerService — GET, bulk column walks,
// rates, samples, state and status written to the cache — vs a parallel loop of Net-SNMP
// `snmpbulkget` processes, each fetching the same objects from one agent in a single GETBULK
// (the system scalars as non-repeaters, the same 12 columns repeated past their last row), with
// the same parallelism (32). Best of 5 each, interleaved; goal: faster than the loop.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { createConsoleServices } from '../../electron/services/consoleServices';
import { POLL_COLUMNS, SYS_SCALARS as SCALARS } from '../../electron/services/monitoring/pollDevice';
import { mapPool } from '../../electron/services/monitoring/scheduler';
import { Lab } from '../lab/lab';
import { healthyAgents, startSimAgents } from '../integration/monitoring/simAgents';

const AGENTS = 200;
const INTERFACES = 4;
const PARALLEL = 32;
// the simulator is the bottleneck of both sides and shares two cores with them: best of 5
const RUNS = 5;
const ctx = { host: 'cli' } as const;

function snmpbulkget(args: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn('snmpbulkget', args, { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve() : reject(new Error(`snmpbulkget exited ${code}: ${stderr}`))));
  });
}

export async function benchPoll(root: string): Promise<void> {
  const lab = new Lab();
  const s = createConsoleServices({ dir: path.join(root, 'poll'), host: 'cli' });
  try {
    const agents = healthyAgents(AGENTS, INTERFACES);
    const sims = await startSimAgents(lab, agents);
    for (const a of agents) {
      const p = await s.dispatcher.call('snmp.credentials.save', { name: a.sysName, version: '2c', community: a.community, port: sims.port, timeoutMs: 5000, retries: 1 }, ctx);
      await s.dispatcher.call('devices.create', { name: a.sysName, mgmtAddress: sims.host, snmpProfileId: p.id }, ctx);
    }
    const ours = async (): Promise<number> => {
      const t0 = performance.now();
      const { summary } = await s.poller.runCycle(PARALLEL);
      if (summary.ok !== AGENTS) throw new Error(`poll cycle: ${summary.ok} of ${AGENTS} answered`);
      return performance.now() - t0;
    };
    const theirs = async (): Promise<number> => {
      const t0 = performance.now();
      await mapPool(agents, PARALLEL, (a) =>
        snmpbulkget(['-v2c', '-c', a.community, '-t', '5', '-r', '1', `-Cn${SCALARS.length}`, `-Cr${INTERFACES + 1}`, '-On', `${sims.host}:${sims.port}`, ...SCALARS, ...POLL_COLUMNS]),
      );
      return performance.now() - t0;
    };
    await theirs(); // warm snmpsim's index and the page cache
    await ours();
    const o: number[] = [];
    const t: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      t.push(await theirs());
      o.push(await ours());
    }
    const [bo, bt] = [Math.min(...o), Math.min(...t)];
    console.log(
      `${`poll cycle, ${AGENTS} snmpsim agents, ${PARALLEL} in parallel`.padEnd(58)} ours ${bo.toFixed(0).padStart(9)} ms   snmpbulkget loop ${bt.toFixed(0).padStart(9)} ms   ratio ${(bt / bo).toFixed(2)}x faster (goal > 1)`,
    );
  } finally {
    s.close();
    await lab.stop();
  }
}
