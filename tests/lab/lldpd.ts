// lldpd as an AgentX sub-agent of a router's snmpd. Namespaces share the host's
// hostname (UTS is a separate namespace), so it runs under `unshare --uts` with
// the router's own name; the system name is also set explicitly through lldpcli.
//
// lldpd starts *paused* and its own start-up lldpcli (-O file) applies the
// configuration and then sends `resume`. Every `lldpcli configure ...` is a
// read-modify-write of the daemon's whole configuration, the paused flag
// included, so the lab must never configure lldpd while that start-up lldpcli
// may still run: a stale write lands after `resume` and pauses lldpd for good
// (no LLDPDU sent, every received one ignored). Readiness is checked read-only.
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { assertStillRunning, type SpawnedDaemon } from './daemon';
import { run, type CommandResult } from './exec';
import type { Lab } from './lab';
import { runIn } from './netns';
import { FatalProbeError, pollUntil } from './wait';

/** LLDP-MIB lldpRemSysName column. */
export const LLDP_REM_SYS_NAME_OID = '1.0.8802.1.1.2.1.4.1.1.9';

/** Seconds between LLDPDUs: the default 30 s makes tests wait far too long. */
export const LLDP_TX_INTERVAL = 5;

export interface LldpdLaunch {
  readonly lab: Lab;
  readonly tag: string;
  readonly dir: string;
  readonly netns: string;
  readonly hostname: string;
  readonly agentxSocket: string;
  /** lldpd -I pattern: the router links only, never the management link. */
  readonly interfacePattern: string;
  /** Advertised management address (lldpLocManAddr / neighbours' lldpRemManAddr). */
  readonly managementAddress: string;
  /** The snmpd owning `agentxSocket`: polled until lldpd's LLDP-MIB answers through it. */
  readonly master: { readonly address: string; readonly port: number; readonly community: string };
}

export interface LldpdHandle {
  readonly pid: number;
  readonly controlSocket: string;
  readonly daemon: SpawnedDaemon;
}

/** LLDP-MIB lldpLocSysName.0: answers only while lldpd is registered with the router's snmpd. */
export const LLDP_LOC_SYS_NAME_OID = '1.0.8802.1.1.2.1.3.3.0';

/**
 * Longest wait for a started lldpd. Net-SNMP sub-agents retry a failed or
 * dropped AgentX session every 15 s (default agentxPingInterval), so one failed
 * attempt under load must fit, with room for a second.
 */
const LLDPD_READY_TIMEOUT_MS = 45_000;

function keyValues(stdout: string): Map<string, string> {
  const map = new Map<string, string>();
  for (const line of stdout.split('\n')) {
    const eq = line.indexOf('=');
    if (eq > 0) map.set(line.slice(0, eq).trim(), line.slice(eq + 1).trim());
  }
  return map;
}

/**
 * One read-only readiness probe (see the header: never `configure` here).
 * Throws a message naming the missing stage, so a timeout says what is wrong.
 */
async function lldpdReadiness(spec: LldpdLaunch, controlSocket: string): Promise<true> {
  const lldpcli = async (...args: string[]): Promise<Map<string, string>> => {
    const r = await runIn(spec.netns, 'lldpcli', ['-u', controlSocket, '-f', 'keyvalue', ...args], { timeoutMs: 10_000 });
    if (r.code !== 0) throw new Error(`lldpcli ${args.join(' ')} exited ${r.code}: ${(r.stderr || r.stdout).trim()}`);
    return keyValues(r.stdout);
  };
  // 1. The start-up file has been applied (its lldpcli runs it line by line, then `resume`).
  const config = await lldpcli('show', 'configuration');
  const txDelay = config.get('configuration.config.tx-delay');
  const hostname = config.get('configuration.config.hostname');
  if (txDelay !== String(LLDP_TX_INTERVAL) || hostname !== spec.hostname) {
    throw new Error(`start-up configuration not applied yet (tx-delay ${String(txDelay)}, hostname ${String(hostname)})`);
  }
  // 2. Resumed: a paused lldpd sends nothing, so one LLDPDU sent on any interface proves `resume` arrived.
  const stats = await lldpcli('show', 'statistics');
  const sent = [...stats].filter(([key, value]) => key.endsWith('.tx.tx') && Number(value) > 0);
  const interfaces = [...stats.keys()].filter((key) => key.endsWith('.tx.tx'));
  if (interfaces.length > 0 && sent.length === 0) {
    throw new Error(`lldpd has sent no LLDPDU yet on ${interfaces.map((k) => k.split('.')[1]).join(', ')} (still paused?)`);
  }
  // 3. Registered with the AgentX master: LLDP-MIB answers through the router's snmpd.
  const { address, port, community } = spec.master;
  const r = await runIn(spec.netns, 'snmpget', ['-v2c', '-c', community, '-t', '1', '-r', '0', '-Oqv', `udp:${address}:${port}`, LLDP_LOC_SYS_NAME_OID]);
  if (r.code !== 0 || r.stdout.trim() !== `"${spec.hostname}"`) {
    throw new Error(`LLDP-MIB not served by snmpd yet (AgentX sub-agent not registered): lldpLocSysName -> ${(r.stdout + r.stderr).trim()}`);
  }
  return true;
}

/** Starts lldpd and resolves once it runs configured, unpaused and registered with its AgentX master. */
export async function launchLldpd(spec: LldpdLaunch): Promise<LldpdHandle> {
  const controlSocket = join(spec.dir, 'lldpd.socket');
  // Our own start-up config instead of /etc/lldpd.conf and /etc/lldpd.d, which belong to the host.
  const startupConfig = join(spec.dir, 'lldpd.conf');
  writeFileSync(startupConfig, `configure system hostname ${spec.hostname}\nconfigure lldp tx-interval ${LLDP_TX_INTERVAL}\n`);
  const lldpdArgs = [
    '/usr/sbin/lldpd',
    '-d',
    '-x',
    '-X', spec.agentxSocket,
    '-u', controlSocket,
    '-I', spec.interfacePattern,
    '-m', spec.managementAddress,
    '-O', startupConfig,
  ];
  const daemon = spec.lab.spawn(spec.tag, {
    name: `lldpd@${spec.netns}`,
    cmd: 'ip',
    // sh sets the hostname inside the new UTS namespace, then execs lldpd: the PID stays lldpd's.
    args: ['netns', 'exec', spec.netns, 'unshare', '--uts', '--', 'sh', '-c', 'hostname "$0" && exec "$@"', spec.hostname, ...lldpdArgs],
    logFile: join(spec.dir, 'lldpd.log'),
  });
  await pollUntil(
    `lldpd in ${spec.netns}`,
    async () => {
      assertStillRunning(daemon);
      return lldpdReadiness(spec, controlSocket);
    },
    { timeoutMs: LLDPD_READY_TIMEOUT_MS },
  ).catch((error: unknown) => {
    if (error instanceof FatalProbeError) throw error;
    throw new Error(`${error instanceof Error ? error.message : String(error)}\nlog ${daemon.logFile}:\n${daemon.logTail()}`);
  });
  return { pid: daemon.pid, controlSocket, daemon };
}

function tail(path: string, lines: number): string {
  try {
    return readFileSync(path, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
  } catch (error) {
    return `(${error instanceof Error ? error.message : String(error)})`;
  }
}

export interface LldpRouterRef {
  readonly name: string;
  readonly netns: string;
  readonly mgmtAddress: string;
  readonly lldpdControlSocket: string;
  readonly snmp: { readonly community: string };
}

async function section(title: string, cmd: Promise<CommandResult>): Promise<string> {
  const r = await cmd;
  return `--- ${title} (exit ${r.code}) ---\n${(r.stdout + r.stderr).trim()}`;
}

/**
 * What lldpd itself knows (neighbours, interfaces, counters, link state) versus
 * what its snmpd serves, plus the daemons' log tails, for each given router:
 * appended to LLDP test failures, so a timeout tells which side failed.
 */
export async function lldpDiagnostics(routers: readonly LldpRouterRef[]): Promise<string> {
  const out: string[] = [];
  for (const router of routers) {
    const dir = dirname(router.lldpdControlSocket);
    const lldpcli = (...args: string[]) => runIn(router.netns, 'lldpcli', ['-u', router.lldpdControlSocket, ...args], { timeoutMs: 10_000 });
    out.push(
      await section(`${router.name}: lldpcli show neighbors summary`, lldpcli('show', 'neighbors', 'summary')),
      await section(`${router.name}: lldpcli show interfaces summary`, lldpcli('show', 'interfaces', 'summary')),
      await section(`${router.name}: lldpcli show statistics`, lldpcli('show', 'statistics')),
      await section(`${router.name}: lldpcli show configuration`, lldpcli('show', 'configuration')),
      await section(`${router.name}: ip link`, run('ip', ['-n', router.netns, '-d', 'link', 'show'])),
      await section(
        `${router.name}: snmpget lldpLocSysName`,
        run('snmpget', ['-v2c', '-c', router.snmp.community, '-t', '2', '-r', '0', '-Oqv', `udp:${router.mgmtAddress}:161`, LLDP_LOC_SYS_NAME_OID]),
      ),
      `--- ${router.name}: lldpd.log ---\n${tail(join(dir, 'lldpd.log'), 40)}`,
      `--- ${router.name}: snmpd.log ---\n${tail(join(dir, 'snmpd.log'), 5)}`,
    );
  }
  return out.join('\n');
}
