// `noc snmp` against a real snmpd: JSON lines (one object per varbind), snmpwalk-style text,
// credential profiles, and exit codes 0 ok / 1 SNMP failure / 2 bad input.
import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../../helpers/tempWorkspace';
import { startSnmpd, type SnmpdPeer } from '../../lab/index';
import { parseBulkwalk, snmpbulkwalk } from './snmpWalkParity';
import { runNoc, type NocOutcome } from '../../helpers/nocCli';


describe('noc snmp', () => {
  const ws = tempDir('noc-snmp-cli-');
  let agent: SnmpdPeer;

  function noc(args: string[]): Promise<NocOutcome> {
    return runNoc(['snmp', ...args, '--workspace', ws]);
  }

  beforeAll(async () => {
    agent = await startSnmpd();
  }, 60_000);
  afterAll(async () => {
    await agent?.stop();
    fs.rmSync(ws, { recursive: true, force: true });
  }, 60_000);

  const at = () => ['--host', agent.host, '--port', String(agent.port)];
  const lines = (stdout: string) => stdout.trim().split('\n').map((l) => JSON.parse(l) as { oid: string; name: string | null; type: string; value: string });

  it('bulkwalk --json prints one JSON object per varbind, the same OIDs snmpbulkwalk prints', async () => {
    const r = await noc(['bulkwalk', ...at(), '-c', agent.community, '--max-repetitions', '25', '--json', '1.3.6.1.2.1.1']);
    expect(r.code).toBe(0);
    const ours = lines(r.stdout);
    const theirs = await snmpbulkwalk(agent.host, agent.port, agent.community, '1.3.6.1.2.1.1');
    expect(ours.map((v) => v.oid)).toEqual(theirs.map((v) => v.oid));
    expect(ours.find((v) => v.name === 'sysName.0')).toMatchObject({ type: 'OctetString', value: agent.sysName });
  });

  it('walk prints snmpwalk-style NAME = TYPE: VALUE lines', async () => {
    const r = await noc(['walk', ...at(), '-v', '2c', '-c', agent.community, 'system']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`sysName.0 = STRING: "${agent.sysName}"`);
    expect(r.stdout).toMatch(/^sysUpTime\.0 = Timeticks: \(\d+\) /m);
  });

  it('v3 authPriv get with the flags, then through a saved profile', async () => {
    const v3 = ['--user', agent.v3.user, '--auth-proto', 'sha', '--auth-key', agent.v3.authPassword, '--priv-proto', 'aes', '--priv-key', agent.v3.privPassword];
    const r = await noc(['get', ...at(), ...v3, '--json', 'sysName.0']);
    expect(r.code).toBe(0);
    expect(lines(r.stdout)).toEqual([{ oid: '1.3.6.1.2.1.1.5.0', name: 'sysName.0', type: 'OctetString', value: agent.sysName, encoding: 'text', display: null }]);
    const add = await noc(['credential', 'add', '--name', 'lab-v3', '-v', '3', ...v3, '--json']);
    expect(add.code).toBe(0);
    expect(add.stdout).not.toContain(agent.v3.privPassword);
    const list = await noc(['credential', 'list', '--json']);
    expect(JSON.parse(list.stdout)).toMatchObject([{ name: 'lab-v3', version: '3', securityLevel: 'authPriv', hasPrivKey: true }]);
    const viaProfile = await noc(['getnext', ...at(), '--profile', 'lab-v3', 'sysContact.0']);
    expect(viaProfile.code).toBe(0);
    expect(viaProfile.stdout.trim()).toBe(`sysName.0 = STRING: "${agent.sysName}"`);
  });

  it('exit 1 with the specific error for a wrong community, 2 for a malformed OID or an unknown name', async () => {
    const silent = await noc(['get', ...at(), '-c', 'wrong-community', '--timeout', '300', '--retries', '1', 'sysName.0']);
    expect(silent.code).toBe(1);
    expect(silent.stderr).toContain(`error (TIMEOUT): no answer from ${agent.host}:${agent.port} after 2 tries (300 ms each): wrong community, ACL, or the agent is down`);
    const malformed = await noc(['get', ...at(), '-c', agent.community, '1.3.6.1.2.1.1.5.0', '1.3..6']);
    expect(malformed.code).toBe(2);
    expect(malformed.stderr).toContain('"1.3..6" is not an OID');
    const unknown = await noc(['walk', ...at(), '-c', agent.community, 'ifBogus']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('unknown MIB name "ifBogus"');
    const badType = await noc(['set', ...at(), '-c', agent.community, 'sysContact.0', 'q', 'x']);
    expect(badType.code).toBe(2);
  });

  it('set reports the agent error status (read-only community) with exit 1', async () => {
    const r = await noc(['set', ...at(), '-c', agent.community, 'sysContact.0', 's', 'noc@example.invalid']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/answered (noAccess|notWritable|authorizationError) for 1\.3\.6\.1\.2\.1\.1\.4\.0/);
  });

  it('parses snmpbulkwalk hex continuation lines', () => {
    expect(parseBulkwalk('.1.3.6 = Hex-STRING: 41 42 \n43 \n.1.3.7 = 55\n')).toEqual([
      { oid: '1.3.6', type: 'OctetString', value: '41 42 43' },
      { oid: '1.3.7', type: 'TimeTicks', value: '55' },
    ]);
  });
});
