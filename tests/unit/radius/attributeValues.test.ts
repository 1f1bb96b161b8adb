// Typed attribute values: the text a technician types, the octets RFC 2865 §5 / RFC 3162 /
// RFC 6929 put on the wire for that type, and the text shown back when a reply carries them.
import { isIPv6 } from 'node:net';
import { describe, expect, it } from 'vitest';
import { AttributeValueError, decodeValue, encodeValue } from '../../../electron/services/radius/attributeValues';
import { loadDictionary, RadiusDictionary } from '../../../electron/services/radius/dictionary';

// One attribute per type the engine supports; the shipped dictionaries lack some of them.
const typed = new RadiusDictionary();
typed.parse(`
ATTRIBUTE   T-String      1   string
ATTRIBUTE   T-Octets      2   octets
ATTRIBUTE   T-Ipaddr      3   ipaddr
ATTRIBUTE   T-Ipv6addr    4   ipv6addr
ATTRIBUTE   T-Ipv6prefix  5   ipv6prefix
ATTRIBUTE   T-Integer     6   integer
VALUE       T-Integer     Low    1
VALUE       T-Integer     High   2
ATTRIBUTE   T-Integer64   7   integer64
ATTRIBUTE   T-Date        8   date
ATTRIBUTE   T-Byte        9   byte
VALUE       T-Byte        One    1
ATTRIBUTE   T-Short       10  short
ATTRIBUTE   T-Signed      11  signed
ATTRIBUTE   T-Ether       12  ether
ATTRIBUTE   T-Ifid        13  ifid
`);
const dict = loadDictionary();

function def(name: string) {
  return typed.attribute(name) ?? dict.require(name);
}

const unix = (iso: string): string => (Date.parse(iso) / 1000).toString(16).padStart(8, '0');

// [attribute, typed text, octets on the wire (hex), text shown when decoded]
const ROUND_TRIPS: [string, string, string, string][] = [
  ['T-String', 'héllo wörld', Buffer.from('héllo wörld', 'utf8').toString('hex'), 'héllo wörld'],
  ['User-Name', 'alice@example.net', Buffer.from('alice@example.net').toString('hex'), 'alice@example.net'],
  ['T-Octets', '0xDEADbeef', 'deadbeef', '0xdeadbeef'],
  ['T-Octets', 'abc', '616263', '0x616263'],
  ['Class', '0x', '', '0x'],
  ['T-Ipaddr', '192.0.2.10', 'c000020a', '192.0.2.10'],
  ['Framed-IP-Address', '100.64.0.1', '64400001', '100.64.0.1'],
  ['T-Ipv6addr', '2001:db8::1', '20010db8000000000000000000000001', '2001:db8::1'],
  ['T-Ipv6addr', '::', '00000000000000000000000000000000', '::'],
  ['T-Ipv6addr', '2001:DB8:0:0:1:0:0:1', '20010db8000000000001000000000001', '2001:db8::1:0:0:1'],
  ['T-Ipv6addr', '2001:db8:1:2:3:4:5:6', '20010db8000100020003000400050006', '2001:db8:1:2:3:4:5:6'],
  ['T-Ipv6addr', '2001:0:0:1::1', '20010000000000010000000000000001', '2001:0:0:1::1'],
  ['T-Ipv6prefix', '2001:db8:abcd::/48', '003020010db8abcd', '2001:db8:abcd::/48'],
  ['T-Ipv6prefix', '2001:db8::/32', '002020010db8', '2001:db8::/32'],
  ['Framed-IPv6-Prefix', '2001:db8:0:100::/56', '003820010db8000001', '2001:db8:0:100::/56'],
  ['T-Ipv6prefix', '::/0', '0000', '::/0'],
  ['T-Integer', '42', '0000002a', '42'],
  ['T-Integer', '4294967295', 'ffffffff', '4294967295'],
  ['T-Integer', 'High', '00000002', 'High'],
  ['T-Integer', 'low', '00000001', 'Low'],
  ['Service-Type', 'Framed-User', '00000002', 'Framed-User'],
  ['Acct-Status-Type', 'Interim-Update', '00000003', 'Interim-Update'],
  ['T-Integer64', '9007199254740993', '0020000000000001', '9007199254740993'], // 2^53 + 1
  ['T-Integer64', '18446744073709551615', 'ffffffffffffffff', '18446744073709551615'],
  ['T-Date', '2024-05-01T12:00:00Z', unix('2024-05-01T12:00:00Z'), '2024-05-01T12:00:00.000Z'],
  ['Event-Timestamp', '1714564800', unix('2024-05-01T12:00:00Z'), '2024-05-01T12:00:00.000Z'],
  ['T-Date', '0', '00000000', '1970-01-01T00:00:00.000Z'],
  ['T-Byte', '200', 'c8', '200'],
  ['T-Byte', 'One', '01', 'One'],
  ['T-Short', '65535', 'ffff', '65535'],
  ['T-Signed', '-2', 'fffffffe', '-2'],
  ['T-Signed', '2147483647', '7fffffff', '2147483647'],
  ['T-Signed', '-2147483648', '80000000', '-2147483648'],
  ['T-Ether', 'AA-bb-CC-00-11-22', 'aabbcc001122', 'aa:bb:cc:00:11:22'],
  ['T-Ether', '02:00:5e:10:00:01', '02005e100001', '02:00:5e:10:00:01'],
  ['T-Ifid', '0011:22ff:fe33:4455', '001122fffe334455', '0011:22ff:fe33:4455'],
];

describe('attribute values', () => {
  it.each(ROUND_TRIPS)('%s = %j goes on the wire as %s and reads back as %j', (name, text, wire, shown) => {
    const d = def(name);
    const octets = encodeValue(d, text);
    expect(octets.toString('hex')).toBe(wire);
    expect(decodeValue(d, octets)).toEqual({ value: shown, problem: null });
    // what is shown can be typed again and means the same octets
    expect(encodeValue(d, shown).toString('hex')).toBe(wire);
  });

  it('encodes an IPv6 address with an embedded IPv4 part to the same 16 octets', () => {
    const d = def('T-Ipv6addr');
    const octets = encodeValue(d, '::ffff:192.0.2.1');
    expect(octets.toString('hex')).toBe('00000000000000000000ffffc0000201');
    expect(encodeValue(d, '64:ff9b::198.51.100.7').toString('hex')).toBe('0064ff9b0000000000000000c6336407');
    const shown = decodeValue(d, octets);
    expect(shown.problem).toBeNull();
    expect(isIPv6(shown.value)).toBe(true);
    expect(encodeValue(d, shown.value).equals(octets)).toBe(true);
  });

  // [attribute, typed text, what the message must say]
  const BAD_INPUT: [string, string, RegExp][] = [
    ['T-Ipaddr', '192.0.2.256', /IPv4 address/],
    ['T-Ipaddr', '2001:db8::1', /IPv4 address/],
    ['T-Ipaddr', 'router-1', /IPv4 address/],
    ['T-Ipv6addr', '2001:db8::g', /IPv6 address/],
    ['T-Ipv6addr', '192.0.2.1', /IPv6 address/],
    ['T-Ipv6prefix', '2001:db8::/129', /IPv6 prefix/],
    ['T-Ipv6prefix', '2001:db8::', /IPv6 prefix/],
    ['T-Ipv6prefix', 'nonsense/48', /IPv6/],
    ['T-Integer', '4294967296', /0–4294967295/],
    ['T-Integer', '-1', /takes a number/],
    ['T-Integer', '1.5', /takes a number/],
    ['T-Integer', 'Medium', /one of: Low, High/],
    ['T-Integer', '', /takes a number/],
    ['T-Integer64', '18446744073709551616', /0–18446744073709551615/],
    ['T-Integer64', '-1', /0–18446744073709551615/],
    ['T-Date', 'yesterday', /Unix time or an ISO date/],
    ['T-Date', '1969-12-31T23:59:59Z', /1970 and 2106/],
    ['T-Date', '2200-01-01T00:00:00Z', /1970 and 2106/],
    ['T-Date', '4294967296', /0–4294967295/],
    ['T-Byte', '256', /0–255/],
    ['T-Short', '65536', /0–65535/],
    ['T-Signed', '2147483648', /signed 32-bit/],
    ['T-Signed', '-2147483649', /signed 32-bit/],
    ['T-Signed', '1.5', /signed 32-bit/],
    ['T-Signed', '', /signed 32-bit/],
    ['T-Ether', 'aa:bb:cc:dd:ee', /MAC address/],
    ['T-Ether', 'aa:bb:cc:dd:ee:gg', /MAC address/],
    ['T-Ifid', '0011:22ff:fe33', /interface id/],
    ['T-String', 'x'.repeat(254), /254 bytes; at most 253/],
    ['T-String', 'é'.repeat(127), /254 bytes; at most 253/],
    ['T-Octets', `0x${'ab'.repeat(254)}`, /254 bytes; at most 253/],
    ['Mikrotik-Rate-Limit', 'x'.repeat(248), /248 bytes; at most 247/],
    ['Tunnel-Private-Group-Id', 'x'.repeat(253), /253 bytes; at most 252/],
  ];
  it.each(BAD_INPUT)('%s refuses %j, saying %s', (name, text, message) => {
    const d = def(name);
    let caught: unknown;
    try {
      encodeValue(d, text);
    } catch (err) {
      caught = err;
    }
    expect(caught).toBeInstanceOf(AttributeValueError);
    expect((caught as Error).message).toMatch(message);
    expect((caught as Error).message).toContain(d.name);
  });

  it('accepts a value of exactly the largest size that fits', () => {
    expect(encodeValue(def('T-String'), 'x'.repeat(253))).toHaveLength(253);
    expect(encodeValue(def('Mikrotik-Rate-Limit'), 'x'.repeat(247))).toHaveLength(247);
  });

  // [attribute, octets received] for values whose length does not fit the type
  const WRONG_LENGTH: [string, string][] = [
    ['T-Ipaddr', 'c00002'],
    ['T-Ipaddr', 'c000020a01'],
    ['T-Ipv6addr', '20010db8'],
    ['T-Integer', ''],
    ['T-Integer', '000001'],
    ['T-Integer', '0000000001'],
    ['T-Integer64', '00000001'],
    ['T-Date', '0102'],
    ['T-Byte', '0102'],
    ['T-Short', '01'],
    ['T-Signed', 'ffffff'],
    ['T-Ether', 'aabbccddee'],
    ['T-Ifid', '0011'],
    ['Framed-IP-Address', '0a00'],
    ['Session-Timeout', '0e10ff'],
  ];
  it.each(WRONG_LENGTH)('%s received as 0x%s is shown in hex with a problem', (name, wire) => {
    const d = def(name);
    const r = decodeValue(d, Buffer.from(wire, 'hex'));
    expect(r.value).toBe(`0x${wire}`);
    expect(r.problem).toContain(d.name);
    expect(r.problem).toContain(`got ${wire.length / 2}`);
  });

  it.each([
    ['a prefix length over 128', '0081' + '00'.repeat(16)],
    ['fewer octets than the prefix length needs', '0040' + '2001'],
    ['more than 16 address octets', '0080' + '00'.repeat(17)],
    ['no prefix length at all', '00'],
  ])('shows an IPv6 prefix with %s in hex with a problem', (_why, wire) => {
    const r = decodeValue(def('T-Ipv6prefix'), Buffer.from(wire, 'hex'));
    expect(r.value).toBe(`0x${wire}`);
    expect(r.problem).toMatch(/not a valid IPv6 prefix/);
  });

  it('shows a string that is not printable UTF-8 in hex, as radclient does', () => {
    expect(decodeValue(def('T-String'), Buffer.from([0xff, 0xfe, 0x41]))).toEqual({ value: '0xfffe41', problem: null });
    expect(decodeValue(def('T-String'), Buffer.from('a\x00b'))).toEqual({ value: '0x610062', problem: null });
  });

  it('never throws while decoding, whatever the length, for every type and every shipped attribute', () => {
    const defs = [...typed.all(), ...dict.all()];
    for (const d of defs) {
      for (const len of [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 15, 16, 17, 18, 19, 253]) {
        const r = decodeValue(d, Buffer.alloc(len, 0xa5));
        expect(typeof r.value, d.name).toBe('string');
        if (r.problem !== null) expect(r.value, d.name).toBe(`0x${'a5'.repeat(len)}`);
      }
    }
  });
});
