// Jump hosts through the namespace lab: the console reaches r1 on its management address and,
// through it, r2 on the r1–r2 link address; r2 sees the connection coming from r1's link end.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startNetwork, type LabNetwork } from '../../lab/index';
import { SshEngine, type HostKeyInfo, type SshTarget } from '../../../electron/services/ssh/index';
import type { OpenCache } from '../../../electron/services/cache/database';
import type { KnownHostRepository } from '../../../electron/services/cache/repositories/knownHostRepository';
import { NocError } from '../../../shared/ipc/errors';
import { openKnownHosts } from './helpers';

describe('SSH jump hosts through lab routers', () => {
  let network: LabNetwork;
  let cache: OpenCache;
  let knownHosts: KnownHostRepository;

  beforeAll(async () => {
    network = await startNetwork();
    ({ cache, knownHosts } = openKnownHosts());
  }, 120_000);

  afterAll(async () => {
    cache?.close();
    await network?.stop();
  }, 60_000);

  it('r1 → r2 over the r1–r2 link, each hop verified under its own address', async () => {
    const r1 = network.router('r1');
    const link = r1.interfaces.find((i) => i.neighbour === 'r2');
    if (link === undefined) throw new Error('no r1–r2 link');
    const r2End = network.topology.links
      .flatMap((l) => [l.a, l.b])
      .find((end) => end.router === 'r2' && end.interface === link.neighbourInterface);
    if (r2End === undefined) throw new Error('no r2 end');
    const privateKey = readFileSync(r1.ssh.privateKeyPath, 'utf8');
    const hop: SshTarget = { host: r1.ssh.host, port: r1.ssh.port, username: 'root', credentials: { privateKey } };
    const target: SshTarget = { host: r2End.address, port: 22, username: 'root', credentials: { privateKey }, jump: [hop] };
    const seen: HostKeyInfo[] = [];
    const engine = new SshEngine({ knownHosts, onUnknownHost: (info) => (seen.push(info), true) });
    try {
      const r = await engine.exec(target, 'hostname; echo $SSH_CONNECTION');
      const [, connection] = r.stdout.trim().split('\n');
      expect(connection?.split(' ')[0]).toBe(link.address);
      expect(connection?.split(' ')[2]).toBe(r2End.address);
      expect(seen.map((s) => `${s.host}:${s.port}`)).toEqual([`${r1.ssh.host}:22`, `${r2End.address}:22`]);
      expect(seen[0]?.fingerprint).toBe(r1.ssh.hostKeyFingerprintSha256);
      expect(seen[1]?.fingerprint).toBe(network.router('r2').ssh.hostKeyFingerprintSha256);
      expect(r.hostKeySha256).toBe(network.router('r2').ssh.hostKeyFingerprintSha256);
      // A second exec rides on the same chain.
      const again = await engine.exec(target, 'echo $SSH_CONNECTION');
      expect(again.reused).toBe(true);
      expect(again.stdout.trim()).toBe(connection);
    } finally {
      await engine.close();
    }
  });

  it('a jump to an address nothing answers on is UNAVAILABLE', async () => {
    const r1 = network.router('r1');
    const privateKey = readFileSync(r1.ssh.privateKeyPath, 'utf8');
    const hop: SshTarget = { host: r1.ssh.host, port: r1.ssh.port, username: 'root', credentials: { privateKey } };
    const engine = new SshEngine({ knownHosts, onUnknownHost: () => true });
    try {
      await engine.exec({ host: r1.loopbackAddress, port: 2, username: 'root', credentials: { privateKey }, jump: [hop] }, 'true');
      throw new Error('expected a failure');
    } catch (error) {
      expect(error).toBeInstanceOf(NocError);
      expect((error as NocError).code).toBe('UNAVAILABLE');
    } finally {
      await engine.close();
    }
  });
});
