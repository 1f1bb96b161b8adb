// The trap receiver against Net-SNMP's own `snmptrap` / `snmpinform` (real packets, real v3 USM):
// v1, v2c linkDown/linkUp correlation, a repeat counted on one alarm, a v2c inform acknowledged,
// v3 authPriv with the user configured in the receiver, a wrong community and garbage ignored; then
// acknowledge and clear, each change with its outbox entry.
import { execFile } from 'node:child_process';
import dgram from 'node:dgram';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ResponseOf } from '../../../shared/ipc/schemas';
import { openTempConsole } from '../../helpers/tempWorkspace';
import { freeUdpPort } from './freeUdpPort';

const run = promisify(execFile);
const ctx = { host: 'cli' } as const;
const IF_INDEX = '1.3.6.1.2.1.2.2.1.1';
const IF_DESCR = '1.3.6.1.2.1.2.2.1.2';
const LINK_DOWN = '1.3.6.1.6.3.1.1.5.3';
const LINK_UP = '1.3.6.1.6.3.1.1.5.4';
const V3 = { user: 'trapuser', auth: 'auth-pass-123', priv: 'priv-pass-123' };
type Alarm = ResponseOf<'alarms.get'>;


describe('trap receiver → alarms', () => {
  const c = openTempConsole();
  let port = 0;

  const v2c = (community: string, ...args: string[]) => run('snmptrap', ['-v', '2c', '-c', community, `127.0.0.1:${port}`, '', ...args]);
  const list = async (req: Record<string, unknown> = {}) => (await c.dispatcher.call('alarms.list', { state: 'all', ...req }, ctx)).items;
  const outbox = (id: string) => (c.workspace.sqlite.prepare("SELECT op, patch FROM outbox WHERE table_name = 'alarms' AND row_id = ? ORDER BY created_at, mutation_id").all(id) as { op: string; patch: string }[]);
  /** Polls until `pick` finds something (the receiver works asynchronously); fails after 5 s. */
  async function eventually<T>(pick: () => Promise<T | undefined>, what: string): Promise<T> {
    const end = Date.now() + 5000;
    for (;;) {
      const v = await pick();
      if (v !== undefined) return v;
      if (Date.now() > end) throw new Error(`never happened: ${what}`);
      await new Promise((r) => setTimeout(r, 25));
    }
  }

  beforeAll(async () => {
    port = await freeUdpPort();
    await c.dispatcher.call(
      'traps.config',
      {
        port,
        communities: ['lab-traps'],
        users: [{ name: V3.user, level: 'authPriv', authProtocol: 'sha', authKey: V3.auth, privProtocol: 'aes', privKey: V3.priv }],
      },
      ctx,
    );
    await c.traps.listen();
  });
  afterAll(() => c.dispose());

  it('keeps the community and v3 keys sealed and reports only that they are set', async () => {
    const view = await c.dispatcher.call('traps.config', {}, ctx);
    expect(view).toMatchObject({ port, communityCount: 1, users: [{ name: V3.user, level: 'authPriv', hasAuthKey: true, hasPrivKey: true }] });
    const raw = c.workspace.getSetting('traps.receiver') ?? '';
    expect(raw).not.toContain('lab-traps');
    expect(raw).not.toContain(V3.auth);
    expect(raw).not.toContain(V3.priv);
    expect(await c.dispatcher.call('traps.status', {}, ctx)).toMatchObject({ listening: true, port, error: null });
  });

  it('raises a major linkDown keyed by sender and ifIndex; a repeat bumps its count; linkUp clears it', async () => {
    await v2c('lab-traps', LINK_DOWN, `${IF_INDEX}.3`, 'i', '3', `${IF_DESCR}.3`, 's', 'ge-0/0/3');
    const down = await eventually(async () => (await list({ kind: 'trap.linkDown' })).find((a) => a.message.includes('ge-0/0/3')), 'linkDown alarm');
    expect(down).toMatchObject({ severity: 'major', kind: 'trap.linkDown', source: 'trap:127.0.0.1', state: 'open', count: 1, deviceId: null });
    expect(down.message).toContain('127.0.0.1 (not in the inventory)');

    await v2c('lab-traps', LINK_DOWN, `${IF_INDEX}.3`, 'i', '3', `${IF_DESCR}.3`, 's', 'ge-0/0/3');
    const repeated = await eventually(async () => {
      const a = await c.dispatcher.call('alarms.get', { id: down.id }, ctx);
      return a.count === 2 ? a : undefined;
    }, 'count 2');
    expect(repeated.lastSeenAt).toBeGreaterThanOrEqual(down.lastSeenAt);
    expect((await list({ kind: 'trap.linkDown' })).filter((a) => a.message.includes('ge-0/0/3'))).toHaveLength(1);

    // a linkDown of another interface is another alarm, and the linkUp of ifIndex 3 leaves it open
    await v2c('lab-traps', LINK_DOWN, `${IF_INDEX}.4`, 'i', '4');
    const other = await eventually(async () => (await list({ kind: 'trap.linkDown' })).find((a) => a.message.includes('ifIndex 4')), 'second linkDown');
    await v2c('lab-traps', LINK_UP, `${IF_INDEX}.3`, 'i', '3');
    const cleared = await eventually(async () => {
      const a = await c.dispatcher.call('alarms.get', { id: down.id }, ctx);
      return a.state === 'cleared' ? a : undefined;
    }, 'linkDown cleared');
    expect(cleared.clearedAt).not.toBeNull();
    expect((await c.dispatcher.call('alarms.get', { id: other.id }, ctx)).state).toBe('open');
    expect(outbox(down.id).map((o) => o.op)).toEqual(['insert', 'update', 'update']);
    expect(JSON.parse(outbox(down.id)[2]?.patch ?? '{}')).toHaveProperty('clearedAt');
  });

  it('maps a v1 trap by its generic type and names the agent-addr as the sender', async () => {
    await run('snmptrap', ['-v', '1', '-c', 'lab-traps', `127.0.0.1:${port}`, '1.3.6.1.4.1.8072', '192.0.2.77', '0', '0', '']);
    const a = await eventually(async () => (await list({ kind: 'trap.coldStart' })).find((x) => x.source === 'trap:192.0.2.77'), 'v1 coldStart');
    expect(a).toMatchObject({ severity: 'warning', state: 'open' });
  });

  it('attributes a trap to the inventory device whose management address sent it', async () => {
    const device = await c.dispatcher.call('devices.create', { name: 'edge-50', mgmtAddress: '192.0.2.50' }, ctx);
    await run('snmptrap', ['-v', '1', '-c', 'lab-traps', `127.0.0.1:${port}`, '1.3.6.1.4.1.8072', '192.0.2.50', '2', '0', '', `${IF_INDEX}.9`, 'i', '9']);
    const a = await eventually(async () => (await list({ deviceId: device.id }))[0], 'alarm on edge-50');
    expect(a).toMatchObject({ kind: 'trap.linkDown', deviceName: 'edge-50', source: 'trap:192.0.2.50' });
    expect(a.message).toBe('Link down on ifIndex 9 from 192.0.2.50');
  });

  it('answers a v2c inform and raises an alarm by OID with the varbinds named', async () => {
    // snmpinform exits 0 only when the receiver acknowledged the inform
    await run('snmpinform', ['-v', '2c', '-c', 'lab-traps', '-t', '2', '-r', '1', `127.0.0.1:${port}`, '', '1.3.6.1.4.1.99999.0.7', '1.3.6.1.2.1.1.5.0', 's', 'edge-7']);
    const a = await eventually(async () => (await list({ kind: 'trap.1.3.6.1.4.1.99999.0.7' }))[0], 'enterprise trap alarm');
    expect(a).toMatchObject({ severity: 'warning', state: 'open' });
    expect(a.message).toContain('sysName.0=edge-7');
  });

  it('accepts a v3 authPriv trap from the configured user, and refuses wrong keys and communities', async () => {
    const v3 = (auth: string) =>
      run('snmptrap', ['-v', '3', '-e', '0x80001f8880aabbccdd01', '-u', V3.user, '-l', 'authPriv', '-a', 'SHA', '-A', auth, '-x', 'AES', '-X', V3.priv, `127.0.0.1:${port}`, '', '1.3.6.1.6.3.1.1.5.5']);
    const droppedBefore = (await c.dispatcher.call('traps.status', {}, ctx)).dropped;
    await v3('wrong-pass-123');
    await v2c('not-our-community', '1.3.6.1.6.3.1.1.5.2');
    await new Promise<void>((resolve) => {
      const s = dgram.createSocket('udp4');
      s.send(Buffer.from('not an SNMP packet'), port, '127.0.0.1', () => s.close(() => resolve()));
    });
    await eventually(async () => ((await c.dispatcher.call('traps.status', {}, ctx)).dropped >= droppedBefore + 3 ? true : undefined), 'three drops');
    await v3(V3.auth);
    const a = await eventually(async () => (await list({ kind: 'trap.authenticationFailure' }))[0], 'v3 trap alarm');
    expect(a).toMatchObject({ severity: 'minor' });
    expect(await list({ kind: 'trap.warmStart' })).toHaveLength(0);
    expect((await c.dispatcher.call('traps.status', {}, ctx)).listening).toBe(true);
  });

  it('acknowledges with a note and who acked, clears by hand, and syncs both', async () => {
    const [open] = await list({ state: 'open', kind: 'trap.linkDown' });
    expect(open).toBeDefined();
    const id = (open as Alarm).id;
    const acked = await c.dispatcher.call('alarms.ack', { id, note: 'fibre cut, field team on it' }, ctx);
    expect(acked).toMatchObject({ state: 'acked', ackedBy: 'test', ackNote: 'fibre cut, field team on it' });
    expect((await list({ state: 'acked' })).map((a) => a.id)).toContain(id);
    const cleared = await c.dispatcher.call('alarms.clear', { id }, ctx);
    expect(cleared.state).toBe('cleared');
    expect((await list({ state: 'cleared' })).map((a) => a.id)).toContain(id);
    expect((await list({ state: 'active' })).map((a) => a.id)).not.toContain(id);
    const patches = outbox(id).map((o) => Object.keys(JSON.parse(o.patch) as object).sort());
    expect(patches).toContainEqual(['ackNote', 'ackedAt', 'ackedBy']);
    expect(patches).toContainEqual(['clearedAt']);
    // a cleared alarm cannot be acknowledged any more
    expect(await c.dispatcher.invoke('alarms.ack', { id, note: 'late' }, ctx)).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
  });

  it('filters by severity and text', async () => {
    const minors = await list({ severities: ['minor'] });
    expect(minors.length).toBeGreaterThan(0);
    expect(minors.every((a) => a.severity === 'minor')).toBe(true);
    const hits = await list({ search: 'edge-7' });
    expect(hits.map((a) => a.kind)).toEqual(['trap.1.3.6.1.4.1.99999.0.7']);
  });
});
