import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHANNEL_NAMES, EVENT_NAMES } from '../../shared/ipc/channels';
import { contract, events } from '../../shared/ipc/schemas';
import { openTempConsole } from '../helpers/tempWorkspace';
import { udpPeer, viewRequest } from './radius/wire';

const ctx = { host: 'cli' } as const;
const UUID = '01890a5d-ac96-774b-bcce-b302099a8057';
const RADIUS_TARGET = { host: '192.0.2.1', secret: 'testing123' };

/** Payloads no channel accepts: wrong type, or an object with a key the contract does not know. */
const MALFORMED: unknown[] = ['a string', 42, true, [], { unexpectedField: 1 }];

/** Per-channel malformations of the right shape but wrong values. */
const WRONG_VALUES: Partial<Record<keyof typeof contract, unknown[]>> = {
  'devices.list': [{ limit: 0 }, { limit: 5000 }, { sort: 'password' }, { search: 'x'.repeat(201) }, { siteId: 'not-a-uuid' }],
  'devices.get': [{}, { id: 'not-a-uuid' }, { id: 7 }],
  'devices.create': [{}, { name: '', mgmtAddress: '10.0.0.1' }, { name: 'r1', mgmtAddress: '999.1.1.1' }, { name: 'r1', mgmtAddress: '10.0.0.1', role: 'toaster' }],
  'devices.update': [{ id: 'nope', patch: {} }, { id: '01890a5d-ac96-774b-bcce-b302099a8057', patch: { mgmtAddress: 'bad address!' } }],
  'devices.delete': [{ id: '' }],
  'devices.import': [{}, { csv: 12 }],
  'demo.seed': [{ devices: -1 }, { devices: 10_000_000 }, { subscribers: 1.5 }],
  'reports.run': [{}, { query: { name: 'ar-aging' }, limit: 0 }, { query: { name: 'ar-aging', to: '2026-13-01' } }, { query: { name: 'drop table' } }],
  'reports.chart': [{ query: {} }, { query: { name: 'ar-aging', siteId: 'x' } }],
  'reports.export': [{ query: { name: 'ar-aging' } }, { query: { name: 'ar-aging' }, format: 'exe' }, { query: { name: 'ar-aging' }, format: 'csv', csvBom: 'yes' }],
  // RADIUS: a one-off server in TEST-NET-1 that is never reached, since every payload is refused
  // first — by the schema, or by the service before it builds a packet (unknown attribute, no
  // session named for a CoA, a new profile without its secret, an auth load without a user).
  'radius.dictionary': [{ vendor: 'Mikrotik' }],
  'radius.profiles.list': [{ deviceId: UUID }],
  'radius.profiles.save': [
    {},
    { name: '', host: '192.0.2.1', secret: 's' },
    { name: 'nas', host: '999.1.1.1', secret: 's' },
    { name: 'nas', host: '192.0.2.1', secret: '' },
    { name: 'nas', host: '192.0.2.1', secret: 'x'.repeat(129) },
    { name: 'nas', host: '192.0.2.1', secret: 's', authPort: 0 },
    { name: 'nas', host: '192.0.2.1', secret: 's', coaPort: 65536 },
    { name: 'nas', host: '192.0.2.1', secret: 's', timeoutMs: 99 },
    { name: 'nas', host: '192.0.2.1', secret: 's', retries: 11 },
    { name: 'nas', host: '192.0.2.1', secret: 's', deviceId: 'not-a-uuid' },
    { name: 'nas', host: '192.0.2.1', secret: 's', strict: 'yes' },
    { id: 'nope', name: 'nas', host: '192.0.2.1' },
    { name: 'nas', host: '192.0.2.1' },
  ],
  'radius.profiles.delete': [{}, { id: 'nope' }, { id: 7 }],
  'radius.auth': [
    {},
    { target: RADIUS_TARGET },
    { target: {}, user: 'u', password: 'p' },
    { target: { host: '192.0.2.1' }, user: 'u', password: 'p' },
    { target: { ...RADIUS_TARGET, host: 'bad host!' }, user: 'u', password: 'p' },
    { target: { ...RADIUS_TARGET, port: 0 }, user: 'u', password: 'p' },
    { target: { ...RADIUS_TARGET, secret: 'x'.repeat(129) }, user: 'u', password: 'p' },
    { target: { profileId: 'nope' }, user: 'u', password: 'p' },
    { target: RADIUS_TARGET, user: '', password: 'p' },
    { target: RADIUS_TARGET, user: 'u'.repeat(254), password: 'p' },
    { target: RADIUS_TARGET, user: 'u', password: 'p'.repeat(129) },
    { target: RADIUS_TARGET, user: 'u', password: 'p', method: 'eap-tls' },
    { target: RADIUS_TARGET, user: 'u', password: 'p', timeoutMs: 99 },
    { target: RADIUS_TARGET, user: 'u', password: 'p', retries: -1 },
    { target: RADIUS_TARGET, user: 'u', password: 'p', strict: 1 },
    { target: RADIUS_TARGET, user: 'u', password: 'p', attributes: [{ name: '', value: 'x' }] },
    { target: RADIUS_TARGET, user: 'u', password: 'p', attributes: Array.from({ length: 65 }, () => ({ name: 'Reply-Message', value: 'x' })) },
    { target: RADIUS_TARGET, user: 'u', password: 'p', attributes: [{ name: 'Reply-Message', value: 'x', tag: 1 }] },
    { target: RADIUS_TARGET, user: 'u', password: 'p', attributes: [{ name: 'No-Such-Attribute', value: '1' }] },
    { target: RADIUS_TARGET, user: 'u', password: 'p', attributes: [{ name: 'Framed-IP-Address', value: '10.0.0.300' }] },
    { target: RADIUS_TARGET, user: 'u', password: 'p', attributes: [{ name: 'Message-Authenticator', value: '0x00' }] },
  ],
  'radius.acct': [
    { target: RADIUS_TARGET },
    { target: RADIUS_TARGET, type: 'pause' },
    { target: RADIUS_TARGET, type: 'start', sessionId: '' },
    { target: RADIUS_TARGET, type: 'start', sessionId: 'x'.repeat(65) },
    { target: RADIUS_TARGET, type: 'start', user: '' },
    { target: RADIUS_TARGET, type: 'start', attributes: [{ name: 'Acct-Status-Type', value: 'Sideways' }] },
  ],
  'radius.status': [{}, { target: {} }, { target: { profileId: 'nope' } }, { target: RADIUS_TARGET, retries: 11 }, { target: RADIUS_TARGET, user: 'u' }],
  'radius.dynauth': [
    { target: RADIUS_TARGET },
    { target: RADIUS_TARGET, kind: 'reboot' },
    { target: RADIUS_TARGET, kind: 'coa' },
    { target: RADIUS_TARGET, kind: 'disconnect', attributes: [{ name: 'User-Name:3', value: 'alice' }] },
  ],
  'radius.session.run': [
    { target: RADIUS_TARGET, password: 'p' },
    { target: RADIUS_TARGET, user: 'u', password: 'p', interims: 1001 },
    { target: RADIUS_TARGET, user: 'u', password: 'p', intervalMs: -1 },
    { target: RADIUS_TARGET, user: 'u', password: 'p', bytesPerInterval: 1e16 },
    { target: RADIUS_TARGET, user: 'u', password: 'p', framedIp: '100.100.100.1000' },
    { target: RADIUS_TARGET, user: 'u', password: 'p', sessionId: '' },
    { target: RADIUS_TARGET, user: 'u', password: 'p', acctPort: 70000 },
    { target: RADIUS_TARGET, user: 'u', password: 'p', subscriberId: 'nope' },
    { target: RADIUS_TARGET, user: 'u', password: 'p', record: 'yes' },
    { target: RADIUS_TARGET, user: 'u', password: 'p', sessionRunId: 'nope' },
  ],
  'radius.session.stop': [{}, { sessionRunId: 'nope' }],
  'radius.load': [
    { target: RADIUS_TARGET, count: 0 },
    { target: RADIUS_TARGET, count: 10_000_001 },
    { target: RADIUS_TARGET, count: 1.5 },
    { target: RADIUS_TARGET, count: 10, concurrency: 0 },
    { target: RADIUS_TARGET, count: 10, concurrency: 4097 },
    { target: RADIUS_TARGET, count: 10, ratePerSecond: 0 },
    { target: RADIUS_TARGET, count: 10, kind: 'acct' },
    { target: RADIUS_TARGET, count: 10, method: 'md5' },
    { target: RADIUS_TARGET, count: 10, taskId: 'x'.repeat(65) },
    { target: RADIUS_TARGET, count: 10, kind: 'auth' },
  ],
  'radius.load.stop': [{}, { taskId: '' }, { taskId: 'x'.repeat(65) }, { taskId: 7 }],
  'radius.history.get': [{}, { id: 'nope' }, { id: 7 }],
  'radius.history.list': [{ limit: 0 }, { limit: 501 }, { limit: 1.5 }, { limit: '10' }],
  'radius.prefill': [{}, { deviceId: UUID, subscriberId: UUID }, { deviceId: 'nope' }],
  // SNMP: every payload is refused by the schema or by the service before a packet is sent
  'snmp.credentials.list': [{ version: '2c' }],
  'snmp.credentials.save': [
    {},
    { name: 'p', version: '4', community: 'c' },
    { name: 'p', version: '2c', community: '' },
    { name: 'p', version: '2c' },
    { name: 'p', version: '2c', community: 'c', port: 0 },
    { name: 'p', version: '2c', community: 'c', timeoutMs: 99 },
    { name: 'p', version: '2c', community: 'c', retries: 11 },
    { name: 'p', version: '2c', community: 'c', maxRepetitions: 201 },
    { name: 'p', version: '3', user: 'u', authKey: 'short' },
    { name: 'p', version: '3', user: 'u', authProtocol: 'md4', authKey: 'long-enough' },
    { name: 'p', version: '3', user: 'u', securityLevel: 'authPriv', authKey: 'long-enough' },
    { name: 'p', version: '3', securityLevel: 'noAuthNoPriv' },
  ],
  'snmp.credentials.delete': [{}, { id: 'nope' }],
  'snmp.get': [
    {},
    { target: { host: '192.0.2.1', credentials: { version: '2c', community: 'c' } }, oids: [] },
    { target: { host: '192.0.2.1', credentials: { version: '2c', community: 'c' } }, oids: ['1.3..6'] },
    { target: { host: '192.0.2.1', credentials: { version: '2c', community: 'c' } }, oids: ['ifFrobnicate.1'] },
    { target: { host: '192.0.2.1', credentials: { version: '2c', community: 'c' } }, oids: ['1.3.6.99999999999'] },
    { target: { host: '192.0.2.1' }, oids: ['sysName.0'] },
    { target: { host: 'bad host!', credentials: { version: '2c', community: 'c' } }, oids: ['sysName.0'] },
    { target: { host: '192.0.2.1', credentials: { version: '2c' } }, oids: ['sysName.0'] },
    { target: { host: '192.0.2.1', credentials: { version: '3' } }, oids: ['sysName.0'] },
    { target: { host: '192.0.2.1', credentials: { version: '2c', community: 'c' }, timeoutMs: 60_001 }, oids: ['sysName.0'] },
  ],
  'snmp.getNext': [{ target: { host: '192.0.2.1', credentials: { version: '2c', community: 'c' } }, oids: Array(129).fill('sysName.0') }],
  'snmp.walk': [
    { target: { host: '192.0.2.1', credentials: { version: '2c', community: 'c' } }, oid: '' },
    { target: { host: '192.0.2.1', credentials: { version: '2c', community: 'c' } }, oid: 'ifTable', maxRepetitions: 0 },
    { target: { host: '192.0.2.1', credentials: { version: '2c', community: 'c' } }, oid: 'ifTable', limit: 0 },
    { target: { host: '192.0.2.1', credentials: { version: '2c', community: 'c' } }, oid: 'noSuchName' },
  ],
  'snmp.walk.stop': [{}, { taskId: '' }],
  'snmp.set': [
    { target: { host: '192.0.2.1', credentials: { version: '2c', community: 'c' } }, varbinds: [] },
    { target: { host: '192.0.2.1', credentials: { version: '2c', community: 'c' } }, varbinds: [{ oid: 'sysContact.0', type: 'Bits', value: 'x' }] },
    { target: { host: '192.0.2.1', credentials: { version: '2c', community: 'c' } }, varbinds: [{ oid: 'sysContact.0', type: 'Integer', value: 'x' }] },
    { target: { host: '192.0.2.1', credentials: { version: '2c', community: 'c' } }, varbinds: [{ oid: 'sysContact.0', type: 'IpAddress', value: '300.1.1.1' }] },
    { target: { host: '192.0.2.1', credentials: { version: '2c', community: 'c' } }, varbinds: [{ oid: 'sysContact.0', type: 'OctetString', value: 'zz', encoding: 'hex' }] },
    { target: { host: '192.0.2.1', credentials: { version: '2c', community: 'c' } }, varbinds: [{ oid: 'sysContact.0', type: 'Counter64', value: '18446744073709551616' }] },
  ],
  'snmp.mib.search': [{ limit: 0 }, { query: 'x'.repeat(129) }],
  'ssh.credentials.list': [{ kind: 'ssh_key' }],
  'ssh.credentials.save': [
    {},
    { name: 'p', kind: 'ssh_key', username: 'root', privateKey: 'not a key' },
    { name: 'p', kind: 'snmp_v2c', username: 'root' },
    { name: 'p', kind: 'ssh_password', username: 'ro ot', password: 'x' },
    { name: 'p', kind: 'ssh_password', username: 'root', password: 'x', port: 70000 },
    { name: 'p', kind: 'ssh_password', username: 'root', password: 'x', algorithms: 'ancient' },
    { name: 'p', kind: 'ssh_password', username: 'root', password: 'x', jump: [{ host: 'a b', username: 'u' }] },
    { name: 'p', kind: 'ssh_password', username: 'root', password: 'x', jump: Array.from({ length: 5 }, () => ({ host: '10.0.0.1', username: 'u' })) },
  ],
  'ssh.credentials.delete': [{}, { id: 'nope' }],
  'ssh.knownHosts.list': [{ host: 'x'.repeat(254) }, { host: 7 }],
  'ssh.knownHosts.remove': [{}, { id: 'nope' }],
  'ssh.terminal.open': [{}, { target: {} }, { target: { host: '10.0.0.1' } }, { target: { deviceId: UUID }, cols: 1 }, { target: { deviceId: UUID }, trustFingerprint: 'MD5:aa' }],
  'ssh.terminal.input': [{ sessionId: 'short', data: 'x' }, { sessionId: 'session-0001', data: '' }],
  'ssh.terminal.broadcast': [{ sessionIds: [], data: 'x' }, { sessionIds: ['session-0001'], data: '' }],
  'ssh.terminal.resize': [{ sessionId: 'session-0001', cols: 0, rows: 24 }, { sessionId: 'session-0001', cols: 80, rows: 501 }],
  'ssh.terminal.ack': [{ sessionId: 'session-0001', bytes: -1 }, { sessionId: 'session-0001' }],
  'ssh.terminal.reconnect': [{}, { sessionId: 'bad id!' }],
  'ssh.terminal.close': [{}, { sessionId: 'x' }],
  'ssh.terminal.list': [{ sessionId: 'session-0001' }],
  'ssh.prompt.answer': [{ promptId: 'short', answers: [] }, { promptId: 'prompt-0001', answers: 'code' }],
  'ssh.exec': [
    { target: { deviceId: UUID } },
    { target: { deviceId: UUID }, command: '' },
    { target: { deviceId: UUID }, command: 'x'.repeat(16_385) },
    { target: { deviceId: UUID }, command: 'uptime', timeoutMs: 50 },
    { target: { host: '10.0.0.1' }, command: 'uptime' },
  ],
  'ssh.run.preview': [{}, { deviceIds: [] }, { deviceIds: ['nope'] }, { siteId: 'nope' }],
  'ssh.run.start': [
    { deviceIds: [UUID] },
    { command: 'uptime' },
    { deviceIds: [UUID], command: 'uptime', concurrency: 0 },
    { deviceIds: [UUID], command: 'uptime', concurrency: 65 },
    { deviceIds: [UUID], command: 'uptime', timeoutMs: 999 },
    { deviceIds: [UUID], command: 'uptime', stopOnError: 'yes' },
  ],
  'ssh.run.stop': [{}, { runId: 'nope' }],
  'ssh.run.get': [{}, { runId: 7 }],
  'ssh.run.list': [{ limit: 0 }, { limit: 201 }],
  'ssh.backup.run': [{ deviceIds: [] }, { deviceIds: ['nope'] }, { deviceIds: [UUID], concurrency: 33 }, { deviceIds: [UUID], taskId: 'x'.repeat(65) }],
  'ssh.backup.list': [{ deviceId: 'nope' }, { limit: 0 }, { limit: 1001 }],
  'ssh.backup.get': [{}, { id: 'nope' }],
  'ssh.backup.diff': [{ fromId: UUID }, { fromId: UUID, toId: 'nope' }],
  'ssh.templates.list': [{ vendor: 'cisco' }],
  'ssh.templates.save': [{ name: 't' }, { name: 't', body: '' }, { name: '', body: 'x' }, { name: 't', body: 'x'.repeat(262_145) }, { id: 'nope', name: 't', body: 'x' }],
  'ssh.templates.delete': [{}, { id: 'nope' }],
  'ssh.templates.render': [{ templateId: UUID }, { templateId: UUID, deviceId: UUID, vars: { 'bad name': 'x' } }, { templateId: UUID, deviceId: UUID, vars: { a: 7 } }],
  'ssh.templates.push': [
    { templateId: UUID, deviceId: UUID },
    { templateId: UUID, deviceId: UUID, renderedSha256: 'abc' },
    { templateId: UUID, deviceId: UUID, renderedSha256: 'A'.repeat(64) },
  ],
  'voltha.endpoints.save': [
    { name: 'v', address: 'voltha.local' },
    { name: 'v', address: 'voltha.local:70000' },
    { name: '', address: '10.0.0.1:55555' },
    { name: 'v', address: '10.0.0.1:55555', deadlineMs: 5 },
    { name: 'v', address: 'a b:1' },
  ],
  'voltha.endpoints.delete': [{ id: 'x' }],
  'voltha.refresh': [{}, { endpointId: 'nope' }],
  'voltha.onus.list': [{ limit: 0 }, { limit: 100_000 }, { filter: 'broken' }, { oltId: 'a b' }, { offset: -1 }],
  'voltha.device.get': [{ endpointId: UUID }, { endpointId: UUID, id: '' }, { endpointId: UUID, id: '../../etc' }],
  'voltha.device.action': [{ endpointId: UUID, id: 'abc', action: 'explode' }, { endpointId: UUID, id: 'abc' }],
  'voltha.preprovision': [{ endpointId: UUID, hostAndPort: 'nohost' }, { endpointId: UUID, hostAndPort: '10.0.0.1:50060', type: 'bad type!' }],
  'voltha.info': [{ endpointId: 42 }],
  'poller.pollNow': [{}, { all: false }, { deviceIds: [] }, { deviceIds: ['nope'] }, { all: true, deviceIds: [UUID] }, { all: true, concurrency: 0 }, { all: true, concurrency: 257 }],
  'poller.samples': [{ deviceId: UUID }, { deviceId: 'nope', from: 0, to: 1 }, { deviceId: UUID, from: 10, to: 1 }, { deviceId: UUID, from: 0, to: 1, limit: 0 }, { deviceId: UUID, ifIndex: -1, from: 0, to: 1 }],
  'poller.interfaces': [{}, { deviceId: 'nope' }],
  // Alarms and traps: refused by the schema, or by the trap settings before anything is saved
  'alarms.list': [{ state: 'closed' }, { severities: ['fatal'] }, { limit: 0 }, { limit: 501 }, { offset: -1 }, { search: 'x'.repeat(201) }, { deviceId: 'nope' }, { from: -5 }],
  'alarms.get': [{}, { id: 'nope' }],
  'alarms.ack': [{}, { id: 'nope', note: 'x' }, { id: UUID, note: 'x'.repeat(2001) }, { id: UUID, note: 7 }],
  'alarms.clear': [{}, { id: 7 }],
  'traps.status': [{ port: 162 }],
  'traps.config': [
    { port: 0 },
    { port: 65536 },
    { communities: [''] },
    { communities: 'public' },
    { users: [{ name: '', level: 'noAuthNoPriv' }] },
    { users: [{ name: 'u', level: 'authPriv', authKey: 'short', privKey: 'long-enough' }] },
    { users: [{ name: 'u', level: 'authPriv' }] },
    { users: [{ name: 'u', level: 'authNoPriv', authProtocol: 'md4', authKey: 'long-enough' }] },
  ],
  // discovery: refused by the schema before any packet (no credentials, a range over /22, a bad seed)
  'discovery.run': [
    {},
    { seeds: [], credentials: { version: '2c', community: 'c' } },
    { seeds: ['192.0.2.1'] },
    { seeds: ['192.0.2.0/21'], credentials: { version: '2c', community: 'c' } },
    { seeds: ['host.example'], credentials: { version: '2c', community: 'c' } },
    { seeds: ['192.0.2.1'], credentials: { version: '2c', community: 'c' }, concurrency: 0 },
    { seeds: ['192.0.2.1'], credentials: { version: '2c', community: 'c' }, maxDepth: 99 },
    { seeds: ['192.0.2.1'], credentialId: 'nope' },
  ],
  'discovery.stop': [{}, { taskId: '' }],
  'topology.graph': [{ tenant: 'other' }],
  // sync: refused by the schema before any request leaves (a bad URL, no password, bad seqs…)
  'sync.status': [{ verbose: true }],
  'sync.login': [
    {},
    { server: 'not a url', tenant: 't', username: 'u', password: 'p' },
    { server: 'ftp://noc.example', tenant: 't', username: 'u', password: 'p' },
    { server: 'http://127.0.0.1:9', tenant: '', username: 'u', password: 'p' },
    { server: 'http://127.0.0.1:9', tenant: 't', username: 'u', password: '' },
    { server: 'http://127.0.0.1:9', tenant: 't', username: 'u', password: 'p', otp: '12' },
    { server: 'http://127.0.0.1:9', tenant: 't', username: 'u', password: 'p'.repeat(1001) },
  ],
  'sync.logout': [{ everywhere: true }],
  'sync.now': [{ force: 1 }],
  'sync.outbox.list': [{ status: 'failed' }, { limit: 0 }, { limit: 1001 }, { offset: -1 }],
  'sync.outbox.retry': [{}, { seqs: [] }, { seqs: [0] }, { seqs: ['1'] }, { seqs: Array.from({ length: 1001 }, (_, i) => i + 1) }],
  'sync.outbox.discard': [{}, { seqs: [] }, { seqs: [1.5] }],
  'sync.conflicts.list': [{ limit: 0 }, { includeResolved: 'yes' }],
  'sync.conflicts.resolve': [{}, { id: 'c1' }, { id: 'c1', choice: 'both' }, { id: 'c1', choice: 'merged' }, { id: 'c1', choice: 'mine', value: 'x' }, { id: '', choice: 'mine' }],
  'sync.sitePack': [{}, { siteIds: [] }, { siteIds: ['nope'] }],
  'topology.positions.save': [{ positions: [] }, { positions: [{ deviceId: 'nope', x: 0, y: 0, pinned: false }] }, { positions: [{ deviceId: UUID, x: 1e9, y: 0, pinned: false }] }],
};

/** Rows a refused request must not have written, RADIUS history and profiles included. */
const CHANGES = `SELECT (SELECT count(*) FROM devices) + (SELECT count(*) FROM outbox) + (SELECT count(*) FROM voltha_endpoints) + (SELECT count(*) FROM radius_profiles)
  + (SELECT count(*) FROM radius_runs) + (SELECT count(*) FROM accounting_sessions) AS n`;

describe('IPC contract', () => {
  const c = openTempConsole();
  beforeAll(() => c.workspace.tenant());
  afterAll(() => c.dispose());

  it('lists the same channels and events in channels.ts as in the schemas', () => {
    expect([...CHANNEL_NAMES].sort()).toEqual(Object.keys(contract).sort());
    expect([...EVENT_NAMES].sort()).toEqual(Object.keys(events).sort());
  });

  it('names a permission and a summary for every channel', () => {
    for (const [name, spec] of Object.entries(contract)) {
      expect(spec.permission, name).toMatch(/^[a-z]+:[a-z:]+$/);
      expect(spec.summary.length, name).toBeGreaterThan(5);
    }
  });

  for (const channel of CHANNEL_NAMES) {
    it(`${channel} refuses malformed payloads with VALIDATION and changes nothing`, async () => {
      const before = c.workspace.sqlite.prepare(CHANGES).get();
      for (const payload of [...MALFORMED, ...(WRONG_VALUES[channel] ?? [])]) {
        const r = await c.dispatcher.invoke(channel, payload, ctx);
        expect(r.ok, `${channel} accepted ${JSON.stringify(payload)}`).toBe(false);
        if (!r.ok) {
          expect(r.error.code).toBe('VALIDATION');
          expect(r.error.message.length).toBeGreaterThan(0);
          expect(JSON.stringify(r.error)).not.toMatch(/\bat .*\.ts:\d+/); // no stack traces
        }
      }
      const after = c.workspace.sqlite.prepare(CHANGES).get();
      expect(after).toEqual(before);
    });
  }

  it('refuses an unknown channel with UNKNOWN_CHANNEL', async () => {
    const r = await c.dispatcher.invoke('devices.dropAll', {}, ctx);
    expect(r).toMatchObject({ ok: false, error: { code: 'UNKNOWN_CHANNEL' } });
    const proto = await c.dispatcher.invoke('__proto__', {}, ctx);
    expect(proto).toMatchObject({ ok: false, error: { code: 'UNKNOWN_CHANNEL' } });
  });

  it('enforces the role in main: a viewer may list but not add devices', async () => {
    c.workspace.setSetting('localRole', 'viewer');
    try {
      const add = await c.dispatcher.invoke('devices.create', { name: 'r9', mgmtAddress: '192.0.2.9' }, ctx);
      expect(add).toMatchObject({ ok: false, error: { code: 'PERMISSION_DENIED' } });
      const list = await c.dispatcher.invoke('devices.list', {}, ctx);
      expect(list.ok).toBe(true);
    } finally {
      c.workspace.setSetting('localRole', 'admin');
    }
  });

  it('enforces RADIUS roles in main: a viewer sends no Access-Request, a technician no CoA/Disconnect', async () => {
    const nas = await udpPeer(() => undefined); // listens, never answers
    const target = { host: '127.0.0.1', port: nas.port, secret: 'testing123' };
    const auth = { target, user: 'alice', password: 'pw', timeoutMs: 100, retries: 0 };
    const coa = { target, kind: 'coa', attributes: [{ name: 'User-Name', value: 'alice' }], timeoutMs: 100, retries: 0 };
    const runs = () => c.workspace.sqlite.prepare('SELECT count(*) AS n FROM radius_runs').get();
    const before = runs();
    try {
      c.workspace.setSetting('localRole', 'viewer');
      expect(await c.dispatcher.invoke('radius.auth', auth, ctx)).toMatchObject({ ok: false, error: { code: 'PERMISSION_DENIED' } });
      c.workspace.setSetting('localRole', 'technician');
      expect(await c.dispatcher.invoke('radius.dynauth', coa, ctx)).toMatchObject({ ok: false, error: { code: 'PERMISSION_DENIED' } });
      // refused means nothing went out and nothing was recorded
      expect(nas.received).toHaveLength(0);
      expect(runs()).toEqual(before);

      // the same requests go out for the roles that hold the permission
      const techAuth = await c.dispatcher.invoke('radius.auth', auth, ctx);
      expect(techAuth).toMatchObject({ ok: true, value: { outcome: 'no-reply' } });
      c.workspace.setSetting('localRole', 'senior_technician');
      const seniorCoa = await c.dispatcher.invoke('radius.dynauth', coa, ctx);
      expect(seniorCoa).toMatchObject({ ok: true, value: { outcome: 'no-reply' } });
      expect(nas.received.map((b) => viewRequest(b).code)).toEqual([1, 43]);
    } finally {
      c.workspace.setSetting('localRole', 'admin');
      await nas.close();
    }
  });

  it('reports NOT_FOUND for a well-formed id that does not exist', async () => {
    const r = await c.dispatcher.invoke('devices.get', { id: '01890a5d-ac96-774b-bcce-b302099a8057' }, ctx);
    expect(r).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
  });
});

describe('RADIUS limits are in bytes', () => {
  it('refuses a user name of 253 characters that is more than 253 UTF-8 bytes', async () => {
    const { contract } = await import('../../shared/ipc/schemas');
    const target = { host: '127.0.0.1', secret: 's' };
    expect(contract['radius.auth'].request.safeParse({ target, user: 'a'.repeat(253), password: 'p' }).success).toBe(true);
    expect(contract['radius.auth'].request.safeParse({ target, user: 'é'.repeat(200), password: 'p' }).success).toBe(false);
    expect(contract['radius.auth'].request.safeParse({ target, user: 'u', password: 'é'.repeat(65) }).success).toBe(false);
  });
});

describe('VOLTHA roles', () => {
  it('a viewer reads the PON mirror but cannot add endpoints or act on devices', async () => {
    const { openTempConsole } = await import('../helpers/tempWorkspace');
    const c = openTempConsole();
    try {
      c.workspace.setSetting('localRole', 'viewer');
      const ctx = { host: 'cli' } as const;
      expect((await c.dispatcher.invoke('voltha.tree', {}, ctx)).ok).toBe(true);
      const save = await c.dispatcher.invoke('voltha.endpoints.save', { name: 'v', address: '127.0.0.1:55555' }, ctx);
      expect(save).toMatchObject({ ok: false, error: { code: 'PERMISSION_DENIED' } });
      const act = await c.dispatcher.invoke('voltha.device.action', { endpointId: '0190a0a0-0000-7000-8000-000000000001', id: 'abc', action: 'reboot' }, ctx);
      expect(act).toMatchObject({ ok: false, error: { code: 'PERMISSION_DENIED' } });
    } finally {
      c.dispose();
    }
  });
});
