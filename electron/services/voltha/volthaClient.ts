// A client of one VOLTHA core (voltha.VolthaService over gRPC): promise-returning calls with a
// deadline each, a receive limit far above gRPC's 4 MiB default (ListDevices of a large PON
// plant is several megabytes), optional TLS, and gRPC status codes turned into errors that say
// what a technician can do about them. Never calls ReceiveChangeEvents: the console polls.
import * as grpc from '@grpc/grpc-js';
import { NocError } from '../../../shared/ipc/errors';
import { loadVolthaProtos, type VolthaServiceClient } from './loadProtos';
import type { ProtoInput, VolthaMethodName, VolthaRpcMap } from './protoTypes';

export interface VolthaClientOptions {
  /** host:port of the core's northbound API (rw_core 50057, often exposed as 55555). */
  readonly address: string;
  readonly tls?: boolean;
  /** PEM root certificates for TLS; the system roots when absent. */
  readonly rootCerts?: Buffer;
  readonly deadlineMs?: number;
  /** Where the .proto files are (the packaged app passes its resources folder). */
  readonly protosDir?: string;
}

/** 256 MiB: 16k ONUs are ~6 MiB; a plant ten times that still fits. */
const MAX_RECEIVE = 256 * 1024 * 1024;

export class VolthaClient {
  private readonly client: VolthaServiceClient;
  private readonly deadlineMs: number;

  constructor(readonly options: VolthaClientOptions) {
    const { Client } = loadVolthaProtos(options.protosDir);
    const credentials = options.tls ? grpc.credentials.createSsl(options.rootCerts ?? null) : grpc.credentials.createInsecure();
    this.client = new Client(options.address, credentials, {
      'grpc.max_receive_message_length': MAX_RECEIVE,
      'grpc.max_send_message_length': 16 * 1024 * 1024,
      // a core behind a load balancer drops idle connections: keep the channel honest
      'grpc.keepalive_time_ms': 60_000,
    });
    this.deadlineMs = options.deadlineMs ?? 10_000;
  }

  close(): void {
    this.client.close();
  }

  call<M extends VolthaMethodName>(method: M, request: ProtoInput<VolthaRpcMap[M]['request']>, deadlineMs = this.deadlineMs): Promise<VolthaRpcMap[M]['response']> {
    return new Promise((resolve, reject) => {
      const fn = this.client[method] as unknown as (
        req: unknown,
        opts: grpc.CallOptions,
        cb: (err: grpc.ServiceError | null, res?: VolthaRpcMap[M]['response']) => void,
      ) => grpc.ClientUnaryCall;
      fn.call(this.client, request, { deadline: Date.now() + deadlineMs }, (err, res) => {
        if (err) reject(volthaError(err, method, this.options.address, request));
        else if (res === undefined) reject(new NocError('INTERNAL', `${method}: VOLTHA sent no reply`));
        else resolve(res);
      });
    });
  }

  version(): Promise<VolthaRpcMap['GetVoltha']['response']> {
    return this.call('GetVoltha', {});
  }

  /** The core's version: recent cores put a JSON document ({"version": …, "gitCommit": …}) in the field. */
  async versionText(): Promise<string> {
    const raw = (await this.version()).version;
    try {
      const parsed = JSON.parse(raw) as unknown;
      if (typeof parsed === 'object' && parsed !== null && typeof (parsed as { version?: unknown }).version === 'string') return (parsed as { version: string }).version;
    } catch {
      // a plain version string
    }
    return raw;
  }

  devices(): Promise<VolthaRpcMap['ListDevices']['response']['items']> {
    return this.call('ListDevices', {}).then((r) => r.items);
  }

  device(id: string): Promise<VolthaRpcMap['GetDevice']['response']> {
    return this.call('GetDevice', { id });
  }

  ports(id: string): Promise<VolthaRpcMap['ListDevicePorts']['response']['items']> {
    return this.call('ListDevicePorts', { id }).then((r) => r.items);
  }

  logicalDevices(): Promise<VolthaRpcMap['ListLogicalDevices']['response']['items']> {
    return this.call('ListLogicalDevices', {}).then((r) => r.items);
  }

  logicalPorts(id: string): Promise<VolthaRpcMap['ListLogicalDevicePorts']['response']['items']> {
    return this.call('ListLogicalDevicePorts', { id }).then((r) => r.items);
  }

  flows(id: string): Promise<VolthaRpcMap['ListLogicalDeviceFlows']['response']['items']> {
    return this.call('ListLogicalDeviceFlows', { id }).then((r) => r.items);
  }

  adapters(): Promise<VolthaRpcMap['ListAdapters']['response']['items']> {
    return this.call('ListAdapters', {}).then((r) => r.items);
  }

  preprovision(type: string, hostAndPort: string): Promise<VolthaRpcMap['CreateDevice']['response']> {
    return this.call('CreateDevice', { type, host_and_port: hostAndPort });
  }

  /**
   * Enable, disable, reboot or delete; a refusal (FAILED_PRECONDITION) comes back naming the state
   * the device is in, which the core's own message often leaves out.
   */
  async act(action: 'enable' | 'disable' | 'reboot' | 'delete', id: string): Promise<void> {
    try {
      await this[action](id);
    } catch (err) {
      if (!(err instanceof NocError) || (err.details as { grpc?: string } | undefined)?.grpc !== 'FAILED_PRECONDITION') throw err;
      const d = await this.device(id).catch(() => null);
      if (!d) throw err;
      throw new NocError(
        'CONFLICT',
        `Cannot ${action} ${d.root ? 'OLT' : 'ONU'} ${d.serial_number || d.id}: the device is in state ${d.admin_state} (oper ${d.oper_status}, ${d.connect_status.toLowerCase()}). ${err.message}`,
        err.details,
      );
    }
  }

  enable(id: string): Promise<unknown> {
    return this.call('EnableDevice', { id });
  }

  disable(id: string): Promise<unknown> {
    return this.call('DisableDevice', { id });
  }

  reboot(id: string): Promise<unknown> {
    return this.call('RebootDevice', { id });
  }

  delete(id: string): Promise<unknown> {
    return this.call('DeleteDevice', { id });
  }
}

function subject(request: unknown): string {
  const id = typeof request === 'object' && request !== null && 'id' in request ? String((request as { id: unknown }).id) : '';
  return id ? `device ${id}` : 'the request';
}

/** gRPC status → a NocError with the core's own words kept. */
export function volthaError(err: grpc.ServiceError, method: string, address: string, request: unknown): NocError {
  const detail = err.details || err.message;
  switch (err.code) {
    case grpc.status.NOT_FOUND:
      return new NocError('NOT_FOUND', `VOLTHA has no ${subject(request)}${detail && !subject(request).endsWith(detail) ? ` (${detail})` : ''}.`, { grpc: 'NOT_FOUND', method });
    case grpc.status.FAILED_PRECONDITION:
      return new NocError('CONFLICT', `VOLTHA refused ${method}: ${detail}.`, { grpc: 'FAILED_PRECONDITION', method });
    case grpc.status.ALREADY_EXISTS:
      return new NocError('CONFLICT', `VOLTHA already has it: ${detail}.`, { grpc: 'ALREADY_EXISTS', method });
    case grpc.status.INVALID_ARGUMENT:
      return new NocError('VALIDATION', `VOLTHA rejected the request: ${detail}.`, { grpc: 'INVALID_ARGUMENT', method });
    case grpc.status.PERMISSION_DENIED:
    case grpc.status.UNAUTHENTICATED:
      return new NocError('PERMISSION_DENIED', `VOLTHA at ${address} refused access: ${detail}.`, { grpc: grpc.status[err.code], method });
    case grpc.status.DEADLINE_EXCEEDED:
      return new NocError('TIMEOUT', `VOLTHA at ${address} did not answer ${method} in time (deadline exceeded); the core may be overloaded.`, {
        grpc: 'DEADLINE_EXCEEDED',
        method,
      });
    case grpc.status.UNAVAILABLE:
      return new NocError('UNAVAILABLE', `VOLTHA at ${address} is unreachable (${detail}). Check the address and port (rw_core 50057, often exposed as 55555) and TLS.`, {
        grpc: 'UNAVAILABLE',
        method,
      });
    case grpc.status.UNKNOWN:
      // the core reports a duplicate pre-provisioning as a plain error (codes.Unknown)
      if (/already (pre-?provisioned|exists)/i.test(detail)) return new NocError('CONFLICT', `VOLTHA already has it: ${detail}.`, { grpc: 'UNKNOWN', method });
      return new NocError('INTERNAL', `VOLTHA ${method} failed: ${detail}`, { grpc: 'UNKNOWN', method });
    default:
      return new NocError('INTERNAL', `VOLTHA ${method} failed: ${grpc.status[err.code] ?? err.code} ${detail}`, { grpc: grpc.status[err.code] ?? String(err.code), method });
  }
}
