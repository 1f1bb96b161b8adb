// The SNMP page's forms → requests: only the fields of the chosen version and level are sent,
// one-off secrets go with the request, saved secrets are write-only (empty keeps them), every
// request passes the contract's schema, and main's VALIDATION paths land on the right fields.
import { describe, expect, it } from 'vitest';
import { contract } from '../../../shared/ipc/schemas';
import {
  buildCredentialInput,
  buildOperation,
  buildSetVarbind,
  buildTarget,
  credentialValuesOf,
  EMPTY_OPERATION,
  EMPTY_SECURITY,
  EMPTY_TARGET,
  errorsFromDetails,
  fieldOfPath,
  type TargetForm,
} from '../../../renderer/src/features/snmp/formModel';
import type { SnmpCredential } from '../../../renderer/src/features/snmp/types';

const address = (patch: Partial<TargetForm> = {}): TargetForm => ({ ...EMPTY_TARGET, host: '127.0.0.1', port: '16100', ...patch });

const saved: SnmpCredential = {
  id: '018b882e-0800-7e90-9edc-5580dad9a599',
  name: 'core v3',
  version: '3',
  port: 161,
  timeoutMs: 2000,
  retries: 1,
  maxRepetitions: 25,
  user: 'noc',
  securityLevel: 'authPriv',
  authProtocol: 'sha',
  privProtocol: 'aes',
  hasCommunity: false,
  hasAuthKey: true,
  hasPrivKey: true,
  deviceCount: 3,
  updatedAt: 1,
};

describe('SNMP target from the form', () => {
  it('sends one-off v2c credentials with the request, and passes the contract', () => {
    const r = buildTarget(address({ oneOff: { ...EMPTY_SECURITY, version: '2c', community: 'public', user: 'ignored', authKey: 'ignored-too' }, timeoutMs: '500', retries: '0' }));
    expect(r).toEqual({ target: { host: '127.0.0.1', port: 16100, credentials: { version: '2c', community: 'public' }, timeoutMs: 500, retries: 0 } });
    if ('target' in r) expect(contract['snmp.get'].request.safeParse({ target: r.target, oids: ['sysUpTime.0'] }).success).toBe(true);
  });

  it('sends only the v3 fields of the chosen level', () => {
    const v3 = { ...EMPTY_SECURITY, version: '3' as const, user: 'noc', authKey: 'authpass1', privKey: 'privpass1', community: 'not-sent' };
    expect(buildTarget(address({ oneOff: { ...v3, securityLevel: 'authNoPriv' } }))).toEqual({
      target: { host: '127.0.0.1', port: 16100, credentials: { version: '3', securityLevel: 'authNoPriv', user: 'noc', authProtocol: 'sha', authKey: 'authpass1' } },
    });
    const r = buildTarget(address({ oneOff: { ...v3, securityLevel: 'noAuthNoPriv' } }));
    expect('target' in r && r.target.credentials).toEqual({ version: '3', securityLevel: 'noAuthNoPriv', user: 'noc' });
  });

  it('marks what is missing or wrong beside its field, and sends nothing', () => {
    const r = buildTarget(address({ host: ' ', port: '70000', oneOff: { ...EMPTY_SECURITY, version: '3', securityLevel: 'authPriv', authKey: 'short' } }));
    expect('errors' in r && r.errors.fields).toMatchObject({
      host: 'host is required',
      port: 'port must be 1–65,535',
      user: 'user is required for SNMPv3',
      privKey: 'privacy password is required for authPriv',
    });
    const short = buildTarget(address({ oneOff: { ...EMPTY_SECURITY, version: '3', user: 'noc', authKey: 'short', privKey: 'privpass1' } }));
    expect('errors' in short && short.errors.fields.authKey).toBe('auth password must have at least 8 characters');
    expect('errors' in buildTarget({ ...EMPTY_TARGET, mode: 'device' }) && buildTarget({ ...EMPTY_TARGET, mode: 'device' })).toMatchObject({ errors: { fields: { device: 'pick a device' } } });
  });

  it('uses a saved credential or a device without sending any secret', () => {
    expect(buildTarget(address({ credentialId: saved.id, oneOff: { ...EMPTY_SECURITY, community: 'typed-but-unused' } }))).toEqual({ target: { host: '127.0.0.1', port: 16100, credentialId: saved.id } });
    expect(buildTarget({ ...EMPTY_TARGET, mode: 'device', device: { id: saved.id, name: 'r1', mgmtAddress: '198.18.0.1', snmpProfileId: null }, host: 'ignored' })).toEqual({ target: { deviceId: saved.id } });
  });
});

describe('SNMP operation from the form', () => {
  it('walks one OID with bulk, max-repetitions and a limit', () => {
    expect(buildOperation({ ...EMPTY_OPERATION, oid: ' ifTable ', maxRepetitions: '50' })).toEqual({ request: { op: 'walk', oid: 'ifTable', bulk: true, limit: 100_000, maxRepetitions: 50 } });
    expect(buildOperation({ ...EMPTY_OPERATION, oid: 'system ifTable' })).toMatchObject({ errors: { fields: { oid: 'a walk takes one OID' } } });
  });

  it('gets several OIDs and refuses what is not an OID or a MIB name', () => {
    expect(buildOperation({ ...EMPTY_OPERATION, op: 'get', oid: 'sysDescr.0, sysUpTime.0 .1.3.6.1.2.1.1.5.0' })).toEqual({ request: { op: 'get', oids: ['sysDescr.0', 'sysUpTime.0', '.1.3.6.1.2.1.1.5.0'] } });
    const bad = buildOperation({ ...EMPTY_OPERATION, op: 'get', oid: '1.3..6' });
    expect('errors' in bad && bad.errors.fields.oid).toMatch(/^1\.3\.\.6: not an OID/);
    expect(buildOperation({ ...EMPTY_OPERATION, op: 'getNext', oid: '' })).toMatchObject({ errors: { fields: { oid: 'type an OID or a MIB name' } } });
  });

  it('checks a SET value against its type', () => {
    expect(buildSetVarbind({ oid: 'sysContact.0', type: 'OctetString', value: ' noc@example.net ', hex: false })).toEqual({ varbind: { oid: 'sysContact.0', type: 'OctetString', value: ' noc@example.net ' } });
    expect(buildSetVarbind({ oid: 'ifAdminStatus.3', type: 'Integer', value: 'down', hex: false })).toMatchObject({ errors: { fields: { 'set.value': 'Integer takes a whole number' } } });
    expect(buildSetVarbind({ oid: 'x..y', type: 'IpAddress', value: '10.0.0', hex: false })).toMatchObject({ errors: { fields: { 'set.oid': expect.any(String), 'set.value': 'IpAddress takes a dotted IPv4 address' } } });
  });
});

describe('saved SNMP credentials', () => {
  it('keeps stored secrets when their fields stay empty, and sends a replacement when typed', () => {
    const values = credentialValuesOf(saved);
    expect(values.security).toMatchObject({ version: '3', user: 'noc', authKey: '', privKey: '' });
    const keep = buildCredentialInput(values, saved);
    expect(keep).toEqual({ input: { id: saved.id, name: 'core v3', version: '3', securityLevel: 'authPriv', user: 'noc', authProtocol: 'sha', privProtocol: 'aes', port: 161, timeoutMs: 2000, retries: 1, maxRepetitions: 25 } });
    const replace = buildCredentialInput({ ...values, security: { ...values.security, privKey: 'new-privpass' } }, saved);
    expect('input' in replace && replace.input.privKey).toBe('new-privpass');
    if ('input' in replace) expect(contract['snmp.credentials.save'].request.safeParse(replace.input).success).toBe(true);
  });

  it('needs the new version’s secret when the version changes, and a name', () => {
    const values = credentialValuesOf(saved);
    const r = buildCredentialInput({ ...values, name: '', security: { ...values.security, version: '2c' } }, saved);
    expect('errors' in r && r.errors.fields).toMatchObject({ community: 'community is required', name: expect.any(String) });
  });
});

describe('main’s VALIDATION details', () => {
  it('map contract paths to the page’s fields', () => {
    expect(fieldOfPath('target.host')).toBe('host');
    expect(fieldOfPath('target.credentials.authKey')).toBe('authKey');
    expect(fieldOfPath('target.deviceId')).toBe('device');
    expect(fieldOfPath('oids.3')).toBe('oid');
    expect(fieldOfPath('oid')).toBe('oid');
    expect(fieldOfPath('varbinds.0.value')).toBe('set.value');
    expect(fieldOfPath('maxRepetitions')).toBe('maxRepetitions');
    expect(fieldOfPath('target')).toBeNull();
    const e = errorsFromDetails('target.host: not a host', [{ path: 'target.host', message: 'not a host' }, { path: 'oids.0', message: 'not an OID' }, 'junk']);
    expect(e).toEqual({ fields: { host: 'not a host', oid: 'not an OID' }, form: 'target.host: not a host' });
  });
});

describe('SET of hex bytes', () => {
  it('sends an OctetString typed as hex with its encoding, and refuses what is not hex bytes', () => {
    expect(buildSetVarbind({ oid: 'sysContact.0', type: 'OctetString', value: ' 0a 1B:ff ', hex: true })).toEqual({ varbind: { oid: 'sysContact.0', type: 'OctetString', value: '0a 1B:ff', encoding: 'hex' } });
    expect(buildSetVarbind({ oid: 'sysContact.0', type: 'OctetString', value: '0a 1', hex: true })).toMatchObject({ errors: { fields: { 'set.value': 'hex bytes, two digits each: 0a 1b ff' } } });
    // the hex switch means nothing for other types
    expect(buildSetVarbind({ oid: 'ifAdminStatus.3', type: 'Integer', value: '2', hex: true })).toEqual({ varbind: { oid: 'ifAdminStatus.3', type: 'Integer', value: '2' } });
  });
});
