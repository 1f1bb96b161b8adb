// The VOLTHA simulator over the wire: a raw grpc-js client built from our protos (the same way any
// VOLTHA client is) against the simulator's voltha.VolthaService. Layouts, the OLT and ONU state
// machines with the openonu-go reasons, the core's error codes and messages, fault injection
// (unreachable OLT, flapping ONUs, slow core) and a 16 × 16 × 64 plant in one ListDevices.
import * as grpc from '@grpc/grpc-js';
import { afterEach, describe, expect, it } from 'vitest';
import { loadVolthaProtos, type VolthaServiceClient } from '../../../electron/services/voltha/loadProtos';
import type { ProtoInput, VolthaDevice, VolthaMethodName, VolthaRpcMap } from '../../../electron/services/voltha/protoTypes';
import { startVolthaSimulator, type SimulatorOptions, type VolthaSimulator } from '../../../electron/services/voltha/simulator/index';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const PON_BASE = 536870912;
const NNI = 1048576;
/** The openonu-go reasons an ONU goes through on its way up, in order. */
const BRING_UP = ['activating-onu', 'starting-openomci', 'discovery-mibsync-complete', 'initial-mib-downloaded', 'tech-profile-config-download-success', 'omci-flows-pushed'];

const sims: VolthaSimulator[] = [];
const clients: VolthaServiceClient[] = [];

afterEach(async () => {
  for (const c of clients.splice(0)) c.close();
  await Promise.all(sims.splice(0).map((s) => s.stop()));
});

async function start(opts: Partial<SimulatorOptions> & Pick<SimulatorOptions, 'olts' | 'pons' | 'onus'>, receiveLimit = 64 * 1024 * 1024) {
  const sim = await startVolthaSimulator({ stepMs: 20, ...opts });
  sims.push(sim);
  const { Client } = loadVolthaProtos();
  const client = new Client(sim.address, grpc.credentials.createInsecure(), { 'grpc.max_receive_message_length': receiveLimit });
  clients.push(client);
  return { sim, client, call: caller(client) };
}

function caller(client: VolthaServiceClient) {
  return <M extends VolthaMethodName>(method: M, request: ProtoInput<VolthaRpcMap[M]['request']>, deadlineMs = 10_000): Promise<VolthaRpcMap[M]['response']> =>
    new Promise((resolve, reject) => {
      const fn = client[method] as unknown as (
        req: unknown,
        opts: grpc.CallOptions,
        cb: (err: grpc.ServiceError | null, res?: VolthaRpcMap[M]['response']) => void,
      ) => grpc.ClientUnaryCall;
      fn.call(client, request, { deadline: Date.now() + deadlineMs }, (err, res) => (err ? reject(err) : resolve(res as VolthaRpcMap[M]['response'])));
    });
}

type Call = ReturnType<typeof caller>;

async function grpcError(p: Promise<unknown>): Promise<grpc.ServiceError> {
  try {
    await p;
  } catch (err) {
    return err as grpc.ServiceError;
  }
  throw new Error('expected the call to fail');
}

async function waitFor<T>(what: string, probe: () => Promise<T | undefined | false>, timeoutMs = 5_000, everyMs = 10): Promise<T> {
  const until = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const v = await probe();
      if (v !== undefined && v !== false) return v;
    } catch (err) {
      last = err;
    }
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}${last ? `: ${String(last)}` : ''}`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}

async function devices(call: Call): Promise<{ olts: VolthaDevice[]; onus: VolthaDevice[] }> {
  const { items } = await call('ListDevices', {});
  return { olts: items.filter((d) => d.root), onus: items.filter((d) => !d.root) };
}

const state = (d: VolthaDevice) => `${d.admin_state}/${d.oper_status}/${d.connect_status}`;

/** Polls a device and keeps every reason it was seen with, until `done` holds. */
async function watchReasons(call: Call, id: string, done: (d: VolthaDevice) => boolean, timeoutMs = 5_000): Promise<string[]> {
  const seen: string[] = [];
  await waitFor(`device ${id}`, async () => {
    const d = await call('GetDevice', { id });
    if (seen.at(-1) !== d.reason) seen.push(d.reason);
    return done(d);
  }, timeoutMs, 2);
  return seen;
}

function inOrder(seen: string[], order: string[]): boolean {
  let at = -1;
  for (const r of seen) {
    const i = order.indexOf(r);
    if (i < at) return false;
    if (i >= 0) at = i;
  }
  return true;
}

describe('VOLTHA simulator: layout', () => {
  it('provisions a BBSim-like plant: OLTs, PON ports, ONUs with serials, ports, logical devices, flows', async () => {
    const { sim, call } = await start({ olts: 2, pons: 2, onus: 4 });
    expect(sim.address).toMatch(/^127\.0\.0\.1:\d+$/);
    expect(sim.oltAddresses).toEqual(['bbsim0.voltha.svc:50060', 'bbsim1.voltha.svc:50060']);

    const { olts, onus } = await devices(call);
    expect(olts).toHaveLength(2);
    expect(onus).toHaveLength(16);
    expect(onus.map((o) => o.serial_number).sort()).toEqual(Array.from({ length: 16 }, (_, i) => `BBSM${String(i + 1).padStart(8, '0')}`));

    const lds = (await call('ListLogicalDevices', {})).items;
    expect(lds).toHaveLength(2);
    for (const [i, olt] of olts.entries()) {
      expect(olt.id).toMatch(UUID);
      expect(olt).toMatchObject({
        type: 'openolt',
        root: true,
        vendor: 'BBSim',
        model: 'asfvolt16',
        serial_number: `BBSIMOLT00${i}`,
        admin_state: 'ENABLED',
        oper_status: 'ACTIVE',
        connect_status: 'REACHABLE',
        address: 'host_and_port',
        host_and_port: sim.oltAddresses[i],
        mac_address: `0a:0a:0a:0a:0a:0${i}`,
      });
      // a root device's parent is its logical device
      const ld = lds.find((l) => l.root_device_id === olt.id);
      expect(ld?.id).toBe(olt.parent_id);
      expect(ld?.datapath_id).toBe(String(parseInt(`0a0a0a0a0a0${i}`, 16)));
      expect(ld?.desc).toMatchObject({ mfr_desc: 'VOLTHA Project', serial_num: olt.serial_number });

      const ports = (await call('ListDevicePorts', { id: olt.id })).items;
      expect(ports.map((p) => [p.port_no, p.type, p.label, p.admin_state, p.oper_status])).toEqual([
        [NNI, 'ETHERNET_NNI', `nni-${NNI}`, 'ENABLED', 'ACTIVE'],
        [PON_BASE, 'PON_OLT', `pon-${PON_BASE}`, 'ENABLED', 'ACTIVE'],
        [PON_BASE + 1, 'PON_OLT', `pon-${PON_BASE + 1}`, 'ENABLED', 'ACTIVE'],
      ]);
      const mine = onus.filter((o) => o.parent_id === olt.id);
      expect(mine).toHaveLength(8);
      expect(ports[1]?.peers.map((p) => p.device_id).sort()).toEqual(mine.filter((o) => o.parent_port_no === PON_BASE).map((o) => o.id).sort());
    }

    const onu = onus.find((o) => o.serial_number === 'BBSM00000006');
    expect(onu).toMatchObject({
      type: 'brcm_openomci_onu',
      root: false,
      parent_id: olts[0]?.id,
      parent_port_no: PON_BASE + 1,
      vendor_id: 'BBSM',
      admin_state: 'ENABLED',
      oper_status: 'ACTIVE',
      connect_status: 'REACHABLE',
      reason: 'omci-flows-pushed',
      proxy_address: { device_id: olts[0]?.id, device_type: 'openolt', channel_id: 1, onu_id: 2 },
    });
    expect(onu?.address).toBeUndefined();
    const onuPorts = (await call('ListDevicePorts', { id: onu?.id ?? '' })).items;
    // UNI port number: pon << 12 | onu id << 4 | uni id
    const uniNo = (1 << 12) | (2 << 4);
    expect(onuPorts.map((p) => [p.port_no, p.type, p.oper_status])).toEqual([
      [PON_BASE + 1, 'PON_ONU', 'ACTIVE'],
      [uniNo, 'ETHERNET_UNI', 'ACTIVE'],
    ]);
    expect(onuPorts[0]?.peers).toEqual([{ device_id: olts[0]?.id, port_no: PON_BASE + 1 }]);
    expect(onuPorts[1]?.ofp_port?.name).toBe('BBSM00000006-1');

    const ld0 = olts[0]?.parent_id ?? '';
    const lports = (await call('ListLogicalDevicePorts', { id: ld0 })).items;
    expect(lports).toHaveLength(1 + 8);
    expect(lports.filter((p) => p.root_port).map((p) => [p.id, p.device_port_no])).toEqual([[`nni-${NNI}`, NNI]]);
    expect(lports.find((p) => p.device_id === onu?.id)).toMatchObject({ id: `uni-${uniNo}`, device_port_no: uniNo, root_port: false, ofp_port: { state: 4 } });

    const flows = (await call('ListLogicalDeviceFlows', { id: ld0 })).items;
    const fieldsOf = (f: (typeof flows)[number]) => Object.fromEntries((f.match?.oxm_fields ?? []).map((x) => [x.ofb_field?.type, x.ofb_field]));
    const lldp = flows.find((f) => fieldsOf(f)['OFPXMT_OFB_ETH_TYPE']?.eth_type === 0x88cc);
    expect(lldp).toMatchObject({ priority: 10000, table_id: 0 });
    expect(fieldsOf(lldp!)['OFPXMT_OFB_IN_PORT']?.port).toBe(NNI);
    expect(lldp?.instructions[0]?.actions?.actions[0]?.output?.port).toBe(0xfffffffd);
    expect(lldp?.id).toMatch(/^\d+$/);
    expect(lldp?.cookie).toMatch(/^\d+$/);
    const dhcp = flows.filter((f) => fieldsOf(f)['OFPXMT_OFB_UDP_SRC']?.udp_src === 67 && fieldsOf(f)['OFPXMT_OFB_UDP_DST']?.udp_dst === 68);
    expect(dhcp).toHaveLength(1);
    const eapol = flows.filter((f) => fieldsOf(f)['OFPXMT_OFB_ETH_TYPE']?.eth_type === 0x888e);
    expect(eapol).toHaveLength(8);
    expect(new Set(flows.map((f) => f.id)).size).toBe(flows.length);

    const adapters = (await call('ListAdapters', {})).items;
    expect(adapters.map((a) => [a.id, a.type, a.currentReplica, a.totalReplicas])).toEqual([
      ['openolt_1', 'openolt', 1, 1],
      ['brcm_openomci_onu_1', 'brcm_openomci_onu', 1, 1],
    ]);
    expect(adapters[0]?.endpoint).toMatch(/:50060$/);
    // the core JSON-encodes its build info into `version`
    const info = await call('GetVoltha', {});
    expect(JSON.parse(info.version)).toMatchObject({ version: expect.stringMatching(/^3\.\d+\.\d+-sim$/) });
  });

  it('is deterministic for a seed and different for another', async () => {
    const ids = async (seed: number) => {
      const { call } = await start({ olts: 1, pons: 1, onus: 3, seed });
      return (await call('ListDevices', {})).items.map((d) => `${d.serial_number}=${d.id}`);
    };
    const a = await ids(7);
    expect(await ids(7)).toEqual(a);
    expect(await ids(8)).not.toEqual(a);
  });

  it('can make 24-hex ids like older cores', async () => {
    const { call } = await start({ olts: 1, pons: 1, onus: 1, idFormat: 'hex24' });
    for (const d of (await call('ListDevices', {})).items) expect(d.id).toMatch(/^[0-9a-f]{24}$/);
  });
});

describe('VOLTHA simulator: pre-provisioning and enabling an OLT', () => {
  it('pre-provisions, enables, brings up ports and a logical device, then discovers and activates the ONUs', async () => {
    const { sim, call } = await start({ olts: 1, pons: 2, onus: 3, provisioned: false, stepMs: 40 });
    expect((await call('ListDevices', {})).items).toEqual([]);

    const created = await call('CreateDevice', { type: 'openolt', host_and_port: sim.oltAddresses[0] });
    expect(created.id).toMatch(UUID);
    expect(created).toMatchObject({
      type: 'openolt',
      root: true,
      host_and_port: sim.oltAddresses[0],
      address: 'host_and_port',
      admin_state: 'PREPROVISIONED',
      oper_status: 'UNKNOWN',
      connect_status: 'UNKNOWN',
      serial_number: '',
    });
    expect(await call('GetDevice', { id: created.id })).toEqual(created);
    expect((await call('ListDevicePorts', { id: created.id })).items).toEqual([]);

    await call('EnableDevice', { id: created.id });
    expect(state(await call('GetDevice', { id: created.id }))).toBe('ENABLED/ACTIVATING/UNKNOWN');

    const olt = await waitFor('OLT active', async () => {
      const d = await call('GetDevice', { id: created.id });
      return d.oper_status === 'ACTIVE' && d;
    });
    expect(olt).toMatchObject({ connect_status: 'REACHABLE', serial_number: 'BBSIMOLT000', vendor: 'BBSim', mac_address: '0a:0a:0a:0a:0a:00' });
    expect((await call('ListDevicePorts', { id: olt.id })).items.map((p) => p.port_no)).toEqual([NNI, PON_BASE, PON_BASE + 1]);
    const lds = (await call('ListLogicalDevices', {})).items;
    expect(lds.map((l) => [l.id, l.root_device_id])).toEqual([[olt.parent_id, olt.id]]);

    const first = await waitFor('first ONU', async () => (await devices(call)).onus[0]);
    const reasons = await watchReasons(call, first.id, (d) => d.reason === 'omci-flows-pushed');
    expect(inOrder(reasons, BRING_UP)).toBe(true);
    expect(reasons.length).toBeGreaterThanOrEqual(3);

    const onus = await waitFor('all ONUs active', async () => {
      const { onus } = await devices(call);
      return onus.length === 6 && onus.every((o) => o.oper_status === 'ACTIVE' && o.reason === 'omci-flows-pushed') && onus;
    });
    expect(onus.map((o) => o.serial_number).sort()).toEqual(['BBSM00000001', 'BBSM00000002', 'BBSM00000003', 'BBSM00000004', 'BBSM00000005', 'BBSM00000006']);
    expect(onus.every((o) => o.parent_id === olt.id && o.connect_status === 'REACHABLE')).toBe(true);
    expect((await call('ListLogicalDevicePorts', { id: olt.parent_id })).items).toHaveLength(1 + 6);

    const again = await grpcError(call('EnableDevice', { id: olt.id }));
    expect(again.code).toBe(grpc.status.FAILED_PRECONDITION);
    expect(again.details).toBe(`cannot-enable-an-already-enabled-device: ${olt.id}`);
  });

  it('answers CreateDevice errors like the core (plain errors → UNKNOWN)', async () => {
    const { sim, call } = await start({ olts: 1, pons: 1, onus: 1, provisioned: false });
    await call('CreateDevice', { type: 'openolt', host_and_port: sim.oltAddresses[0] });
    const dup = await grpcError(call('CreateDevice', { type: 'openolt', host_and_port: sim.oltAddresses[0] }));
    expect(dup.code).toBe(grpc.status.UNKNOWN);
    expect(dup.details).toBe('device is already pre-provisioned');
    const none = await grpcError(call('CreateDevice', { type: 'openolt' }));
    expect(none.code).toBe(grpc.status.UNKNOWN);
    expect(none.details).toBe('no-device-info-present; MAC or HOSTIP&PORT');
    expect((await call('ListDevices', {})).items).toHaveLength(1);

    const noAdapter = await call('CreateDevice', { type: 'adtran_olt', host_and_port: '10.0.0.9:830' });
    const err = await grpcError(call('EnableDevice', { id: noAdapter.id }));
    expect(err.code).toBe(grpc.status.UNKNOWN);
    expect(err.details).toBe('adapter-not-registered-for-device-type adtran_olt');
  });

  it('refuses invalid transitions on a pre-provisioned OLT with the current state in the message', async () => {
    const { sim, call } = await start({ olts: 1, pons: 1, onus: 1, provisioned: false });
    const d = await call('CreateDevice', { type: 'openolt', host_and_port: sim.oltAddresses[0] });
    const dis = await grpcError(call('DisableDevice', { id: d.id }));
    expect(dis.code).toBe(grpc.status.FAILED_PRECONDITION);
    expect(dis.details).toBe(`deviceId:${d.id}, invalid-admin-state:PREPROVISIONED`);
    const reb = await grpcError(call('RebootDevice', { id: d.id }));
    expect(reb.code).toBe(grpc.status.FAILED_PRECONDITION);
    expect(reb.details).toBe(`cannot complete operation as device :${d.id} is in operstatus:UNKNOWN ,connect-status:UNKNOWN`);
    // deleting a pre-provisioned OLT needs no adapter
    await call('DeleteDevice', { id: d.id });
    expect((await call('ListDevices', {})).items).toEqual([]);
  });

  it('an OLT at an address that does not answer ends up UNREACHABLE and FAILED, without ports or ONUs', async () => {
    const { call } = await start({ olts: 1, pons: 1, onus: 2, provisioned: false });
    const d = await call('CreateDevice', { type: 'openolt', host_and_port: 'olt-nowhere.example:9191' });
    await call('EnableDevice', { id: d.id });
    const failed = await waitFor('OLT failed', async () => {
      const x = await call('GetDevice', { id: d.id });
      return x.connect_status === 'UNREACHABLE' && x;
    });
    expect(state(failed)).toBe('ENABLED/FAILED/UNREACHABLE');
    expect((await call('ListDevicePorts', { id: d.id })).items).toEqual([]);
    expect((await devices(call)).onus).toEqual([]);
    expect((await call('ListLogicalDevices', {})).items).toEqual([]);
    // the core lets a FAILED device be enabled again (VOL-4275)
    await call('EnableDevice', { id: d.id });
  });
});

describe('VOLTHA simulator: ONU transitions', () => {
  it('disables, re-enables and reboots an ONU with the openonu-go reasons', async () => {
    const { call } = await start({ olts: 1, pons: 1, onus: 2, stepMs: 80 });
    const onu = (await devices(call)).onus[0]!;

    await call('DisableDevice', { id: onu.id });
    expect(state(await call('GetDevice', { id: onu.id }))).toBe('DISABLED/UNKNOWN/REACHABLE');
    const locked = await waitFor('omci-admin-lock', async () => {
      const d = await call('GetDevice', { id: onu.id });
      return d.reason === 'omci-admin-lock' && d;
    });
    expect(state(locked)).toBe('DISABLED/UNKNOWN/REACHABLE');
    expect((await call('ListDevicePorts', { id: onu.id })).items.find((p) => p.type === 'ETHERNET_UNI')?.oper_status).toBe('UNKNOWN');
    const olt = (await devices(call)).olts[0]!;
    const lport = (await call('ListLogicalDevicePorts', { id: olt.parent_id })).items.find((p) => p.device_id === onu.id);
    expect(lport?.ofp_port?.state).toBe(1); // OFPPS_LINK_DOWN
    // disabling a disabled device is a no-op success in the core
    await call('DisableDevice', { id: onu.id });
    expect((await call('GetDevice', { id: onu.id })).reason).toBe('omci-admin-lock');

    await call('EnableDevice', { id: onu.id });
    expect(state(await call('GetDevice', { id: onu.id }))).toBe('ENABLED/ACTIVATING/REACHABLE');
    const back = await waitFor('onu-reenabled', async () => {
      const d = await call('GetDevice', { id: onu.id });
      return d.reason === 'onu-reenabled' && d;
    });
    expect(state(back)).toBe('ENABLED/ACTIVE/REACHABLE');
    const twice = await grpcError(call('EnableDevice', { id: onu.id }));
    expect(twice.code).toBe(grpc.status.FAILED_PRECONDITION);
    expect(twice.details).toContain(onu.id);

    await call('RebootDevice', { id: onu.id });
    const seen: string[] = [];
    let wentDown = false;
    await waitFor('ONU back after reboot', async () => {
      const d = await call('GetDevice', { id: onu.id });
      if (seen.at(-1) !== d.reason) seen.push(d.reason);
      if (d.oper_status !== 'ACTIVE') wentDown = true;
      return wentDown && d.reason === 'omci-flows-pushed';
    }, 5_000, 2);
    expect(seen).toContain('rebooting');
    expect(seen.indexOf('rebooting')).toBeLessThan(seen.lastIndexOf('omci-flows-pushed'));
    expect(inOrder(seen.slice(seen.indexOf('stopping-openomci') + 1), BRING_UP)).toBe(true);
    expect(state(await call('GetDevice', { id: onu.id }))).toBe('ENABLED/ACTIVE/REACHABLE');
  });

  it('deletes an ONU, then the OLT with everything under it', async () => {
    const { call } = await start({ olts: 2, pons: 1, onus: 2 });
    const { olts, onus } = await devices(call);
    const onu = onus[0]!;
    await call('DeleteDevice', { id: onu.id });
    const gone = await grpcError(call('GetDevice', { id: onu.id }));
    expect(gone.code).toBe(grpc.status.NOT_FOUND);
    expect(gone.details).toBe(onu.id);
    const olt = olts.find((o) => o.id === onu.parent_id)!;
    const peers = (await call('ListDevicePorts', { id: olt.id })).items.flatMap((p) => p.peers.map((x) => x.device_id));
    expect(peers).not.toContain(onu.id);
    expect((await call('ListLogicalDevicePorts', { id: olt.parent_id })).items.map((p) => p.device_id)).not.toContain(onu.id);
    expect((await devices(call)).onus).toHaveLength(3);

    await call('DeleteDevice', { id: olt.id });
    const after = await devices(call);
    expect(after.olts.map((o) => o.id)).toEqual(olts.filter((o) => o.id !== olt.id).map((o) => o.id));
    expect(after.onus.every((o) => o.parent_id !== olt.id)).toBe(true);
    expect(after.onus).toHaveLength(2);
    expect((await call('ListLogicalDevices', {})).items.map((l) => l.root_device_id)).toEqual(after.olts.map((o) => o.id));
    expect((await grpcError(call('ListLogicalDevicePorts', { id: olt.parent_id }))).code).toBe(grpc.status.NOT_FOUND);
  });

  it('answers NOT_FOUND with the id, and INVALID_ARGUMENT for an empty id', async () => {
    const { call } = await start({ olts: 1, pons: 1, onus: 1 });
    const id = '00000000-0000-4000-8000-00000000beef';
    for (const m of ['GetDevice', 'EnableDevice', 'DisableDevice', 'RebootDevice', 'DeleteDevice', 'ListDevicePorts', 'ListLogicalDevicePorts', 'ListLogicalDeviceFlows'] as const) {
      const err = await grpcError(call(m, { id }));
      expect([m, err.code, err.details]).toEqual([m, grpc.status.NOT_FOUND, id]);
      const empty = await grpcError(call(m, { id: '' }));
      expect([m, empty.code]).toEqual([m, grpc.status.INVALID_ARGUMENT]);
    }
  });

  it('refuses to reboot an ONU whose OLT is unreachable, naming the parent state', async () => {
    const { sim, call } = await start({ olts: 1, pons: 1, onus: 1, deleteOnusOnOltLoss: false });
    const { olts, onus } = await devices(call);
    sim.setOltReachable(olts[0]!.id, false);
    const err = await grpcError(call('RebootDevice', { id: onus[0]!.id }));
    expect(err.code).toBe(grpc.status.FAILED_PRECONDITION);
    expect(err.details).toBe(`cannot complete operation as parent device :${olts[0]!.id} is in operstatus:UNKNOWN ,connect-status:UNREACHABLE`);
  });
});

describe('VOLTHA simulator: OLT transitions', () => {
  it('disabling an OLT takes its ONUs down; enabling brings them back', async () => {
    const { call } = await start({ olts: 1, pons: 2, onus: 2 });
    const olt = (await devices(call)).olts[0]!;
    await call('DisableDevice', { id: olt.id });
    expect(state(await call('GetDevice', { id: olt.id }))).toBe('DISABLED/UNKNOWN/REACHABLE');
    const down = await waitFor('ONUs down', async () => {
      const { onus } = await devices(call);
      return onus.every((o) => o.connect_status === 'UNREACHABLE') && onus;
    });
    expect(down.every((o) => o.admin_state === 'ENABLED' && o.oper_status === 'DISCOVERED' && o.reason === 'stopping-openomci')).toBe(true);
    expect((await call('ListDevicePorts', { id: olt.id })).items.filter((p) => p.type === 'PON_OLT').every((p) => p.oper_status === 'UNKNOWN')).toBe(true);
    // the logical device stays while the OLT is disabled
    expect((await call('ListLogicalDevices', {})).items).toHaveLength(1);

    await call('EnableDevice', { id: olt.id });
    await waitFor('ONUs back', async () => {
      const { olts, onus } = await devices(call);
      return olts[0]?.oper_status === 'ACTIVE' && onus.length === 4 && onus.every((o) => o.oper_status === 'ACTIVE' && o.reason === 'omci-flows-pushed');
    });
    expect((await devices(call)).onus.map((o) => o.id).sort()).toEqual(down.map((o) => o.id).sort());
  });

  it('rebooting an OLT drops it and its ONUs, then it comes back REBOOTED → ACTIVE and rediscovers them', async () => {
    const { call } = await start({ olts: 1, pons: 1, onus: 3, stepMs: 80 });
    const before = await devices(call);
    const olt = before.olts[0]!;
    await call('RebootDevice', { id: olt.id });
    const states = new Set<string>();
    await waitFor('OLT back with ONUs', async () => {
      const { olts, onus } = await devices(call);
      states.add(`${olts[0]?.oper_status}/${olts[0]?.connect_status}`);
      return states.has('UNKNOWN/UNREACHABLE') && onus.length === 3 && onus.every((o) => o.reason === 'omci-flows-pushed');
    }, 5_000, 5);
    expect(states).toContain('REBOOTED/REACHABLE');
    const after = await devices(call);
    expect(state(after.olts[0]!)).toBe('ENABLED/ACTIVE/REACHABLE');
    // same ONUs (serials), new VOLTHA devices (ids), like the core after child devices are deleted
    expect(after.onus.map((o) => o.serial_number).sort()).toEqual(before.onus.map((o) => o.serial_number).sort());
    expect(after.onus.some((o) => before.onus.some((b) => b.id === o.id))).toBe(false);
    expect(after.olts[0]?.parent_id).not.toBe(olt.parent_id);
  });
});

describe('VOLTHA simulator: fault injection', () => {
  it('an unreachable OLT: UNREACHABLE/UNKNOWN, its ONUs and logical device go; reachable again it recovers', async () => {
    const { sim, call } = await start({ olts: 2, pons: 1, onus: 2 });
    const before = await devices(call);
    const addr = sim.oltAddresses[1]!;
    const olt = before.olts.find((o) => o.host_and_port === addr)!;
    sim.setOltReachable(addr, false);

    const now = await devices(call);
    expect(state(now.olts.find((o) => o.id === olt.id)!)).toBe('ENABLED/UNKNOWN/UNREACHABLE');
    expect(now.olts.find((o) => o.id === olt.id)?.parent_id).toBe('');
    expect(now.onus.filter((o) => o.parent_id === olt.id)).toEqual([]);
    expect(now.onus).toHaveLength(2); // the other OLT is untouched
    expect((await call('ListLogicalDevices', {})).items.map((l) => l.root_device_id)).toEqual([before.olts.find((o) => o.id !== olt.id)?.id]);
    expect((await call('ListDevicePorts', { id: olt.id })).items.every((p) => p.oper_status === 'UNKNOWN')).toBe(true);
    const reb = await grpcError(call('RebootDevice', { id: olt.id }));
    expect(reb.code).toBe(grpc.status.FAILED_PRECONDITION);
    expect(reb.details).toContain('connect-status:UNREACHABLE');

    sim.setOltReachable(olt.id, true); // by device id works too
    const back = await waitFor('OLT and ONUs back', async () => {
      const { olts, onus } = await devices(call);
      const mine = onus.filter((o) => o.parent_id === olt.id);
      return olts.find((o) => o.id === olt.id)?.oper_status === 'ACTIVE' && mine.length === 2 && mine.every((o) => o.oper_status === 'ACTIVE') && mine;
    });
    expect(back.map((o) => o.serial_number).sort()).toEqual(before.onus.filter((o) => o.parent_id === olt.id).map((o) => o.serial_number).sort());
    expect((await call('ListLogicalDevices', {})).items).toHaveLength(2);
    expect(() => sim.setOltReachable('not-an-olt:1', false)).toThrow(/not a simulated OLT/);
  });

  it('with deleteOnusOnOltLoss false the ONUs stay, down, and come back up with the OLT', async () => {
    const { sim, call } = await start({ olts: 1, pons: 1, onus: 2, deleteOnusOnOltLoss: false });
    const before = await devices(call);
    sim.setOltReachable(sim.oltAddresses[0]!, false);
    const down = (await devices(call)).onus;
    expect(down.map((o) => o.id)).toEqual(before.onus.map((o) => o.id));
    expect(down.every((o) => state(o) === 'ENABLED/DISCOVERED/UNREACHABLE' && o.reason === 'stopping-openomci')).toBe(true);
    sim.setOltReachable(sim.oltAddresses[0]!, true);
    await waitFor('ONUs up', async () => (await devices(call)).onus.every((o) => state(o) === 'ENABLED/ACTIVE/REACHABLE' && o.reason === 'omci-flows-pushed'));
  });

  it('flaps the requested number of ONUs until told to stop', async () => {
    const { sim, call } = await start({ olts: 1, pons: 2, onus: 4, stepMs: 10 });
    sim.flapOnus(3, { periodMs: 120 });
    const downIds = new Set<string>();
    const deadline = Date.now() + 1_200;
    while (Date.now() < deadline) {
      for (const o of (await devices(call)).onus) {
        if (o.oper_status !== 'ACTIVE') {
          downIds.add(o.id);
          expect(['stopping-openomci', 'starting-openomci', 'discovery-mibsync-complete']).toContain(o.reason);
        }
      }
      await new Promise((r) => setTimeout(r, 5));
    }
    expect(downIds.size).toBe(3);
    sim.stopFlapping();
    await waitFor('all ONUs settled', async () => (await devices(call)).onus.every((o) => o.oper_status === 'ACTIVE' && o.reason === 'omci-flows-pushed'));
    await new Promise((r) => setTimeout(r, 300));
    expect((await devices(call)).onus.every((o) => o.oper_status === 'ACTIVE' && o.connect_status === 'REACHABLE')).toBe(true);
  });

  it('answers slowly when told to, so client deadlines fire', async () => {
    const { sim, call } = await start({ olts: 1, pons: 1, onus: 1 });
    sim.setLatency(300);
    const t0 = Date.now();
    await call('GetVoltha', {});
    expect(Date.now() - t0).toBeGreaterThanOrEqual(280);
    const late = await grpcError(call('ListDevices', {}, 100));
    expect(late.code).toBe(grpc.status.DEADLINE_EXCEEDED);
    sim.setLatency(0);
    const t1 = Date.now();
    await call('GetVoltha', {});
    expect(Date.now() - t1).toBeLessThan(250);
  });

  it('stop() ends calls still waiting out the latency and shuts the server', async () => {
    const { sim, call } = await start({ olts: 1, pons: 1, onus: 1 });
    sim.setLatency(10_000);
    const pending = grpcError(call('ListDevices', {}, 20_000));
    await new Promise((r) => setTimeout(r, 50));
    const t0 = Date.now();
    await sim.stop();
    expect(Date.now() - t0).toBeLessThan(2_000);
    expect((await pending).code).toBe(grpc.status.UNAVAILABLE);
    const after = await grpcError(call('GetVoltha', {}, 2_000));
    expect([grpc.status.UNAVAILABLE, grpc.status.DEADLINE_EXCEEDED]).toContain(after.code);
  });
});

describe('VOLTHA simulator: scale', () => {
  it('serves 16 OLTs × 16 PONs × 64 ONUs (16,384 ONUs) in one ListDevices above 4 MiB', async () => {
    const { call, client } = await start({ olts: 16, pons: 16, onus: 64 }, 256 * 1024 * 1024);
    const t0 = performance.now();
    const { items } = await call('ListDevices', {}, 60_000);
    const ms = performance.now() - t0;
    expect(items.filter((d) => d.root)).toHaveLength(16);
    const onus = items.filter((d) => !d.root);
    expect(onus).toHaveLength(16_384);
    const serials = new Set(onus.map((o) => o.serial_number));
    expect(serials.size).toBe(16_384);
    expect(serials.has('BBSM00016384')).toBe(true);
    expect(onus.every((o) => o.oper_status === 'ACTIVE')).toBe(true);
    // a second call reuses the encodings
    const t1 = performance.now();
    expect((await call('ListDevices', {}, 60_000)).items).toHaveLength(16_400);
    console.info(`ListDevices 16,400 devices: first ${ms.toFixed(0)} ms, second ${(performance.now() - t1).toFixed(0)} ms`);
    client.close();

    // with gRPC's default 4 MiB receive limit the same reply does not fit
    const { Client } = loadVolthaProtos();
    const small = new Client(sims.at(-1)!.address, grpc.credentials.createInsecure());
    clients.push(small);
    const tooBig = await grpcError(caller(small)('ListDevices', {}, 60_000));
    expect(tooBig.code).toBe(grpc.status.RESOURCE_EXHAUSTED);
  });
});
