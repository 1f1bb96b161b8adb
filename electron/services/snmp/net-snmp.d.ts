// Typed surface of the net-snmp 3.x subset the SNMP engine uses (the package ships no types).
// Values are as the library decodes them: OctetString/Opaque/Counter64 as Buffers (Counter64 is a
// variable-length big-endian integer), IpAddress and OID as dotted strings, integers as numbers.
declare module 'net-snmp' {
  export type SnmpVersionCode = 0 | 1 | 3;
  export const Version1: 0;
  export const Version2c: 1;
  export const Version3: 3;

  export const ObjectType: {
    readonly Boolean: 1;
    readonly Integer: 2;
    readonly OctetString: 4;
    readonly Null: 5;
    readonly OID: 6;
    readonly IpAddress: 64;
    readonly Counter: 65;
    readonly Gauge: 66;
    readonly TimeTicks: 67;
    readonly Opaque: 68;
    readonly Counter64: 70;
    readonly NoSuchObject: 128;
    readonly NoSuchInstance: 129;
    readonly EndOfMibView: 130;
  };

  export const SecurityLevel: { readonly noAuthNoPriv: 1; readonly authNoPriv: 2; readonly authPriv: 3 };
  export const AuthProtocols: { readonly none: 1; readonly md5: 2; readonly sha: 3; readonly sha224: 4; readonly sha256: 5; readonly sha384: 6; readonly sha512: 7 };
  export const PrivProtocols: { readonly none: 1; readonly des: 2; readonly aes: 4; readonly aes256b: 6; readonly aes256r: 8 };
  export const ResponseInvalidCode: { readonly ECouldNotDecrypt: 4; readonly EAuthFailure: 5; readonly ENotInTimeWindow: 14 };

  export type VarbindValue = Buffer | string | number | null | boolean;

  export interface Varbind {
    oid: string;
    type: number;
    value: VarbindValue;
  }

  export interface SetVarbind {
    oid: string;
    type: number;
    value: Buffer | string | number;
  }

  export interface SessionOptions {
    port?: number;
    retries?: number;
    timeout?: number;
    backoff?: number;
    transport?: 'udp4' | 'udp6';
    version?: SnmpVersionCode;
    idBitsSize?: 16 | 32;
    backwardsGetNexts?: boolean;
    reportOidMismatchErrors?: boolean;
  }

  export interface V3User {
    name: string;
    level: number;
    authProtocol?: number;
    authKey?: string;
    privProtocol?: number;
    privKey?: string;
  }

  export type ResponseCallback<T> = (error: Error | null, result: T) => void;

  export interface Session {
    get(oids: string[], cb: ResponseCallback<Varbind[]>): Session;
    getNext(oids: string[], cb: ResponseCallback<Varbind[]>): Session;
    /** With nonRepeaters = 0 the result is one array of repetitions per requested OID. */
    getBulk(oids: string[], nonRepeaters: number, maxRepetitions: number, cb: ResponseCallback<Varbind[][]>): Session;
    set(varbinds: SetVarbind[], cb: ResponseCallback<Varbind[]>): Session;
    close(): Session;
    /** Set once the agent answered engine-ID discovery (a Report PDU) on a v3 session. */
    msgSecurityParameters?: { msgAuthoritativeEngineID: Buffer };
    on(event: 'error', listener: (error: Error) => void): Session;
  }

  export function createSession(target: string, community: string, options?: SessionOptions): Session;
  export function createV3Session(target: string, user: V3User, options?: SessionOptions): Session;

  export class ResponseInvalidError extends Error {
    code: number;
  }
  export class RequestFailedError extends Error {
    status: number;
  }
  export class RequestTimedOutError extends Error {}
  export class RequestInvalidError extends Error {}

  const snmp: {
    Version1: typeof Version1;
    Version2c: typeof Version2c;
    Version3: typeof Version3;
    ObjectType: typeof ObjectType;
    SecurityLevel: typeof SecurityLevel;
    AuthProtocols: typeof AuthProtocols;
    PrivProtocols: typeof PrivProtocols;
    ResponseInvalidCode: typeof ResponseInvalidCode;
    ResponseInvalidError: typeof ResponseInvalidError;
    RequestFailedError: typeof RequestFailedError;
    RequestTimedOutError: typeof RequestTimedOutError;
    RequestInvalidError: typeof RequestInvalidError;
    createSession: typeof createSession;
    createV3Session: typeof createV3Session;
  };
  export default snmp;
}
