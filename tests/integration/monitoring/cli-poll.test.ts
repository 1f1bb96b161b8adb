// `noc poll --once` against a real snmpd over v2c and v3 authPriv (HOST-RESOURCES present, real
// interface counters) and an address where nothing answers: JSON per device, rates on the second
// run (the state of the first is kept in the workspace), exit 0 when every device answered and 1
// when one did not.
import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createConsoleServices } from '../../../electron/services/consoleServices';
import { tempDir } from '../../helpers/tempWorkspace';
import { startSnmpd, type SnmpdPeer } from '../../lab/index';
import { freeUdpPort } from '../../lab/ports';
import { runNoc, type NocOutcome } from '../../helpers/nocCli';

const ctx = { host: 'cli' } as const;

interface PollJson {
  ok: number;
  failed: number;
  results: { name: string; status: string | null; reachable: boolean; rttMs: number | null; cpuPct: number | null; memPct: number | null; error: string | null; interfaces: { name: string; inBps: number | null; outBps: number | null }[] }[];
}

describe('noc poll', () => {
  const ws = tempDir('noc-poll-cli-');
  let agent: SnmpdPeer;

  function noc(args: string[]): Promise<NocOutcome> {
    return runNoc(['poll', ...args, '--workspace', ws]);
  }

  beforeAll(async () => {
    agent = await startSnmpd();
    const deadPort = await freeUdpPort();
    const s = createConsoleServices({ dir: ws, host: 'cli', actor: 'test' });
    try {
      const live = await s.dispatcher.call('snmp.credentials.save', { name: 'lab', version: '2c', community: agent.community, port: agent.port, timeoutMs: 3000, retries: 0 }, ctx);
      const dead = await s.dispatcher.call('snmp.credentials.save', { name: 'dead', version: '2c', community: 'x', port: deadPort, timeoutMs: 500, retries: 0 }, ctx);
      const v3 = await s.dispatcher.call(
        'snmp.credentials.save',
        { name: 'lab-v3', version: '3', user: agent.v3.user, securityLevel: 'authPriv', authProtocol: 'sha', authKey: agent.v3.authPassword, privProtocol: 'aes', privKey: agent.v3.privPassword, port: agent.port, timeoutMs: 3000, retries: 0 },
        ctx,
      );
      await s.dispatcher.call('devices.create', { name: 'lab-snmpd', mgmtAddress: agent.host, snmpProfileId: live.id }, ctx);
      await s.dispatcher.call('devices.create', { name: 'lab-snmpd-v3', mgmtAddress: agent.host, snmpProfileId: v3.id }, ctx);
      await s.dispatcher.call('devices.create', { name: 'lab-dead', mgmtAddress: '127.0.0.1', snmpProfileId: dead.id }, ctx);
    } finally {
      s.close();
    }
  }, 60_000);
  afterAll(async () => {
    await agent?.stop();
    fs.rmSync(ws, { recursive: true, force: true });
  }, 60_000);

  it('polls devices by name (v2c and v3 authPriv), then shows rates on the next run', async () => {
    const first = await noc(['--device', 'lab-snmpd', '--device', 'lab-snmpd-v3', '--once', '--json']);
    expect(first.code, first.stderr).toBe(0);
    const a = JSON.parse(first.stdout) as PollJson;
    expect(a).toMatchObject({ ok: 2, failed: 0 });
    expect(a.results[1]).toMatchObject({ name: 'lab-snmpd-v3', reachable: true, error: null });
    expect(a.results[1]?.interfaces.map((i) => i.name)).toContain('lo');
    const r = a.results[0];
    expect(r).toMatchObject({ name: 'lab-snmpd', reachable: true, error: null });
    // (hrProcessorLoad stays empty for snmpd's first minute: CPU is checked against snmpsim)
    expect(r?.memPct).toBeGreaterThan(0);
    expect(r?.interfaces.map((i) => i.name)).toContain('lo');
    expect(r?.interfaces.every((i) => i.inBps === null)).toBe(true);
    await new Promise((resolve) => setTimeout(resolve, 1100));
    const second = JSON.parse((await noc(['--device', 'lab-snmpd', '--once', '--json'])).stdout) as PollJson;
    const lo = second.results[0]?.interfaces.find((i) => i.name === 'lo');
    // the first poll's own SNMP traffic crossed lo: a real, positive rate
    expect(lo?.inBps).toBeGreaterThan(0);
  }, 60_000);

  it('exits 1 when a device does not answer, naming it, and 2 without a selection', async () => {
    const all = await noc(['--all', '--once']);
    expect(all.code).toBe(1);
    expect(all.stdout).toMatch(/^lab-dead: down .*no answer/m);
    expect(all.stdout).toMatch(/^lab-snmpd: (up|degraded) rtt/m);
    expect(all.stdout).toMatch(/3 polled, 1 failed/);
    expect((await noc(['--once'])).code).toBe(2);
  }, 60_000);
});
