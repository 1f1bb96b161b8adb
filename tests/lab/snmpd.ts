// Net-SNMP snmpd from a private config: v2c community and an authPriv
// (SHA/AES) v3 user of the lab's own, system group set. Used for the loopback
// peer and, with an AgentX master socket, for every namespace router.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { assertStillRunning, type SpawnedDaemon } from './daemon';
import type { Lab } from './lab';
import { inNetns, runIn } from './netns';
import { freeUdpPort } from './ports';
import { token } from './secrets';
import { pollUntil } from './wait';

export interface SnmpV3Credentials {
  readonly user: string;
  readonly authProtocol: 'SHA';
  readonly authPassword: string;
  readonly privProtocol: 'AES';
  readonly privPassword: string;
}

export interface SnmpSystemInfo {
  readonly sysName: string;
  readonly sysLocation: string;
  readonly sysContact: string;
}

export interface SnmpCredentials {
  readonly community: string;
  readonly v3: SnmpV3Credentials;
}

export function newSnmpCredentials(): SnmpCredentials {
  return {
    community: `lab-${token(6)}`,
    v3: { user: `noclab${token(3)}`, authProtocol: 'SHA', authPassword: token(10), privProtocol: 'AES', privPassword: token(10) },
  };
}

/** The sysName OID, numeric: Debian ships the snmp tools without MIB files. */
export const SYS_NAME_OID = '1.3.6.1.2.1.1.5.0';

export interface SnmpdLaunch {
  readonly lab: Lab;
  readonly tag: string;
  readonly dir: string;
  readonly netns?: string;
  readonly address: string;
  readonly port: number;
  readonly credentials: SnmpCredentials;
  readonly system: SnmpSystemInfo;
  /** When set, snmpd is an AgentX master on this unix socket path (for lldpd). */
  readonly agentxSocket?: string;
  /** Bind every address of the namespace (router mgmt + loopback), not just `address`. */
  readonly listenAll?: boolean;
  /** How long to wait for the first answer (an agent with 10,000 interfaces on a busy machine needs more than the default). */
  readonly startTimeoutMs?: number;
}

function bindAddress(spec: SnmpdLaunch): string {
  return `udp:${spec.listenAll === true ? '0.0.0.0' : spec.address}:${spec.port}`;
}

function snmpdConfig(spec: SnmpdLaunch): string {
  const { community, v3 } = spec.credentials;
  const lines = [
    `agentaddress ${bindAddress(spec)}`,
    `rocommunity ${community} default`,
    // createUser in snmpd.conf is read at every start; the persistent dir keeps engineBoots.
    `createUser ${v3.user} ${v3.authProtocol} "${v3.authPassword}" ${v3.privProtocol} "${v3.privPassword}"`,
    `rouser ${v3.user} priv`,
    `sysName ${spec.system.sysName}`,
    `sysLocation ${spec.system.sysLocation}`,
    `sysContact ${spec.system.sysContact}`,
    'sysServices 78',
    'dontLogTCPWrappersConnects yes',
  ];
  if (spec.agentxSocket !== undefined) {
    // The default master socket (/var/agentx/master) is one path for the whole
    // host, shared by every namespace: each router needs its own.
    lines.push('master agentx', `agentXSocket unix:${spec.agentxSocket}`, 'agentXPerms 0660 0755');
  }
  return `${lines.join('\n')}\n`;
}

/** Starts snmpd and resolves once it answers a v2c GET of sysName. */
export async function launchSnmpd(spec: SnmpdLaunch): Promise<SpawnedDaemon> {
  const configFile = join(spec.dir, 'snmpd.conf');
  writeFileSync(configFile, snmpdConfig(spec), { mode: 0o600 });
  const persistentDir = join(spec.dir, 'persist');
  const [cmd, args] = inNetns(spec.netns, '/usr/sbin/snmpd', [
    '-f', // foreground: the PID we record is snmpd itself
    '-C', // ignore /etc/snmp/snmpd.conf
    '-c', configFile,
    '-Lo', // log to stdout, i.e. the daemon's log file, so startup errors show up in our error messages
    '-p', join(spec.dir, 'snmpd.pid'),
    // smux would bind 0.0.0.0:199 on the host; the lab must only listen where it was told.
    '-I', '-smux',
    // Listening endpoints come only from `agentaddress`: giving one here too makes snmpd bind twice and exit.
  ]);
  const daemon = spec.lab.spawn(spec.tag, {
    name: spec.netns === undefined ? 'snmpd' : `snmpd@${spec.netns}`,
    cmd,
    args,
    logFile: join(spec.dir, 'snmpd.log'),
    // No MIB files on Debian (non-free): without this snmpd logs hundreds of parse errors at start.
    env: { ...process.env, SNMP_PERSISTENT_DIR: persistentDir, MIBDIRS: '/nonexistent' },
  });
  await pollUntil(`snmpd on ${spec.address}:${spec.port}`, async () => {
    assertStillRunning(daemon);
    const r = await runIn(spec.netns, 'snmpget', [
      '-v2c', '-c', spec.credentials.community, '-t', '1', '-r', '0', '-Oqv',
      `udp:${spec.address}:${spec.port}`, SYS_NAME_OID,
    ]);
    return r.code === 0 && r.stdout.includes(spec.system.sysName) ? true : undefined;
  }, spec.startTimeoutMs === undefined ? {} : { timeoutMs: spec.startTimeoutMs });
  return daemon;
}

export interface SnmpdOptions extends Partial<SnmpSystemInfo> {
  /** Lab to register with; by default the peer gets a lab of its own, stopped by stop(). */
  readonly lab?: Lab;
}

export interface SnmpdPeer extends SnmpSystemInfo {
  readonly host: string;
  readonly port: number;
  readonly community: string;
  readonly v3: SnmpV3Credentials;
  readonly pid: number;
  stop(): Promise<void>;
}

export async function startSnmpdIn(lab: Lab, options: Omit<SnmpdOptions, 'lab'> = {}): Promise<SnmpdPeer> {
  const tag = lab.newTag('snmpd');
  const suffix = token(2);
  const system: SnmpSystemInfo = {
    sysName: options.sysName ?? `noclab-agent-${suffix}`,
    sysLocation: options.sysLocation ?? `NOC lab rack ${suffix}`,
    sysContact: options.sysContact ?? `noc-${suffix}@lab.invalid`,
  };
  const credentials = newSnmpCredentials();
  const host = '127.0.0.1';
  const port = await freeUdpPort(host);
  try {
    const daemon = await launchSnmpd({ lab, tag, dir: lab.subdir(tag.replace('#', '-')), address: host, port, credentials, system });
    const peer = { host, port, community: credentials.community, v3: credentials.v3, ...system, pid: daemon.pid };
    lab.describe(tag, peer);
    return { ...peer, stop: () => lab.release(tag, tag) };
  } catch (error) {
    await lab.release(tag, tag);
    throw error;
  }
}
