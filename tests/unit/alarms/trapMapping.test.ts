// How notifications become alarms (pure rules; the receiver itself is tested against snmptrap in
// tests/integration/alarms): v1 traps translated per RFC 3584, the interface of a link trap found
// from ifIndex or the instance of ifName/ifDescr, and a linkUp keyed exactly like its linkDown.
import { describe, expect, it } from 'vitest';
import { decodeTrap, trapAction, TRAP_OIDS } from '../../../electron/services/alarms/trapMapping';

const V2_TRAP = 167;
const header = (oid: string) => [
  { oid: '1.3.6.1.2.1.1.3.0', type: 67, value: 100 },
  { oid: '1.3.6.1.6.3.1.1.4.1.0', type: 6, value: oid },
];

describe('trap mapping', () => {
  it('translates a v1 enterprise-specific trap to enterprise.0.specific and names the agent-addr', () => {
    const t = decodeTrap({ type: 164, enterprise: '1.3.6.1.4.1.9', agentAddr: '192.0.2.5', generic: 6, specific: 17, varbinds: [] }, '127.0.0.1');
    expect(t).toMatchObject({ trapOid: '1.3.6.1.4.1.9.0.17', address: '192.0.2.5', varbinds: [] });
    const a = trapAction(t, null);
    expect(a).toMatchObject({ raise: { kind: 'trap.1.3.6.1.4.1.9.0.17', severity: 'warning', source: 'trap:192.0.2.5', deviceId: null } });
  });

  it('keys linkDown and linkUp alike by device and ifIndex, finding the index from ifName when ifIndex is absent', () => {
    const down = decodeTrap({ type: V2_TRAP, varbinds: [...header(TRAP_OIDS.linkDown), { oid: '1.3.6.1.2.1.31.1.1.1.1.12', type: 4, value: Buffer.from('xe-1/0/0') }] }, '10.0.0.9');
    const up = decodeTrap({ type: V2_TRAP, varbinds: [...header(TRAP_OIDS.linkUp), { oid: '1.3.6.1.2.1.2.2.1.1.12', type: 2, value: 12 }] }, '10.0.0.9');
    const raised = trapAction(down, '01890a5d-ac96-774b-bcce-b302099a8057');
    const cleared = trapAction(up, '01890a5d-ac96-774b-bcce-b302099a8057');
    expect(raised && 'raise' in raised && raised.raise.message).toBe('Link down on xe-1/0/0 (ifIndex 12) from 10.0.0.9');
    expect(cleared).toEqual({ clear: raised && 'raise' in raised ? raised.raise.dedupKey : 'missing' });
    // the same interface number on another sender is another alarm
    const elsewhere = trapAction(decodeTrap({ type: V2_TRAP, varbinds: [...header(TRAP_OIDS.linkUp), { oid: '1.3.6.1.2.1.2.2.1.1.12', type: 2, value: 12 }] }, '10.0.0.10'), null);
    expect(elsewhere).not.toEqual(cleared);
  });

  it('names the standard traps and keeps unknown ones by OID with their varbinds', () => {
    const auth = trapAction(decodeTrap({ type: V2_TRAP, varbinds: header(TRAP_OIDS.authenticationFailure) }, '10.0.0.1'), null);
    expect(auth).toMatchObject({ raise: { kind: 'trap.authenticationFailure', severity: 'minor' } });
    const other = trapAction(decodeTrap({ type: V2_TRAP, varbinds: [...header('1.3.6.1.4.1.2636.4.1.1'), { oid: '1.3.6.1.2.1.1.5.0', type: 4, value: Buffer.from('mx-1') }] }, '10.0.0.1'), null);
    expect(other).toMatchObject({ raise: { kind: 'trap.1.3.6.1.4.1.2636.4.1.1', severity: 'warning' } });
    expect(other && 'raise' in other && other.raise.message).toContain('sysName.0=mx-1');
  });

  it('refuses a v2 notification without snmpTrapOID.0 (the receiver counts it as dropped)', () => {
    expect(() => decodeTrap({ type: V2_TRAP, varbinds: [{ oid: '1.3.6.1.2.1.1.3.0', type: 67, value: 1 }] }, '10.0.0.1')).toThrow(/snmpTrapOID/);
  });
});
