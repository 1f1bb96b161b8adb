// `npm run bench -- snmp`: bulk walks, ours vs Net-SNMP's `snmpbulkwalk` against the same agent with
// the same max-repetitions (25), best of 3 each, interleaved; varbinds per second and the ratio.
//   1. snmpsim, the 10,000-row interface table (ifTable: 5 columns → 50,000 varbinds);
//   2. snmpd's ifTable with ~10,000 rows (22 columns → ~220,000 varbinds): real kernel interfaces,
//      veth pairs in a lab namespace, snmpd inside it on one address, walked from the host through a
//      veth by all three clients (tests/bench/snmpIfTable.ts). The old whole-tree walk of a stock
//      snmpd (~8,700 varbinds) mostly timed the CLI's start-up, not the walk.
// Both walk the same subtree with GETBULK max-repetitions 25. Ours reads v2c answers with its own BER
// scanner and walks a table's columns up to 4 at a time (snmpEngine.ts, v2cBulk.ts), with the same
// varbinds in the same order as snmpbulkwalk's single sequential walk (the integration tests compare).
// Ours is measured twice: the CLI end to end (`noc snmp bulkwalk --json`, process start, workspace
// open and JSON lines included — what a user compares with snmpbulkwalk), and the in-process engine
// (SnmpEngine.walk with decoding, what the UI and poller pay). snmpbulkwalk's stdout and ours are
// both read through a pipe by this process and their lines counted.
import { spawn } from 'node:child_process';
import { closeSync, openSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { SnmpEngine, type SnmpTarget } from '../../electron/services/snmp/snmpEngine';
import { Lab, startSnmpsim } from '../lab/index';
import { startIfTableSnmpd } from './snmpIfTable';

const RUNS = 3;
const MAX_REPETITIONS = 25;
const IF_TABLE = '1.3.6.1.2.1.2.2';
const IF_ROWS = 10_000;
const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

interface Measured {
  varbinds: number;
  ms: number;
}

/**
 * Runs a walker and times it. Timed runs write to /dev/null, as a user's `> /dev/null` would, so
 * this process spends no CPU reading 200,000 lines while it measures; `count` runs pipe stdout here
 * and count its lines instead (the varbind count, checked against the engine's).
 */
function timeLines(cmd: string, args: string[], count = false): Promise<Measured> {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const devNull = count ? undefined : openSync('/dev/null', 'w');
    const child = spawn(cmd, args, { stdio: ['ignore', devNull ?? 'pipe', 'pipe'], cwd: ROOT });
    if (devNull !== undefined) closeSync(devNull);
    let lines = 0;
    let stderr = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      for (let i = chunk.indexOf(10); i !== -1; i = chunk.indexOf(10, i + 1)) lines++;
    });
    child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
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
  const theirs = (count = false): Promise<Measured> =>
    timeLines('snmpbulkwalk', ['-v2c', '-c', target.community ?? '', `-Cr${MAX_REPETITIONS}`, '-On', '-t', '5', address, subtree], count);
  const cli = (count = false): Promise<Measured> =>
    timeLines(process.execPath, ['bin/noc.mjs', 'snmp', 'bulkwalk', '--workspace', workspace, '--host', target.host, '--port', String(target.port),
      '-c', target.community ?? '', '--max-repetitions', String(MAX_REPETITIONS), '--timeout', '5000', '--limit', '1000000', '--json', subtree], count);
  const inProcess = async (): Promise<Measured> => {
    const t0 = performance.now();
    const r = await engine.walk(target, subtree, { bulk: true, maxRepetitions: MAX_REPETITIONS, limit: 1_000_000 });
    return { varbinds: r.varbinds.length, ms: performance.now() - t0 };
  };
  // Warm the agent (snmpsim's index, snmpd's caches) and the page cache, and count each side's varbinds once.
  const counted = { theirs: (await theirs(true)).varbinds, cli: (await cli(true)).varbinds, engine: (await inProcess()).varbinds };
  if (counted.theirs !== counted.engine || counted.cli !== counted.engine) {
    console.log(`  (output lines differ: snmpbulkwalk ${counted.theirs}, CLI ${counted.cli}, engine varbinds ${counted.engine}; rates use the engine's count)`);
  }
  const t: Measured[] = [];
  const c: Measured[] = [];
  const e: Measured[] = [];
  for (let i = 0; i < RUNS; i++) {
    // Rates use the engine's varbind count: a text line is not always one varbind (wrapped values).
    t.push({ ...(await theirs()), varbinds: counted.engine });
    c.push({ ...(await cli()), varbinds: counted.engine });
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
  console.log(`  (best of ${RUNS}: snmpbulkwalk ${bt.ms.toFixed(0)} ms, CLI ${bc.ms.toFixed(0)} ms, engine ${be.ms.toFixed(0)} ms)`);
}

export async function benchSnmp(root: string): Promise<void> {
  const workspace = path.join(root, 'snmp-ws');
  const lab = new Lab();
  try {
    const [sim, agent] = await Promise.all([startSnmpsim({ lab, rows: 10_000 }), startIfTableSnmpd(lab, IF_ROWS)]);
    console.log(`snmpd ifTable set-up: ${agent.interfaces.toLocaleString('en-US')} interfaces (${IF_ROWS.toLocaleString('en-US')} veth ends asked), created in ${agent.createMs.toFixed(0)} ms, snmpd answering after ${agent.startMs.toFixed(0)} ms`);
    const base = { version: '2c' as const, timeoutMs: 5000, retries: 1 };
    await benchAgent(workspace, 'snmpsim ifTable 10k rows', { ...base, host: sim.host, port: sim.port, community: sim.community }, IF_TABLE, 0.8);
    await benchAgent(workspace, `snmpd ifTable ${agent.interfaces.toLocaleString('en-US')} rows`, { ...base, host: agent.host, port: agent.port, community: agent.community }, IF_TABLE, 0.7);
  } finally {
    await lab.stop();
  }
}
