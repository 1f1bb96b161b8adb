// VOLTHA simulator: a gRPC server speaking voltha.VolthaService like the VOLTHA core (rw_core)
// does with BBSim OLTs behind it. It is the peer for the integration tests and the demo
// (`noc voltha sim`), since no real VOLTHA can run here. State and state machines live in
// state.ts, wire shapes in wire.ts; this file is the server and the public API.
import * as grpc from '@grpc/grpc-js';
import { loadVolthaProtos, type VolthaServiceHandlers } from '../loadProtos';
import type { ProtoInput, VolthaDevice, VolthaMethodName, VolthaRpcMap } from '../protoTypes';
import type { IdFormat } from './random';
import { SimRpcError, SimState, deviceFingerprint } from './state';
import { adapters, coreVersionString } from './wire';

export interface SimulatorOptions {
  /** Address to bind; default 127.0.0.1. */
  host?: string;
  /** 0 (default) = a free port. */
  port?: number;
  /** BBSim-like layout: OLTs; per OLT, PON ports; per PON, ONUs. */
  olts: number;
  pons: number;
  onus: number;
  /**
   * Default true: the OLTs start pre-provisioned, enabled and active with all their ONUs active
   * (demo, scale). false: VOLTHA knows nothing; pre-provision one of `oltAddresses` and enable it.
   */
  provisioned?: boolean;
  /** ONU serials are this prefix + an 8-digit global ONU number from 1 (BBSM00000001…); default 'BBSM'. */
  serialPrefix?: string;
  /** Time per state-machine step; default 500 ms. */
  stepMs?: number;
  /** Seed for ids and timings; default 1. */
  seed?: number;
  /** UNI ports per ONU; default 1. */
  unisPerOnu?: number;
  /** Device id format: 'uuid' (current rw_core, default) or 'hex24' (older 2.x cores). */
  idFormat?: IdFormat;
  /**
   * What happens to an OLT's ONUs when the OLT is lost (unreachable, rebooting). Default true,
   * like the VOLTHA core since 2.8: they are deleted with the logical device and discovered
   * again (with new ids) when the OLT is back. false: they stay, down (UNREACHABLE, DISCOVERED,
   * reason stopping-openomci), and come back up with the OLT.
   */
  deleteOnusOnOltLoss?: boolean;
  /** Folder of the .proto files (packaged builds); default next to loadProtos.ts. */
  protosDir?: string;
}

export interface VolthaSimulator {
  /** "127.0.0.1:PORT" */
  readonly address: string;
  /**
   * host_and_port values of the simulated OLTs that answer (bbsim0.voltha.svc:50060 …):
   * pre-provisioning one of these then enabling it works; any other host_and_port fails
   * (connect UNREACHABLE, oper FAILED) on enable.
   */
  readonly oltAddresses: string[];
  /** Fault injection: the OLT (by device id or host_and_port) stops/starts answering. */
  setOltReachable(oltIdOrHostAndPort: string, reachable: boolean): void;
  /** That many active ONUs keep going down (LOS) and coming back until stopFlapping(). */
  flapOnus(count: number, opts?: { periodMs?: number }): void;
  stopFlapping(): void;
  /** Every RPC answers after this delay (a slow core); 0 turns it off. */
  setLatency(ms: number): void;
  stop(): Promise<void>;
}

const DEFAULT_STEP_MS = 500;
/** ListDevices of a large plant is several MiB: no send limit on the server. */
const SERVER_OPTIONS: grpc.ServerOptions = {
  'grpc.max_send_message_length': -1,
  'grpc.max_receive_message_length': 64 * 1024 * 1024,
};

function checkInt(name: string, value: number, min: number, max: number): void {
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new RangeError(`VOLTHA simulator: ${name} must be an integer from ${min} to ${max} (got ${value})`);
  }
}

/** BBSim-style service names: bbsim<N>.voltha.svc:50060 (BBSim's openolt port). */
export function simulatedOltAddress(index: number): string {
  return `bbsim${index}.voltha.svc:50060`;
}

export async function startVolthaSimulator(opts: SimulatorOptions): Promise<VolthaSimulator> {
  checkInt('olts', opts.olts, 0, 4096);
  checkInt('pons', opts.pons, 1, 256);
  // ONU ids are 8 bits in the UNI port number (platform.MkUniPortNum), BBSim numbers from 1
  checkInt('onus', opts.onus, 0, 255);
  const unis = opts.unisPerOnu ?? 1;
  checkInt('unisPerOnu', unis, 1, 16);
  const stepMs = opts.stepMs ?? DEFAULT_STEP_MS;
  checkInt('stepMs', stepMs, 1, 3_600_000);
  const host = opts.host ?? '127.0.0.1';

  const state = new SimState({
    olts: opts.olts,
    pons: opts.pons,
    onus: opts.onus,
    unis,
    provisioned: opts.provisioned ?? true,
    serialPrefix: opts.serialPrefix ?? 'BBSM',
    stepMs,
    seed: opts.seed ?? 1,
    idFormat: opts.idFormat ?? 'uuid',
    deleteOnusOnOltLoss: opts.deleteOnusOnOltLoss ?? true,
    oltAddress: simulatedOltAddress,
  });

  let latencyMs = 0;
  let stopping = false;
  /** Calls waiting out the injected latency: timer → how to fail them if the server stops first. */
  const delayed = new Map<NodeJS.Timeout, () => void>();

  function unary<M extends VolthaMethodName>(
    fn: (request: VolthaRpcMap[M]['request']) => ProtoInput<VolthaRpcMap[M]['response']>,
  ): VolthaServiceHandlers[M] {
    const handler: grpc.handleUnaryCall<VolthaRpcMap[M]['request'], ProtoInput<VolthaRpcMap[M]['response']>> = (call, callback) => {
      const answer = (): void => {
        let reply: ProtoInput<VolthaRpcMap[M]['response']>;
        try {
          reply = fn(call.request);
        } catch (err) {
          callback(toServiceError(err));
          return;
        }
        callback(null, reply);
      };
      if (latencyMs <= 0 || stopping) {
        answer();
        return;
      }
      const t = setTimeout(() => {
        delayed.delete(t);
        answer();
      }, latencyMs);
      delayed.set(t, () => callback(toServiceError(new SimRpcError(grpc.status.UNAVAILABLE, 'simulator stopping'))));
    };
    return handler as VolthaServiceHandlers[M];
  }

  const empty = {};
  const handlers: VolthaServiceHandlers = {
    GetVoltha: unary<'GetVoltha'>(() => ({ version: coreVersionString() })),
    ListAdapters: unary<'ListAdapters'>(() => ({ items: adapters(Math.floor(Date.now() / 1000)) })),
    ListLogicalDevices: unary<'ListLogicalDevices'>(() => ({ items: state.listLogicalDevices() })),
    ListLogicalDevicePorts: unary<'ListLogicalDevicePorts'>((req) => ({ items: state.listLogicalDevicePorts(req.id) })),
    ListLogicalDeviceFlows: unary<'ListLogicalDeviceFlows'>((req) => ({ items: state.listLogicalDeviceFlows(req.id) })),
    // pre-encoded (see encodeDevices); the service copy below passes the bytes through
    ListDevices: unary<'ListDevices'>(() => encodeDevices(state.listDevices()) as unknown as ProtoInput<VolthaRpcMap['ListDevices']['response']>),
    GetDevice: unary<'GetDevice'>((req) => state.getDevice(req.id)),
    CreateDevice: unary<'CreateDevice'>((req) => state.createDevice(req)),
    EnableDevice: unary<'EnableDevice'>((req) => {
      state.enableDevice(req.id);
      return empty;
    }),
    DisableDevice: unary<'DisableDevice'>((req) => {
      state.disableDevice(req.id);
      return empty;
    }),
    RebootDevice: unary<'RebootDevice'>((req) => {
      state.rebootDevice(req.id);
      return empty;
    }),
    DeleteDevice: unary<'DeleteDevice'>((req) => {
      state.deleteDevice(req.id);
      return empty;
    }),
    ListDevicePorts: unary<'ListDevicePorts'>((req) => ({ items: state.listDevicePorts(req.id) })),
  };

  // ListDevices of 16k devices takes proto-loader ~0.5 s to encode from objects every time. The
  // reply is the concatenation of its items as field 1, so each device is encoded once (with
  // GetDevice's serializer: the same message) and re-encoded only when it changed.
  const { service: sharedService } = loadVolthaProtos(opts.protosDir);
  const encodeDevice = sharedService.GetDevice?.responseSerialize as ((value: ProtoInput<VolthaDevice>) => Buffer) | undefined;
  const listDevicesDef = sharedService.ListDevices;
  if (!encodeDevice || !listDevicesDef) throw new Error('voltha.VolthaService lacks GetDevice or ListDevices');
  const encodedDevices = new WeakMap<VolthaDevice, { fingerprint: string; bytes: Buffer }>();
  const encoded = (device: VolthaDevice): Buffer => {
    const fingerprint = deviceFingerprint(device);
    let cached = encodedDevices.get(device);
    if (!cached || cached.fingerprint !== fingerprint) {
      cached = { fingerprint, bytes: encodeDevice(device) };
      encodedDevices.set(device, cached);
    }
    return cached.bytes;
  };
  const encodeDevices = (devices: VolthaDevice[]): Buffer => {
    const parts: Buffer[] = [];
    let total = 0;
    for (const device of devices) {
      const bytes = encoded(device);
      const header = fieldHeader(1, bytes.length);
      parts.push(header, bytes);
      total += header.length + bytes.length;
    }
    return Buffer.concat(parts, total);
  };
  const originalSerialize = listDevicesDef.responseSerialize;
  const service: grpc.ServiceDefinition = {
    ...sharedService,
    ListDevices: { ...listDevicesDef, responseSerialize: (value: unknown) => (Buffer.isBuffer(value) ? value : originalSerialize(value)) },
  };
  const server = new grpc.Server(SERVER_OPTIONS);
  server.addService(service, handlers as unknown as grpc.UntypedServiceImplementation);
  const bindHost = host.includes(':') && !host.startsWith('[') ? `[${host}]` : host;
  let port: number;
  try {
    port = await new Promise<number>((resolve, reject) => {
      server.bindAsync(`${bindHost}:${opts.port ?? 0}`, grpc.ServerCredentials.createInsecure(), (err, bound) => (err ? reject(err) : resolve(bound)));
    });
  } catch (err) {
    state.stop();
    server.forceShutdown();
    throw err;
  }
  // warm the encodings in the background so the first ListDevices of a big plant is quick too
  const warm = (from: number): void => {
    if (stopping) return;
    const devices = state.listDevices();
    const end = Math.min(devices.length, from + 1000);
    for (let i = from; i < end; i++) {
      const device = devices[i];
      if (device) encoded(device);
    }
    if (end < devices.length) setImmediate(() => warm(end));
  };
  setImmediate(() => warm(0));

  const wildcard = host === '0.0.0.0' || host === '::' || host === '[::]';
  const address = `${wildcard ? '127.0.0.1' : bindHost}:${port}`;

  let stopped: Promise<void> | undefined;
  return {
    address,
    oltAddresses: state.oltAddresses(),
    setOltReachable: (oltIdOrHostAndPort, reachable) => state.setOltReachable(oltIdOrHostAndPort, reachable),
    flapOnus: (count, flapOpts) => {
      state.flapOnus(count, flapOpts?.periodMs);
    },
    stopFlapping: () => state.stopFlapping(),
    setLatency: (ms) => {
      if (!Number.isFinite(ms) || ms < 0) throw new RangeError(`VOLTHA simulator: latency must be ≥ 0 ms (got ${ms})`);
      latencyMs = ms;
    },
    stop: () => {
      stopped ??= new Promise<void>((resolve) => {
        stopping = true;
        state.stop();
        for (const [t, fail] of delayed) {
          clearTimeout(t);
          fail();
        }
        delayed.clear();
        let done = false;
        const finish = (): void => {
          if (done) return;
          done = true;
          resolve();
        };
        const force = setTimeout(() => {
          server.forceShutdown();
          finish();
        }, 1000);
        force.unref();
        server.tryShutdown(() => {
          clearTimeout(force);
          finish();
        });
      });
      return stopped;
    },
  };
}

/** Tag (wire type 2, length-delimited) and length of an embedded message field. */
function fieldHeader(fieldNo: number, length: number): Buffer {
  const bytes = [(fieldNo << 3) | 2];
  let n = length;
  while (n > 0x7f) {
    bytes.push((n & 0x7f) | 0x80);
    n >>>= 7;
  }
  bytes.push(n);
  return Buffer.from(bytes);
}

function toServiceError(err: unknown): grpc.ServerErrorResponse {
  if (err instanceof SimRpcError) return Object.assign(new Error(err.details), { code: err.code, details: err.details });
  const message = err instanceof Error ? err.message : String(err);
  return Object.assign(new Error(message), { code: grpc.status.INTERNAL, details: message });
}
