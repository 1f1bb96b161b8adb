// Loads our VOLTHA protos (protos/, see its README) with @grpc/proto-loader and hands out what a
// client and a server need: the client constructor for voltha.VolthaService and its method table
// for grpc.Server#addService. Both sides use the same loader options, so the shapes in
// protoTypes.ts hold for everything that comes off the wire.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as grpc from '@grpc/grpc-js';
import * as protoLoader from '@grpc/proto-loader';
import type { ProtoInput, VolthaMethodName, VolthaRpcMap } from './protoTypes';

/** Full name of the service; gRPC paths are `/voltha.VolthaService/<Method>`. */
export const VOLTHA_SERVICE_NAME = 'voltha.VolthaService';

/** The root file, relative to the protos folder (imports inside are relative to it as well). */
export const VOLTHA_ROOT_PROTO = 'voltha_protos/voltha.proto';

/** Loader options: the decoded shapes in protoTypes.ts follow from exactly these. */
export const VOLTHA_LOADER_OPTIONS = {
  keepCase: true,
  longs: String,
  enums: String,
  defaults: true,
  oneofs: true,
} as const satisfies protoLoader.Options;

/** The protos folder next to this module (source tree and tests); packaged builds pass their own. */
export function defaultVolthaProtosDir(): string {
  return path.join(path.dirname(fileURLToPath(import.meta.url)), 'protos');
}

export function volthaMethodPath(method: VolthaMethodName): string {
  return `/${VOLTHA_SERVICE_NAME}/${method}`;
}

type UnaryCallback<Res> = (error: grpc.ServiceError | null, response?: Res) => void;

/** A unary call on the typed client, in grpc-js's callback forms. */
export interface VolthaUnaryCall<Req, Res> {
  (request: ProtoInput<Req>, metadata: grpc.Metadata, options: grpc.CallOptions, callback: UnaryCallback<Res>): grpc.ClientUnaryCall;
  (request: ProtoInput<Req>, metadata: grpc.Metadata, callback: UnaryCallback<Res>): grpc.ClientUnaryCall;
  (request: ProtoInput<Req>, options: grpc.CallOptions, callback: UnaryCallback<Res>): grpc.ClientUnaryCall;
  (request: ProtoInput<Req>, callback: UnaryCallback<Res>): grpc.ClientUnaryCall;
}

/** voltha.VolthaService client: a grpc.Client with one method per call we use. */
export type VolthaServiceClient = grpc.Client & {
  [M in VolthaMethodName]: VolthaUnaryCall<VolthaRpcMap[M]['request'], VolthaRpcMap[M]['response']>;
};

export type VolthaServiceClientConstructor = new (
  address: string,
  credentials: grpc.ChannelCredentials,
  options?: grpc.ClientOptions,
) => VolthaServiceClient;

/** Server-side handlers (the simulator): requests arrive decoded, replies may leave fields out. */
export type VolthaServiceHandlers = {
  [M in VolthaMethodName]: grpc.handleUnaryCall<VolthaRpcMap[M]['request'], ProtoInput<VolthaRpcMap[M]['response']>>;
};

export interface VolthaProtos {
  /** The folder the protos were read from. */
  dir: string;
  packageDefinition: protoLoader.PackageDefinition;
  /** Method table of voltha.VolthaService, for `server.addService(service, handlers)`. */
  service: grpc.ServiceDefinition;
  /** `new Client('host:port', credentials, options)`. */
  Client: VolthaServiceClientConstructor;
}

const cache = new Map<string, VolthaProtos>();

/**
 * Loads (once per folder) the protos from `dir`, by default the folder next to this module.
 * Throws if the folder does not hold them or the service is missing.
 */
export function loadVolthaProtos(dir: string = defaultVolthaProtosDir()): VolthaProtos {
  const key = path.resolve(dir);
  const cached = cache.get(key);
  if (cached) return cached;

  const packageDefinition = protoLoader.loadSync(VOLTHA_ROOT_PROTO, { ...VOLTHA_LOADER_OPTIONS, includeDirs: [key] });
  const service = packageDefinition[VOLTHA_SERVICE_NAME];
  if (!service || !isServiceDefinition(service)) {
    throw new Error(`${VOLTHA_SERVICE_NAME} is not defined by the protos in ${key}`);
  }
  const Client = grpc.makeClientConstructor(service as grpc.ServiceDefinition, VOLTHA_SERVICE_NAME);
  const loaded: VolthaProtos = {
    dir: key,
    packageDefinition,
    service: service as grpc.ServiceDefinition,
    Client: Client as unknown as VolthaServiceClientConstructor,
  };
  cache.set(key, loaded);
  return loaded;
}

function isServiceDefinition(
  entry: protoLoader.PackageDefinition[string],
): entry is protoLoader.ServiceDefinition {
  // Message and enum entries carry a `format`; a service is a plain table of methods.
  return !('format' in entry);
}
