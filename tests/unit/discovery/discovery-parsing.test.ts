// Pure pieces of discovery: identification from sysObjectID/sysDescr, LLDP-MIB index decoding,
// seed ranges, interface naming and the merging of a link seen from both ends.
import { describe, expect, it } from 'vitest';
import { enterpriseOf, identify } from '../../../electron/services/discovery/identify';
import { dedupeLinks, localInterfaceName, remoteInterfaceName, type DeviceFacts } from '../../../electron/services/discovery/linkResolver';
import { decodeManAddrIndex, networkAddressId, parseLocalPorts, parseNeighbours, type RemoteNeighbour } from '../../../electron/services/discovery/lldp';
import { expandSeed, expandSeeds } from '../../../electron/services/discovery/seedRange';
import type { SnmpVarbind } from '../../../electron/services/snmp/varbinds';

const octet = (oid: string, value: string, hex = false): SnmpVarbind => ({ oid, name: null, type: 'OctetString', value, encoding: hex ? 'hex' : 'text', display: null });
const int = (oid: string, value: number): SnmpVarbind => ({ oid, name: null, type: 'Integer', value: String(value), encoding: null, display: null });

describe('identify', () => {
  it('names the vendor from the enterprise number and the platform from sysDescr', () => {
    expect(enterpriseOf('1.3.6.1.4.1.9.1.2066')).toBe(9);
    expect(enterpriseOf('.1.3.6.1.4.1.14988.1')).toBe(14988);
    expect(enterpriseOf('1.3.6.1.2.1.1')).toBeNull();
    expect(identify('1.3.6.1.4.1.14988.1', 'RouterOS CCR1036-8G-2S+')).toEqual({ vendor: 'MikroTik', model: 'RouterOS CCR1036-8G-2S+', role: 'edge_router' });
    expect(identify('1.3.6.1.4.1.2636.1.1.1.2.25', 'Juniper Networks, Inc. mx480 internet router, kernel JUNOS 21.4R3')).toMatchObject({ vendor: 'Juniper', model: 'MX480', role: 'core_router' });
    expect(identify('1.3.6.1.4.1.2011.2.23.1', 'Huawei Integrated Access Software MA5800-X7')).toMatchObject({ vendor: 'Huawei', model: 'MA5800-X7' });
    expect(identify('1.3.6.1.4.1.9.1.1', 'Cisco IOS Software, C2960X Software (C2960X-UNIVERSALK9-M)')).toMatchObject({ vendor: 'Cisco', model: 'C2960X' });
    expect(identify('1.3.6.1.4.1.8072.3.2.10', 'Linux r1 6.1.0-18-amd64 #1 SMP Debian x86_64')).toEqual({ vendor: 'Linux', model: 'Linux 6.1.0-18-amd64', role: 'server' });
    expect(identify('1.3.6.1.4.1.99999.1', '')).toEqual({ vendor: '', model: '', role: 'other' });
  });
});

describe('LLDP-MIB decoding', () => {
  it('reads the management address out of a lldpRemManAddrTable index (with or without the length)', () => {
    expect(decodeManAddrIndex('100.3.1.1.4.198.18.0.12')).toEqual({ localPortNum: 3, remIndex: 1, address: '198.18.0.12' });
    expect(decodeManAddrIndex('0.7.2.1.10.0.0.9')).toEqual({ localPortNum: 7, remIndex: 2, address: '10.0.0.9' });
    expect(decodeManAddrIndex(`0.5.1.2.16.${[0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1].join('.')}`)).toEqual({ localPortNum: 5, remIndex: 1, address: '2001:db8::1' });
    expect(decodeManAddrIndex('0.5.1.6.4.1.2.3.4')).toBeNull(); // not an IP family
    expect(decodeManAddrIndex('0.5.1')).toBeNull();
    expect(networkAddressId(Buffer.from([1, 192, 0, 2, 7]))).toBe('192.0.2.7');
  });

  it('joins lldpRemTable rows with their addresses and keeps MAC port IDs as colon hex', () => {
    const rem = '1.0.8802.1.1.2.1.4.1.1';
    const remVarbinds = [
      int(`${rem}.4.100.3.1`, 4),
      octet(`${rem}.5.100.3.1`, 'e2 9d 5e 3f c9 63', true),
      int(`${rem}.6.100.3.1`, 3),
      octet(`${rem}.7.100.3.1`, 'e2 9d 5e 3f c9 63', true),
      octet(`${rem}.8.100.3.1`, 'eth1'),
      octet(`${rem}.9.100.3.1`, 'r2'),
    ];
    const man = [int('1.0.8802.1.1.2.1.4.2.1.3.100.3.1.1.4.198.18.0.12', 2)];
    expect(parseNeighbours(remVarbinds, man)).toEqual([
      { localPortNum: 3, remIndex: 1, chassisIdSubtype: 4, chassisId: 'e2:9d:5e:3f:c9:63', portIdSubtype: 3, portId: 'e2:9d:5e:3f:c9:63', portDesc: 'eth1', sysName: 'r2', sysDesc: '', addresses: ['198.18.0.12'] },
    ]);
    const loc = '1.0.8802.1.1.2.1.3.7.1';
    expect(parseLocalPorts([int(`${loc}.2.5`, 5), octet(`${loc}.3.5`, 'Gi0/1'), octet(`${loc}.4.5`, 'uplink')]).get(5)).toEqual({ portNum: 5, idSubtype: 5, id: 'Gi0/1', desc: 'uplink' });
  });
});

describe('seed ranges', () => {
  it('skips network and broadcast, refuses more than a /22', () => {
    expect(expandSeed('10.0.0.0/30')).toEqual(['10.0.0.1', '10.0.0.2']);
    expect(expandSeed('10.0.0.8/31')).toEqual(['10.0.0.8', '10.0.0.9']);
    expect(expandSeed('10.0.1.77/24')).toHaveLength(254);
    expect(expandSeed('10.0.0.0/22')).toHaveLength(1022);
    expect(() => expandSeed('10.0.0.0/21')).toThrow(/at most a \/22/);
    expect(expandSeeds(['10.0.0.1', '10.0.0.0/30'])).toEqual(['10.0.0.1', '10.0.0.2']);
  });
});

function facts(key: string, ifs: [number, string, string?][], ports: [number, number, string, string][] = []): DeviceFacts {
  return {
    key,
    address: '',
    sysName: key,
    sysDescr: '',
    sysObjectId: '',
    chassisId: key,
    interfaces: ifs.map(([ifIndex, name, mac]) => ({ ifIndex, name, descr: name, alias: '', speedBps: null, mac: mac ?? null, adminStatus: 'up', operStatus: 'up' })),
    localPorts: new Map(ports.map(([portNum, idSubtype, id, desc]) => [portNum, { portNum, idSubtype, id, desc }])),
    neighbours: [],
  };
}

const neighbour = (p: Partial<RemoteNeighbour>): RemoteNeighbour => ({
  localPortNum: 1,
  remIndex: 1,
  chassisIdSubtype: 4,
  chassisId: '',
  portIdSubtype: 3,
  portId: '',
  portDesc: '',
  sysName: '',
  sysDesc: '',
  addresses: [],
  ...p,
});

describe('interface names and link merging', () => {
  it('names ports by ifName: by port-ID name, by ifIndex, by MAC on the far side', () => {
    const cisco = facts('sw', [[10101, 'Gi1/0/1']], [[1, 5, 'Gi1/0/1', 'to core']]);
    expect(localInterfaceName(cisco, 1)).toBe('Gi1/0/1');
    const linux = facts('r1', [[3, 'eth1']], [[3, 3, 'aa:bb:cc:00:00:01', 'eth1']]);
    expect(localInterfaceName(linux, 3)).toBe('eth1');
    const far = facts('r2', [[4, 'eth2', '02:00:00:00:00:02']]);
    expect(remoteInterfaceName(neighbour({ portIdSubtype: 3, portId: '02:00:00:00:00:02', portDesc: 'the uplink' }), far)).toBe('eth2');
    expect(remoteInterfaceName(neighbour({ portIdSubtype: 7, portId: '4' }), far)).toBe('eth2');
    // not reached: what it advertised
    expect(remoteInterfaceName(neighbour({ portIdSubtype: 3, portId: '02:00:00:00:00:09', portDesc: 'ether5' }), undefined)).toBe('ether5');
  });

  it('a cable seen from both ends is one link; parallel cables stay two; the local name wins', () => {
    const links = dedupeLinks([
      { local: { device: 'r1', interface: 'eth1' }, remote: { device: 'r2', interface: 'eth1' } },
      { local: { device: 'r2', interface: 'eth1' }, remote: { device: 'r1', interface: 'eth1' } },
      { local: { device: 'r1', interface: 'eth2' }, remote: { device: 'r2', interface: 'eth2' } },
      // r3 heard r1's port by its description; r1's own view names it eth3
      { local: { device: 'r3', interface: 'eth3' }, remote: { device: 'r1', interface: 'to r3' } },
      { local: { device: 'r1', interface: 'eth3' }, remote: { device: 'r3', interface: 'eth3' } },
      // an agent hearing itself is no link
      { local: { device: 'r4', interface: 'eth1' }, remote: { device: 'r4', interface: 'eth2' } },
    ]);
    expect(links).toEqual([
      { a: { device: 'r1', interface: 'eth1' }, b: { device: 'r2', interface: 'eth1' } },
      { a: { device: 'r1', interface: 'eth2' }, b: { device: 'r2', interface: 'eth2' } },
      { a: { device: 'r1', interface: 'eth3' }, b: { device: 'r3', interface: 'eth3' } },
    ]);
  });
});
