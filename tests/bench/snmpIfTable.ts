// An snmpd whose ifTable really has ~10,000 rows, for the `snmp` bench. The rows are kernel
// interfaces: a network namespace owned by the lab (so lab.stop() removes it and everything in it)
// filled with veth pairs (both ends inside) in one `ip -batch` (this kernel has no `dummy` type),
// and the lab's snmpd started inside it. Not bridges, although they are as quick to create: tearing
// down 10,000 bridges holds the kernel's RTNL lock for minutes (measured here: a namespace of 10,000
// bridges took 163 s to die, and every `ip netns add` and every other snmpd on the host blocked
// behind it; 2,000 bridges by `ip link del group` 33 s), while a namespace of 5,000 veth pairs is
// gone in under 1 s.
// snmpd listens on ONE address, the namespace end of a veth from the host: with every address it
// would trip the ~2.5 KB listen-list limit, and the host end lets snmpbulkwalk, our CLI and our
// in-process engine all reach the agent over the same path.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { mustRun, run } from '../lab/exec';
import type { Lab } from '../lab/lab';
import { ipIn } from '../lab/netns';
import { token } from '../lab/secrets';
import { launchSnmpd, newSnmpCredentials } from '../lab/snmpd';

export interface IfTableSnmpd {
  readonly host: string;
  readonly port: number;
  readonly community: string;
  /** Interfaces in the namespace: the veth ends that were created, plus lo and the uplink. */
  readonly interfaces: number;
  /** Time to create the veth pairs (`ip -n NS -batch`). */
  readonly createMs: number;
  /** Time from launching snmpd to its first answer. */
  readonly startMs: number;
}

/** The namespace's snmpd port: the namespace is ours alone, so any fixed port is free there. */
const PORT = 1161;
const UPLINK = 'uplink0';

/** A free /30 in 198.19.254.0/24, a block the lab topology never uses (its loopbacks stop at 198.19.252.x). */
async function freeSubnet(): Promise<{ hostAddress: string; agentAddress: string }> {
  const used = (await mustRun('ip', ['-4', '-o', 'addr', 'show'])) + (await mustRun('ip', ['-4', 'route', 'show']));
  for (let base = 0; base < 256; base += 4) {
    if (!used.includes(`198.19.254.${base + 1}/`) && !used.includes(`198.19.254.${base}/30`)) {
      return { hostAddress: `198.19.254.${base + 1}`, agentAddress: `198.19.254.${base + 2}` };
    }
  }
  throw new Error('no free /30 in 198.19.254.0/24 for the ifTable bench');
}

/**
 * Creates `count` interfaces as count/2 veth pairs. With -force a kernel limit stops the growth,
 * not the bench; we count what exists (every link but lo: the uplink is added afterwards).
 */
async function addInterfaces(netns: string, dir: string, count: number): Promise<{ created: number; ms: number }> {
  const batch = join(dir, 'links.batch');
  writeFileSync(batch, Array.from({ length: Math.ceil(count / 2) }, (_, i) => `link add v${i} type veth peer name w${i}\n`).join(''));
  const t0 = performance.now();
  await run('ip', ['-force', '-n', netns, '-batch', batch], { timeoutMs: 300_000 });
  const ms = performance.now() - t0;
  const listed = await ipIn(netns, '-o', 'link', 'show');
  return { created: listed.split('\n').filter((l) => l.trim() !== '').length - 1, ms };
}

export async function startIfTableSnmpd(lab: Lab, count: number): Promise<IfTableSnmpd> {
  const tag = lab.newTag('snmpd-iftable');
  const dir = lab.subdir(tag.replace('#', '-'));
  const netns = `noclab-${lab.id}-iftable`;
  // Tracked before it exists: `ip netns add` can time out (RTNL busy) after creating the name.
  lab.track(tag, { kind: 'netns', name: netns });
  await mustRun('ip', ['netns', 'add', netns]);
  await ipIn(netns, 'link', 'set', 'lo', 'up');
  const links = await addInterfaces(netns, dir, count);

  const hostLink = `nocif${token(3)}`;
  const { hostAddress, agentAddress } = await freeSubnet();
  await mustRun('ip', ['link', 'add', hostLink, 'type', 'veth', 'peer', 'name', UPLINK, 'netns', netns]);
  lab.track(tag, { kind: 'link', name: hostLink });
  await mustRun('ip', ['addr', 'add', `${hostAddress}/30`, 'dev', hostLink]);
  await mustRun('ip', ['link', 'set', hostLink, 'up']);
  await ipIn(netns, 'addr', 'add', `${agentAddress}/30`, 'dev', UPLINK);
  await ipIn(netns, 'link', 'set', UPLINK, 'up');

  const credentials = newSnmpCredentials();
  const suffix = token(2);
  const t0 = performance.now();
  await launchSnmpd({
    lab,
    tag,
    dir,
    netns,
    address: agentAddress,
    port: PORT,
    startTimeoutMs: 120_000,
    credentials,
    system: { sysName: `noclab-iftable-${suffix}`, sysLocation: `NOC lab bench ${suffix}`, sysContact: `noc-${suffix}@lab.invalid` },
  });
  const startMs = performance.now() - t0;
  return { host: agentAddress, port: PORT, community: credentials.community, interfaces: links.created + 2, createMs: links.ms, startMs };
}
