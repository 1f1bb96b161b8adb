// The namespace network: every router answers SNMP on its management and
// loopback addresses from the host, lldpd (AgentX) fills LLDP-MIB with exactly
// the neighbours the topology cables, and ssh lands in the right namespace.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  LLDP_REM_SYS_NAME_OID,
  lldpDiagnostics,
  neighboursOf,
  pollUntil,
  run,
  startNetwork,
  SYS_NAME_OID,
  type LabNetwork,
  type RouterHandle,
} from '../../lab/index';

describe('lab namespace network', () => {
  let net: LabNetwork;

  beforeAll(async () => {
    net = await startNetwork();
  }, 90_000);

  afterAll(async () => {
    await net?.stop();
  }, 60_000);

  const snmpget = (address: string, oid: string) =>
    run('snmpget', ['-v2c', '-c', net.snmp.community, '-t', '2', '-r', '1', '-Oqv', `udp:${address}:161`, oid]);

  const lldpNeighbourNames = async (router: RouterHandle): Promise<string[]> => {
    const r = await run('snmpwalk', ['-v2c', '-c', net.snmp.community, '-t', '2', '-Oqv', `udp:${router.mgmtAddress}:161`, LLDP_REM_SYS_NAME_OID]);
    if (r.code !== 0) throw new Error(r.stderr);
    return r.stdout
      .split('\n')
      .map((l) => l.trim().replace(/^"|"$/g, ''))
      .filter((l) => l !== '' && !l.startsWith('No Such'))
      .sort();
  };

  it('has at least 4 routers with distinct addresses in 198.18.0.0/15', () => {
    expect(net.routers.length).toBeGreaterThanOrEqual(4);
    const addresses = net.routers.flatMap((r) => [r.mgmtAddress, r.loopbackAddress, ...r.interfaces.map((i) => i.address)]);
    expect(new Set(addresses).size).toBe(addresses.length);
    for (const a of addresses) expect(a).toMatch(/^198\.1[89]\./);
  });

  it('answers snmpget of sysName on every router management and loopback address from the host', async () => {
    for (const router of net.routers) {
      for (const address of [router.mgmtAddress, router.loopbackAddress]) {
        const r = await snmpget(address, SYS_NAME_OID);
        expect(r.code, `${router.name} ${address}: ${r.stderr}`).toBe(0);
        expect(r.stdout.trim()).toBe(`"${router.sysName}"`);
      }
    }
  });

  it('answers snmpget -v3 authPriv on a router', async () => {
    const router = net.routers[1] as RouterHandle;
    const { v3 } = net.snmp;
    const r = await run('snmpget', [
      '-v3', '-l', 'authPriv', '-u', v3.user, '-a', v3.authProtocol, '-A', v3.authPassword, '-x', v3.privProtocol, '-X', v3.privPassword,
      '-Oqv', `udp:${router.mgmtAddress}:161`, SYS_NAME_OID,
    ]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout.trim()).toBe(`"${router.sysName}"`);
  });

  it('shows each router its cabled neighbours in LLDP-MIB lldpRemSysName', async () => {
    for (const router of net.routers) {
      const expectedRouters = neighboursOf(net.topology, router.name).map((name) => net.router(name));
      const expected = expectedRouters.map((r) => r.sysName).sort();
      expect(expected.length).toBeGreaterThan(0);
      // LLDP needs a few transmit intervals after start; poll with a deadline.
      let last: string[] = [];
      const seen = await pollUntil(
        `LLDP neighbours of ${router.name}`,
        async () => {
          last = await lldpNeighbourNames(router);
          return last.length >= expected.length ? last : undefined;
        },
        { timeoutMs: 60_000, intervalMs: 1_000 },
      ).catch(async (error: unknown) => {
        // Say which side failed: lldpd's own neighbour table, its AgentX registration, or the logs.
        const detail = `${error instanceof Error ? error.message : String(error)}\nlast lldpRemSysName walk: ${JSON.stringify(last)}, expected ${JSON.stringify(expected)}`;
        throw new Error(`${detail}\n${await lldpDiagnostics([router, ...expectedRouters])}`);
      });
      expect(seen, router.name).toEqual(expected);
    }
  }, 120_000);

  it('logs in over ssh to a router management address and lands in its namespace', async () => {
    const router = net.routers[2] as RouterHandle;
    const r = await run('ssh', [
      '-i', router.ssh.privateKeyPath,
      '-o', `UserKnownHostsFile=${net.knownHostsPath}`,
      '-o', 'StrictHostKeyChecking=yes',
      '-o', 'BatchMode=yes',
      '-o', 'ConnectTimeout=5',
      '-p', String(router.ssh.port),
      `${router.ssh.user}@${router.mgmtAddress}`,
      `echo ok; ip -o -4 addr show dev ${router.mgmtInterface}`,
    ]);
    expect(r.code, r.stderr).toBe(0);
    const [first, ...rest] = r.stdout.trim().split('\n');
    expect(first).toBe('ok');
    expect(rest.join('\n')).toContain(`${router.mgmtAddress}/24`);
  });
});
