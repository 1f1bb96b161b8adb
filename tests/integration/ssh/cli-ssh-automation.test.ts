// `noc ssh` automation commands end to end with --json against two real sshds (on 127.0.0.1 and
// 127.0.0.2, same port, so one profile serves both): credential profiles, exec by device or by
// address, a run over a selector, backups, versions and their diff, and bad input.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../../helpers/tempWorkspace';
import { Lab, startSshd, type SshdPeer } from '../../lab/index';
import { runNoc, type NocOutcome } from '../../helpers/nocCli';


interface Outcome {
  code: number;
  stdout: string;
  stderr: string;
}

describe('noc ssh run / backup / credential', () => {
  const ws = tempDir('noc-ssh-auto-cli-');
  const dir = tempDir('noc-ssh-auto-files-');
  const configFile = path.join(dir, 'config.txt');
  // one lab: both servers accept the same user key, as devices sharing one profile do
  const lab = new Lab();
  let a: SshdPeer;
  let b: SshdPeer;

  function noc(args: string[]): Promise<NocOutcome> {
    return runNoc([...args, '--workspace', ws]);
  }
  const json = <T>(o: Outcome): T => JSON.parse(o.stdout) as T;

  beforeAll(async () => {
    a = await startSshd({ lab });
    b = await startSshd({ lab, address: '127.0.0.2', port: a.port });
    fs.writeFileSync(configFile, 'hostname lab\nvlan 10\n');
  }, 60_000);
  afterAll(async () => {
    await lab.stop();
    fs.rmSync(ws, { recursive: true, force: true });
    fs.rmSync(dir, { recursive: true, force: true });
  }, 60_000);

  it('sets up a profile and devices, runs over them, backs up and diffs', async () => {
    const saved = await noc(['ssh', 'credential', 'add', '--name', 'lab', '--user', 'root', '--key', a.privateKeyPath, '--port', String(a.port), '--backup-command', `cat ${configFile}`, '--json']);
    expect(saved.code).toBe(0);
    expect(json<{ name: string; hasPrivateKey: boolean; backupCommand: string }>(saved)).toMatchObject({ name: 'lab', hasPrivateKey: true, backupCommand: `cat ${configFile}` });
    const listed = await noc(['ssh', 'credential', 'list', '--json']);
    expect(listed.stdout).not.toContain('PRIVATE KEY');
    expect(json<{ name: string }[]>(listed).map((p) => p.name)).toEqual(['lab']);

    for (const [name, address] of [['sw-a', a.host], ['sw-b', '127.0.0.2']] as const) {
      expect((await noc(['devices', 'add', '--name', name, '--address', address, '--vendor', 'linux'])).code).toBe(0);
    }
    const assigned = await noc(['ssh', 'credential', 'assign', '--profile', 'lab', '--devices', 'sw-a,sw-b', '--json']);
    expect(json<{ devices: string[] }>(assigned).devices).toHaveLength(2);

    // unknown host keys are refused in a run unless --accept-new
    const refused = await noc(['ssh', 'run', '--devices', 'all', '--command', 'echo $SSH_CONNECTION', '--json']);
    expect(refused.code).toBe(1);
    expect(json<{ results: { state: string; error: string }[] }>(refused).results.map((r) => r.state)).toEqual(['failed', 'failed']);
    expect(refused.stdout).toContain('HOST_KEY_MISMATCH');

    const ran = await noc(['ssh', 'run', '--devices', 'all', '--command', 'echo $SSH_CONNECTION', '--concurrency', '2', '--accept-new', '--json']);
    expect(ran.code, ran.stdout + ran.stderr).toBe(0);
    const out = json<{ run: { ok: number; total: number }; results: { deviceName: string; state: string; stdout: string }[] }>(ran);
    expect(out.run).toMatchObject({ ok: 2, total: 2 });
    // each device answered from its own server address
    expect(out.results.map((r) => [r.deviceName, r.state, r.stdout.trim().split(' ')[2]])).toEqual([
      ['sw-a', 'ok', a.host],
      ['sw-b', 'ok', '127.0.0.2'],
    ]);

    const failing = await noc(['ssh', 'run', '--devices', 'sw-a', '--command', 'exit 3']);
    expect(failing.code).toBe(1);
    expect(failing.stdout).toContain('sw-a: failed (exit 3)');

    const byDevice = await noc(['ssh', 'exec', '--device', 'sw-b', '--command', 'echo from-b', '--json']);
    expect(byDevice.code).toBe(0);
    expect(json<object>(byDevice)).toMatchObject({ exitCode: 0, stdout: 'from-b\n', stderr: '', hostKeySha256: b.hostKeyFingerprintSha256 });

    const first = await noc(['ssh', 'backup', '--device', 'sw-a', '--json']);
    expect(first.code).toBe(0);
    const v1 = json<{ results: { backup: { id: string; changed: boolean } }[] }>(first).results[0]?.backup;
    fs.writeFileSync(configFile, 'hostname lab\nvlan 20\n');
    const all = json<{ results: { deviceName: string; backup: { id: string; changed: boolean; previousId: string } }[] }>(await noc(['ssh', 'backup', '--all', '--json']));
    const v2 = all.results.find((r) => r.deviceName === 'sw-a')?.backup;
    expect(v2).toMatchObject({ changed: true, previousId: v1?.id });
    expect(all.results.find((r) => r.deviceName === 'sw-b')?.backup).toMatchObject({ changed: false, previousId: null });

    const versions = json<{ id: string }[]>(await noc(['ssh', 'backups', '--device', 'sw-a', '--json']));
    expect(versions.map((v) => v.id)).toEqual([v2?.id, v1?.id]);
    const diff = json<{ diff: { added: number; removed: number; unified: string } }>(await noc(['ssh', 'diff', v1?.id ?? '', v2?.id ?? '', '--json']));
    expect(diff.diff).toMatchObject({ added: 1, removed: 1 });
    expect(diff.diff.unified).toContain('-vlan 10\n+vlan 20\n');
  });

  it('exec by address in the issue form, with the remote exit code', async () => {
    const r = await noc(['ssh', 'exec', '--host', '127.0.0.2', '--port', String(b.port), '--user', 'root', '--key', b.privateKeyPath, '--command', 'echo out; echo err >&2; exit 4', '--json']);
    expect(r.code).toBe(4);
    expect(json<object>(r)).toMatchObject({ exitCode: 4, stdout: 'out\n', stderr: 'err\n', hostKeySha256: b.hostKeyFingerprintSha256 });
  });

  it('bad input exits 2', async () => {
    expect((await noc(['ssh', 'run', '--devices', 'no-such-device', '--command', 'true'])).code).toBe(2);
    expect((await noc(['ssh', 'run', '--devices', 'site:NOPE', '--command', 'true'])).code).toBe(2);
    expect((await noc(['ssh', 'backup'])).code).toBe(2);
    expect((await noc(['ssh', 'exec', '--command', 'true'])).code).toBe(2);
    expect((await noc(['ssh', 'credential', 'add', '--name', 'x', '--user', 'root'])).code).toBe(2);
  });
});
