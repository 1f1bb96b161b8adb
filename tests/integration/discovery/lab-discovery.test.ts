// Discovery against the namespace lab (4 routers, ring r1-r2-r3-r4-r1 plus the r1-r3 chord, each with
// snmpd + lldpd): from ONE router's management address it must find every router and every cable,
// named by the interface names at both ends, exactly as the lab built them; a second run must
// update, not duplicate; `noc discover --json` must report the same.
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTempConsole, tempDir } from '../../helpers/tempWorkspace';
import { Lab, LLDP_REM_SYS_NAME_OID, lldpDiagnostics, neighboursOf, pollUntil, run, startNetwork, type LabNetwork } from '../../lab/index';

const CTX = { host: 'cli' } as const;
const exec = promisify(execFile);
const root = path.resolve(__dirname, '../../..');
const NOC = path.join(root, 'bin/noc.mjs');

/** "a:ifA — b:ifB" with the ends in a fixed order, so both orientations compare equal. */
const linkKey = (a: { device: string; interface: string }, b: { device: string; interface: string }): string =>
  [`${a.device}:${a.interface}`, `${b.device}:${b.interface}`].sort().join(' — ');

describe('discovery over the namespace lab', () => {
  let lab: Lab;
  let net: LabNetwork;
  let console_: ReturnType<typeof openTempConsole>;
  let expectedLinks: string[];

  beforeAll(async () => {
    lab = new Lab();
    net = await startNetwork({ lab });
    console_ = openTempConsole();
    const sys = (name: string) => net.router(name).sysName;
    expectedLinks = net.topology.links.map((l) => linkKey({ device: sys(l.a.router), interface: l.a.interface }, { device: sys(l.b.router), interface: l.b.interface })).sort();
    // lldpd needs a few transmit intervals before every neighbour shows in LLDP-MIB
    for (const router of net.routers) {
      const want = neighboursOf(net.topology, router.name).length;
      await pollUntil(
        `LLDP neighbours of ${router.name}`,
        async () => {
          const r = await run('snmpwalk', ['-v2c', '-c', net.snmp.community, '-t', '2', '-Oqv', `udp:${router.mgmtAddress}:161`, LLDP_REM_SYS_NAME_OID]);
          return r.stdout.trim().split('\n').filter((l) => l.trim() !== '').length >= want ? true : undefined;
        },
        { timeoutMs: 60_000, intervalMs: 1_000 },
      ).catch(async (error: unknown) => {
        throw new Error(`${String(error)}\n${await lldpDiagnostics([router])}`);
      });
    }
  }, 120_000);

  afterAll(async () => {
    console_?.dispose();
    await lab?.stop();
  }, 60_000);

  const discover = () =>
    console_.dispatcher.call('discovery.run', { seeds: [net.router('r1').mgmtAddress], credentials: { version: '2c', community: net.snmp.community }, maxDepth: 3 }, CTX);

  it('finds all four routers and all five links, with the interface names at both ends', async () => {
    const r = await discover();
    expect(r.errors).toEqual([]);
    expect(r.devices.map((d) => d.name).sort()).toEqual(net.routers.map((x) => x.sysName).sort());
    for (const d of r.devices) {
      const router = net.routers.find((x) => x.sysName === d.name);
      expect(d.address, d.name).toBe(router?.mgmtAddress);
      expect(d.new).toBe(true);
    }
    expect(r.links.map((l) => linkKey(l.a, l.b)).sort()).toEqual(expectedLinks);
    // and the cache holds exactly that: the map reads these rows
    const graph = await console_.dispatcher.call('topology.graph', {}, CTX);
    expect(graph.nodes).toHaveLength(4);
    const nameOf = new Map(graph.nodes.map((n) => [n.id, n.name]));
    expect(graph.edges.map((e) => linkKey({ device: nameOf.get(e.source) ?? '', interface: e.sourceInterface }, { device: nameOf.get(e.target) ?? '', interface: e.targetInterface })).sort()).toEqual(
      expectedLinks,
    );
    expect(graph.edges.every((e) => e.origin === 'lldp')).toBe(true);
    // every router's interfaces came from its ifTable, its LLDP ports among them
    const ifNames = console_.workspace.sqlite.prepare('SELECT d.name AS device, i.name FROM interfaces i JOIN devices d ON d.id = i.device_id').all() as { device: string; name: string }[];
    for (const router of net.routers) {
      const mine = ifNames.filter((i) => i.device === router.sysName).map((i) => i.name);
      expect(mine).toEqual(expect.arrayContaining(['lo', 'mgmt0', ...router.interfaces.map((i) => i.interface)]));
    }
  }, 120_000);

  it('a second run updates the same devices and links instead of adding new ones', async () => {
    const outboxBefore = (console_.workspace.sqlite.prepare("SELECT count(*) AS n FROM outbox WHERE table_name = 'links'").get() as { n: number }).n;
    const r = await discover();
    expect(r.devices).toHaveLength(4);
    expect(r.devices.every((d) => !d.new)).toBe(true);
    expect(r.links.map((l) => linkKey(l.a, l.b)).sort()).toEqual(expectedLinks);
    expect(r.links.every((l) => !l.new)).toBe(true);
    const count = (table: string) => (console_.workspace.sqlite.prepare(`SELECT count(*) AS n FROM ${table} WHERE deleted_at IS NULL`).get() as { n: number }).n;
    expect(count('devices')).toBe(4);
    expect(count('links')).toBe(5);
    // an unchanged link is not re-sent to the server
    expect((console_.workspace.sqlite.prepare("SELECT count(*) AS n FROM outbox WHERE table_name = 'links'").get() as { n: number }).n).toBe(outboxBefore);
  }, 120_000);

  it('with a saved SNMPv3 authPriv profile, new devices get that profile', async () => {
    const fresh = openTempConsole();
    try {
      const { v3 } = net.snmp;
      const profile = await fresh.dispatcher.call(
        'snmp.credentials.save',
        { name: 'lab v3', version: '3', user: v3.user, securityLevel: 'authPriv', authProtocol: 'sha', authKey: v3.authPassword, privProtocol: 'aes', privKey: v3.privPassword },
        CTX,
      );
      const r = await fresh.dispatcher.call('discovery.run', { seeds: [net.router('r2').mgmtAddress], credentialId: profile.id }, CTX);
      expect(r.devices.map((d) => d.name).sort()).toEqual(net.routers.map((x) => x.sysName).sort());
      expect(r.links).toHaveLength(5);
      const profiles = fresh.workspace.sqlite.prepare('SELECT DISTINCT snmp_profile_id AS p FROM devices').all() as { p: string | null }[];
      expect(profiles).toEqual([{ p: profile.id }]);
    } finally {
      fresh.dispose();
    }
  }, 120_000);

  it('stops a sweep of a silent range on request and says so', async () => {
    const taskId = 'discover-stop-test';
    const off = console_.bus.subscribe((name, payload) => {
      if (name === 'task.progress' && (payload as { taskId: string }).taskId === taskId) void console_.dispatcher.call('discovery.stop', { taskId }, CTX);
    });
    try {
      // TEST-NET-2: nothing answers there
      const r = await console_.dispatcher.call(
        'discovery.run',
        { seeds: ['198.51.100.0/24'], credentials: { version: '2c', community: 'x' }, concurrency: 4, timeoutMs: 300, retries: 0, taskId },
        CTX,
      );
      expect(r.stopped).toBe(true);
      expect(r.probed).toBeLessThan(254);
      expect(r.devices).toEqual([]);
    } finally {
      off();
    }
  }, 60_000);

  it('`noc discover --seed … --json` reports the same routers and links', async () => {
    const ws = tempDir('noc-discover-cli-');
    try {
      const args = [NOC, 'discover', '--seed', net.router('r3').mgmtAddress, '-c', net.snmp.community, '--json', '--workspace', ws];
      const r = await exec(process.execPath, args, { cwd: root, maxBuffer: 16 * 1024 * 1024 });
      const out = JSON.parse(r.stdout) as { devices: { name: string }[]; links: { a: { device: string; interface: string }; b: { device: string; interface: string } }[] };
      expect(out.devices.map((d) => d.name).sort()).toEqual(net.routers.map((x) => x.sysName).sort());
      expect(out.links.map((l) => linkKey(l.a, l.b)).sort()).toEqual(expectedLinks);
      // human output: "r1 eth1 — r2 eth1" lines
      const text = await exec(process.execPath, [NOC, 'discover', '--seed', net.router('r3').mgmtAddress, '-c', net.snmp.community, '--workspace', ws], { cwd: root });
      const r1 = net.router('r1');
      const first = r1.interfaces[0];
      expect(text.stdout).toContain('5 links:');
      expect(text.stdout).toMatch(new RegExp(`${r1.sysName} ${first?.interface} — ${net.router(first?.neighbour ?? '').sysName} ${first?.neighbourInterface}|${net.router(first?.neighbour ?? '').sysName} ${first?.neighbourInterface} — ${r1.sysName} ${first?.interface}`));
    } finally {
      fs.rmSync(ws, { recursive: true, force: true });
    }
  }, 120_000);
});
