// lldpd as an AgentX sub-agent of a router's snmpd. Namespaces share the host's
// hostname (UTS is a separate namespace), so it runs under `unshare --uts` with
// the router's own name; the system name is also set explicitly through lldpcli.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { assertStillRunning, type SpawnedDaemon } from './daemon';
import type { Lab } from './lab';
import { runIn } from './netns';
import { pollUntil } from './wait';

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
}

export interface LldpdHandle {
  readonly pid: number;
  readonly controlSocket: string;
  readonly daemon: SpawnedDaemon;
}

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
  await pollUntil(`lldpd in ${spec.netns}`, async () => {
    assertStillRunning(daemon);
    // Re-applied here because -O is processed asynchronously after start; idempotent.
    const r = await runIn(spec.netns, 'lldpcli', ['-u', controlSocket, 'configure', 'lldp', 'tx-interval', String(LLDP_TX_INTERVAL)]);
    return r.code === 0 ? true : undefined;
  });
  return { pid: daemon.pid, controlSocket, daemon };
}
