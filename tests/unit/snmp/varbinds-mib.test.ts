// Varbind decoding (Counter64 exact, text vs hex, TimeTicks, enumerations, v2 exceptions), MIB naming
// both ways with instance suffixes, and OID validation.
import { describe, expect, it } from 'vitest';
import { NocError } from '../../../shared/ipc/errors';
import { mibEntries, oidToName, resolveOid, searchMib } from '../../../electron/services/snmp/mib';
import { compareOids, inSubtree } from '../../../electron/services/snmp/snmpEngine';
import { decodeVarbind, formatVarbind, octetStringText, timeTicksDisplay, unsignedDecimal } from '../../../electron/services/snmp/varbinds';

describe('varbind decoding', () => {
  it('Counter64 buffers of any length become exact decimals', () => {
    expect(unsignedDecimal(Buffer.from([]))).toBe('0');
    expect(unsignedDecimal(Buffer.from([0x00, 0xff]))).toBe('255');
    expect(unsignedDecimal(Buffer.from('ffffffffffffffff', 'hex'))).toBe('18446744073709551615');
    expect(unsignedDecimal(Buffer.from('0020000000000001', 'hex'))).toBe('9007199254740993'); // 2^53 + 1: a double would say …992
    const v = decodeVarbind({ oid: '1.3.6.1.2.1.31.1.1.1.6.3', type: 70, value: Buffer.from('00f9cc1d4dc1e2e0', 'hex') });
    expect(v).toEqual({ oid: '1.3.6.1.2.1.31.1.1.1.6.3', name: 'ifHCInOctets.3', type: 'Counter64', value: BigInt('0xf9cc1d4dc1e2e0').toString(), encoding: null, display: null });
  });

  it('OctetString: printable UTF-8 as text, anything else as hex of the exact bytes', () => {
    expect(octetStringText(Buffer.from('eth0'))).toBe('eth0');
    expect(octetStringText(Buffer.from('Zürich PoP\n'))).toBe('Zürich PoP\n');
    expect(octetStringText(Buffer.from([0x61, 0x00]))).toBeNull();
    expect(octetStringText(Buffer.from([0xc3, 0x28]))).toBeNull(); // invalid UTF-8
    const mac = decodeVarbind({ oid: '1.3.6.1.2.1.2.2.1.6.2', type: 4, value: Buffer.from('02a0000000ff', 'hex') });
    expect(mac).toMatchObject({ name: 'ifPhysAddress.2', encoding: 'hex', value: '02 a0 00 00 00 ff' });
    expect(formatVarbind(mac)).toBe('ifPhysAddress.2 = Hex-STRING: 02 A0 00 00 00 FF');
    expect(decodeVarbind({ oid: '1.3.6.1.2.1.1.5.0', type: 4, value: Buffer.from('') })).toMatchObject({ value: '', encoding: 'text' });
  });

  it('enumerations and TimeTicks get a display form; unknown values stay numbers', () => {
    expect(decodeVarbind({ oid: '1.3.6.1.2.1.2.2.1.8.1', type: 2, value: 7 })).toMatchObject({ name: 'ifOperStatus.1', value: '7', display: 'lowerLayerDown' });
    expect(decodeVarbind({ oid: '1.3.6.1.2.1.2.2.1.7.1', type: 2, value: 2 }).display).toBe('down');
    expect(decodeVarbind({ oid: '1.3.6.1.2.1.2.2.1.3.1', type: 2, value: 6 }).display).toBe('ethernetCsmacd');
    expect(decodeVarbind({ oid: '1.3.6.1.2.1.2.2.1.3.1', type: 2, value: 9999 }).display).toBeNull();
    expect(timeTicksDisplay(0)).toBe('0:00:00.00');
    expect(timeTicksDisplay(123456789)).toBe('14 days, 6:56:07.89');
    expect(decodeVarbind({ oid: '1.3.6.1.2.1.1.3.0', type: 67, value: 8640000 })).toMatchObject({ value: '8640000', display: '1 day, 0:00:00.00' });
  });

  it('noSuchObject / noSuchInstance / endOfMibView are typed varbinds', () => {
    expect(decodeVarbind({ oid: '1.3.6.1.2.1.1.99.0', type: 128, value: null }).type).toBe('NoSuchObject');
    expect(decodeVarbind({ oid: '1.3.6.1.2.1.1.1.5', type: 129, value: null }).type).toBe('NoSuchInstance');
    expect(formatVarbind(decodeVarbind({ oid: '1.3.6.1.9', type: 130, value: null }))).toContain('No more variables');
  });

  it('IpAddress, OID and Gauge32 values', () => {
    expect(decodeVarbind({ oid: '1.3.6.1.2.1.4.20.1.1.10.0.0.1', type: 64, value: '10.0.0.1' })).toMatchObject({ name: 'ipAdEntAddr.10.0.0.1', type: 'IpAddress', value: '10.0.0.1' });
    expect(decodeVarbind({ oid: '1.3.6.1.2.1.1.2.0', type: 6, value: '1.3.6.1.2.1.2.2' })).toMatchObject({ type: 'OID', value: '1.3.6.1.2.1.2.2', display: 'ifTable' });
    expect(decodeVarbind({ oid: '1.3.6.1.2.1.2.2.1.5.1', type: 66, value: 4294967295 })).toMatchObject({ type: 'Gauge32', value: '4294967295' });
  });
});

describe('MIB names', () => {
  it('names OIDs by the longest known prefix with the instance suffix', () => {
    expect(oidToName('1.3.6.1.2.1.2.2.1.2.3')).toBe('ifDescr.3');
    expect(oidToName('1.3.6.1.2.1.2.2.1.10.3')).toBe('ifInOctets.3'); // 10 is not 1 followed by 0
    expect(oidToName('1.3.6.1.2.1.1.5.0')).toBe('sysName.0');
    expect(oidToName('1.3.6.1.2.1.31.1.1.1.6.12')).toBe('ifHCInOctets.12');
    expect(oidToName('1.0.8802.1.1.2.1.4.1.1.9.0.3.1')).toBe('lldpRemSysName.0.3.1');
    expect(oidToName('1.3.6.1.2.1.17.4.3.1.2.0.27.33.1.2.3')).toBe('dot1dTpFdbPort.0.27.33.1.2.3');
    expect(oidToName('1.3.6.1.2.1.25.3.3.1.2.196608')).toBe('hrProcessorLoad.196608');
    expect(oidToName('1.3.6.1.2.1.47.1.1.1.1.13.1')).toBe('entPhysicalModelName.1');
    expect(oidToName('1.3.6.1.2.1.2.2')).toBe('ifTable');
    expect(oidToName('1.3.6.1.4.1.9.9.1')).toBe('enterprises.9.9.1');
    expect(oidToName('1.2.840.10006')).toBeNull();
  });

  it('resolves names (with module and instance) and numeric OIDs both ways', () => {
    expect(resolveOid('ifDescr.3')).toBe('1.3.6.1.2.1.2.2.1.2.3');
    expect(resolveOid('IF-MIB::ifHCOutOctets.7')).toBe('1.3.6.1.2.1.31.1.1.1.10.7');
    expect(resolveOid('sysUpTime.0')).toBe('1.3.6.1.2.1.1.3.0');
    expect(resolveOid('lldpRemTable')).toBe('1.0.8802.1.1.2.1.4.1');
    expect(resolveOid('.1.3.6.1.2.1.1')).toBe('1.3.6.1.2.1.1');
    for (const e of mibEntries()) expect(oidToName(e.oid)).toBe(e.name);
    expect(new Set(mibEntries().map((e) => e.name)).size).toBe(mibEntries().length);
    expect(new Set(mibEntries().map((e) => e.oid)).size).toBe(mibEntries().length);
  });

  it('refuses malformed OIDs and unknown names with VALIDATION naming them', () => {
    for (const bad of ['1.3..6', '1', '3.1.2', '1.40.1', '1.3.6.1.04', '1.3.6.4294967296', 'if Descr', 'ifDescr.x', 'ifFrob.1', 'BRIDGE-MIB::ifDescr']) {
      let error: unknown;
      try {
        resolveOid(bad);
      } catch (e) {
        error = e;
      }
      expect(error, bad).toBeInstanceOf(NocError);
      expect((error as NocError).code).toBe('VALIDATION');
      expect((error as NocError).message).toContain(`"${bad}"`);
    }
  });

  it('search finds by name, OID prefix and module', () => {
    expect(searchMib('ifOperStatus', 5)[0]?.oid).toBe('1.3.6.1.2.1.2.2.1.8');
    expect(searchMib('1.0.8802', 100).every((e) => e.module === 'LLDP-MIB')).toBe(true);
    expect(searchMib('BRIDGE-MIB', 100).length).toBeGreaterThan(10);
  });

  it('subtree bounds and OID order are numeric', () => {
    expect(inSubtree('1.3.6.1.2.1.2.2.1.1', '1.3.6.1.2.1.2.2')).toBe(true);
    expect(inSubtree('1.3.6.1.2.1.2.20', '1.3.6.1.2.1.2.2')).toBe(false);
    expect(inSubtree('1.3.6.1.2.1.2.2', '1.3.6.1.2.1.2.2')).toBe(false);
    expect(compareOids('1.3.6.1.10', '1.3.6.1.9')).toBeGreaterThan(0);
    expect(compareOids('1.3.6', '1.3.6.0')).toBeLessThan(0);
  });
});
