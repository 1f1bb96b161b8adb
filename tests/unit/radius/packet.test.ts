// Requests as the RFCs define them, recomputed here with node:crypto (User-Password hiding,
// Request Authenticators, Message-Authenticator), and replies judged as they should be: Response
// Authenticator, Message-Authenticator in all its broken forms, attributes decoded by name.
import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { radiusAttributeSchema } from '../../../shared/ipc/radiusSchemas';
import { loadDictionary } from '../../../electron/services/radius/dictionary';
import {
  CODE,
  decodeAttributes,
  decodePacket,
  encodeRequest,
  hidePassword,
  MalformedPacketError,
  messageAuthenticatorState,
  responseAuthenticatorValid,
  type OutgoingAttribute,
} from '../../../electron/services/radius/packet';
import { attr, buildReply, hmacMd5, md5, vsa, walkAttributes, type MaMode } from './wire';

const dict = loadDictionary();
const SECRET = 'testing123';

function a(name: string, value: string | Buffer, tag: number | null = null): OutgoingAttribute {
  return { def: dict.require(name), tag, value: typeof value === 'string' ? Buffer.from(value, 'utf8') : value };
}

/** RFC 2865 §5.2: c(1) = p(1) xor MD5(S + RA), c(i) = p(i) xor MD5(S + c(i-1)); p padded with zeros. */
function rfcHide(password: Buffer, secret: string, requestAuthenticator: Buffer): Buffer {
  const blocks = Math.max(1, Math.ceil(password.length / 16));
  const p = Buffer.alloc(blocks * 16);
  password.copy(p);
  const out = Buffer.alloc(blocks * 16);
  let prev = requestAuthenticator;
  for (let i = 0; i < blocks; i++) {
    const b = md5(secret, prev);
    for (let j = 0; j < 16; j++) out[i * 16 + j] = (p[i * 16 + j] ?? 0) ^ (b[j] ?? 0);
    prev = out.subarray(i * 16, i * 16 + 16);
  }
  return out;
}

/** HMAC-MD5 over the packet with the Message-Authenticator value zeroed (RFC 3579 §3.2). */
function expectedMa(packet: Buffer, maValueOffset: number): Buffer {
  const copy = Buffer.from(packet);
  copy.fill(0, maValueOffset, maValueOffset + 16);
  return hmacMd5(SECRET, copy);
}

describe('Access-Request', () => {
  const authenticator = Buffer.from('00112233445566778899aabbccddeeff', 'hex');
  const password = 'correct horse battery staple'; // 28 octets: two blocks
  const packet = encodeRequest({
    code: CODE.accessRequest,
    identifier: 42,
    authenticator,
    secret: SECRET,
    attributes: [a('User-Name', 'alice'), a('User-Password', password), a('NAS-Identifier', 'nas-1')],
    messageAuthenticator: true,
  });
  const attrs = walkAttributes(packet);

  it('has the header the RFC says: code 1, our identifier, Length = size, our random authenticator', () => {
    expect(packet[0]).toBe(1);
    expect(packet[1]).toBe(42);
    expect(packet.readUInt16BE(2)).toBe(packet.length);
    expect(packet.subarray(4, 20).equals(authenticator)).toBe(true);
  });

  it('carries Message-Authenticator first, equal to HMAC-MD5 over the packet (RFC 3579, BlastRADIUS)', () => {
    expect(attrs[0]?.type).toBe(80);
    expect(attrs[0]?.value).toHaveLength(16);
    expect(attrs[0]?.value.equals(expectedMa(packet, 22))).toBe(true);
  });

  it('hides User-Password per RFC 2865 §5.2 and it unhides to the password', () => {
    const hidden = attrs.find((x) => x.type === 2)?.value;
    expect(hidden?.toString('hex')).toBe(rfcHide(Buffer.from(password), SECRET, authenticator).toString('hex'));
    // and the other way round, as the server does
    const b1 = md5(SECRET, authenticator);
    const b2 = md5(SECRET, hidden?.subarray(0, 16) ?? Buffer.alloc(0));
    const clear = Buffer.alloc(32);
    for (let i = 0; i < 32; i++) clear[i] = (hidden?.[i] ?? 0) ^ ((i < 16 ? b1[i] : b2[i - 16]) ?? 0);
    expect(clear.toString('latin1')).toBe(password + '\0'.repeat(4));
  });

  it('carries the other attributes as given', () => {
    expect(attrs.find((x) => x.type === 1)?.value.toString()).toBe('alice');
    expect(attrs.find((x) => x.type === 32)?.value.toString()).toBe('nas-1');
  });

  it.each([0, 1, 15, 16, 17, 31, 32, 33, 100, 128])('hides a %i-octet password the same in encodeRequest and hidePassword', (len) => {
    const pw = Buffer.from(randomBytes(len).map((b) => 0x21 + (b % 90)));
    const auth = randomBytes(16);
    const p = encodeRequest({ code: CODE.accessRequest, identifier: 1, authenticator: auth, secret: SECRET, attributes: [a('User-Password', pw)], messageAuthenticator: true });
    const onWire = walkAttributes(p).find((x) => x.type === 2)?.value;
    const expected = rfcHide(pw, SECRET, auth);
    expect(onWire?.toString('hex')).toBe(expected.toString('hex'));
    expect(onWire).toHaveLength(Math.max(16, Math.ceil(len / 16) * 16));
    const out = Buffer.alloc(expected.length);
    hidePassword(pw, Buffer.from(SECRET), auth, out, 0);
    expect(out.toString('hex')).toBe(expected.toString('hex'));
  });

  it('hides octets that are not UTF-8 as they are', () => {
    const pw = Buffer.from([0xff, 0xfe, 0x00, 0x80]);
    const p = encodeRequest({ code: CODE.accessRequest, identifier: 1, authenticator, secret: SECRET, attributes: [a('User-Password', pw)], messageAuthenticator: false });
    expect(walkAttributes(p).find((x) => x.type === 2)?.value.toString('hex')).toBe(rfcHide(pw, SECRET, authenticator).toString('hex'));
  });

  it('refuses a request over 4096 octets or a value that cannot fit one attribute, in words', () => {
    const many = Array.from({ length: 16 }, () => a('Reply-Message', 'x'.repeat(253)));
    const build = (attributes: OutgoingAttribute[]) => () =>
      encodeRequest({ code: CODE.accessRequest, identifier: 1, authenticator, secret: SECRET, attributes, messageAuthenticator: true });
    expect(build(many)).toThrow(/4096/);
    expect(build([a('User-Password', 'x'.repeat(241))])).toThrow(/User-Password/);
    expect(build([a('User-Name', 'é'.repeat(127))])).toThrow(/User-Name is 254 bytes/);
    expect(build(many.slice(0, 15))().length).toBe(20 + 18 + 15 * 255);
  });
});

describe('requests with a computed Request Authenticator', () => {
  // RFC 2866 §3 (Accounting-Request) and RFC 5176 §2.3 (CoA/Disconnect): MD5 over the packet with
  // 16 zero octets as authenticator, followed by the shared secret.
  it.each([
    ['Accounting-Request', CODE.accountingRequest],
    ['CoA-Request', CODE.coaRequest],
    ['Disconnect-Request', CODE.disconnectRequest],
  ])('%s: authenticator = MD5(packet with zero authenticator + secret), whatever random one is passed', (_name, code) => {
    const attributes = [a('User-Name', 'bob'), a('Acct-Session-Id', '0A1B2C3D'), a('Acct-Status-Type', Buffer.from([0, 0, 0, 1]))];
    const p = encodeRequest({ code, identifier: 7, authenticator: randomBytes(16), secret: SECRET, attributes, messageAuthenticator: false });
    expect(p[0]).toBe(code);
    expect(p.readUInt16BE(2)).toBe(p.length);
    const zeroed = Buffer.from(p);
    zeroed.fill(0, 4, 20);
    expect(p.subarray(4, 20).toString('hex')).toBe(md5(zeroed, SECRET).toString('hex'));
    expect(walkAttributes(p).some((x) => x.type === 80)).toBe(false);
    // deterministic: the same request twice is the same octets
    const again = encodeRequest({ code, identifier: 7, authenticator: randomBytes(16), secret: SECRET, attributes, messageAuthenticator: false });
    expect(again.equals(p)).toBe(true);
  });
});

describe('Status-Server (RFC 5997)', () => {
  it('carries our random authenticator and a Message-Authenticator first, valid over the packet', () => {
    const auth = randomBytes(16);
    const p = encodeRequest({ code: CODE.statusServer, identifier: 200, authenticator: auth, secret: SECRET, attributes: [a('NAS-Identifier', 'noc')], messageAuthenticator: true });
    expect(p[0]).toBe(12);
    expect(p.subarray(4, 20).equals(auth)).toBe(true);
    const attrs = walkAttributes(p);
    expect(attrs[0]?.type).toBe(80);
    expect(attrs[0]?.value.equals(expectedMa(p, 22))).toBe(true);
  });
});

describe('reply verification', () => {
  const requestAuthenticator = randomBytes(16);
  const reply = (ma: MaMode, extra: Partial<Parameters<typeof buildReply>[0]> = {}) =>
    decodePacket(
      buildReply({ code: 2, identifier: 9, requestAuthenticator, secret: SECRET, attributes: [attr(18, 'Welcome'), attr(27, Buffer.from([0, 0, 0x0e, 0x10]))], ma, ...extra }),
    );

  it.each<[MaMode, 'valid' | 'missing' | 'invalid']>([
    ['valid', 'valid'],
    ['none', 'missing'],
    ['wrong', 'invalid'],
    ['two', 'invalid'],
    ['short', 'invalid'],
  ])('a reply with Message-Authenticator %s is %s, and its Response Authenticator checks out', (mode, state) => {
    const r = reply(mode);
    expect(responseAuthenticatorValid(r, requestAuthenticator, SECRET)).toBe(true);
    expect(messageAuthenticatorState(r, requestAuthenticator, SECRET)).toBe(state);
  });

  it('fails the Response Authenticator for another secret, another request, or a changed octet', () => {
    expect(responseAuthenticatorValid(reply('valid', { signWith: 'other-secret' }), requestAuthenticator, SECRET)).toBe(false);
    expect(responseAuthenticatorValid(reply('valid'), randomBytes(16), SECRET)).toBe(false);
    const bytes = buildReply({ code: 2, identifier: 9, requestAuthenticator, secret: SECRET, attributes: [attr(18, 'Welcome')] });
    bytes[bytes.length - 1] = (bytes[bytes.length - 1] ?? 0) ^ 1;
    expect(responseAuthenticatorValid(decodePacket(bytes), requestAuthenticator, SECRET)).toBe(false);
  });

  it('judges a Message-Authenticator signed for another request as invalid', () => {
    const other = reply('valid', { requestAuthenticator: randomBytes(16) });
    expect(messageAuthenticatorState(other, requestAuthenticator, SECRET)).toBe('invalid');
  });

  it('ignores padding after the Length field (RFC 2865 §3)', () => {
    const bytes = Buffer.concat([buildReply({ code: 2, identifier: 9, requestAuthenticator, secret: SECRET, attributes: [attr(18, 'hi')], ma: 'valid' }), Buffer.from('padding')]);
    const r = decodePacket(bytes);
    expect(r.attributes.map((x) => x.type)).toEqual([18, 80]);
    expect(responseAuthenticatorValid(r, requestAuthenticator, SECRET)).toBe(true);
    expect(messageAuthenticatorState(r, requestAuthenticator, SECRET)).toBe('valid');
  });
});

describe('decodePacket framing', () => {
  const good = buildReply({ code: 2, identifier: 1, requestAuthenticator: Buffer.alloc(16), secret: SECRET, attributes: [attr(18, 'hello'), attr(25, 'x')] });
  const mangle = (f: (b: Buffer) => void): Buffer => {
    const b = Buffer.from(good);
    f(b);
    return b;
  };
  it.each([
    ['a packet shorter than the header', good.subarray(0, 19), /header is 20/],
    ['a Length field under 20', mangle((b) => b.writeUInt16BE(19, 2)), /must be 20–4096/],
    ['a Length field over 4096', Buffer.concat([mangle((b) => b.writeUInt16BE(4097, 2)), Buffer.alloc(4100)]), /must be 20–4096/],
    ['a Length field beyond what arrived', mangle((b) => b.writeUInt16BE(good.length + 1, 2)), /only \d+ bytes arrived/],
    ['an attribute of length 0', mangle((b) => (b[21] = 0)), /length 0/],
    ['an attribute of length 1', mangle((b) => (b[21] = 1)), /length 1/],
    ['an attribute running past the packet', mangle((b) => (b[21] = 200)), /runs past/],
    ['an attribute cut after its type octet', mangle((b) => b.writeUInt16BE(good.length - 2, 2)), /cut off|runs past/],
  ])('refuses %s with MalformedPacketError', (_what, bytes, message) => {
    expect(() => decodePacket(bytes)).toThrow(MalformedPacketError);
    expect(() => decodePacket(bytes)).toThrow(message);
  });
});

describe('decodeAttributes', () => {
  const decode = (...raw: Buffer[]) => {
    const p = buildReply({ code: 2, identifier: 1, requestAuthenticator: Buffer.alloc(16), secret: SECRET, attributes: raw });
    const r = decodeAttributes(decodePacket(p).attributes, dict);
    for (const x of r.attributes) radiusAttributeSchema.parse(x);
    return r;
  };

  it('splits a Vendor-Specific into its named sub-attributes', () => {
    const r = decode(vsa(14988, [[8, '10M/20M'], [3, 'gold'], [10, Buffer.from([10, 1, 2, 3])]]));
    expect(r.problems).toEqual([]);
    expect(r.attributes).toEqual([
      { name: 'Mikrotik-Rate-Limit', value: '10M/20M', type: 'string', vendor: 'Mikrotik', code: 8, tag: null },
      { name: 'Mikrotik-Group', value: 'gold', type: 'string', vendor: 'Mikrotik', code: 3, tag: null },
      { name: 'Mikrotik-Host-IP', value: '10.1.2.3', type: 'ipaddr', vendor: 'Mikrotik', code: 10, tag: null },
    ]);
  });

  it('names what the dictionary does not know: Vendor-N-Attr-M, <Vendor>-Attr-M and Attr-N, in hex', () => {
    expect(dict.byNumber(null, 254)).toBeUndefined();
    expect(dict.vendorName(99999)).toBeUndefined();
    const r = decode(vsa(99999, [[5, 'hi']]), vsa(14988, [[200, Buffer.from([1, 2])]]), attr(254, Buffer.from([0xca, 0xfe])));
    expect(r.attributes).toEqual([
      { name: 'Vendor-99999-Attr-5', value: '0x6869', type: 'octets', vendor: '99999', code: 5, tag: null },
      { name: 'Mikrotik-Attr-200', value: '0x0102', type: 'octets', vendor: 'Mikrotik', code: 200, tag: null },
      { name: 'Attr-254', value: '0xcafe', type: 'octets', vendor: null, code: 254, tag: null },
    ]);
  });

  it.each([
    ['a sub-attribute of length 0', Buffer.from('00003a8c0800', 'hex')],
    ['a sub-attribute running past the VSA', Buffer.from('00003a8c08ff4142', 'hex')],
    ['a vendor id and nothing else', Buffer.from('00003a8c', 'hex')],
    ['no room for a vendor id', Buffer.from('0000', 'hex')],
    ['a valid sub-attribute followed by a cut one', Buffer.from('00003a8c0803414203', 'hex')],
  ])('shows a Vendor-Specific with %s raw, with a problem', (_what, value) => {
    const r = decode(attr(26, value), attr(18, 'after'));
    expect(r.attributes).toEqual([
      { name: 'Vendor-Specific', value: `0x${value.toString('hex')}`, type: 'octets', vendor: null, code: 26, tag: null },
      { name: 'Reply-Message', value: 'after', type: 'string', vendor: null, code: 18, tag: null },
    ]);
    expect(r.problems).toHaveLength(1);
    expect(r.problems[0]).toMatch(/Vendor-Specific/);
  });

  it('reads tags of tagged attributes (RFC 2868 §3) and leaves untagged values alone', () => {
    const r = decode(attr(64, Buffer.from([1, 0, 0, 13])), attr(65, Buffer.from([1, 0, 0, 6])), attr(81, Buffer.from('\x01100')), attr(81, '200'));
    expect(r.attributes.map((x) => [x.name, x.tag, x.value])).toEqual([
      ['Tunnel-Type', 1, 'VLAN'],
      ['Tunnel-Medium-Type', 1, 'IEEE-802'],
      ['Tunnel-Private-Group-Id', 1, '100'],
      ['Tunnel-Private-Group-Id', null, '200'],
    ]);
  });

  it('shows a value of the wrong size in hex and says so', () => {
    const r = decode(attr(27, Buffer.from([0, 0, 1])), attr(8, Buffer.from([10, 0, 0, 1, 5])));
    expect(r.attributes.map((x) => [x.name, x.value])).toEqual([
      ['Session-Timeout', '0x000001'],
      ['Framed-IP-Address', '0x0a00000105'],
    ]);
    expect(r.problems).toHaveLength(2);
  });

  it('shows MS-CHAP2-Success as its ident and the S= text (RFC 2548 §2.3.3)', () => {
    const r = decode(vsa(311, [[26, Buffer.concat([Buffer.from([7]), Buffer.from('S=407A5589115FD0D6209F510FE9C04566932CDA56')])]]));
    expect(r.attributes[0]).toMatchObject({ name: 'MS-CHAP2-Success', value: 'ident 7: S=407A5589115FD0D6209F510FE9C04566932CDA56', vendor: 'Microsoft' });
  });
});
