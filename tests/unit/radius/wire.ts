// Test-side RADIUS wire helpers, written from the RFCs with node:crypto only, so the engine is
// checked against an independent reading of the formats rather than against itself: attribute
// walking, reply signing (RFC 2865 §3 Response Authenticator, RFC 3579 §3.2
// Message-Authenticator), a seeded PRNG for reproducible fuzzing, and a UDP peer on loopback
// that can misbehave on purpose.
import { createHash, createHmac } from 'node:crypto';
import dgram from 'node:dgram';

export interface WireAttribute {
  type: number;
  offset: number;
  value: Buffer;
}

/** The attributes of a well-formed packet, walked by type/length (RFC 2865 §5). */
export function walkAttributes(packet: Buffer): WireAttribute[] {
  const length = packet.readUInt16BE(2);
  const out: WireAttribute[] = [];
  for (let off = 20; off < length; ) {
    const len = packet[off + 1] ?? 0;
    if (len < 2 || off + len > length) throw new Error(`test packet is malformed at ${off}`);
    out.push({ type: packet[off] ?? 0, offset: off, value: packet.subarray(off + 2, off + len) });
    off += len;
  }
  return out;
}

/** One attribute on the wire: type, length, value. */
export function attr(type: number, value: Buffer | string): Buffer {
  const v = typeof value === 'string' ? Buffer.from(value, 'utf8') : value;
  return Buffer.concat([Buffer.from([type, v.length + 2]), v]);
}

/** A Vendor-Specific attribute (26) holding 1-octet type/length sub-attributes. */
export function vsa(vendorId: number, subs: readonly [number, Buffer | string][]): Buffer {
  const head = Buffer.alloc(4);
  head.writeUInt32BE(vendorId);
  return attr(26, Buffer.concat([head, ...subs.map(([t, v]) => attr(t, v))]));
}

export function md5(...parts: (Buffer | string)[]): Buffer {
  const h = createHash('md5');
  for (const p of parts) h.update(p);
  return h.digest();
}

export function hmacMd5(secret: string, data: Buffer): Buffer {
  return createHmac('md5', secret).update(data).digest();
}

export type MaMode = 'none' | 'valid' | 'wrong' | 'two' | 'short';

export interface ReplySpec {
  code: number;
  identifier: number;
  /** The Request Authenticator of the request being answered. */
  requestAuthenticator: Buffer;
  secret: string;
  /** Raw attributes (from attr()/vsa()). */
  attributes?: readonly Buffer[];
  /** Message-Authenticator: absent, correct, wrong value, two of them, or 15 octets long. */
  ma?: MaMode;
  /** Sign the Response Authenticator with this secret instead (a server with another secret). */
  signWith?: string;
}

/**
 * Builds a reply as a server would (RFC 3579 §3.2 then RFC 2865 §3): Message-Authenticator as
 * HMAC-MD5 over the reply with the Request Authenticator in place and itself zeroed, then the
 * Response Authenticator as MD5(Code+ID+Length+RequestAuth+Attributes+Secret).
 */
export function buildReply(spec: ReplySpec): Buffer {
  const ma = spec.ma ?? 'none';
  const maAttrs: Buffer[] = [];
  if (ma === 'valid' || ma === 'wrong') maAttrs.push(attr(80, Buffer.alloc(16)));
  if (ma === 'two') maAttrs.push(attr(80, Buffer.alloc(16)), attr(80, Buffer.alloc(16)));
  if (ma === 'short') maAttrs.push(attr(80, Buffer.alloc(15)));
  const body = Buffer.concat([...(spec.attributes ?? []), ...maAttrs]);
  const packet = Buffer.concat([Buffer.from([spec.code, spec.identifier, 0, 0]), spec.requestAuthenticator, body]);
  packet.writeUInt16BE(packet.length, 2);
  const maOffsets = walkAttributes(packet)
    .filter((a) => a.type === 80 && a.value.length === 16)
    .map((a) => a.offset + 2);
  const [first, second] = maOffsets;
  // two of them: the second holds anything, and the first is signed over the packet as it stands,
  // so it verifies if only the first one is looked at
  if (second !== undefined) Buffer.alloc(16, 0x5a).copy(packet, second);
  if (first !== undefined) (ma === 'wrong' ? Buffer.alloc(16, 0x5a) : hmacMd5(spec.secret, packet)).copy(packet, first);
  md5(packet.subarray(0, 4), spec.requestAuthenticator, packet.subarray(20), spec.signWith ?? spec.secret).copy(packet, 4);
  return packet;
}

/** Recomputes the Response Authenticator of an already built (maybe mangled) reply in place. */
export function resign(reply: Buffer, requestAuthenticator: Buffer, secret: string): Buffer {
  const length = Math.min(reply.readUInt16BE(2), reply.length);
  md5(reply.subarray(0, 4), requestAuthenticator, reply.subarray(20, Math.max(20, length)), secret).copy(reply, 4);
  return reply;
}

/** mulberry32: small, fast and good enough to make fuzz cases reproducible from one seed. */
export function prng(seed: number): { next(): number; int(n: number): number; bytes(n: number): Buffer; pick<T>(xs: readonly T[]): T } {
  let a = seed >>> 0;
  const next = (): number => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (n: number): number => Math.floor(next() * n);
  return {
    next,
    int,
    bytes: (n) => {
      const b = Buffer.alloc(n);
      for (let i = 0; i < n; i++) b[i] = int(256);
      return b;
    },
    pick: (xs) => {
      const x = xs[int(xs.length)];
      if (x === undefined) throw new Error('pick from an empty list');
      return x;
    },
  };
}

/** The seed for a fuzz run: FUZZ_SEED=<n> reproduces one, otherwise a fresh one per run. */
export function fuzzSeed(): number {
  const fromEnv = Number(process.env.FUZZ_SEED);
  return Number.isInteger(fromEnv) && process.env.FUZZ_SEED !== '' ? fromEnv >>> 0 : (Math.random() * 2 ** 32) >>> 0;
}

/** Runs a fuzz body; any failure is rethrown with the seed that reproduces it. */
export async function withSeed(seed: number, body: () => void | Promise<void>): Promise<void> {
  try {
    await body();
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    const wrapped = new Error(`fuzz failure with seed ${seed} (rerun with FUZZ_SEED=${seed}): ${message}`, { cause: err });
    if (err instanceof Error && err.stack) wrapped.stack = `${wrapped.message}\n${err.stack}`;
    throw wrapped;
  }
}

export interface RequestView {
  code: number;
  identifier: number;
  authenticator: Buffer;
  attributes: WireAttribute[];
  raw: Buffer;
}

export function viewRequest(msg: Buffer): RequestView {
  return { code: msg[0] ?? 0, identifier: msg[1] ?? 0, authenticator: Buffer.from(msg.subarray(4, 20)), attributes: walkAttributes(msg), raw: Buffer.from(msg) };
}

export interface UdpPeer {
  readonly port: number;
  /** Every datagram received, in order. */
  readonly received: Buffer[];
  close(): Promise<void>;
}

/** A UDP "server" on 127.0.0.1 whose behaviour is the test's: `answer` may send 0..n datagrams. */
export async function udpPeer(answer: (req: Buffer, send: (reply: Buffer) => void) => void): Promise<UdpPeer> {
  const sock = dgram.createSocket('udp4');
  const received: Buffer[] = [];
  sock.on('message', (msg, rinfo) => {
    received.push(Buffer.from(msg));
    answer(msg, (reply) => sock.send(reply, rinfo.port, rinfo.address));
  });
  await new Promise<void>((resolve) => sock.bind(0, '127.0.0.1', resolve));
  return {
    port: sock.address().port,
    received,
    close: () => new Promise<void>((resolve) => sock.close(() => resolve())),
  };
}
