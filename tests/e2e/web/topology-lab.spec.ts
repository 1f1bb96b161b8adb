// "…and the map shows them": the namespace lab (r1..r4, ring plus the r1-r3 chord, snmpd + lldpd in
// each) discovered with `noc discover` from r1 alone into a fresh, non-demo workspace, then that
// workspace served by its own `noc serve`. The Topology page must draw exactly the four routers and
// the five cables (as cytoscape holds them, not just as the page was given them), and the panel of r2
// found by search must list its links with the interface names at both ends as the lab cabled them,
// and its interfaces with their rates from the poller; the device detail shows the same table.
import { execFile } from 'node:child_process';
import dgram from 'node:dgram';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { expect, test } from '@playwright/test';
import { startNocServe, type NocServer } from './nocServe';
import { Lab, LLDP_REM_SYS_NAME_OID, lldpDiagnostics, neighboursOf, pollUntil, run, startNetwork, type LabNetwork } from '../../lab/index';

const exec = promisify(execFile);
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const NOC = path.join(root, 'bin/noc.mjs');

/** "a:ifA — b:ifB" with the ends in a fixed order, so both orientations compare equal. */
const linkKey = (a: string, aIf: string, b: string, bIf: string): string => [`${a}:${aIf}`, `${b}:${bIf}`].sort().join(' — ');

/** Why the lab cannot run here (not root, no netns), or null when it can be tried. */
function labPermissionProblem(error: unknown): string | null {
  const text = error instanceof Error ? error.message : String(error);
  return /operation not permitted|permission denied|EPERM|EACCES|must be root/i.test(text) ? `the namespace lab cannot start in this process: ${text.split('\n')[0]}` : null;
}

/** A UDP port free right now, for the second server's trap receiver (the first one holds the default). */
async function freeUdpPort(): Promise<number> {
  const s = dgram.createSocket('udp4');
  await new Promise<void>((r) => s.bind(0, '127.0.0.1', () => r()));
  const { port } = s.address();
  await new Promise<void>((r) => s.close(() => r()));
  return port;
}

test.describe('the discovered lab on the map', () => {
  test.describe.configure({ timeout: 240_000 });

  let lab: Lab | null = null;
  let net: LabNetwork | null = null;
  let skipReason: string | null = null;
  let workspace: string | null = null;
  let server: NocServer | null = null;
  let url = '';
  let discovered: { devices: { name: string }[]; links: unknown[] } = { devices: [], links: [] };

  test.beforeAll(async () => {
    // the lab, LLDP settling (tx interval 5 s), two discoveries and a poll: more than the default
    test.setTimeout(240_000);
    if (process.getuid?.() !== 0) {
      skipReason = 'the namespace lab needs root (ip netns), and this process is not root';
      return;
    }
    lab = new Lab();
    try {
      net = await startNetwork({ lab });
    } catch (error) {
      skipReason = labPermissionProblem(error);
      if (skipReason === null) throw error;
      return;
    }
    const network = net;
    // lldpd needs a few transmit intervals before every neighbour shows in LLDP-MIB
    for (const router of network.routers) {
      const want = neighboursOf(network.topology, router.name).length;
      await pollUntil(
        `LLDP neighbours of ${router.name}`,
        async () => {
          const r = await run('snmpwalk', ['-v2c', '-c', network.snmp.community, '-t', '2', '-Oqv', `udp:${router.mgmtAddress}:161`, LLDP_REM_SYS_NAME_OID]);
          return r.stdout.trim().split('\n').filter((l) => l.trim() !== '').length >= want ? true : undefined;
        },
        { timeoutMs: 60_000, intervalMs: 1_000 },
      ).catch(async (error: unknown) => {
        throw new Error(`${String(error)}\n${await lldpDiagnostics([router])}`);
      });
    }
    // a fresh workspace: no demo seed, only what discovery finds
    workspace = fs.mkdtempSync(path.join(os.tmpdir(), 'noc-e2e-lab-'));
    const r1 = network.router('r1').mgmtAddress;
    const out = await exec(process.execPath, [NOC, 'discover', '--workspace', workspace, '--seed', r1, '-c', network.snmp.community, '--json'], { cwd: root, maxBuffer: 16 * 1024 * 1024 });
    discovered = JSON.parse(out.stdout) as typeof discovered;
    // the same routers again with a saved profile: the run updates them (no duplicates on the map)
    // and they get that SNMP profile, so the server's poller monitors them
    await exec(process.execPath, [NOC, 'snmp', 'credential', 'add', '--workspace', workspace, '--name', 'lab', '-c', network.snmp.community], { cwd: root });
    await exec(process.execPath, [NOC, 'discover', '--workspace', workspace, '--seed', r1, '--profile', 'lab', '--json'], { cwd: root, maxBuffer: 16 * 1024 * 1024 });
    // one poll now, so the server's first cycle has counters to compute rates against
    await exec(process.execPath, [NOC, 'poll', '--all', '--once', '--workspace', workspace, '--json'], { cwd: root, maxBuffer: 16 * 1024 * 1024 });
    ({ server, url } = await startNocServe(workspace, { NOC_TRAP_PORT: String(await freeUdpPort()) }));
  });

  test.afterAll(async () => {
    test.setTimeout(120_000);
    if (server !== null && server.exitCode === null && server.pid !== undefined) {
      const exited = new Promise((r) => server?.once('exit', r));
      process.kill(server.pid, 'SIGTERM');
      await exited;
    }
    await lab?.stop();
    if (workspace !== null) fs.rmSync(workspace, { recursive: true, force: true });
  });

  test('noc discover from r1 puts every router and cable on the map; r2 shows its links with both ends', async ({ page }, testInfo) => {
    test.skip(skipReason !== null, skipReason ?? '');
    if (net === null) throw new Error('the lab did not start');
    const network = net;
    const sys = (name: string) => network.router(name).sysName;
    expect(discovered.devices.map((d) => d.name).sort()).toEqual(network.routers.map((r) => r.sysName).sort());
    expect(discovered.links).toHaveLength(network.topology.links.length);

    await page.goto(`${url}#/topology`);
    const summary = page.getByTestId('topology-summary');
    await expect(summary).toHaveAttribute('data-nodes', '4');
    await expect(summary).toHaveAttribute('data-edges', '5');
    await expect(page.getByTestId('topology-canvas').locator('canvas').first()).toBeVisible();

    // what cytoscape draws: the four routers by name, and the five cables between the right pairs
    await page.waitForFunction(() => (window.__nocTopology?.nodes()?.length ?? 0) > 0);
    const drawn = await page.evaluate(() => ({ nodes: window.__nocTopology?.nodes() ?? [], edges: window.__nocTopology?.edges() ?? [] }));
    expect(drawn.nodes.map((n) => n.label).sort()).toEqual(network.routers.map((r) => r.sysName).sort());
    const label = new Map(drawn.nodes.map((n) => [n.id, n.label]));
    const pair = (a: string, b: string) => [a, b].sort().join(' — ');
    expect(drawn.edges.map((e) => pair(label.get(e.source) ?? e.source, label.get(e.target) ?? e.target)).sort()).toEqual(
      network.topology.links.map((l) => pair(sys(l.a.router), sys(l.b.router))).sort(),
    );

    // search "r2": the first suggestion is r2; Enter opens its panel
    const search = page.getByTestId('topology-search');
    await search.fill('r2');
    await expect(page.locator('#topology-search-hits option').first()).toHaveAttribute('value', sys('r2'));
    await search.press('Enter');
    const panel = page.getByTestId('topology-panel');
    await expect(page.getByTestId('topology-panel-name')).toHaveText(sys('r2'));
    await expect(page.getByTestId('topology-panel-address')).toHaveText(network.router('r2').mgmtAddress);

    // its links: local interface — neighbour and the neighbour's interface, exactly as cabled
    const r2 = network.router('r2');
    const expected = r2.interfaces.map((i) => linkKey(sys('r2'), i.interface, sys(i.neighbour), i.neighbourInterface)).sort();
    const rows = panel.getByTestId('topology-panel-link');
    await expect(rows).toHaveCount(expected.length);
    const shown = await rows.evaluateAll((els) =>
      els.map((el) => ({ local: el.getAttribute('data-local') ?? '', peer: el.getAttribute('data-peer') ?? '', peerInterface: el.getAttribute('data-peer-interface') ?? '' })),
    );
    expect(shown.map((l) => linkKey(sys('r2'), l.local, l.peer, l.peerInterface)).sort()).toEqual(expected);
    for (const i of r2.interfaces) await expect(panel.getByTestId('topology-panel-links')).toContainText(`${i.interface} — ${sys(i.neighbour)} ${i.neighbourInterface}`);

    // its interfaces from the poller (monitored through the saved profile): every cabled port up,
    // with in/out rates in bit/s (the server's first cycle against the CLI's poll)
    const rates = panel.getByTestId('interface-rates');
    await expect(rates).toBeVisible({ timeout: 60_000 });
    for (const i of r2.interfaces) {
      const row = rates.locator(`[data-testid="interface-rate-row"][data-name="${i.interface}"]`);
      await expect(row).toHaveAttribute('data-oper', 'up');
      await expect(row.getByTestId('interface-in')).toHaveText(/^\d+(\.\d+)? [kMGT]?bps$/, { timeout: 60_000 });
      await expect(row.getByTestId('interface-out')).toHaveText(/^\d+(\.\d+)? [kMGT]?bps$/);
    }
    await expect(panel.getByTestId('device-alarms')).toBeVisible();

    await testInfo.attach('lab map', { body: await page.screenshot(), contentType: 'image/png' });

    // the device detail (Open device) has the same live interfaces
    await panel.getByTestId('topology-open-device').click();
    await expect(page.getByTestId('device-detail-name')).toHaveText(sys('r2'));
    const detailRates = page.getByTestId('device-interfaces').getByTestId('interface-rates');
    for (const i of r2.interfaces) {
      await expect(detailRates.locator(`[data-testid="interface-rate-row"][data-name="${i.interface}"]`).getByTestId('interface-in')).toHaveText(/^\d+(\.\d+)? [kMGT]?bps$/);
    }
    await testInfo.attach('device detail', { body: await page.screenshot(), contentType: 'image/png' });
  });
});
