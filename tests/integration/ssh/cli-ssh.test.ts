// `noc ssh` against a real sshd: first contact needs --accept-new (no terminal to ask), the stored
// fingerprint is OpenSSH's, the remote exit code is the command's, and a forgotten key asks again.
import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../../helpers/tempWorkspace';
import { startSshd, type SshdPeer } from '../../lab/index';
import { runNoc, type NocOutcome } from '../../helpers/nocCli';


describe('noc ssh', () => {
  const ws = tempDir('noc-ssh-cli-');
  let sshd: SshdPeer;

  function noc(args: string[]): Promise<NocOutcome> {
    return runNoc(['ssh', ...args]);
  }

  beforeAll(async () => {
    sshd = await startSshd();
  }, 60_000);
  afterAll(async () => {
    await sshd?.stop();
    fs.rmSync(ws, { recursive: true, force: true });
  }, 60_000);

  const exec = (extra: string[], command: string[]) =>
    noc(['exec', `${sshd.host}:${sshd.port}`, '--workspace', ws, '--user', sshd.user, '--key', sshd.privateKeyPath, ...extra, '--', ...command]);

  it('refuses an unknown host without --accept-new, trusts it with, and then knows it', async () => {
    const refused = await exec([], ['echo', 'never']);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/HOST_KEY_MISMATCH/);
    expect(refused.stdout).not.toContain('never');

    const first = await exec(['--accept-new'], ['echo', 'hello-cli']);
    expect(first.code).toBe(0);
    expect(first.stdout).toBe('hello-cli\n');

    const list = JSON.parse((await noc(['known-hosts', 'list', '--workspace', ws, '--json'])).stdout) as { host: string; port: number; fingerprint: string; id: string }[];
    expect(list).toHaveLength(1);
    expect(list[0]).toMatchObject({ host: sshd.host, port: sshd.port, fingerprint: sshd.hostKeyFingerprintSha256 });

    const again = await exec([], ['sh', '-c', '"exit 3"']);
    expect(again.code).toBe(3);

    expect((await noc(['known-hosts', 'remove', list[0]?.id ?? '', '--workspace', ws])).code).toBe(0);
    expect((await exec([], ['true'])).code).toBe(1);
  });
});
