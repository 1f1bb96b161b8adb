// Many simulated SNMP agents for the poller: ONE snmpsimd process serving one .snmprec per
// community (snmpsim picks the data file by community name), each a small router: the system
// group, `interfaces` IF-MIB rows (ifTable + ifXTable with 64-bit counters), two processors and a
// RAM row in HOST-RESOURCES. A slow agent is its own snmpsimd process whose sysUpTime answers
// through snmpsim's `delay` variation module — that module sleeps in snmpsimd's only thread, so
// sharing a process would slow every agent down. Runs as nobody like tests/lab/snmpsim.ts, and is
// registered with the Lab, which stops it by PID.
import { renameSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Lab } from '../../lab/lab';
import { token } from '../../lab/secrets';
import { launchSnmpsimd } from '../../lab/snmpsim';

export interface SimAgentSpec {
  community: string;
  sysName: string;
  interfaces: number;
  /** Per ifIndex: operStatus 2 (down) for these (admin stays up). */
  operDown?: number[];
  /** Octet counters of every interface (in; out is twice that). */
  octets?: bigint;
  /** Only 32-bit counters (no ifXTable HC columns). */
  counters32?: boolean;
  uptimeTicks?: number;
  cpuLoad?: number;
  /** sysUpTime answers after this many ms (delay variation). */
  delayMs?: number;
}

export interface SimAgents {
  host: string;
  port: number;
  agents: SimAgentSpec[];
}

const IF = '1.3.6.1.2.1.2.2.1';
const IFX = '1.3.6.1.2.1.31.1.1.1';

export function snmprecOf(a: SimAgentSpec): string {
  const uptime = a.uptimeTicks ?? 4_200_000;
  const lines = [
    '1.3.6.1.2.1.1.1.0|4|NOC lab simulated router',
    '1.3.6.1.2.1.1.2.0|6|1.3.6.1.4.1.8072.3.2.10',
    a.delayMs === undefined ? `1.3.6.1.2.1.1.3.0|67|${uptime}` : `1.3.6.1.2.1.1.3.0|67:delay|value=${uptime},wait=${a.delayMs}`,
    `1.3.6.1.2.1.1.5.0|4|${a.sysName}`,
    `1.3.6.1.2.1.2.1.0|2|${a.interfaces}`,
  ];
  const octets = a.octets ?? 1_000_000n;
  const rows = Array.from({ length: a.interfaces }, (_, i) => i + 1);
  const col = (entry: string, c: number, value: (i: number) => string): void => {
    for (const i of rows) lines.push(`${entry}.${c}.${i}|${value(i)}`);
  };
  const wrap32 = (v: bigint): bigint => v % (1n << 32n);
  col(IF, 1, (i) => `2|${i}`);
  col(IF, 2, (i) => `4|GigabitEthernet0/${i}`);
  col(IF, 3, () => '2|6');
  col(IF, 5, () => '66|1000000000');
  col(IF, 7, () => '2|1');
  col(IF, 8, (i) => `2|${a.operDown?.includes(i) === true ? 2 : 1}`);
  col(IF, 10, () => `65|${wrap32(octets)}`);
  col(IF, 16, () => `65|${wrap32(octets * 2n)}`);
  col(IFX, 1, (i) => `4|Gi0/${i}`);
  if (a.counters32 !== true) {
    col(IFX, 6, () => `70|${octets}`);
    col(IFX, 10, () => `70|${octets * 2n}`);
  }
  col(IFX, 15, () => '66|1000');
  // HOST-RESOURCES: storage (RAM row 1: 1,000,000 units of 1024, 250,000 used), then processors
  lines.push('1.3.6.1.2.1.25.2.3.1.1.1|2|1', '1.3.6.1.2.1.25.2.3.1.2.1|6|1.3.6.1.2.1.25.2.1.2', '1.3.6.1.2.1.25.2.3.1.4.1|2|1024');
  lines.push('1.3.6.1.2.1.25.2.3.1.5.1|2|1000000', '1.3.6.1.2.1.25.2.3.1.6.1|2|250000');
  lines.push(`1.3.6.1.2.1.25.3.3.1.2.196608|2|${a.cpuLoad ?? 10}`, `1.3.6.1.2.1.25.3.3.1.2.196609|2|${a.cpuLoad ?? 10}`);
  // snmpsim needs its records in OID order
  const key = (l: string): number[] => (l.split('|')[0] ?? '').split('.').map(Number);
  lines.sort((x, y) => {
    const a = key(x);
    const b = key(y);
    for (let i = 0; i < Math.min(a.length, b.length); i++) if (a[i] !== b[i]) return (a[i] ?? 0) - (b[i] ?? 0);
    return a.length - b.length;
  });
  return `${lines.join('\n')}\n`;
}

let rewrites = 0;

/**
 * Writes the agents' data files. snmpsim re-indexes a file whose mtime changed, so a rewrite is
 * atomic (a rename: never half a file) and gets an mtime seconds later than any before it (two
 * rewrites in one second would otherwise leave a stale index pointing into the new file).
 */
export function writeAgents(dataDir: string, agents: SimAgentSpec[]): void {
  for (const a of agents) {
    const path = join(dataDir, `${a.community}.snmprec`);
    writeFileSync(`${path}.tmp`, snmprecOf(a), { mode: 0o644 });
    const mtime = Date.now() / 1000 + 2 * rewrites++;
    utimesSync(`${path}.tmp`, mtime, mtime);
    renameSync(`${path}.tmp`, path);
  }
}

export async function startSimAgents(lab: Lab, agents: SimAgentSpec[]): Promise<SimAgents & { dataDir: string }> {
  const tag = lab.newTag('simagents');
  const dirName = tag.replace('#', '-');
  const dir = lab.subdir(dirName);
  const dataDir = lab.subdir(join(dirName, 'data'));
  const cacheDir = lab.subdir(join(dirName, 'cache'));
  writeAgents(dataDir, agents);
  const probe = agents[agents.length - 1];
  if (probe === undefined) throw new Error('no agents');
  const { host, port } = await launchSnmpsimd(lab, tag, { dir, dataDir, cacheDir, probe });
  return { host, port, agents, dataDir };
}

/** `count` healthy agents named sim-<n>, communities unique to this run. */
export function healthyAgents(count: number, interfaces = 4): SimAgentSpec[] {
  const run = token(3);
  return Array.from({ length: count }, (_, n) => ({ community: `p${run}${n}`, sysName: `sim-${n}`, interfaces }));
}
