// `noc traps listen` prints what arrives and records alarms in the workspace until Ctrl+C;
// `noc alarms list` and `noc alarms ack` read and acknowledge them — real snmptrap packets.
import { execFile, spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { tempDir } from '../../helpers/tempWorkspace';
import { freeUdpPort } from './freeUdpPort';

const run = promisify(execFile);
const root = path.resolve(__dirname, '../../..');
const NOC = path.join(root, 'bin/noc.mjs');


describe('noc traps listen / noc alarms', () => {
  const ws = tempDir('noc-alarms-cli-');
  afterAll(() => fs.rmSync(ws, { recursive: true, force: true }));

  it('prints a received trap as JSON, records it, and lists and acknowledges the alarm', async () => {
    const port = await freeUdpPort();
    const child = spawn(process.execPath, [NOC, 'traps', 'listen', '--port', String(port), '--community', 'cli-traps', '--json', '--workspace', ws], { cwd: root });
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    const until = async (cond: () => boolean, what: string) => {
      const end = Date.now() + 15_000;
      while (!cond()) {
        if (Date.now() > end || child.exitCode !== null) throw new Error(`never happened: ${what}\n${err}`);
        await new Promise((r) => setTimeout(r, 25));
      }
    };
    try {
      await until(() => err.includes(`listening for traps on udp/${port}`), 'listening');
      await run('snmptrap', ['-v', '2c', '-c', 'cli-traps', `127.0.0.1:${port}`, '', '1.3.6.1.6.3.1.1.5.3', '1.3.6.1.2.1.2.2.1.1.7', 'i', '7']);
      await until(() => out.includes('\n'), 'a printed trap');
      const trap = JSON.parse(out.split('\n')[0] ?? '') as { trapName: string; version: string; from: string; varbinds: { name: string; value: string }[] };
      expect(trap).toMatchObject({ trapName: 'linkDown', version: '2c', from: '127.0.0.1', varbinds: [{ name: 'ifIndex.7', value: '7' }] });
    } finally {
      child.kill('SIGINT');
      await new Promise((r) => (child.exitCode === null ? child.once('exit', r) : r(null)));
    }
    expect(child.exitCode).toBe(0);
    expect(err).toContain('received 1, dropped 0');

    const listed = JSON.parse((await run(process.execPath, [NOC, 'alarms', 'list', '--state', 'open', '--json', '--workspace', ws], { cwd: root })).stdout) as { id: string; kind: string; message: string }[];
    expect(listed.map((a) => a.kind)).toEqual(['trap.linkDown']);
    const id = listed[0]?.id ?? '';
    const acked = await run(process.execPath, [NOC, 'alarms', 'ack', id, '--note', 'on it', '--workspace', ws], { cwd: root });
    expect(acked.stdout).toContain('Acknowledged by cli');
    const after = JSON.parse((await run(process.execPath, [NOC, 'alarms', 'list', '--state', 'acked', '--json', '--workspace', ws], { cwd: root })).stdout) as { id: string; ackNote: string }[];
    expect(after).toMatchObject([{ id, ackNote: 'on it' }]);
  }, 60_000);
});
