// The simulated VOLTHA stack behind the gRPC server: the core's device model (devices, ports,
// logical devices) plus what the openolt / openonu-go adapters and BBSim do to it over time.
//
// Physical plant: `olts` BBSim OLTs, each answering at one host_and_port, with `pons` PON ports
// and `onus` ONUs per PON. VOLTHA devices exist only for what was pre-provisioned (OLTs) or
// discovered (ONUs), exactly as in the core. State changes the adapters make asynchronously are
// driven by unref'd timers, one step (`stepMs`) apart.
//
// Behaviour, with where it comes from (public VOLTHA code):
//   - CreateDevice (rw_core device/manager_nbi.go): needs host_and_port or mac_address, else
//     UNKNOWN "no-device-info-present; MAC or HOSTIP&PORT"; a root device with the same
//     host_and_port or MAC → UNKNOWN "device is already pre-provisioned" (plain Go errors, so
//     gRPC code UNKNOWN). The device is stored as sent with a new id, root=true, PREPROVISIONED.
//   - EnableDevice (device/agent.go enableDevice): ENABLED and not FAILED → FAILED_PRECONDITION
//     "cannot-enable-an-already-enabled-device: <id>"; no adapter for the type → UNKNOWN
//     "adapter-not-registered-for-device-type <type>"; else admin ENABLED, oper ACTIVATING, then
//     the adapter adopts (PREPROVISIONED) or re-enables (DISABLED) it.
//   - DisableDevice: DISABLED → success, nothing changes; PREPROVISIONED → FAILED_PRECONDITION
//     "deviceId:<id>, invalid-admin-state:PREPROVISIONED"; else admin DISABLED, oper UNKNOWN.
//   - RebootDevice: the parent (for an ONU) and the device must be REACHABLE, else
//     FAILED_PRECONDITION "cannot complete operation as [parent ]device :<id> is in
//     operstatus:<X> ,connect-status:<Y>".
//   - Unknown id → NOT_FOUND with the id as message; an empty id → INVALID_ARGUMENT "deviceId empty"
//     (the core's loadDevice wording; its NBI happens to fold that into NOT_FOUND).
//   - OLT lost (heartbeat failure, reboot): connect UNREACHABLE, oper UNKNOWN; the core's state
//     transitions then delete the OLT's child devices and its logical device (state/transitions.go);
//     when it is back the logical device is recreated and the ONUs are discovered again (new ids).
//     `deleteOnusOnOltLoss: false` keeps the ONUs instead (pre-2.8 behaviour: they go down).
//   - ONU states and reasons: openonu-go device_handler.go (createInterface, updateInterface,
//     processUniDisable/EnableStateDoneEvent, rebootDevice) and DeviceReasonMap.
import * as grpc from '@grpc/grpc-js';
import type { LogicalDevice, LogicalPort, OfpFlowStats, ProtoInput, VolthaDevice, VolthaPort } from '../protoTypes';
import { SeededRandom, makeIdFactory, type IdFormat } from './random';
import {
  OLT_DEVICE_TYPE,
  ONU_DEVICE_TYPE,
  ONU_REASON,
  OPENOLT_ENDPOINT,
  OPENONU_ENDPOINT,
  REGISTERED_DEVICE_TYPES,
  datapathIdFromMac,
  logicalDevice,
  nniLogicalPort,
  nniTrapFlows,
  oltMac,
  oltNniPort,
  oltPonPort,
  onuPonPort,
  onuUniPort,
  ponPortNo,
  uniLogicalPort,
  uniPortNo,
  uniTrapFlows,
} from './wire';

/** An error the gRPC layer turns into a status (code + details), as the core answers it. */
export class SimRpcError extends Error {
  constructor(
    readonly code: grpc.status,
    readonly details: string,
  ) {
    super(details);
  }
}

export interface SimStateOptions {
  olts: number;
  pons: number;
  onus: number;
  unis: number;
  provisioned: boolean;
  serialPrefix: string;
  stepMs: number;
  seed: number;
  idFormat: IdFormat;
  deleteOnusOnOltLoss: boolean;
  oltAddress: (index: number) => string;
}

interface PhysicalOnu {
  /** 1-based over the whole plant: the number in the serial. */
  readonly globalNo: number;
  readonly serial: string;
  readonly ponIndex: number;
  /** BBSim ONU ids start at 1 on every PON. */
  readonly onuId: number;
  /** Index within its OLT. */
  readonly slot: number;
}

interface PhysicalOlt {
  readonly index: number;
  readonly address: string;
  readonly serial: string;
  readonly mac: string;
  readonly pons: number;
  readonly onus: readonly PhysicalOnu[];
  reachable: boolean;
}

interface OltRecord {
  readonly kind: 'olt';
  readonly dev: VolthaDevice;
  /** Device info fetched and ports created (the adapter reached the OLT at least once). */
  adopted: boolean;
  /** The physical OLT it was adopted at (fixed once adopted). */
  phys: PhysicalOlt | undefined;
  logical: { ld: LogicalDevice; createdAtMs: number } | undefined;
  readonly onus: Map<number, OnuRecord>;
  timer: NodeJS.Timeout | undefined;
  gen: number;
  /** Bumped whenever in-flight ONU discoveries must be abandoned (OLT down, disabled, deleted). */
  epoch: number;
}

interface OnuRecord {
  readonly kind: 'onu';
  readonly dev: VolthaDevice;
  readonly olt: OltRecord;
  readonly phys: PhysicalOnu;
  /** UNI ports exist once the MIB was synchronised. */
  unisCreated: boolean;
  /** The UNIs' logical ports exist on the OLT's logical device since (ms), once the ONU was ACTIVE. */
  logicalSinceMs: number | undefined;
  timer: NodeJS.Timeout | undefined;
  gen: number;
  flapTimer: NodeJS.Timeout | undefined;
  /** Flapping: the ONU is off the PON right now (no light), so nothing brings it up. */
  los: boolean;
}

type DeviceRecord = OltRecord | OnuRecord;

/**
 * The device fields the simulator changes after a device exists, joined: the rest (id, type,
 * addresses, proxy address, vlan …) are fixed at creation, so an equal fingerprint means an
 * equal encoding and ListDevices can reuse it.
 */
export function deviceFingerprint(d: VolthaDevice): string {
  return `${d.admin_state}|${d.oper_status}|${d.connect_status}|${d.reason}|${d.parent_id}|${d.serial_number}|${d.mac_address}|${d.vendor}|${d.model}|${d.hardware_version}|${d.firmware_version}|${d.adapter_endpoint}`;
}

type Step = () => void | false;

export class SimState {
  private readonly devices = new Map<string, DeviceRecord>();
  private readonly logicalDevices = new Map<string, OltRecord>();
  private readonly physByAddress = new Map<string, PhysicalOlt>();
  readonly physOlts: PhysicalOlt[] = [];
  private readonly flapping = new Map<string, { onu: OnuRecord; periodMs: number }>();
  private readonly timers = new Set<NodeJS.Timeout>();
  private readonly newId: () => string;
  private readonly jitter: SeededRandom;
  private readonly picker: SeededRandom;
  private stopped = false;

  constructor(private readonly opts: SimStateOptions) {
    this.newId = makeIdFactory(new SeededRandom(opts.seed), opts.idFormat);
    this.jitter = new SeededRandom(opts.seed ^ 0x5bd1e995);
    this.picker = new SeededRandom(opts.seed ^ 0x27d4eb2f);
    let globalNo = 0;
    for (let o = 0; o < opts.olts; o++) {
      const onus: PhysicalOnu[] = [];
      for (let p = 0; p < opts.pons; p++) {
        for (let n = 0; n < opts.onus; n++) {
          globalNo++;
          onus.push({
            globalNo,
            serial: `${opts.serialPrefix}${String(globalNo).padStart(8, '0')}`,
            ponIndex: p,
            onuId: n + 1,
            slot: onus.length,
          });
        }
      }
      const phys: PhysicalOlt = {
        index: o,
        address: opts.oltAddress(o),
        serial: `BBSIMOLT${String(o).padStart(3, '0')}`,
        mac: oltMac(o),
        pons: opts.pons,
        onus,
        reachable: true,
      };
      this.physOlts.push(phys);
      this.physByAddress.set(phys.address, phys);
    }
    if (opts.provisioned) for (const phys of this.physOlts) this.provisionActive(phys);
  }

  // ---- time -------------------------------------------------------------------------------

  private after(ms: number, fn: () => void): NodeJS.Timeout {
    const t = setTimeout(() => {
      this.timers.delete(t);
      if (!this.stopped) fn();
    }, ms);
    t.unref();
    this.timers.add(t);
    return t;
  }

  private clear(t: NodeJS.Timeout | undefined): void {
    if (!t) return;
    clearTimeout(t);
    this.timers.delete(t);
  }

  /** Runs `steps` one step apart (the first after `firstDelayMs`); a newer run on the record cancels this one. */
  private run(rec: DeviceRecord, steps: Step[], firstDelayMs = this.opts.stepMs): void {
    this.cancel(rec);
    const gen = ++rec.gen;
    let i = 0;
    const next = (): void => {
      rec.timer = undefined;
      if (rec.gen !== gen || this.devices.get(rec.dev.id) !== rec) return;
      const step = steps[i++];
      if (!step || step() === false) return;
      if (i < steps.length && rec.gen === gen) rec.timer = this.after(this.opts.stepMs, next);
    };
    if (steps.length > 0) rec.timer = this.after(firstDelayMs, next);
  }

  private cancel(rec: DeviceRecord): void {
    rec.gen++;
    this.clear(rec.timer);
    rec.timer = undefined;
  }

  /** Stops every timer; the state stays readable. */
  stop(): void {
    this.stopped = true;
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
  }

  private discoveryDelay(): number {
    return Math.round(this.opts.stepMs * (1 + this.jitter.float() * 2));
  }

  // ---- records ------------------------------------------------------------------------------

  private baseDevice(id: string): VolthaDevice {
    return {
      id,
      type: '',
      root: false,
      parent_id: '',
      parent_port_no: 0,
      vendor: '',
      model: '',
      hardware_version: '',
      firmware_version: '',
      images: null,
      serial_number: '',
      vendor_id: '',
      adapter_endpoint: '',
      vlan: 0,
      mac_address: '',
      extra_args: '',
      proxy_address: null,
      admin_state: 'UNKNOWN',
      oper_status: 'UNKNOWN',
      reason: '',
      connect_status: 'UNKNOWN',
    };
  }

  private newOltRecord(dev: VolthaDevice): OltRecord {
    const rec: OltRecord = { kind: 'olt', dev, adopted: false, phys: undefined, logical: undefined, onus: new Map(), timer: undefined, gen: 0, epoch: 0 };
    this.devices.set(dev.id, rec);
    return rec;
  }

  /** What the openolt adapter copies from the OLT's GetDeviceInfo. */
  private applyDeviceInfo(olt: OltRecord, phys: PhysicalOlt): void {
    olt.phys = phys;
    olt.adopted = true;
    Object.assign(olt.dev, {
      vendor: 'BBSim',
      model: 'asfvolt16',
      hardware_version: 'emulated',
      firmware_version: '',
      serial_number: phys.serial,
      mac_address: phys.mac,
      adapter_endpoint: olt.dev.adapter_endpoint || OPENOLT_ENDPOINT,
    });
  }

  private ensureLogical(olt: OltRecord): void {
    if (olt.logical || !olt.phys) return;
    const id = this.newId();
    olt.logical = { ld: logicalDevice(id, datapathIdFromMac(olt.phys.mac), olt.phys.serial, olt.dev.id), createdAtMs: Date.now() };
    this.logicalDevices.set(id, olt);
    olt.dev.parent_id = id; // a root device's parent is its logical device
  }

  private removeLogical(olt: OltRecord): void {
    if (!olt.logical) return;
    this.logicalDevices.delete(olt.logical.ld.id);
    olt.logical = undefined;
    olt.dev.parent_id = '';
    for (const onu of olt.onus.values()) onu.logicalSinceMs = undefined;
  }

  private newOnuRecord(olt: OltRecord, phys: PhysicalOnu): OnuRecord {
    const id = this.newId();
    const parentPortNo = ponPortNo(phys.ponIndex);
    const dev: VolthaDevice = {
      ...this.baseDevice(id),
      type: ONU_DEVICE_TYPE,
      root: false,
      parent_id: olt.dev.id,
      parent_port_no: parentPortNo,
      // openonu-go doStateInit
      vendor: 'OpenONU',
      model: 'go',
      serial_number: phys.serial,
      vendor_id: phys.serial.slice(0, 4),
      adapter_endpoint: OPENONU_ENDPOINT,
      // the core sets a child's vlan to its proxy address' channel id
      vlan: phys.ponIndex,
      proxy_address: {
        device_id: olt.dev.id,
        device_type: olt.dev.type,
        channel_id: phys.ponIndex,
        channel_group_id: 0,
        channel_termination: '',
        onu_id: phys.onuId,
        onu_session_id: 0,
        adapter_endpoint: OPENOLT_ENDPOINT,
      },
      admin_state: 'ENABLED',
      // openolt onuDiscIndication → ChildDeviceDetected, then DeviceStateUpdate(REACHABLE, DISCOVERED)
      oper_status: 'DISCOVERED',
      connect_status: 'REACHABLE',
      reason: ONU_REASON.activatingOnu,
    };
    const rec: OnuRecord = { kind: 'onu', dev, olt, phys, unisCreated: false, logicalSinceMs: undefined, timer: undefined, gen: 0, flapTimer: undefined, los: false };
    this.devices.set(id, rec);
    olt.onus.set(phys.slot, rec);
    return rec;
  }

  /** provisioned: an OLT that was pre-provisioned, enabled and came up with all its ONUs active. */
  private provisionActive(phys: PhysicalOlt): void {
    const olt = this.newOltRecord({
      ...this.baseDevice(this.newId()),
      type: OLT_DEVICE_TYPE,
      root: true,
      host_and_port: phys.address,
      admin_state: 'ENABLED',
      oper_status: 'ACTIVE',
      connect_status: 'REACHABLE',
      adapter_endpoint: OPENOLT_ENDPOINT,
    });
    this.applyDeviceInfo(olt, phys);
    this.ensureLogical(olt);
    const now = Date.now();
    for (const p of phys.onus) {
      const onu = this.newOnuRecord(olt, p);
      Object.assign(onu.dev, { oper_status: 'ACTIVE', reason: ONU_REASON.omciFlowsPushed });
      onu.unisCreated = true;
      onu.logicalSinceMs = now;
    }
  }

  // ---- lookups ------------------------------------------------------------------------------

  private requireDevice(id: string): DeviceRecord {
    if (!id) throw new SimRpcError(grpc.status.INVALID_ARGUMENT, 'deviceId empty');
    const rec = this.devices.get(id);
    if (!rec) throw new SimRpcError(grpc.status.NOT_FOUND, id);
    return rec;
  }

  private requireLogical(id: string): OltRecord {
    if (!id) throw new SimRpcError(grpc.status.INVALID_ARGUMENT, 'logicalDeviceId empty');
    const olt = this.logicalDevices.get(id);
    if (!olt?.logical) throw new SimRpcError(grpc.status.NOT_FOUND, id);
    return olt;
  }

  private oltAt(address: string): OltRecord | undefined {
    for (const rec of this.devices.values()) {
      if (rec.kind === 'olt' && rec.dev.host_and_port === address) return rec;
    }
    return undefined;
  }

  /** The physical OLT a root device's address leads to, if it is a simulated, reachable openolt. */
  private reachablePhys(olt: OltRecord): PhysicalOlt | undefined {
    if (olt.dev.type !== OLT_DEVICE_TYPE) return undefined;
    const phys = olt.phys ?? (olt.dev.host_and_port ? this.physByAddress.get(olt.dev.host_and_port) : undefined);
    return phys?.reachable ? phys : undefined;
  }

  // ---- reads --------------------------------------------------------------------------------

  listDevices(): VolthaDevice[] {
    const out: VolthaDevice[] = new Array(this.devices.size);
    let i = 0;
    for (const rec of this.devices.values()) out[i++] = rec.dev;
    return out;
  }

  getDevice(id: string): VolthaDevice {
    return this.requireDevice(id).dev;
  }

  listDevicePorts(id: string): VolthaPort[] {
    const rec = this.requireDevice(id);
    return rec.kind === 'olt' ? this.oltPorts(rec) : this.onuPorts(rec);
  }

  private oltPorts(olt: OltRecord): VolthaPort[] {
    if (!olt.adopted || !olt.phys) return [];
    const d = olt.dev;
    const reachable = d.connect_status === 'REACHABLE';
    const up = reachable && d.admin_state === 'ENABLED' && (d.oper_status === 'ACTIVE' || d.oper_status === 'ACTIVATING');
    const nni = oltNniPort(d.id, olt.phys.mac);
    nni.oper_status = reachable && d.oper_status !== 'REBOOTED' ? 'ACTIVE' : 'UNKNOWN';
    if (nni.ofp_port) nni.ofp_port.state = nni.oper_status === 'ACTIVE' ? 4 : 1;
    const pons: VolthaPort[] = [];
    for (let p = 0; p < olt.phys.pons; p++) {
      const pon = oltPonPort(d.id, p);
      pon.oper_status = up ? 'ACTIVE' : 'UNKNOWN';
      pons.push(pon);
    }
    for (const onu of olt.onus.values()) {
      pons[onu.phys.ponIndex]?.peers.push({ device_id: onu.dev.id, port_no: ponPortNo(onu.phys.ponIndex) });
    }
    return [nni, ...pons];
  }

  private onuLive(onu: OnuRecord): boolean {
    const d = onu.dev;
    return d.admin_state === 'ENABLED' && d.oper_status === 'ACTIVE' && d.connect_status === 'REACHABLE';
  }

  private onuUnis(onu: OnuRecord): VolthaPort[] {
    if (!onu.unisCreated) return [];
    const live = this.onuLive(onu);
    const unis: VolthaPort[] = [];
    for (let u = 0; u < this.opts.unis; u++) {
      unis.push(onuUniPort(onu.dev.id, uniPortNo(onu.phys.ponIndex, onu.phys.onuId, u), onu.phys.serial, u, live));
    }
    return unis;
  }

  private onuPorts(onu: OnuRecord): VolthaPort[] {
    const pon = onuPonPort(onu.dev.id, onu.olt.dev.id, onu.dev.parent_port_no);
    pon.oper_status = onu.dev.connect_status === 'REACHABLE' ? 'ACTIVE' : 'UNKNOWN';
    return [pon, ...this.onuUnis(onu)];
  }

  listLogicalDevices(): LogicalDevice[] {
    const out: LogicalDevice[] = [];
    for (const olt of this.logicalDevices.values()) if (olt.logical) out.push(olt.logical.ld);
    return out;
  }

  listLogicalDevicePorts(id: string): LogicalPort[] {
    const olt = this.requireLogical(id);
    const phys = olt.phys;
    const ports: LogicalPort[] = [];
    if (phys) ports.push(nniLogicalPort(olt.dev.id, phys.mac, olt.dev.connect_status === 'REACHABLE'));
    for (const onu of olt.onus.values()) {
      if (onu.logicalSinceMs === undefined) continue;
      const live = this.onuLive(onu);
      for (const uni of this.onuUnis(onu)) ports.push(uniLogicalPort(onu.dev.id, uni, live));
    }
    return ports;
  }

  listLogicalDeviceFlows(id: string): ProtoInput<OfpFlowStats>[] {
    const olt = this.requireLogical(id);
    const logical = olt.logical;
    if (!logical) return [];
    const now = Date.now();
    const flows = nniTrapFlows(logical.ld.id, logical.createdAtMs, now);
    for (const onu of olt.onus.values()) {
      if (onu.logicalSinceMs === undefined) continue;
      const pushed = onu.dev.reason === ONU_REASON.omciFlowsPushed;
      for (let u = 0; u < this.opts.unis; u++) {
        flows.push(...uniTrapFlows(logical.ld.id, uniPortNo(onu.phys.ponIndex, onu.phys.onuId, u), pushed, onu.logicalSinceMs, now));
      }
    }
    return flows;
  }

  // ---- CreateDevice -------------------------------------------------------------------------

  createDevice(req: VolthaDevice): VolthaDevice {
    const hostAndPort = req.host_and_port ?? '';
    if (!req.mac_address && !hostAndPort) {
      throw new SimRpcError(grpc.status.UNKNOWN, 'no-device-info-present; MAC or HOSTIP&PORT');
    }
    for (const rec of this.devices.values()) {
      if (!rec.dev.root) continue;
      if ((hostAndPort && rec.dev.host_and_port === hostAndPort) || (req.mac_address && rec.dev.mac_address === req.mac_address)) {
        throw new SimRpcError(grpc.status.UNKNOWN, 'device is already pre-provisioned');
      }
    }
    // The core stores the device as sent, with a new id, root=true and PREPROVISIONED.
    const dev: VolthaDevice = {
      ...this.baseDevice(this.newId()),
      type: req.type,
      root: true,
      parent_id: req.parent_id,
      parent_port_no: req.parent_port_no,
      vendor: req.vendor,
      model: req.model,
      hardware_version: req.hardware_version,
      firmware_version: req.firmware_version,
      images: req.images,
      serial_number: req.serial_number,
      vendor_id: req.vendor_id,
      adapter_endpoint: req.adapter_endpoint,
      vlan: req.vlan,
      mac_address: req.mac_address,
      extra_args: req.extra_args,
      proxy_address: req.proxy_address,
      admin_state: 'PREPROVISIONED',
      oper_status: req.oper_status,
      reason: req.reason,
      connect_status: req.connect_status,
    };
    if (req.host_and_port !== undefined) dev.host_and_port = req.host_and_port;
    else if (req.ipv4_address !== undefined) dev.ipv4_address = req.ipv4_address;
    else if (req.ipv6_address !== undefined) dev.ipv6_address = req.ipv6_address;
    return this.newOltRecord(dev).dev;
  }

  // ---- EnableDevice -------------------------------------------------------------------------

  enableDevice(id: string): void {
    const rec = this.requireDevice(id);
    const d = rec.dev;
    if (d.admin_state === 'ENABLED' && d.oper_status !== 'FAILED') {
      throw new SimRpcError(grpc.status.FAILED_PRECONDITION, `cannot-enable-an-already-enabled-device: ${d.id}`);
    }
    if (!REGISTERED_DEVICE_TYPES.has(d.type)) {
      throw new SimRpcError(grpc.status.UNKNOWN, `adapter-not-registered-for-device-type ${d.type}`);
    }
    if (rec.kind === 'olt') this.enableOlt(rec);
    else this.enableOnu(rec);
  }

  private enableOlt(olt: OltRecord): void {
    const d = olt.dev;
    const wasDisabled = d.admin_state === 'DISABLED';
    d.admin_state = 'ENABLED';
    d.oper_status = 'ACTIVATING';
    if (!d.adapter_endpoint) d.adapter_endpoint = OPENOLT_ENDPOINT;
    if (wasDisabled && olt.adopted && d.connect_status === 'REACHABLE') {
      // openolt ReEnableDevice: ReenableOlt, ports up, device ACTIVE; then the ONUs come back
      this.run(olt, [() => this.oltActive(olt)]);
    } else {
      this.adopt(olt, false);
    }
  }

  /**
   * The adapter (re)connects to the OLT: on success REACHABLE with its device info and ports,
   * then ACTIVE with a logical device and ONU discovery; if it cannot be reached, UNREACHABLE
   * (and FAILED when it was never adopted).
   */
  private adopt(olt: OltRecord, rebooted: boolean): void {
    this.run(olt, this.adoptSteps(olt, rebooted));
  }

  private adoptSteps(olt: OltRecord, rebooted: boolean): Step[] {
    return [
      () => {
        const d = olt.dev;
        const phys = this.reachablePhys(olt);
        if (!phys) {
          if (d.connect_status === 'UNKNOWN') d.oper_status = 'FAILED';
          d.connect_status = 'UNREACHABLE';
          return false;
        }
        d.connect_status = 'REACHABLE';
        this.applyDeviceInfo(olt, phys);
        if (rebooted) d.oper_status = 'REBOOTED';
        else if (d.admin_state === 'ENABLED') d.oper_status = 'ACTIVATING';
      },
      () => {
        if (olt.dev.admin_state === 'ENABLED') this.oltActive(olt);
        else {
          // a disabled OLT that is back: the core recreates its logical device, nothing else comes up
          olt.dev.oper_status = 'UNKNOWN';
          this.ensureLogical(olt);
        }
      },
    ];
  }

  /** OLT up: ACTIVE, logical device, then its ONUs come up or are discovered (a few steps, with jitter). */
  private oltActive(olt: OltRecord): void {
    const d = olt.dev;
    if (d.admin_state !== 'ENABLED' || d.connect_status !== 'REACHABLE' || !olt.phys) return;
    d.oper_status = 'ACTIVE';
    this.ensureLogical(olt);
    const epoch = ++olt.epoch;
    for (const phys of olt.phys.onus) {
      const existing = olt.onus.get(phys.slot);
      if (existing) {
        if (!existing.los && (existing.dev.connect_status !== 'REACHABLE' || existing.dev.oper_status !== 'ACTIVE')) {
          this.run(existing, this.onuBringUpSteps(existing), this.discoveryDelay());
        }
        continue;
      }
      this.after(this.discoveryDelay(), () => {
        if (olt.epoch !== epoch || this.devices.get(d.id) !== olt || olt.onus.has(phys.slot)) return;
        if (d.admin_state !== 'ENABLED' || d.connect_status !== 'REACHABLE') return;
        const onu = this.newOnuRecord(olt, phys);
        this.run(onu, this.onuBringUpSteps(onu));
      });
    }
  }

  /** OLT lost (heartbeat failure or reboot): UNREACHABLE; the core drops its logical device and children. */
  private oltLost(olt: OltRecord): void {
    olt.epoch++;
    olt.dev.connect_status = 'UNREACHABLE';
    olt.dev.oper_status = 'UNKNOWN';
    this.removeLogical(olt);
    for (const onu of [...olt.onus.values()]) {
      if (this.opts.deleteOnusOnOltLoss) this.removeOnu(onu);
      else this.onuDown(onu);
    }
  }

  private enableOnu(onu: OnuRecord): void {
    const d = onu.dev;
    d.admin_state = 'ENABLED';
    d.oper_status = 'ACTIVATING';
    if (!this.oltUp(onu.olt) || onu.los) return; // comes up with its OLT, or when its light is back
    if (d.connect_status !== 'REACHABLE') {
      this.run(onu, this.onuBringUpSteps(onu));
      return;
    }
    // openonu-go processUniEnableStateDoneEvent
    this.run(onu, [
      () => {
        d.connect_status = 'REACHABLE';
        d.oper_status = 'ACTIVE';
        d.reason = ONU_REASON.onuReenabled;
        onu.unisCreated = true;
        if (onu.logicalSinceMs === undefined && onu.olt.logical) onu.logicalSinceMs = Date.now();
      },
    ]);
  }

  private oltUp(olt: OltRecord): boolean {
    const d = olt.dev;
    return d.admin_state === 'ENABLED' && d.oper_status === 'ACTIVE' && d.connect_status === 'REACHABLE';
  }

  // ---- ONU state sequences (openonu-go) -------------------------------------------------------

  /** ONU indication up: createInterface … MIB sync, MIB download (ACTIVE), tech profile, flows. */
  private onuBringUpSteps(onu: OnuRecord): Step[] {
    const d = onu.dev;
    return [
      () => {
        d.connect_status = 'REACHABLE';
        d.oper_status = 'ACTIVATING';
        d.reason = ONU_REASON.startingOpenomci;
      },
      () => {
        d.reason = ONU_REASON.discoveryMibsyncComplete;
        onu.unisCreated = true;
      },
      () => {
        if (d.admin_state !== 'ENABLED') {
          // UNIs stay locked (processUniDisableStateDoneEvent)
          d.oper_status = 'UNKNOWN';
          d.reason = ONU_REASON.omciAdminLock;
          return false;
        }
        d.oper_status = 'ACTIVE';
        d.reason = ONU_REASON.initialMibDownloaded;
        if (onu.logicalSinceMs === undefined && onu.olt.logical) onu.logicalSinceMs = Date.now();
      },
      () => {
        d.reason = ONU_REASON.techProfileConfigDownloadSuccess;
      },
      () => {
        d.reason = ONU_REASON.omciFlowsPushed;
      },
    ];
  }

  /** ONU indication down (LOS, OLT down): updateInterface → stopping-openomci, UNREACHABLE, DISCOVERED. */
  private onuDown(onu: OnuRecord): void {
    this.cancel(onu);
    onu.dev.connect_status = 'UNREACHABLE';
    onu.dev.oper_status = 'DISCOVERED';
    onu.dev.reason = ONU_REASON.stoppingOpenomci;
  }

  private removeOnu(onu: OnuRecord): void {
    this.cancel(onu);
    this.clear(onu.flapTimer);
    onu.flapTimer = undefined;
    this.flapping.delete(onu.dev.id);
    this.devices.delete(onu.dev.id);
    if (onu.olt.onus.get(onu.phys.slot) === onu) onu.olt.onus.delete(onu.phys.slot);
  }

  // ---- DisableDevice ------------------------------------------------------------------------

  disableDevice(id: string): void {
    const rec = this.requireDevice(id);
    const d = rec.dev;
    if (d.admin_state === 'DISABLED') return; // the core answers success and changes nothing
    if (d.admin_state === 'PREPROVISIONED') {
      throw new SimRpcError(grpc.status.FAILED_PRECONDITION, `deviceId:${d.id}, invalid-admin-state:${d.admin_state}`);
    }
    d.admin_state = 'DISABLED';
    d.oper_status = 'UNKNOWN';
    if (rec.kind === 'olt') {
      rec.epoch++;
      if (d.connect_status !== 'REACHABLE') {
        this.cancel(rec);
        return;
      }
      // openolt DisableDevice → OLT indication down → every ONU gets an ONU indication down
      this.run(rec, [
        () => {
          for (const onu of rec.onus.values()) this.onuDown(onu);
        },
      ]);
      return;
    }
    if (d.connect_status !== 'REACHABLE') {
      this.cancel(rec);
      return;
    }
    // openonu-go: lock the UNIs, then processUniDisableStateDoneEvent
    this.run(rec, [
      () => {
        d.connect_status = 'REACHABLE';
        d.oper_status = 'UNKNOWN';
        d.reason = ONU_REASON.omciAdminLock;
      },
    ]);
  }

  // ---- RebootDevice -------------------------------------------------------------------------

  rebootDevice(id: string): void {
    const rec = this.requireDevice(id);
    if (rec.kind === 'onu') {
      const parent = this.devices.get(rec.dev.parent_id);
      if (!parent) throw new SimRpcError(grpc.status.NOT_FOUND, `device agent for parent id ${rec.dev.parent_id} for child ${rec.dev.id}`);
      if (parent.dev.connect_status !== 'REACHABLE') {
        throw new SimRpcError(
          grpc.status.FAILED_PRECONDITION,
          `cannot complete operation as parent device :${parent.dev.id} is in operstatus:${parent.dev.oper_status} ,connect-status:${parent.dev.connect_status}`,
        );
      }
    }
    const d = rec.dev;
    if (d.connect_status !== 'REACHABLE') {
      throw new SimRpcError(
        grpc.status.FAILED_PRECONDITION,
        `cannot complete operation as device :${d.id} is in operstatus:${d.oper_status} ,connect-status:${d.connect_status}`,
      );
    }
    if (rec.kind === 'olt') {
      // the OLT reboots: its connection drops (children and logical device go), it comes back
      // REBOOTED, then ACTIVE and its ONUs are discovered again
      this.run(rec, [() => this.oltLost(rec), ...this.adoptSteps(rec, true)]);
      return;
    }
    // openonu-go rebootDevice: "rebooting" REACHABLE/DISCOVERED, the ONU drops off the PON and comes back
    this.run(rec, [
      () => {
        d.connect_status = 'REACHABLE';
        d.oper_status = 'DISCOVERED';
        d.reason = ONU_REASON.rebooting;
      },
      () => {
        d.connect_status = 'UNREACHABLE';
        d.oper_status = 'DISCOVERED';
        d.reason = ONU_REASON.stoppingOpenomci;
      },
      ...this.onuBringUpSteps(rec),
    ]);
  }

  // ---- DeleteDevice -------------------------------------------------------------------------

  deleteDevice(id: string): void {
    const rec = this.requireDevice(id);
    if (rec.kind === 'onu') {
      this.removeOnu(rec);
      return;
    }
    rec.epoch++;
    this.cancel(rec);
    for (const onu of [...rec.onus.values()]) this.removeOnu(onu);
    this.removeLogical(rec);
    this.devices.delete(rec.dev.id);
  }

  // ---- fault injection --------------------------------------------------------------------

  /** The simulated OLT addresses (host_and_port values that answer). */
  oltAddresses(): string[] {
    return this.physOlts.map((p) => p.address);
  }

  setOltReachable(oltIdOrHostAndPort: string, reachable: boolean): void {
    const byId = this.devices.get(oltIdOrHostAndPort);
    const address = byId?.kind === 'olt' ? (byId.dev.host_and_port ?? '') : oltIdOrHostAndPort;
    const phys = this.physByAddress.get(address);
    if (!phys) throw new Error(`not a simulated OLT: ${oltIdOrHostAndPort}`);
    if (phys.reachable === reachable) return;
    phys.reachable = reachable;
    const olt = this.oltAt(address);
    if (!olt) return;
    if (!reachable) {
      if (olt.dev.connect_status === 'REACHABLE') {
        this.cancel(olt);
        this.oltLost(olt);
      }
      return;
    }
    if (olt.dev.admin_state !== 'PREPROVISIONED' && olt.dev.connect_status === 'UNREACHABLE') this.adopt(olt, false);
  }

  /** `count` active ONUs (picked with the seed) keep going down (LOS) and coming back until stopFlapping(). */
  flapOnus(count: number, periodMs = this.opts.stepMs * 16): string[] {
    const candidates: OnuRecord[] = [];
    for (const rec of this.devices.values()) {
      if (rec.kind === 'onu' && !this.flapping.has(rec.dev.id) && this.onuLive(rec) && this.oltUp(rec.olt)) candidates.push(rec);
    }
    const picked = this.picker.sample(candidates, Math.max(0, Math.floor(count)));
    const period = Math.max(2, periodMs);
    for (const onu of picked) {
      this.flapping.set(onu.dev.id, { onu, periodMs: period });
      // they start now (within two steps, staggered), whatever the period
      onu.flapTimer = this.after(Math.round(this.picker.float() * Math.min(period / 2, this.opts.stepMs * 2)), () => this.flapDown(onu));
    }
    return picked.map((o) => o.dev.id);
  }

  private flapDown(onu: OnuRecord): void {
    onu.flapTimer = undefined;
    const entry = this.flapping.get(onu.dev.id);
    if (!entry || this.devices.get(onu.dev.id) !== onu) return;
    if (onu.dev.admin_state !== 'ENABLED' || !this.oltUp(onu.olt)) {
      this.flapping.delete(onu.dev.id);
      return;
    }
    this.onuDown(onu);
    onu.los = true;
    onu.flapTimer = this.after(Math.round(entry.periodMs / 2), () => this.flapUp(onu));
  }

  private flapUp(onu: OnuRecord): void {
    onu.flapTimer = undefined;
    const entry = this.flapping.get(onu.dev.id);
    onu.los = false;
    if (!entry || this.devices.get(onu.dev.id) !== onu) return;
    if (this.oltUp(onu.olt)) this.run(onu, this.onuBringUpSteps(onu), 1);
    onu.flapTimer = this.after(Math.round(entry.periodMs / 2), () => this.flapDown(onu));
  }

  stopFlapping(): void {
    for (const { onu } of this.flapping.values()) {
      this.clear(onu.flapTimer);
      onu.flapTimer = undefined;
      onu.los = false;
      const d = onu.dev;
      // ONUs caught down come back
      if (this.devices.get(d.id) === onu && d.connect_status === 'UNREACHABLE' && this.oltUp(onu.olt)) {
        this.run(onu, this.onuBringUpSteps(onu), 1);
      }
    }
    this.flapping.clear();
  }
}
