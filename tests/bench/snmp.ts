// `npm run bench -- snmp`: bulk walks, ours vs Net-SNMP's `snmpbulkwalk` against the same agent with
// the same max-repetitions (25), best of 3 each, interleaved; varbinds per second and the ratio.
//   1. snmpsim, the 10,000-row interface table (ifTable: 5 columns → 50,000 varbinds);
//   2. snmpd on loopback, its whole tree from 1.3.6.1 (~8,700 varbinds: mib-2, host resources,
//      SNMP engine/USM/VACM and Net-SNMP's own objects).
// Ours is measured twice: the CLI end to end (`noc snmp bulkwalk --json`, process start, workspace
// open and JSON lines included — what a user compares with snmpbulkwalk), and the in-process engine
// (SnmpEngine.walk with decoding, what the UI and poller pay). snmpbulkwalk's stdout and ours are
// both read through a pipe by this process and their lines counted.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { SnmpEngine, type SnmpTarget } from '../../electron/services/snmp/snmpEngine';
import { Lab, startSnmpd, startSnmpsim } from '../lab/index';

const RUNS = 3;
const MAX_REPETITIONS = 25;
const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

interface Measured {
  varbinds: number;
  ms: number;
}

function timeLines(cmd: string, args: string[]): Promise<Measured> {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const child = spawn(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'], cwd: ROOT });
    let lines = 0;
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => {
      for (let i = chunk.indexOf(10); i !== -1; i = chunk.indexOf(10, i + 1)) lines++;
    });
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve({ varbinds: lines, ms: performance.now() - t0 }) : reject(new Error(`${cmd} exited ${code}: ${stderr}`))));
  });
}

const rate = (m: Measured): number => (m.varbinds / m.ms) * 1000;
const best = (xs: Measured[]): Measured => xs.reduce((a, b) => (rate(b) > rate(a) ? b : a));
const fmt = (x: number): string => `${Math.round(x).toLocaleString('en-US')} vb/s`;

async function benchAgent(workspace: string, label: string, target: SnmpTarget, subtree: string, acceptance: number): Promise<void> {
  const engine = new SnmpEngine();
  const address = `${target.host}:${target.port}`;
  const theirs = (): Promise<Measured> => timeLines('snmpbulkwalk', ['-v2c', '-c', target.community ?? '', `-Cr${MAX_REPETITIONS}`, '-On', '-t', '5', address, subtree]);
  const cli = (): Promise<Measured> =>
    timeLines(process.execPath, ['bin/noc.mjs', 'snmp', 'bulkwalk', '--workspace', workspace, '--host', target.host, '--port', String(target.port),
      '-c', target.community ?? '', '--max-repetitions', String(MAX_REPETITIONS), '--timeout', '5000', '--limit', '1000000', '--json', subtree]);
  const inProcess = async (): Promise<Measured> => {
    const t0 = performance.now();
    const r = await engine.walk(target, subtree, { bulk: true, maxRepetitions: MAX_REPETITIONS, limit: 1_000_000 });
    return { varbinds: r.varbinds.length, ms: performance.now() - t0 };
  };
  await theirs(); // warm the agent (snmpsim's index, snmpd's caches) and the page cache
  await inProcess();
  const t: Measured[] = [];
  const c: Measured[] = [];
  const e: Measured[] = [];
  for (let i = 0; i < RUNS; i++) {
    t.push(await theirs());
    c.push(await cli());
    e.push(await inProcess());
  }
  // the CLI's fixed cost (node + tsx start, workspace open): one GET, best of 3
  const starts: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    starts.push((await timeLines(process.execPath, ['bin/noc.mjs', 'snmp', 'get', '--workspace', workspace, '--host', target.host, '--port', String(target.port), '-c', target.community ?? '', 'sysUpTime.0'])).ms);
  }
  const startup = Math.min(...starts);
  const [bt, bc, be] = [best(t), best(c), best(e)];
  const row = (name: string, ours: Measured): void =>
    console.log(`${name.padEnd(58)} ours ${fmt(rate(ours)).padStart(13)}   snmpbulkwalk ${fmt(rate(bt)).padStart(13)}   ratio ${(rate(ours) / rate(bt)).toFixed(2)}x (acceptance ${acceptance}x)`);
  row(`snmp bulkwalk ${label}, ${bt.varbinds.toLocaleString('en-US')} varbinds, CLI end to end`, bc);
  row(`  same, CLI minus its start-up (${startup.toFixed(0)} ms for one GET)`, { varbinds: bc.varbinds, ms: bc.ms - startup });
  row(`snmp bulkwalk ${label}, in-process engine`, be);
}

export async function benchSnmp(root: string): Promise<void> {
  const workspace = path.join(root, 'snmp-ws');
  const lab = new Lab();
  try {
    const [sim, agent] = await Promise.all([startSnmpsim({ lab, rows: 10_000 }), startSnmpd({ lab })]);
    const base = { version: '2c' as const, timeoutMs: 5000, retries: 1 };
    await benchAgent(workspace, 'snmpsim ifTable 10k rows', { ...base, host: sim.host, port: sim.port, community: sim.community }, '1.3.6.1.2.1.2.2', 0.8);
    await benchAgent(workspace, 'snmpd 1.3.6.1 (whole tree)', { ...base, host: agent.host, port: agent.port, community: agent.community }, '1.3.6.1', 0.7);
  } finally {
    await lab.stop();
  }
}
