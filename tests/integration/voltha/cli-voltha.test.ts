// `noc voltha …` as a technician runs it against the simulator: voltctl-like tables, JSON, the
// actions and their refusals, and the cache mirror commands.
import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startVolthaSimulator, type VolthaSimulator } from '../../../electron/services/voltha/simulator/index';
import { tempDir } from '../../helpers/tempWorkspace';
import { runNoc, type NocOutcome } from '../../helpers/nocCli';


describe('noc voltha', () => {
  const ws = tempDir('noc-voltha-cli-');
  let sim: VolthaSimulator;

  function noc(args: string[]): Promise<NocOutcome> {
    return runNoc(['voltha', '--endpoint', sim.address, '--workspace', ws, ...args]);
  }

  beforeAll(async () => {
    sim = await startVolthaSimulator({ olts: 1, pons: 2, onus: 2, stepMs: 50, port: 0, provisioned: false });
  });
  afterAll(async () => {
    await sim?.stop();
    fs.rmSync(ws, { recursive: true, force: true });
  });

  it('pre-provisions and enables an OLT, then lists devices with voltctl\'s columns', async () => {
    const pre = await noc(['preprovision', '--host-and-port', sim.oltAddresses[0] ?? '', '--type', 'openolt']);
    expect(pre.code).toBe(0);
    const oltId = pre.stdout.trim();
    expect((await noc(['enable', oltId])).code).toBe(0);
    let devices: { id: string; root: boolean; serial_number: string; oper_status: string }[] = [];
    for (let i = 0; i < 100 && devices.filter((d) => !d.root && d.oper_status === 'ACTIVE').length < 4; i++) {
      await new Promise((r) => setTimeout(r, 100));
      devices = JSON.parse((await noc(['devices', '--json'])).stdout) as typeof devices;
    }
    expect(devices.filter((d) => !d.root).map((d) => d.serial_number).sort()).toEqual(['BBSM00000001', 'BBSM00000002', 'BBSM00000003', 'BBSM00000004']);
    const table = await noc(['devices']);
    expect(table.stdout.split('\n')[0]?.split(/\s+/).filter(Boolean)).toEqual(['ID', 'TYPE', 'ROOT', 'PARENTID', 'SERIALNUMBER', 'ADMINSTATE', 'OPERSTATUS', 'CONNECTSTATUS', 'REASON']);
    expect(table.stdout).toContain(oltId);
    const ports = await noc(['ports', oltId]);
    expect(ports.stdout).toMatch(/PON_OLT/);
    expect(ports.stdout).toMatch(/ETHERNET_NNI/);
  });

  it('refuses an invalid transition naming the state, and an unknown id, with exit code 1', async () => {
    const devices = JSON.parse((await noc(['devices', '--json'])).stdout) as { id: string; root: boolean }[];
    const olt = devices.find((d) => d.root);
    const again = await noc(['enable', olt?.id ?? '']);
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/the device is in state ENABLED/);
    const missing = await noc(['device', 'no-such-device']);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/NOT_FOUND/);
  });

  it('mirrors a saved endpoint into the cache and lists ONUs from it', async () => {
    expect((await noc(['endpoint', 'add', '--name', 'sim', '--address', sim.address])).code).toBe(0);
    const refreshed = await noc(['refresh', 'sim', '--json']);
    expect(JSON.parse(refreshed.stdout)).toMatchObject({ olts: 1, onus: 4, error: null });
    const onus = JSON.parse((await noc(['onus', '--filter', 'active', '--json'])).stdout) as { total: number };
    expect(onus.total).toBe(4);
  });
});
