// The poller against real agents: 200 snmpsim agents (one snmpsimd, a community each), one that
// answers sysUpTime only after 2.5 s (its own snmpsimd, delay variation) and one address where
// nothing listens. One cycle must finish and mark exactly the dead one down and the slow one
// degraded; status changes land in devices with their outbox entries; alarms are raised and
// cleared through the AlarmService; rates come from real counters across two polls.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EventName } from '../../../shared/ipc/schemas';
import { Lab } from '../../lab/lab';
import { freeUdpPort } from '../../lab/ports';
import { token } from '../../lab/secrets';
import { pollUntil } from '../../lab/wait';
import { openTempConsole } from '../../helpers/tempWorkspace';
import { healthyAgents, startSimAgents, writeAgents, type SimAgentSpec } from './simAgents';

const ctx = { host: 'cli' } as const;
const AGENTS = 200;

describe('poller over 200 simulated agents, one dead, one slow', () => {
  const c = openTempConsole();
  const lab = new Lab();
  const events: { name: EventName; payload: unknown }[] = [];
  const ids = new Map<string, string>(); // device name → id
  let sims: Awaited<ReturnType<typeof startSimAgents>>;
  let agents: SimAgentSpec[];

  async function addDevice(name: string, community: string, port: number, timeoutMs: number): Promise<string> {
    const profile = await c.dispatcher.call('snmp.credentials.save', { name: `${name}-snmp`, version: '2c', community, port, timeoutMs, retries: 0 }, ctx);
    const device = await c.dispatcher.call('devices.create', { name, mgmtAddress: '127.0.0.1', snmpProfileId: profile.id }, ctx);
    ids.set(name, device.id);
    return device.id;
  }

  const statusOf = (name: string): string => (c.workspace.sqlite.prepare('SELECT status FROM devices WHERE id = ?').get(ids.get(name)) as { status: string }).status;
  const alarm = (key: string) =>
    c.workspace.sqlite.prepare('SELECT kind, severity, source, cleared_at AS clearedAt FROM alarms WHERE dedup_key = ? ORDER BY raised_at DESC LIMIT 1').get(key) as
      | { kind: string; severity: string; source: string; clearedAt: number | null }
      | undefined;

  beforeAll(async () => {
    c.workspace.tenant();
    agents = healthyAgents(AGENTS);
    // agent 0 carries counters we change between polls; agent 1 has an interface down
    agents[1] = { ...(agents[1] as SimAgentSpec), operDown: [3] };
    // agent 2 has no ifXTable 64-bit counters: the poller falls back to ifInOctets/ifOutOctets
    agents[2] = { ...(agents[2] as SimAgentSpec), counters32: true, octets: 5_000_000_000n };
    sims = await startSimAgents(lab, agents);
    const slow = await startSimAgents(lab, [{ community: `slow${token(3)}`, sysName: 'sim-slow', interfaces: 4, delayMs: 2500 }]);
    const deadPort = await freeUdpPort();
    for (const a of agents) await addDevice(a.sysName, a.community, sims.port, 4000);
    await addDevice('sim-slow', slow.agents[0]?.community ?? '', slow.port, 6000);
    await addDevice('sim-dead', 'nobody-home', deadPort, 1000);
    // a round trip over 1.5 s is slow; the loaded simulator answers the others well within that
    c.workspace.setSetting('poller.slowMs', '1500');
    c.bus.subscribe((name, payload) => events.push({ name, payload }));
  }, 180_000);

  afterAll(async () => {
    c.dispose();
    await lab.stop();
  }, 60_000);

  it('completes one cycle and marks exactly the dead agent down and the slow one degraded', async () => {
    const { summary, results } = await c.poller.runCycle();
    expect(summary).toMatchObject({ devices: AGENTS + 2, ok: AGENTS + 1, failed: 1, slow: 1 });
    const byStatus = (s: string) => results.filter((r) => r.status === s).map((r) => r.name).sort();
    expect(byStatus('down')).toEqual(['sim-dead']);
    expect(byStatus('degraded')).toEqual(['sim-1', 'sim-slow'].sort());
    expect(byStatus('up')).toHaveLength(AGENTS - 1);
    expect(results.find((r) => r.name === 'sim-slow')).toMatchObject({ reachable: true, slow: true });
    expect(results.find((r) => r.name === 'sim-dead')?.error).toMatch(/no answer/);
    // what the agents said
    const r0 = results.find((r) => r.name === 'sim-0');
    expect(r0).toMatchObject({ sysName: 'sim-0', uptimeTicks: 4_200_000, cpuPct: 10, memPct: 25 });
    expect(r0?.interfaces.map((i) => [i.ifIndex, i.name, i.operStatus, i.speedBps])).toEqual([1, 2, 3, 4].map((i) => [i, `Gi0/${i}`, 'up', 1_000_000_000]));
    const state2 = c.workspace.sqlite.prepare('SELECT state FROM poll_state WHERE device_id = ?').get(ids.get('sim-2')) as { state: string };
    expect((JSON.parse(state2.state) as { counters: Record<string, unknown> }).counters['1']).toEqual({ in: String(5_000_000_000n % 2n ** 32n), out: String(10_000_000_000n % 2n ** 32n), bits: 32 });
    const state0 = c.workspace.sqlite.prepare('SELECT state FROM poll_state WHERE device_id = ?').get(ids.get('sim-0')) as { state: string };
    expect((JSON.parse(state0.state) as { counters: Record<string, unknown> }).counters['4']).toEqual({ in: '1000000', out: '2000000', bits: 64 });
    // the synced devices table, each change with its outbox entry
    expect(statusOf('sim-dead')).toBe('down');
    expect(statusOf('sim-slow')).toBe('degraded');
    expect(statusOf('sim-7')).toBe('up');
    const outbox = c.workspace.sqlite.prepare("SELECT patch FROM outbox WHERE table_name = 'devices' AND row_id = ? AND op = 'update'").all(ids.get('sim-dead')) as { patch: string }[];
    expect(outbox.map((o) => JSON.parse(o.patch) as unknown)).toEqual([{ status: 'down' }]);
    // live events: one sample per device, one cycle, one devices.changed with every changed id
    expect(events.filter((e) => e.name === 'poller.sample')).toHaveLength(AGENTS + 2);
    expect(events.filter((e) => e.name === 'poller.cycle')).toEqual([{ name: 'poller.cycle', payload: summary }]);
    const changed = events.find((e) => e.name === 'devices.changed')?.payload as { ids: string[] };
    expect(changed.ids).toHaveLength(AGENTS + 2);
  }, 120_000);

  it('raises device.down for the dead agent and interface.down for the admin-up, oper-down port', () => {
    expect(alarm(`device.down:${ids.get('sim-dead')}`)).toMatchObject({ kind: 'device.down', severity: 'critical', source: 'poller', clearedAt: null });
    expect(alarm(`interface.down:${ids.get('sim-1')}:3`)).toMatchObject({ kind: 'interface.down', severity: 'major', clearedAt: null });
    expect(alarm(`device.down:${ids.get('sim-0')}`)).toBeUndefined();
  });

  it('computes rates from the counters of two polls, and drops the interval when the agent restarted', async () => {
    const id = ids.get('sim-0') ?? '';
    const first = c.poller.interfaces(id);
    expect(first.interfaces.every((i) => i.inBps === null)).toBe(true); // nothing to compare with yet
    // the agent counts 1,250,000 octets in and 2,500,000 out per interface (and stays up)
    const before = Date.now();
    const prevAt = first.at ?? 0;
    await new Promise((r) => setTimeout(r, 1100));
    agents[0] = { ...(agents[0] as SimAgentSpec), octets: 2_250_000n, uptimeTicks: 4_200_000 + Math.round((Date.now() - prevAt) / 10) };
    writeAgents(sims.dataDir, [agents[0] as SimAgentSpec]);
    const [polled] = (await c.dispatcher.call('poller.pollNow', { deviceIds: [id] }, ctx)).results;
    const seconds = ((polled?.at ?? 0) - prevAt) / 1000;
    expect(polled?.interfaces).toHaveLength(4);
    for (const i of polled?.interfaces ?? []) {
      // Δ octets × 8 / Δt, within the rounding of whole bits
      expect(i.inBps).toBeCloseTo((1_250_000 * 8) / seconds, -1);
      expect(i.outBps).toBeCloseTo((2_500_000 * 8) / seconds, -1);
    }
    const series = await c.dispatcher.call('poller.samples', { deviceId: id, ifIndex: 2, from: before - 60_000, to: Date.now() + 1000 }, ctx);
    expect(series.resolution).toBe('raw');
    expect(series.interface.map((p) => p.inBps)).toEqual([polled?.interfaces[1]?.inBps]);

    // the agent restarts: uptime goes back, counters start again from a small value
    agents[0] = { ...(agents[0] as SimAgentSpec), octets: 5000n, uptimeTicks: 300 };
    writeAgents(sims.dataDir, [agents[0] as SimAgentSpec]);
    const [restarted] = (await c.dispatcher.call('poller.pollNow', { deviceIds: [id] }, ctx)).results;
    expect(restarted?.error).toBeNull();
    expect(restarted?.uptimeTicks).toBe(300);
    expect(restarted?.interfaces.map((i) => i.inBps)).toEqual([null, null, null, null]);
  }, 60_000);

  it('clears device.down and sets the status up when the dead device answers again', async () => {
    const id = ids.get('sim-dead') ?? '';
    const profileId = (c.workspace.sqlite.prepare('SELECT snmp_profile_id AS p FROM devices WHERE id = ?').get(id) as { p: string }).p;
    await c.dispatcher.call('snmp.credentials.save', { id: profileId, name: 'sim-dead-snmp', version: '2c', community: agents[5]?.community, port: sims.port, timeoutMs: 4000, retries: 0 }, ctx);
    events.length = 0;
    const [r] = (await c.dispatcher.call('poller.pollNow', { deviceIds: [id] }, ctx)).results;
    expect(r).toMatchObject({ status: 'up', reachable: true, error: null });
    expect(statusOf('sim-dead')).toBe('up');
    expect(alarm(`device.down:${id}`)?.clearedAt).toEqual(expect.any(Number));
    expect(events.find((e) => e.name === 'devices.changed')?.payload).toEqual({ ids: [id], reason: 'updated' });
    const status = await c.dispatcher.call('poller.status', {}, ctx);
    expect(status).toMatchObject({ running: false, monitoredDevices: AGENTS + 2, lastCycle: { devices: AGENTS + 2 } });
  }, 60_000);

  it('clears interface.down when the port comes back up, and the device is up again', async () => {
    const id = ids.get('sim-1') ?? '';
    agents[1] = { ...(agents[1] as SimAgentSpec), operDown: [] };
    writeAgents(sims.dataDir, [agents[1] as SimAgentSpec]);
    const [r] = (await c.dispatcher.call('poller.pollNow', { deviceIds: [id] }, ctx)).results;
    expect(r?.status).toBe('up');
    expect(statusOf('sim-1')).toBe('up');
    expect(alarm(`interface.down:${id}:3`)?.clearedAt).toEqual(expect.any(Number));
    expect((await c.dispatcher.call('poller.interfaces', { deviceId: id }, ctx)).interfaces.map((i) => i.operStatus)).toEqual(['up', 'up', 'up', 'up']);
  }, 60_000);

  it('runs cycles on its own once started, and stops on close', async () => {
    events.length = 0;
    c.poller.start();
    expect((await c.dispatcher.call('poller.status', {}, ctx)).running).toBe(true);
    const cycle = await pollUntil('a scheduled poll cycle', () => Promise.resolve(events.find((e) => e.name === 'poller.cycle')?.payload as { devices: number; failed: number } | undefined), { timeoutMs: 60_000 });
    // the dead device came back in the previous test: every device answers now
    expect(cycle).toMatchObject({ devices: AGENTS + 2, failed: 0 });
    c.poller.close();
    expect((await c.dispatcher.call('poller.status', {}, ctx)).running).toBe(false);
  }, 90_000);
});
