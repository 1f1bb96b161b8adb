// snmpsim (Debian's `snmpsimd`) on a loopback high port, serving a generated .snmprec: a system
// group and an IF-MIB interface table of `rows` rows (ifTable columns and ifXTable ifName /
// ifHCInOctets), so walks of 10,000+ rows and exact Counter64 values above 2^53 can be tested
// against a real agent. The community is the data file's name. snmpsimd refuses to run as root
// without dropping privileges, so it runs as nobody:nogroup with its data and index cache in a
// lab subdirectory owned by nobody. Stopped by PID like every lab daemon.
import { chownSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { userInfo } from 'node:os';
import { assertStillRunning, type SpawnedDaemon } from './daemon';
import type { Lab } from './lab';
import { runIn } from './netns';
import { freeUdpPort } from './ports';
import { token } from './secrets';
import { pollUntil } from './wait';

export interface SnmpsimOptions {
  readonly lab?: Lab;
  /** Rows of the interface table (default 10,000). */
  readonly rows?: number;
}

export interface SnmpsimPeer {
  readonly host: string;
  readonly port: number;
  readonly community: string;
  readonly rows: number;
  readonly sysName: string;
  readonly pid: number;
  stop(): Promise<void>;
}

const IF_ENTRY = '1.3.6.1.2.1.2.2.1';
const IFX_ENTRY = '1.3.6.1.2.1.31.1.1.1';

/** ifHCInOctets of row i: above 2^53 (not representable as a double) and distinct per row. */
export function snmpsimHcInOctets(row: number): bigint {
  return 18_000_000_000_000_000_000n + BigInt(row) * 1_000_003n + 1n;
}

/** ifPhysAddress of row i (6 bytes, shown as hex). */
export function snmpsimPhysAddress(row: number): string {
  return `02a0${row.toString(16).padStart(8, '0')}`;
}

/** The .snmprec records (OID|TAG|VALUE), in OID order as snmpsim requires. */
export function snmprecFor(rows: number, sysName: string): string {
  const lines: string[] = [
    '1.3.6.1.2.1.1.1.0|4|NOC lab snmpsim agent',
    '1.3.6.1.2.1.1.2.0|6|1.3.6.1.4.1.8072.3.2.10',
    '1.3.6.1.2.1.1.3.0|67|123456',
    `1.3.6.1.2.1.1.5.0|4|${sysName}`,
    `1.3.6.1.2.1.2.1.0|2|${rows}`,
  ];
  const column = (entry: string, col: number, value: (i: number) => string): void => {
    for (let i = 1; i <= rows; i++) lines.push(`${entry}.${col}.${i}|${value(i)}`);
  };
  column(IF_ENTRY, 1, (i) => `2|${i}`);
  column(IF_ENTRY, 2, (i) => `4|ge-0/0/${i}`);
  column(IF_ENTRY, 3, () => '2|6');
  column(IF_ENTRY, 6, (i) => `4x|${snmpsimPhysAddress(i)}`);
  column(IF_ENTRY, 8, (i) => `2|${i % 7 === 0 ? 2 : 1}`);
  column(IFX_ENTRY, 1, (i) => `4|xe${i}`);
  column(IFX_ENTRY, 6, (i) => `70|${snmpsimHcInOctets(i)}`);
  return `${lines.join('\n')}\n`;
}

export async function startSnmpsimIn(lab: Lab, options: Omit<SnmpsimOptions, 'lab'> = {}): Promise<SnmpsimPeer> {
  const rows = options.rows ?? 10_000;
  const tag = lab.newTag('snmpsim');
  const dir = lab.subdir(tag.replace('#', '-'));
  const dataDir = join(dir, 'data');
  const cacheDir = join(dir, 'cache');
  const community = `sim${token(4)}`;
  const sysName = `noclab-sim-${token(2)}`;
  lab.subdir(join(tag.replace('#', '-'), 'data'));
  lab.subdir(join(tag.replace('#', '-'), 'cache'));
  writeFileSync(join(dataDir, `${community}.snmprec`), snmprecFor(rows, sysName), { mode: 0o644 });
  const { daemon, host, port } = await launchSnmpsimd(lab, tag, { dir, dataDir, cacheDir, probe: { community, sysName } });
  const peer = { host, port, community, rows, sysName, pid: daemon.pid };
  lab.describe(tag, peer);
  return { ...peer, stop: () => lab.release(tag, tag) };
}

/**
 * Starts snmpsimd on a free loopback UDP port over `dataDir` (one .snmprec per community) and
 * waits until the probe community answers sysName. As root it drops to nobody:nogroup (the index
 * cache is written after privileges are dropped, so the folders are handed over first).
 */
export async function launchSnmpsimd(
  lab: Lab,
  tag: string,
  where: { dir: string; dataDir: string; cacheDir: string; probe: { community: string; sysName: string } },
): Promise<{ daemon: SpawnedDaemon; host: string; port: number }> {
  const asRoot = userInfo().uid === 0;
  if (asRoot) for (const path of [where.dir, where.dataDir, where.cacheDir]) chownSync(path, 65534, 65534);
  const host = '127.0.0.1';
  const port = await freeUdpPort(host);
  const daemon = lab.spawn(tag, {
    name: 'snmpsimd',
    cmd: '/usr/bin/snmpsimd',
    args: [
      `--data-dir=${where.dataDir}`,
      `--cache-dir=${where.cacheDir}`,
      `--agent-udpv4-endpoint=${host}:${port}`,
      '--logging-method=stderr',
      ...(asRoot ? ['--process-user=nobody', '--process-group=nogroup'] : []),
    ],
    logFile: join(where.dir, 'snmpsimd.log'),
  });
  try {
    // the first start indexes the data files: a few seconds for 10,000 rows or 200 agents
    await pollUntil(
      `snmpsimd on ${host}:${port}`,
      async () => {
        assertStillRunning(daemon);
        const r = await runIn(undefined, 'snmpget', ['-v2c', '-c', where.probe.community, '-t', '5', '-r', '0', '-Oqv', `udp:${host}:${port}`, '1.3.6.1.2.1.1.5.0']);
        return r.code === 0 && r.stdout.includes(where.probe.sysName) ? true : undefined;
      },
      { timeoutMs: 120_000 },
    );
  } catch (error) {
    await lab.release(tag, tag);
    throw error;
  }
  return { daemon, host, port };
}
