// The SNMP tools against real agents: Net-SNMP snmpd (v2c and v3 authPriv SHA/AES) and snmpsim with a
// 10,000-row interface table. Walks must return exactly what snmpbulkwalk returns for the same subtree;
// every bad input gives its own specific error.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SnmpVarbind } from '../../../electron/services/snmp/varbinds';
import { NocError } from '../../../shared/ipc/errors';
import type { ConsoleServices } from '../../../electron/services/consoleServices';
import { Lab, startSnmpd, startSnmpsim, snmpsimHcInOctets, snmpsimPhysAddress, type SnmpdPeer, type SnmpsimPeer } from '../../lab/index';
import { runNoc } from '../../helpers/nocCli';
import { openTempConsole } from '../../helpers/tempWorkspace';
import { comparable, snmpbulkwalk, type Comparable } from './snmpWalkParity';

const ctx = { host: 'cli' } as const;

describe('SNMP engine against snmpd and snmpsim', () => {
  let lab: Lab;
  let agent: SnmpdPeer;
  let sim: SnmpsimPeer;
  let c: ConsoleServices & { dispose(): void };

  beforeAll(async () => {
    lab = new Lab();
    [agent, sim] = await Promise.all([startSnmpd({ lab }), startSnmpsim({ lab, rows: 10_000 })]);
    c = openTempConsole();
  }, 180_000);
  afterAll(async () => {
    c?.dispose();
    await lab?.stop();
  }, 60_000);

  const v2c = () => ({ host: agent.host, port: agent.port, credentials: { version: '2c' as const, community: agent.community }, timeoutMs: 1000, retries: 0 });
  const v3 = (over: Partial<{ user: string; authKey: string; privKey: string }> = {}) => ({
    host: agent.host,
    port: agent.port,
    timeoutMs: 1000,
    retries: 0,
    credentials: {
      version: '3' as const,
      user: over.user ?? agent.v3.user,
      securityLevel: 'authPriv' as const,
      authProtocol: 'sha' as const,
      authKey: over.authKey ?? agent.v3.authPassword,
      privProtocol: 'aes' as const,
      privKey: over.privKey ?? agent.v3.privPassword,
    },
  });
  const simTarget = () => ({ host: sim.host, port: sim.port, credentials: { version: '2c' as const, community: sim.community }, timeoutMs: 5000, retries: 1 });

  async function failure(p: Promise<unknown>): Promise<NocError> {
    const e = await p.then(
      () => undefined,
      (err: unknown) => err,
    );
    expect(e).toBeInstanceOf(NocError);
    return e as NocError;
  }

  it('v2c GET of the system group by name, and GET-NEXT', async () => {
    const r = await c.dispatcher.call('snmp.get', { target: v2c(), oids: ['sysName.0', 'SNMPv2-MIB::sysLocation.0', '1.3.6.1.2.1.1.4.0'] }, ctx);
    expect(r.varbinds.map((v) => [v.name, v.type, v.value])).toEqual([
      ['sysName.0', 'OctetString', agent.sysName],
      ['sysLocation.0', 'OctetString', agent.sysLocation],
      ['sysContact.0', 'OctetString', agent.sysContact],
    ]);
    const next = await c.dispatcher.call('snmp.getNext', { target: v2c(), oids: ['sysDescr.0'] }, ctx);
    expect(next.varbinds[0]).toMatchObject({ oid: '1.3.6.1.2.1.1.2.0', name: 'sysObjectID.0', type: 'OID' });
  });

  it('noSuchObject and noSuchInstance come back as typed varbinds', async () => {
    const r = await c.dispatcher.call('snmp.get', { target: v2c(), oids: ['1.3.6.1.2.1.1.99.0', 'sysDescr.5'] }, ctx);
    expect(r.varbinds.map((v) => v.type)).toEqual(['NoSuchObject', 'NoSuchInstance']);
  });

  it('v3 authPriv (SHA/AES) GET', async () => {
    const r = await c.dispatcher.call('snmp.get', { target: v3(), oids: ['sysName.0'] }, ctx);
    expect(r.varbinds[0]?.value).toBe(agent.sysName);
  });

  it.each([
    ['system', '1.3.6.1.2.1.1'],
    ['ifTable', '1.3.6.1.2.1.2.2'],
  ])('a v2c walk of %s returns what snmpbulkwalk returns (snmpd)', async (_label, subtree) => {
    const ours = await c.dispatcher.call('snmp.walk', { target: v2c(), oid: subtree, maxRepetitions: 25 }, ctx);
    const theirs = await snmpbulkwalk(agent.host, agent.port, agent.community, subtree);
    expect(ours.truncated).toBe(false);
    expect(ours.varbinds.length).toBeGreaterThan(10);
    const mine = ours.varbinds.map(comparable);
    expect(mine.map((v) => `${v.oid} ${v.type}`)).toEqual(theirs.map((v) => `${v.oid} ${v.type}`));
    // counters and uptimes move between the two walks (the walks themselves are loopback traffic)
    const still = (xs: Comparable[]) => xs.filter((v) => !['Counter32', 'Counter64', 'TimeTicks'].includes(v.type) || v.oid.startsWith('1.3.6.1.2.1.1.9.'));
    expect(still(mine)).toEqual(still(theirs));
    // and the names the table gives
    if (subtree === '1.3.6.1.2.1.2.2') expect(ours.varbinds[0]?.name).toBe('ifIndex.1');
  });

  it('a walk of the 10,000-row snmpsim table equals snmpbulkwalk exactly, hex strings and all', async () => {
    const ours = await c.dispatcher.call('snmp.walk', { target: simTarget(), oid: 'ifTable', maxRepetitions: 25 }, ctx);
    const theirs = await snmpbulkwalk(sim.host, sim.port, sim.community, '1.3.6.1.2.1.2.2');
    expect(theirs.length).toBe(50_000);
    expect(ours.varbinds.map(comparable)).toEqual(theirs);
    const mac = ours.varbinds.find((v) => v.oid === '1.3.6.1.2.1.2.2.1.6.77');
    expect(mac).toMatchObject({ name: 'ifPhysAddress.77', encoding: 'hex', value: snmpsimPhysAddress(77).replace(/(..)(?!$)/g, '$1 ') });
    expect(ours.varbinds.find((v) => v.oid === '1.3.6.1.2.1.2.2.1.8.7')).toMatchObject({ value: '2', display: 'down' });
  }, 120_000);

  it('the CLI streams the same 50,000 varbinds (noc snmp bulkwalk --json, no workspace opened), and --limit stops it', async () => {
    const args = ['snmp', 'bulkwalk', '--host', sim.host, '--port', String(sim.port), '-c', sim.community, '--json'];
    // a workspace that does not exist stays that way: reads with inline credentials never open one
    const nowhere = path.join(os.tmpdir(), `noc-never-${process.pid}`);
    const r = await runNoc([...args, '--workspace', nowhere, 'ifTable'], { maxBuffer: 256 * 1024 * 1024 });
    expect(r.code).toBe(0);
    const ours = r.stdout.trimEnd().split('\n').map((l) => comparable(JSON.parse(l) as SnmpVarbind));
    expect(ours).toEqual(await snmpbulkwalk(sim.host, sim.port, sim.community, '1.3.6.1.2.1.2.2'));
    expect(fs.existsSync(nowhere)).toBe(false);
    const limited = await runNoc([...args, '--limit', '60', 'ifTable']);
    expect(limited.code).toBe(0);
    expect(limited.stdout.trimEnd().split('\n')).toHaveLength(60);
    expect(limited.stderr).toContain('walk stopped after 60 varbinds');
  }, 120_000);

  it('Counter64 values above 2^53 are exact', async () => {
    const ours = await c.dispatcher.call('snmp.walk', { target: simTarget(), oid: 'ifHCInOctets', limit: 200 }, ctx);
    expect(ours.varbinds).toHaveLength(200);
    ours.varbinds.forEach((v, i) => {
      expect(v).toMatchObject({ type: 'Counter64', name: `ifHCInOctets.${i + 1}`, value: snmpsimHcInOctets(i + 1).toString() });
      expect(BigInt(v.value)).toBeGreaterThan(2n ** 53n);
    });
    expect(ours.truncated).toBe(true);
  });

  it('a walk with a task id reports progress and stops when asked', async () => {
    const events: { done: number; finished: boolean }[] = [];
    const off = c.bus.subscribe((name, payload) => {
      if (name === 'task.progress' && (payload as { taskId: string }).taskId === 'walk-1') events.push(payload as { done: number; finished: boolean });
    });
    try {
      const walking = c.dispatcher.call('snmp.walk', { target: simTarget(), oid: '1.3.6.1.2.1.2.2', maxRepetitions: 10, taskId: 'walk-1' }, ctx);
      await new Promise((r) => setTimeout(r, 300));
      expect(await c.dispatcher.call('snmp.walk.stop', { taskId: 'walk-1' }, ctx)).toEqual({ stopping: true });
      const r = await walking;
      expect(r.truncated).toBe(true);
      expect(r.varbinds.length).toBeLessThan(50_000);
      expect(events.at(-1)).toMatchObject({ finished: true, done: r.varbinds.length });
    } finally {
      off();
    }
  }, 60_000);

  it('bad input: malformed OID, unknown MIB name, unknown host, wrong community — each its own error, no hang', async () => {
    const bad = await c.dispatcher.invoke('snmp.get', { target: v2c(), oids: ['1.3..6.1'] }, ctx);
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.error.code).toBe('VALIDATION');
    const unknown = await failure(c.snmp.get({ target: v2c(), oids: ['ifFrobnicate.3'] }));
    expect(unknown.code).toBe('VALIDATION');
    expect(unknown.message).toContain('unknown MIB name "ifFrobnicate.3"');
    const arcs = await failure(c.snmp.get({ target: v2c(), oids: ['1.3.6.99999999999'] }));
    expect(arcs.code).toBe('VALIDATION');
    expect(arcs.message).toContain('1.3.6.99999999999');
    const dns = await failure(c.snmp.get({ target: { ...v2c(), host: 'no-such-agent.invalid' }, oids: ['sysName.0'] }));
    expect(dns.code).toBe('UNAVAILABLE');
    expect(dns.message).toContain('cannot resolve no-such-agent.invalid');
    const silent = await failure(c.snmp.get({ target: { ...v2c(), credentials: { version: '2c', community: 'not-the-community' } }, oids: ['sysName.0'] }));
    expect(silent.code).toBe('TIMEOUT');
    expect(silent.message).toBe(`no answer from ${agent.host}:${agent.port} after 1 try (1000 ms each): wrong community, ACL, or the agent is down`);
  });

  it.each([
    ['an unknown user', { user: 'nobody-here' }, 'unknownUserNames'],
    ['a wrong auth password', { authKey: 'not-the-auth-key' }, 'wrongDigests'],
    ['a wrong privacy password', { privKey: 'not-the-priv-key' }, 'decryptionErrors'],
  ])('v3 with %s → AUTH_FAILED (%s)', async (_label, over, report) => {
    const e = await failure(c.snmp.get({ target: v3(over), oids: ['sysName.0'] }));
    expect(e.code).toBe('AUTH_FAILED');
    expect(e.details).toEqual({ report });
    expect(e.message).toContain(`usmStats${report[0]?.toUpperCase()}${report.slice(1)}`);
  });

  it('credential profiles seal their secrets and drive requests', async () => {
    const saved = await c.dispatcher.call(
      'snmp.credentials.save',
      { name: 'lab v3', version: '3', user: agent.v3.user, authProtocol: 'sha', authKey: agent.v3.authPassword, privProtocol: 'aes', privKey: agent.v3.privPassword, timeoutMs: 1000, retries: 0 },
      ctx,
    );
    expect(saved).toMatchObject({ version: '3', securityLevel: 'authPriv', hasAuthKey: true, hasPrivKey: true, hasCommunity: false, user: agent.v3.user });
    expect(JSON.stringify(saved)).not.toContain(agent.v3.authPassword);
    const row = c.workspace.sqlite.prepare('SELECT secret_sealed AS s, kind FROM credential_profiles WHERE id = ?').get(saved.id) as { s: string; kind: string };
    expect(row.kind).toBe('snmp_v3');
    expect(row.s).not.toContain(agent.v3.privPassword);
    const r = await c.dispatcher.call('snmp.get', { target: { host: agent.host, port: agent.port, credentialId: saved.id }, oids: ['sysName.0'] }, ctx);
    expect(r.varbinds[0]?.value).toBe(agent.sysName);
    expect((await c.dispatcher.call('snmp.credentials.delete', { id: saved.id }, ctx)).deleted).toBe(true);
    expect(await c.dispatcher.call('snmp.credentials.list', {}, ctx)).toEqual([]);
  });
});
