// Malformed replies never crash the engine: random buffers and mutations of a valid reply go
// through the parser and the attribute decoder, then through a real UDP exchange with a server
// that answers garbage. Every case comes from one seeded PRNG: a failure names the seed, and
// FUZZ_SEED=<seed> replays it.
import { randomBytes } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { radiusAttributeSchema, radiusReplySchema } from '../../../shared/ipc/radiusSchemas';
import { loadDictionary } from '../../../electron/services/radius/dictionary';
import {
  CODE,
  decodeAttributes,
  decodePacket,
  MalformedPacketError,
  messageAuthenticatorState,
  responseAuthenticatorValid,
  type RawAttribute,
} from '../../../electron/services/radius/packet';
import { RadiusClient, type ClientReply } from '../../../electron/services/radius/radiusClient';
import { attr, buildReply, fuzzSeed, prng, resign, udpPeer, viewRequest, vsa, withSeed } from './wire';

const dict = loadDictionary();
const SECRET = 'fuzz-secret';
const SEED = fuzzSeed();
const replyView = radiusReplySchema.omit({ runId: true, server: true });

type Rng = ReturnType<typeof prng>;

/** A reply with a bit of everything the decoder handles: typed, tagged, vendor, unknown, MA. */
function richReply(requestAuthenticator: Buffer, identifier: number): Buffer {
  return buildReply({
    code: 2,
    identifier,
    requestAuthenticator,
    secret: SECRET,
    ma: 'valid',
    attributes: [
      attr(18, 'Welcome, alice'),
      attr(27, Buffer.from([0, 0, 0x0e, 0x10])),
      attr(8, Buffer.from([100, 64, 0, 7])),
      attr(97, Buffer.from('003820010db8000001', 'hex')),
      attr(55, Buffer.from([0x66, 0x32, 0x2e, 0xc0])),
      attr(64, Buffer.from([1, 0, 0, 13])),
      attr(81, Buffer.from('\x01100')),
      attr(25, randomBytes(12)),
      vsa(14988, [[8, '10M/20M 20M/40M'], [10, Buffer.from([10, 0, 0, 1])]]),
      vsa(311, [[26, Buffer.concat([Buffer.from([1]), Buffer.from('S=407A5589115FD0D6209F510FE9C04566932CDA56')])]]),
      vsa(14122, [[8, Buffer.from([0, 0x98, 0x96, 0x80])]]),
      vsa(99999, [[1, 'who knows']]),
      attr(254, Buffer.from([1, 2, 3])),
    ],
  });
}

/** Where attributes start, walked as far as the lengths make sense (the packet may be mangled). */
function attributeOffsets(packet: Buffer): number[] {
  const end = Math.min(packet.length, packet.length >= 4 ? packet.readUInt16BE(2) : 0);
  const out: number[] = [];
  for (let off = 20; off + 2 <= end; ) {
    const len = packet[off + 1] ?? 0;
    if (len < 2 || off + len > end) break;
    out.push(off);
    off += len;
  }
  return out;
}

/** Whole attributes (type, length, value) of a possibly mangled packet, as far as they make sense. */
function wholeAttributes(packet: Buffer): Buffer[] {
  return attributeOffsets(packet).map((off) => packet.subarray(off, off + (packet[off + 1] ?? 2)));
}

function flipBit(b: Buffer, at: number, r: Rng): void {
  b[at] = (b[at] ?? 0) ^ (1 << r.int(8));
}

function flip(b: Buffer, r: Rng): Buffer {
  const out = Buffer.from(b);
  for (let i = 0, n = 1 + r.int(8); i < n && out.length > 0; i++) flipBit(out, r.int(out.length), r);
  return out;
}

const MUTATIONS: Record<string, (b: Buffer, r: Rng) => Buffer> = {
  bitFlips: flip,
  truncate: (b, r) => Buffer.from(b.subarray(0, r.int(b.length))),
  lengthFieldShort: (b, r) => {
    const out = Buffer.from(b);
    out.writeUInt16BE(r.int(b.length), 2);
    return out;
  },
  lengthFieldLong: (b, r) => {
    const out = Buffer.from(b);
    out.writeUInt16BE(b.length + 1 + r.int(65535 - b.length), 2);
    return out;
  },
  attributeLength: (b, r) => {
    const out = Buffer.from(b);
    const offs = attributeOffsets(b);
    if (offs.length === 0) return flip(b, r);
    const off = r.pick(offs);
    out[off + 1] = r.pick([0, 1, 255, (out[off + 1] ?? 2) + 1 + r.int(20)]) & 0xff;
    return out;
  },
  vsaGarbage: (b, r) => {
    const out = Buffer.from(b);
    const vsas = attributeOffsets(b).filter((off) => b[off] === 26 && (b[off + 1] ?? 0) >= 8);
    if (vsas.length === 0) return flip(b, r);
    const off = r.pick(vsas);
    const valueLength = (b[off + 1] ?? 2) - 2;
    // keep the outer length, scramble what follows the vendor id (or the sub-length only)
    if (r.int(2) === 0) r.bytes(valueLength - 4).copy(out, off + 6);
    else out[off + 7] = r.pick([0, 1, 2, 200, valueLength]);
    return out;
  },
  unknownCode: (b, r) => {
    const out = Buffer.from(b);
    out[0] = r.int(256);
    return out;
  },
  unknownType: (b, r) => {
    const out = Buffer.from(b);
    const offs = attributeOffsets(b);
    if (offs.length === 0) return flip(b, r);
    out[r.pick(offs)] = r.int(256);
    return out;
  },
  appendGarbage: (b, r) => Buffer.concat([b, r.bytes(1 + r.int(64))]),
  insertAttribute: (b, r) => {
    const at = r.pick([...attributeOffsets(b), Math.min(20, b.length)]);
    const len = r.int(40);
    const junk = Buffer.concat([Buffer.from([r.int(256), r.pick([len + 2, r.int(256)])]), r.bytes(len)]);
    const out = Buffer.concat([b.subarray(0, at), junk, b.subarray(at)]);
    out.writeUInt16BE(Math.min(out.length, 65535), 2);
    return out;
  },
};
const MUTATION_NAMES = Object.keys(MUTATIONS);

function mutate(b: Buffer, r: Rng): Buffer {
  let out = b;
  for (let i = 0, n = 1 + r.int(3); i < n && out.length >= 20; i++) {
    const f = MUTATIONS[r.pick(MUTATION_NAMES)];
    if (f) out = f(out, r);
  }
  return out;
}

/** A header with a consistent Length and random attributes: gets past framing more often. */
function plausible(r: Rng): Buffer {
  const parts: Buffer[] = [];
  let size = 20;
  for (let i = 0, n = r.int(30); i < n; i++) {
    const type = r.pick([26, 26, 26, r.int(256)]);
    let value = r.bytes(r.int(60));
    if (type === 26 && r.int(2) === 0) {
      value = Buffer.concat([Buffer.from([0, 0, 0x3a, 0x8c]), value]); // Mikrotik, random inside
      value.writeUInt32BE(r.pick([14988, 311, 9, 14122, 2011, 2636, 4874, r.int(2 ** 32)]), 0);
    }
    const a = Buffer.concat([Buffer.from([type, r.int(8) === 0 ? r.int(256) : value.length + 2]), value]);
    if (size + a.length > 4096) break;
    parts.push(a);
    size += a.length;
  }
  const head = Buffer.concat([Buffer.from([r.pick([2, 3, 5, 11, 41, 42, 44, 45, r.int(256)]), r.int(256), 0, 0]), r.bytes(16)]);
  const out = Buffer.concat([head, ...parts]);
  out.writeUInt16BE(out.length, 2);
  return out;
}

/** Everything the engine does with a reply it received, checked for its contract. */
function judge(buf: Buffer, requestAuthenticator: Buffer): 'malformed' | 'decoded' {
  let raw;
  try {
    raw = decodePacket(buf);
  } catch (err) {
    if (!(err instanceof MalformedPacketError)) throw new Error(`decodePacket threw ${String(err)} for 0x${buf.toString('hex')}`, { cause: err });
    if (err.message.length === 0) throw new Error('MalformedPacketError without a message', { cause: err });
    return 'malformed';
  }
  if (raw.length > buf.length || raw.bytes.length !== raw.length) throw new Error(`inconsistent framing for 0x${buf.toString('hex')}`);
  const covered = raw.attributes.reduce((n, a) => n + a.value.length + 2, 20);
  if (covered !== raw.length) throw new Error(`attributes cover ${covered} of ${raw.length} octets in 0x${buf.toString('hex')}`);
  responseAuthenticatorValid(raw, requestAuthenticator, SECRET);
  const ma = messageAuthenticatorState(raw, requestAuthenticator, SECRET);
  if (!['valid', 'missing', 'invalid'].includes(ma)) throw new Error(`Message-Authenticator state ${ma}`);
  checkDecoded(raw.attributes);
  return 'decoded';
}

function checkDecoded(attrs: readonly RawAttribute[]): void {
  const d = decodeAttributes(attrs, dict);
  for (const a of d.attributes) radiusAttributeSchema.parse(a);
  for (const p of d.problems) if (typeof p !== 'string' || p.length === 0) throw new Error('empty problem');
}

describe(`fuzzing the reply parser (seed ${SEED})`, () => {
  it('random buffers of 0–4200 octets: decodePacket returns or throws MalformedPacketError, nothing else', () =>
    withSeed(SEED, () => {
      const r = prng(SEED);
      const auth = r.bytes(16);
      const seen = { malformed: 0, decoded: 0 };
      for (let i = 0; i < 2000; i++) seen[judge(r.bytes(r.int(4201)), auth)]++;
      for (let i = 0; i < 2000; i++) seen[judge(plausible(r), auth)]++;
      expect(seen.malformed + seen.decoded).toBe(4000);
      // both paths were exercised, not only the early length check
      expect(seen.decoded).toBeGreaterThan(100);
      expect(seen.malformed).toBeGreaterThan(100);
    }));

  it('mutations of a valid reply (bit flips, truncation, Length both ways, attribute lengths, VSA garbage, unknown codes/types)', () =>
    withSeed(SEED, () => {
      const r = prng(SEED + 1);
      const auth = r.bytes(16);
      const base = richReply(auth, 17);
      expect(judge(base, auth)).toBe('decoded');
      const seen = { malformed: 0, decoded: 0 };
      for (let i = 0; i < 5000; i++) {
        const m = mutate(base, r);
        seen[judge(m, auth)]++;
        // the same mutation with a recomputed Response Authenticator reaches the decoder as "genuine"
        if (m.length >= 20) seen[judge(resign(Buffer.from(m), auth, SECRET), auth)]++;
      }
      expect(seen.decoded).toBeGreaterThan(500);
      expect(seen.malformed).toBeGreaterThan(500);
    }));

  it('decodeAttributes never throws on random attribute lists, vendor ones included', () =>
    withSeed(SEED, () => {
      const r = prng(SEED + 2);
      const vendors = [14988, 311, 9, 14122, 2011, 2636, 4874, 99999];
      for (let i = 0; i < 3000; i++) {
        const attrs: RawAttribute[] = [];
        for (let j = 0, n = r.int(12); j < n; j++) {
          const type = r.pick([26, 26, 64, 81, 97, 8, 55, r.int(256)]);
          let value = r.bytes(r.int(254));
          if (type === 26 && r.int(3) > 0) {
            // a well-formed VSA header with a random sub-attribute: exercises every vendor decoder
            const sub = r.bytes(r.int(20));
            value = Buffer.concat([Buffer.alloc(4), Buffer.from([r.int(256), sub.length + 2]), sub]);
            value.writeUInt32BE(r.pick(vendors), 0);
          }
          attrs.push({ type, offset: 20, value });
        }
        checkDecoded(attrs);
      }
    }));
});

/** One per request and seed, so a behaviour can be replayed whatever order datagrams arrive in. */
function requestRng(user: string): Rng {
  const i = Number(/(\d+)$/.exec(user)?.[1] ?? 0);
  return prng((SEED ^ Math.imul(i + 1, 0x9e3779b1)) >>> 0);
}

// What the misbehaving server does, by request number (i % 8), and what the client may conclude.
const BEHAVIOURS: { name: string; allowed: ClientReply['outcome'][] }[] = [
  { name: 'malformed framing, right identifier', allowed: ['refused'] },
  { name: 'short packets', allowed: ['refused'] },
  { name: 'random octets with the right identifier', allowed: ['refused'] },
  { name: 'random octets with random identifiers', allowed: ['no-reply', 'refused'] },
  { name: 'bit flips of a valid reply', allowed: ['refused', 'no-reply', 'reply'] },
  { name: 'well-signed reply with random attributes', allowed: ['reply'] },
  { name: 'garbage, then a valid reply', allowed: ['reply'] },
  { name: 'mutated and re-signed', allowed: ['reply', 'refused'] },
];

/** Mostly small, sometimes up to 4200 octets: enough to test sizes, not enough to flood buffers. */
function garbageLength(r: Rng): number {
  return r.pick([r.int(64), r.int(600), r.int(4201)]);
}

function misbehave(i: number, r: Rng, req: ReturnType<typeof viewRequest>, send: (b: Buffer) => void): void {
  const valid = (): Buffer => richReply(req.authenticator, req.identifier);
  const withId = (b: Buffer): Buffer => {
    if (b.length >= 2) b[1] = req.identifier;
    return b;
  };
  const copies = 1 + r.int(3);
  switch (i % 8) {
    case 0:
      for (let c = 0; c < copies; c++) {
        const m = r.pick(['truncate', 'lengthFieldShort', 'lengthFieldLong', 'attributeLength']);
        const out = withId(MUTATIONS[m]?.(valid(), r) ?? Buffer.alloc(0));
        // a truncation may leave nothing that names the request: keep at least code + identifier
        send(out.length >= 2 ? out : Buffer.from([2, req.identifier]));
      }
      return;
    case 1:
      for (let c = 0; c < copies; c++) send(withId(Buffer.concat([Buffer.from([2, 0]), r.bytes(r.int(18))])));
      return;
    case 2:
      for (let c = 0; c < copies; c++) send(withId(r.bytes(2 + garbageLength(r))));
      return;
    case 3:
      for (let c = 0; c < copies; c++) send(r.bytes(garbageLength(r)));
      return;
    case 4:
      send(MUTATIONS.bitFlips?.(valid(), r) ?? Buffer.alloc(0));
      return;
    case 5: {
      let room = 4096 - 20 - 18;
      const attrs = wholeAttributes(plausible(r)).filter((a) => a[0] !== 80 && (room -= a.length) >= 0);
      send(buildReply({ code: 2, identifier: req.identifier, requestAuthenticator: req.authenticator, secret: SECRET, attributes: attrs, ma: r.pick(['valid', 'none'] as const) }));
      return;
    }
    case 6:
      for (let c = 0; c < copies; c++) {
        // a mutation may happen to stay valid (padding): a flipped authenticator bit makes sure it is not
        const m = withId(mutate(valid(), r));
        const bad = m.length >= 20 ? m : withId(valid());
        flipBit(bad, 4 + r.int(16), r);
        send(bad);
      }
      send(valid());
      return;
    default: {
      const m = withId(mutate(valid(), r));
      send(m.length >= 20 ? resign(m, req.authenticator, SECRET) : m.length >= 2 ? m : Buffer.from([2, req.identifier]));
    }
  }
}

describe(`fuzzing through the UDP transport (seed ${SEED})`, () => {
  const clients: RadiusClient[] = [];
  afterAll(() => clients.forEach((c) => c.close()));

  it('a server answering garbage never makes RadiusClient.send throw; each outcome says what happened', () =>
    withSeed(SEED, async () => {
      const client = new RadiusClient(dict);
      clients.push(client);
      const peer = await udpPeer((msg, send) => {
        const req = viewRequest(msg);
        const user = req.attributes.find((a) => a.type === 1)?.value.toString() ?? 'fuzz-0';
        const i = Number(/(\d+)$/.exec(user)?.[1] ?? 0);
        const r = requestRng(user);
        // datagrams go out in order over a few milliseconds: sent in one burst, kilobytes of
        // garbage for many requests would overflow the client's receive buffer and the kernel,
        // not the engine, would decide the outcome
        let at = 0;
        misbehave(i, r, req, (b) => {
          at += 1 + r.int(8);
          setTimeout(() => send(b), at);
        });
      });
      try {
        const target = { host: '127.0.0.1', port: peer.port, secret: SECRET };
        const N = 320;
        // in waves, for the same reason: 400 requests' garbage at once is more than a socket buffers.
        // The timeout leaves room for a loaded CI machine: a reply that arrives late would turn a
        // "refused" into a "no-reply" and the test would judge the scheduler, not the engine.
        const WAVE = 32;
        const results: ClientReply[] = [];
        for (let start = 0; start < N; start += WAVE) {
          const wave = Array.from({ length: WAVE }, (_, k) => start + k);
          results.push(
            ...(await Promise.all(
              wave.map((i) => client.send(target, CODE.accessRequest, client.authAttributes(`fuzz-${i}`, 'pw', 'pap').attrs, { timeoutMs: 600, retries: 0, strict: false })),
            )),
          );
        }
        const tally = new Map<string, number>();
        results.forEach((res, i) => {
          const b = BEHAVIOURS[i % 8];
          if (!b) throw new Error('no behaviour');
          const where = `request ${i} (${b.name})`;
          tally.set(`${b.name}: ${res.outcome}`, (tally.get(`${b.name}: ${res.outcome}`) ?? 0) + 1);
          expect(b.allowed, where).toContain(res.outcome);
          // whatever came back, it is a reply the IPC contract can carry
          replyView.parse(res);
          if (res.outcome === 'no-reply') expect(res.hint, where).toMatch(/^No reply after 1 try/);
          if (res.outcome === 'refused') {
            expect(res.warnings.length, where).toBeGreaterThan(0);
            expect(res.hint, where).toMatch(/discarded|Strict mode/);
          }
          if (res.outcome === 'reply') {
            expect(res.code, where).toMatch(/^Access-(Accept|Reject|Challenge)$/);
            expect(res.responseAuthenticator, where).toBe('valid');
            expect(res.messageAuthenticator, where).not.toBe('invalid');
          }
          if (i % 8 === 1) expect(res.warnings.join(' '), where).toMatch(/malformed reply/);
          // a cut or a length that lands on an attribute boundary leaves framing intact, but unsigned
          if (i % 8 === 0) expect(res.warnings.join(' '), where).toMatch(/malformed reply|wrong Response Authenticator/);
        });
        // every behaviour was exercised, and the engine both refused and accepted
        expect([...tally.keys()].some((k) => k.endsWith(': refused'))).toBe(true);
        expect(tally.get('well-signed reply with random attributes: reply')).toBe(N / 8);
        expect(tally.get('garbage, then a valid reply: reply')).toBe(N / 8);
      } finally {
        await peer.close();
      }
    }));
});
