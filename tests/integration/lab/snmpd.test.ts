// The loopback snmpd answers the stock Net-SNMP tools with the system group
// and credentials the lab generated for this run.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { run, startSnmpd, SYS_NAME_OID, type SnmpdPeer } from '../../lab/index';

const SYS_CONTACT_OID = '1.3.6.1.2.1.1.4.0';
const SYS_LOCATION_OID = '1.3.6.1.2.1.1.6.0';

describe('lab snmpd on loopback', () => {
  let agent: SnmpdPeer;

  beforeAll(async () => {
    agent = await startSnmpd();
  }, 60_000);

  afterAll(async () => {
    await agent?.stop();
  }, 60_000);

  const target = (): string => `udp:${agent.host}:${agent.port}`;

  it('answers snmpget -v2c with the configured system group', async () => {
    const r = await run('snmpget', ['-v2c', '-c', agent.community, '-Oqv', target(), SYS_NAME_OID, SYS_LOCATION_OID, SYS_CONTACT_OID]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout.trim().split('\n').map((l) => l.replace(/^"|"$/g, ''))).toEqual([agent.sysName, agent.sysLocation, agent.sysContact]);
  });

  it('answers snmpget -v3 -l authPriv (SHA/AES) with the lab user', async () => {
    const { v3 } = agent;
    const r = await run('snmpget', [
      '-v3', '-l', 'authPriv', '-u', v3.user, '-a', v3.authProtocol, '-A', v3.authPassword, '-x', v3.privProtocol, '-X', v3.privPassword,
      '-Oqv', target(), SYS_NAME_OID,
    ]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout.trim()).toBe(`"${agent.sysName}"`);
  });

  it('refuses a wrong v3 privacy password and ignores a wrong community', async () => {
    const { v3 } = agent;
    const badPriv = await run('snmpget', [
      '-v3', '-l', 'authPriv', '-u', v3.user, '-a', 'SHA', '-A', v3.authPassword, '-x', 'AES', '-X', `${v3.privPassword}x`,
      '-t', '1', '-r', '0', '-Oqv', target(), SYS_NAME_OID,
    ]);
    expect(badPriv.stdout).not.toContain(agent.sysName);
    const badCommunity = await run('snmpget', ['-v2c', '-c', `${agent.community}x`, '-t', '1', '-r', '0', target(), SYS_NAME_OID]);
    expect(badCommunity.code).not.toBe(0);
    expect(badCommunity.stdout).not.toContain(agent.sysName);
  });
});
