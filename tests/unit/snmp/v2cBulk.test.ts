// The v2c GETBULK codec the bulk walk uses: OIDs both ways (sub-identifiers past 2^28 too), the
// subtree test on raw bytes at sub-identifier boundaries, every value type as net-snmp would give
// it, and garbage refused. The walks themselves are compared with snmpbulkwalk against snmpd and
// snmpsim in tests/integration/snmp.
import { describe, expect, it } from 'vitest';
import { BerError, decodeOidContent, encodeOidContent, getBulkMessage, scanResponse } from '../../../electron/services/snmp/v2cBulk';
import { varbindJsonLine, decodeVarbind } from '../../../electron/services/snmp/varbinds';

function len(n: number): number[] {
  if (n < 128) return [n];
  const out: number[] = [];
  for (let v = n; v > 0; v = Math.floor(v / 256)) out.unshift(v % 256);
  return [0x80 | out.length, ...out];
}
const tlv = (tag: number, body: number[]): number[] => [tag, ...len(body.length), ...body];
const oid = (s: string): number[] => tlv(0x06, [...encodeOidContent(s)]);
const response = (requestId: number, varbinds: number[][], errorStatus = 0): Buffer =>
  Buffer.from(
    tlv(0x30, [
      ...tlv(0x02, [1]),
      ...tlv(0x04, [...Buffer.from('public')]),
      ...tlv(0xa2, [...tlv(0x02, [requestId]), ...tlv(0x02, [errorStatus]), ...tlv(0x02, [0]), ...tlv(0x30, varbinds.flatMap((v) => tlv(0x30, v)))]),
    ]),
  );

describe('v2c GETBULK codec', () => {
  it.each(['1.3.6.1.2.1.2.2.1.10.7', '1.3.6.1.4.1.2636.3.1.2.1.4294967295', '2.999.3', '0.0', '1.3.6.1.6.3.1.1.5.3'])('OID %s survives encode → decode', (s) => {
    const b = encodeOidContent(s);
    expect(decodeOidContent(b, 0, b.length)).toBe(s);
  });

  it('refuses what is not a numeric OID', () => {
    expect(() => encodeOidContent('ifDescr.1')).toThrow(BerError);
    expect(() => encodeOidContent('1')).toThrow(BerError);
  });

  it('decodes every value type as net-snmp gives it, and the subtree test stops at sub-identifier boundaries', () => {
    const r = scanResponse(
      response(42, [
        [...oid('1.3.6.1.2.1.2.2.1.1.1'), ...tlv(0x02, [0xff, 0x85])], // INTEGER -123
        [...oid('1.3.6.1.2.1.2.2.1.2.1'), ...tlv(0x04, [...Buffer.from('eth "0"')])],
        [...oid('1.3.6.1.2.1.4.20.1.1.10.0.0.1'), ...tlv(0x40, [10, 0, 0, 1])],
        [...oid('1.3.6.1.2.1.2.2.1.10.1'), ...tlv(0x41, [0x00, 0xff, 0xff, 0xff, 0xff])], // Counter32 max
        [...oid('1.3.6.1.2.1.1.3.0'), ...tlv(0x43, [0x01, 0x00])],
        [...oid('1.3.6.1.2.1.31.1.1.1.6.1'), ...tlv(0x46, [0x01, 0, 0, 0, 0, 0, 0, 0, 0])], // 2^64
        [...oid('1.3.6.1.2.1.1.2.0'), ...oid('1.3.6.1.4.1.8072.3.2.10')],
        [...oid('1.3.6.1.2.1.2.2.1.11.1'), 0x82, 0x00], // endOfMibView
      ]),
    );
    expect([r.requestId, r.errorStatus, r.count]).toEqual([42, 0, 8]);
    const v = Array.from({ length: r.count }, (_, i) => decodeVarbind(r.varbind(i)));
    expect(v.map((x) => [x.type, x.value])).toEqual([
      ['Integer', '-123'],
      ['OctetString', 'eth "0"'],
      ['IpAddress', '10.0.0.1'],
      ['Counter32', '4294967295'],
      ['TimeTicks', '256'],
      ['Counter64', '18446744073709551616'],
      ['OID', '1.3.6.1.4.1.8072.3.2.10'],
      ['EndOfMibView', ''],
    ]);
    // ifInOctets (.10) is not under ifIndex (.1) although its bytes start the same way
    const ifIndex = encodeOidContent('1.3.6.1.2.1.2.2.1.1');
    expect([r.under(0, ifIndex), r.under(3, ifIndex), r.under(0, encodeOidContent('1.3.6.1.2.1.2.2.1.1.1')), r.under(0, encodeOidContent('1.3.6.1.2.1.2.2.1.1.1'), true)]).toEqual([true, false, false, true]);
    expect(r.tag(7)).toBe(0x82);
    // the JSON line is exactly JSON.stringify's
    for (const x of v) expect(varbindJsonLine(x)).toBe(JSON.stringify(x));
  });

  it('a request is a well-formed GetBulkRequest a scanner can walk', () => {
    const m = getBulkMessage('public', 7, 25, encodeOidContent('1.3.6.1.2.1.2.2'));
    expect(m[0]).toBe(0x30);
    expect(m.includes(Buffer.from('public'))).toBe(true);
    // ends with the varbind: the OID's content, then NULL
    const oidContent = encodeOidContent('1.3.6.1.2.1.2.2');
    expect(m.subarray(-2 - oidContent.length)).toEqual(Buffer.concat([oidContent, Buffer.from([0x05, 0x00])]));
    // request id 7, non-repeaters 0, max-repetitions 25, in that order after the PDU tag
    const pdu = m.indexOf(0xa5);
    expect([...m.subarray(pdu + 2, pdu + 11)]).toEqual([0x02, 0x01, 7, 0x02, 0x01, 0, 0x02, 0x01, 25]);
  });

  it('garbage, truncation and other PDUs are refused, never half-read', () => {
    const good = response(1, [[...oid('1.3.6.1.2.1.1.5.0'), ...tlv(0x04, [0x61])]]);
    expect(() => scanResponse(good.subarray(0, good.length - 3))).toThrow(BerError);
    expect(() => scanResponse(Buffer.from('not snmp at all'))).toThrow(BerError);
    const getRequest = Buffer.from(good);
    getRequest[good.indexOf(0xa2)] = 0xa0;
    expect(() => scanResponse(getRequest)).toThrow(BerError);
    expect(scanResponse(good).count).toBe(1);
  });
});
