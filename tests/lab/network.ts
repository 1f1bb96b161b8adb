// The namespace network: one netns per router, veth cables per the topology,
// a host bridge as management network, and in every router snmpd (AgentX
// master) + lldpd (sub-agent) + sshd.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { mustRun, run } from './exec';
import type { Lab } from './lab';
import { launchLldpd } from './lldpd';
import { ipIn } from './netns';
import { launchSnmpd, newSnmpCredentials, type SnmpCredentials } from './snmpd';
import { launchSshd, type SshEndpoint } from './sshd';
import { buildTopology, DEFAULT_LINKS, DEFAULT_ROUTERS, MAX_SLOTS, type LinkEnd, type RouterSpec, type Topology } from './topology';

export interface NetworkOptions {
  readonly lab?: Lab;
  /** Router names; default r1..r4. */
  readonly routers?: readonly string[];
  /** Cables as router-name pairs; default ring r1-r2-r3-r4-r1 plus r1-r3. */
  readonly links?: ReadonlyArray<readonly [string, string]>;
}

export interface RouterHandle extends RouterSpec {
  /** This router's ends of the links, with the neighbour on the other side. */
  readonly interfaces: ReadonlyArray<LinkEnd & { readonly neighbour: string; readonly neighbourInterface: string }>;
  readonly snmp: { readonly host: string; readonly port: number } & SnmpCredentials;
  readonly ssh: SshEndpoint;
  readonly agentxSocket: string;
  readonly lldpdControlSocket: string;
  readonly pids: { readonly snmpd: number; readonly lldpd: number; readonly sshd: number };
}

export interface LabNetwork {
  readonly topology: Topology;
  readonly routers: readonly RouterHandle[];
  /** SNMP credentials shared by every router (one community for the whole network, as in many ISPs). */
  readonly snmp: SnmpCredentials;
  /** known_hosts with every router's host key under its management address. */
  readonly knownHostsPath: string;
  router(name: string): RouterHandle;
  stop(): Promise<void>;
}

/** Picks a /22 of 198.18.0.0/15 that no address on the host uses yet (another lab, another run). */
async function freeSlot(): Promise<number> {
  const out = (await run('ip', ['-4', '-o', 'addr', 'show'])).stdout + (await run('ip', ['-4', 'route', 'show'])).stdout;
  const used = new Set<number>();
  for (const m of out.matchAll(/198\.18\.(\d+)\./g)) used.add(Math.floor(Number(m[1]) / 4));
  for (let slot = 0; slot < MAX_SLOTS; slot++) if (!used.has(slot)) return slot;
  throw new Error('no free 198.18.x address slot for another lab network');
}

async function createManagementNetwork(lab: Lab, tag: string, topology: Topology): Promise<void> {
  await mustRun('ip', ['link', 'add', topology.hostBridge, 'type', 'bridge']);
  lab.track(tag, { kind: 'link', name: topology.hostBridge });
  await mustRun('ip', ['addr', 'add', `${topology.hostAddress}/24`, 'dev', topology.hostBridge]);
  await mustRun('ip', ['link', 'set', topology.hostBridge, 'up']);
}

async function createRouterNamespace(lab: Lab, tag: string, topology: Topology, router: RouterSpec): Promise<void> {
  await mustRun('ip', ['netns', 'add', router.netns]);
  lab.track(tag, { kind: 'netns', name: router.netns });
  await ipIn(router.netns, 'link', 'set', 'lo', 'up');
  // No `dummy` links on this kernel: the loopback address lives on lo itself.
  await ipIn(router.netns, 'addr', 'add', `${router.loopbackAddress}/32`, 'dev', 'lo');
  await mustRun('ip', ['link', 'add', router.hostInterface, 'type', 'veth', 'peer', 'name', router.mgmtInterface, 'netns', router.netns]);
  lab.track(tag, { kind: 'link', name: router.hostInterface });
  await mustRun('ip', ['link', 'set', router.hostInterface, 'master', topology.hostBridge, 'up']);
  await ipIn(router.netns, 'addr', 'add', `${router.mgmtAddress}/24`, 'dev', router.mgmtInterface);
  await ipIn(router.netns, 'link', 'set', router.mgmtInterface, 'up');
  // The host reaches the router's loopback through its management address.
  await mustRun('ip', ['route', 'add', `${router.loopbackAddress}/32`, 'via', router.mgmtAddress, 'dev', topology.hostBridge]);
}

function netnsOf(topology: Topology, name: string): string {
  const router = topology.routers.find((r) => r.name === name);
  if (router === undefined) throw new Error(`unknown router ${name}`);
  return router.netns;
}

async function cable(topology: Topology): Promise<void> {
  for (const { a, b } of topology.links) {
    const nsA = netnsOf(topology, a.router);
    const nsB = netnsOf(topology, b.router);
    // Both ends are created directly inside their namespaces: no host-side names to clean up.
    await mustRun('ip', ['link', 'add', a.interface, 'netns', nsA, 'type', 'veth', 'peer', 'name', b.interface, 'netns', nsB]);
    for (const [ns, end] of [[nsA, a], [nsB, b]] as const) {
      await ipIn(ns, 'addr', 'add', `${end.address}/${end.prefixLength}`, 'dev', end.interface);
      await ipIn(ns, 'link', 'set', end.interface, 'up');
    }
  }
}

async function startRouterDaemons(lab: Lab, tag: string, topology: Topology, router: RouterSpec, snmp: SnmpCredentials): Promise<RouterHandle> {
  const dir = lab.subdir(`router-${router.name}`);
  const agentxSocket = join(dir, 'agentx');
  const snmpd = await launchSnmpd({
    lab,
    tag,
    dir,
    netns: router.netns,
    address: router.mgmtAddress,
    listenAll: true,
    port: 161,
    credentials: snmp,
    system: { sysName: router.sysName, sysLocation: `NOC lab, netns ${router.netns}`, sysContact: `noc@${router.name}.lab.invalid` },
    agentxSocket,
  });
  const [lldpd, ssh] = await Promise.all([
    launchLldpd({
      lab,
      tag,
      dir,
      netns: router.netns,
      hostname: router.sysName,
      agentxSocket,
      interfacePattern: 'eth*',
      managementAddress: router.mgmtAddress,
      master: { address: router.mgmtAddress, port: 161, community: snmp.community },
    }),
    launchSshd({ lab, tag, dir, netns: router.netns, address: router.mgmtAddress, port: 22, user: 'root', listenAll: true }),
  ]);
  const interfaces = topology.links.flatMap((l) => {
    if (l.a.router === router.name) return [{ ...l.a, neighbour: l.b.router, neighbourInterface: l.b.interface }];
    if (l.b.router === router.name) return [{ ...l.b, neighbour: l.a.router, neighbourInterface: l.a.interface }];
    return [];
  });
  return {
    ...router,
    interfaces,
    snmp: { host: router.mgmtAddress, port: 161, ...snmp },
    ssh,
    agentxSocket,
    lldpdControlSocket: lldpd.controlSocket,
    pids: { snmpd: snmpd.pid, lldpd: lldpd.pid, sshd: ssh.pid },
  };
}

export async function startNetworkIn(lab: Lab, options: Omit<NetworkOptions, 'lab'> = {}): Promise<LabNetwork> {
  const tag = lab.newTag('network');
  try {
    const topology = buildTopology(lab.id, await freeSlot(), options.routers ?? DEFAULT_ROUTERS, options.links ?? DEFAULT_LINKS);
    await createManagementNetwork(lab, tag, topology);
    for (const router of topology.routers) await createRouterNamespace(lab, tag, topology, router);
    await cable(topology);
    const snmp = newSnmpCredentials();
    const routers = await Promise.all(topology.routers.map((r) => startRouterDaemons(lab, tag, topology, r, snmp)));
    const knownHostsPath = join(lab.subdir('client'), `known_hosts-${topology.hostBridge}`);
    writeFileSync(knownHostsPath, routers.map((r) => readFileSync(r.ssh.knownHostsPath, 'utf8')).join(''));
    lab.describe(tag, {
      hostBridge: topology.hostBridge,
      hostAddress: topology.hostAddress,
      snmp,
      knownHostsPath,
      sshPrivateKey: routers[0]?.ssh.privateKeyPath,
      routers: routers.map((r) => ({ name: r.name, netns: r.netns, sysName: r.sysName, mgmt: r.mgmtAddress, loopback: r.loopbackAddress, pids: r.pids })),
      links: topology.links.map((l) => `${l.a.router}:${l.a.interface} (${l.a.address}) <-> ${l.b.router}:${l.b.interface} (${l.b.address})`),
    });
    const byName = new Map(routers.map((r) => [r.name, r]));
    return {
      topology,
      routers,
      snmp,
      knownHostsPath,
      router: (name) => {
        const r = byName.get(name);
        if (r === undefined) throw new Error(`no router ${name} in this lab network`);
        return r;
      },
      stop: () => lab.release(tag, tag),
    };
  } catch (error) {
    await lab.release(tag, tag);
    throw error;
  }
}
