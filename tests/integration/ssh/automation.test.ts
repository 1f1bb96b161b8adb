// Automation over the namespace lab: one command on every router, each answering from its own
// network namespace (its own addresses), with the run's start and finish in the audit log;
// stop-on-error, stop, the concurrency bound, the preview's problems, and unknown host keys.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ResponseOf } from '../../../shared/ipc/schemas';
import { AuditWriter } from '../../../electron/services/cache/repositories/auditWriter';
import { openTempConsole } from '../../helpers/tempWorkspace';
import { startNetwork, type LabNetwork, type RouterHandle } from '../../lab/index';
import { addDevice, saveKeyProfile, trustDevice } from './consoleFixture';

type RunUpdate = { run: ResponseOf<'ssh.run.start'>; result: ResponseOf<'ssh.run.get'>['results'][number] | null };

describe('SSH automation over the lab routers', () => {
  const c = openTempConsole('cli');
  const ctx = { host: 'cli' } as const;
  let network: LabNetwork;
  const deviceOf = new Map<string, string>();
  const updates: RunUpdate[] = [];

  const routers = (): RouterHandle[] => [...network.routers];
  const ids = (): string[] => routers().map((r) => deviceOf.get(r.name) as string);
  const start = (req: Parameters<typeof c.dispatcher.call<'ssh.run.start'>>[1]) => c.dispatcher.call('ssh.run.start', req, ctx);

  /** Resolves when a device of the run is reported running. */
  const firstRunning = (runId: string): Promise<void> =>
    new Promise((resolve) => {
      const off = c.bus.subscribe((name, payload) => {
        const u = payload as RunUpdate;
        if (name === 'ssh.run.update' && u.run.runId === runId && u.result?.state === 'running') {
          off();
          resolve();
        }
      });
    });

  beforeAll(async () => {
    network = await startNetwork();
    const r1 = network.router('r1');
    const profile = await saveKeyProfile(c, 'lab routers', r1.ssh.privateKeyPath, r1.ssh.port);
    for (const r of network.routers) deviceOf.set(r.name, await addDevice(c, { name: r.name, address: r.ssh.host, profileId: profile }));
    c.bus.subscribe((name, payload) => {
      if (name === 'ssh.run.update') updates.push(payload as RunUpdate);
    });
  }, 120_000);

  afterAll(async () => {
    c.dispose();
    await network?.stop();
  }, 60_000);

  it('does not trust an unknown host key: the device fails with the host-key message', async () => {
    const r1 = deviceOf.get('r1') as string;
    const run = await start({ deviceIds: [r1], command: 'echo never' });
    const done = await c.ssh.automation.wait(run.runId);
    expect(done.results[0]).toMatchObject({ state: 'failed', stdout: '' });
    expect(done.results[0]?.error).toMatch(/HOST_KEY_MISMATCH.*not a known host/);
    // the user accepts each router's key (as in a terminal), then automation may run
    for (const r of routers()) await trustDevice(c, deviceOf.get(r.name) as string, r.ssh.hostKeyFingerprintSha256);
  });

  it('runs a script on every router and returns each router its own output; audited', async () => {
    const script = 'echo "start"\nip -4 -br addr show\necho "end"';
    const run = await start({ deviceIds: ids(), command: script, concurrency: 4 });
    expect(run).toMatchObject({ state: 'running', total: 4, command: script });
    // start answers before any device runs: no update named the run yet
    expect(updates.some((u) => u.run.runId === run.runId)).toBe(false);
    const done = await c.ssh.automation.wait(run.runId);
    expect(done).toMatchObject({ state: 'finished', ok: 4, failed: 0, skipped: 0 });
    for (const r of routers()) {
      const result = done.results.find((x) => x.deviceName === r.name);
      expect(result, r.name).toMatchObject({ state: 'ok', exitCode: 0, error: null });
      const lines = result?.stdout.trim().split('\n') ?? [];
      expect(lines[0]).toBe('start');
      expect(lines.at(-1)).toBe('end');
      expect(result?.stdout).toContain(`${r.ssh.host}/`);
      expect(result?.stdout).toContain(`${r.loopbackAddress}/32`);
      for (const other of routers().filter((o) => o.name !== r.name)) expect(result?.stdout).not.toContain(`${other.ssh.host}/`);
    }
    // the stored run is what was returned
    expect((await c.dispatcher.call('ssh.run.get', { runId: run.runId }, ctx)).results).toEqual(done.results);
    expect((await c.dispatcher.call('ssh.run.list', {}, ctx))[0]).toMatchObject({ runId: run.runId, ok: 4 });

    const audit = new AuditWriter(c.workspace.sqlite, c.workspace.scope()).recent('ssh.run.').filter((a) => a.entityId === run.runId);
    expect(audit.map((a) => a.action).sort()).toEqual(['ssh.run.finish', 'ssh.run.start']);
    expect(audit.find((a) => a.action === 'ssh.run.start')).toMatchObject({ entity: 'ssh_runs', details: { command: script, devices: 4 } });
    expect(audit.find((a) => a.action === 'ssh.run.finish')).toMatchObject({ details: { devices: 4, ok: 4, failed: 0 } });
    expect(JSON.stringify(audit)).not.toMatch(/PRIVATE KEY/);
    // one pooled connection per device, reused by every run
    expect(c.ssh.ctx.engine.size).toBe(4);
  });

  it('stop-on-error skips the devices not yet started after the first failure; without it the run continues', async () => {
    const r2 = network.router('r2');
    const command = `ip -4 -br addr | grep -q ' ${r2.ssh.host}/' && exit 7; echo fine`;
    const stopping = await c.ssh.automation.wait((await start({ deviceIds: ids(), command, concurrency: 1, stopOnError: true })).runId);
    expect(stopping.results.map((r) => [r.deviceName, r.state, r.exitCode])).toEqual([
      ['r1', 'ok', 0],
      ['r2', 'failed', 7],
      ['r3', 'skipped', null],
      ['r4', 'skipped', null],
    ]);
    expect(stopping).toMatchObject({ state: 'finished', ok: 1, failed: 1, skipped: 2 });

    const going = await c.ssh.automation.wait((await start({ deviceIds: ids(), command, concurrency: 1 })).runId);
    expect(going.results.map((r) => r.state)).toEqual(['ok', 'failed', 'ok', 'ok']);
  });

  it('never has more devices running at once than the concurrency', async () => {
    for (const concurrency of [1, 2]) {
      const run = await start({ deviceIds: ids(), command: 'sleep 0.3; echo x', concurrency });
      await c.ssh.automation.wait(run.runId);
      const running = new Set<string>();
      let most = 0;
      for (const u of updates.filter((x) => x.run.runId === run.runId && x.result !== null)) {
        const r = u.result as NonNullable<RunUpdate['result']>;
        if (r.state === 'running') running.add(r.deviceId);
        else running.delete(r.deviceId);
        most = Math.max(most, running.size);
      }
      expect(most).toBe(concurrency);
      // the last update is the finished run
      expect(updates.filter((x) => x.run.runId === run.runId).at(-1)).toMatchObject({ result: null, run: { state: 'finished', ok: 4 } });
    }
  });

  it('stop: queued devices are stopped, the running one finishes', async () => {
    const run = await start({ deviceIds: ids(), command: 'sleep 0.5; echo finished-anyway', concurrency: 1 });
    await firstRunning(run.runId);
    expect(await c.dispatcher.call('ssh.run.stop', { runId: run.runId }, ctx)).toEqual({ stopping: true });
    const done = await c.ssh.automation.wait(run.runId);
    expect(done.state).toBe('stopped');
    expect(done.results.map((r) => r.state)).toEqual(['ok', 'stopped', 'stopped', 'stopped']);
    expect(done.results[0]?.stdout).toBe('finished-anyway\n');
    expect(await c.dispatcher.call('ssh.run.stop', { runId: run.runId }, ctx)).toEqual({ stopping: false });
  });

  it('preview names each target and says why a device cannot be reached', async () => {
    const bare = await addDevice(c, { name: 'no-profile', address: '192.0.2.10', profileId: null });
    const other = await saveKeyProfile(c, 'soon gone', network.router('r1').ssh.privateKeyPath, 2222);
    const orphan = await addDevice(c, { name: 'orphan', address: '192.0.2.11', profileId: other });
    // a tombstone arriving by sync leaves the device pointing at a deleted profile
    c.workspace.sqlite.prepare('UPDATE credential_profiles SET deleted_at = ? WHERE id = ?').run(Date.now(), other);
    const r1 = deviceOf.get('r1') as string;
    const { targets } = await c.dispatcher.call('ssh.run.preview', { deviceIds: [r1, bare, orphan] }, ctx);
    expect(targets).toEqual([
      { deviceId: r1, deviceName: 'r1', host: network.router('r1').ssh.host, port: 22, username: 'root', credentialName: 'lab routers', problem: null },
      expect.objectContaining({ deviceId: bare, deviceName: 'no-profile', problem: expect.stringMatching(/no SSH profile/) }),
      expect.objectContaining({ deviceId: orphan, deviceName: 'orphan', problem: expect.stringMatching(/deleted/) }),
    ]);
    const done = await c.ssh.automation.wait((await start({ deviceIds: [bare, r1], command: 'echo ok' })).runId);
    expect(done.results.map((r) => [r.deviceName, r.state])).toEqual([
      ['no-profile', 'failed'],
      ['r1', 'ok'],
    ]);
    expect(done.results[0]?.error).toMatch(/no SSH profile/);
  });
});
