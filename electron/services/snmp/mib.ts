// Our own MIB name table for the common MIBs an ISP NOC walks: SNMPv2-MIB (system, snmp group,
// standard traps), IF-MIB, IP-MIB, HOST-RESOURCES-MIB, ENTITY-MIB, LLDP-MIB and BRIDGE-MIB. Names,
// OIDs and enumerations are public facts of those RFCs/standards; the table is written here so the
// console needs no MIB files (Debian ships none). Name ↔ OID both ways; a walk result is named by
// the longest known prefix plus the instance suffix (1.3.6.1.2.1.2.2.1.2.3 → ifDescr.3).
import type { z } from 'zod';
import { NocError } from '../../../shared/ipc/errors';
import type { mibEntrySchema } from '../../../shared/ipc/snmpSchemas';

export type MibEntry = z.infer<typeof mibEntrySchema>;
type Kind = MibEntry['kind'];

/** Enumerated INTEGER values by object name (value → label). */
export type EnumMap = Readonly<Record<number, string>>;

const ENTRIES: MibEntry[] = [];
const ENUMS = new Map<string, EnumMap>();

function add(module: string, name: string, oid: string, kind: Kind, description: string, enumeration?: EnumMap): void {
  ENTRIES.push({ name, oid, module, kind, description });
  if (enumeration !== undefined) ENUMS.set(name, enumeration);
}

/** [name, description, enum?] at arc index+1 unless `arc` is given (columns and scalars are numbered from 1). */
type Member = readonly [name: string, description: string, enumeration?: EnumMap, arc?: number];

function scalars(module: string, base: string, members: readonly Member[]): void {
  members.forEach(([name, description, enumeration, arc], i) => add(module, name, `${base}.${arc ?? i + 1}`, 'scalar', description, enumeration));
}

function table(module: string, name: string, oid: string, entry: string, description: string, columns: readonly Member[]): void {
  add(module, name, oid, 'table', description);
  add(module, entry, `${oid}.1`, 'entry', `A row of ${name}`);
  columns.forEach(([col, desc, enumeration, arc], i) => add(module, col, `${oid}.1.${arc ?? i + 1}`, 'column', desc, enumeration));
}

const TRUTH: EnumMap = { 1: 'true', 2: 'false' };
const ENABLED: EnumMap = { 1: 'enabled', 2: 'disabled' };
const ROW_STATUS: EnumMap = { 1: 'active', 2: 'notInService', 3: 'notReady', 4: 'createAndGo', 5: 'createAndWait', 6: 'destroy' };
const STORAGE_TYPE: EnumMap = { 1: 'other', 2: 'volatile', 3: 'nonVolatile', 4: 'permanent', 5: 'readOnly' };
const INET_ADDRESS_TYPE: EnumMap = { 0: 'unknown', 1: 'ipv4', 2: 'ipv6', 3: 'ipv4z', 4: 'ipv6z', 16: 'dns' };
/** IANAifType: the values an ISP network shows. */
const IF_TYPE: EnumMap = {
  1: 'other', 6: 'ethernetCsmacd', 22: 'propPointToPointSerial', 23: 'ppp', 24: 'softwareLoopback', 32: 'frameRelay', 37: 'atm',
  53: 'propVirtual', 62: 'fastEther', 71: 'ieee80211', 94: 'adsl', 97: 'vdsl', 117: 'gigabitEthernet', 131: 'tunnel',
  135: 'l2vlan', 136: 'l3ipvlan', 161: 'ieee8023adLag', 166: 'mpls', 209: 'bridge', 244: 'wwanPP2', 250: 'gpon', 251: 'vdsl2', 303: 'xgpon',
};
const LLDP_CHASSIS_SUBTYPE: EnumMap = { 1: 'chassisComponent', 2: 'interfaceAlias', 3: 'portComponent', 4: 'macAddress', 5: 'networkAddress', 6: 'interfaceName', 7: 'local' };
const LLDP_PORT_SUBTYPE: EnumMap = { 1: 'interfaceAlias', 2: 'portComponent', 3: 'macAddress', 4: 'networkAddress', 5: 'interfaceName', 6: 'agentCircuitId', 7: 'local' };

// ── SNMPv2-MIB ──────────────────────────────────────────────────────────────
const V2 = 'SNMPv2-MIB';
add('SNMPv2-SMI', 'iso', '1', 'node', 'ISO');
add('SNMPv2-SMI', 'internet', '1.3.6.1', 'node', 'The Internet subtree');
add('SNMPv2-SMI', 'mgmt', '1.3.6.1.2', 'node', 'Standard management objects');
add('SNMPv2-SMI', 'mib-2', '1.3.6.1.2.1', 'node', 'MIB-II');
add('SNMPv2-SMI', 'enterprises', '1.3.6.1.4.1', 'node', 'Vendor (enterprise) MIBs');
add(V2, 'system', '1.3.6.1.2.1.1', 'node', 'System group');
scalars(V2, '1.3.6.1.2.1.1', [
  ['sysDescr', 'Description of the entity: hardware, OS and software'],
  ['sysObjectID', 'Vendor identification of the agent (enterprise OID)'],
  ['sysUpTime', 'Time since the agent (re)initialised, hundredths of a second'],
  ['sysContact', 'Contact person for this node'],
  ['sysName', 'Administratively assigned name (often the FQDN)'],
  ['sysLocation', 'Physical location of this node'],
  ['sysServices', 'Set of services the entity offers (OSI layer bits)'],
  ['sysORLastChange', 'sysUpTime of the last change to sysORTable'],
]);
table(V2, 'sysORTable', '1.3.6.1.2.1.1.9', 'sysOREntry', 'Capabilities (MIB modules) the agent supports', [
  ['sysORIndex', 'Row index'],
  ['sysORID', 'OID of the supported capability'],
  ['sysORDescr', 'Description of the capability'],
  ['sysORUpTime', 'sysUpTime when the row was last instantiated'],
]);
add(V2, 'snmp', '1.3.6.1.2.1.11', 'node', 'SNMP protocol statistics');
scalars(V2, '1.3.6.1.2.1.11', [
  ['snmpInPkts', 'Messages delivered to the SNMP entity', undefined, 1],
  ['snmpOutPkts', 'Messages passed to the transport', undefined, 2],
  ['snmpInBadVersions', 'Messages for an unsupported SNMP version', undefined, 3],
  ['snmpInBadCommunityNames', 'Messages with an unknown community', undefined, 4],
  ['snmpInBadCommunityUses', 'Messages with a community not allowed for the operation', undefined, 5],
  ['snmpInASNParseErrs', 'ASN.1/BER errors decoding received messages', undefined, 6],
  ['snmpEnableAuthenTraps', 'Whether authenticationFailure traps are sent', ENABLED, 30],
  ['snmpSilentDrops', 'Confirmed-class PDUs dropped silently (reply too big)', undefined, 31],
  ['snmpProxyDrops', 'Confirmed-class PDUs dropped by a proxy', undefined, 32],
]);
add(V2, 'snmpTrapOID', '1.3.6.1.6.3.1.1.4.1', 'scalar', 'The OID of the notification being sent');
add(V2, 'snmpTraps', '1.3.6.1.6.3.1.1.5', 'node', 'Standard notifications');
scalars(V2, '1.3.6.1.6.3.1.1.5', [
  ['coldStart', 'The agent reinitialised, its configuration may have changed'],
  ['warmStart', 'The agent reinitialised, configuration unchanged'],
  ['linkDown', 'An interface left the up state'],
  ['linkUp', 'An interface entered the up state'],
  ['authenticationFailure', 'A message failed authentication'],
]);
// Kinds of the standard traps are notifications, not scalars: mark them as nodes.
for (const e of ENTRIES) if (e.oid.startsWith('1.3.6.1.6.3.1.1.5.')) e.kind = 'node';

// ── IF-MIB ──────────────────────────────────────────────────────────────────
const IF = 'IF-MIB';
add(IF, 'interfaces', '1.3.6.1.2.1.2', 'node', 'Interfaces group');
add(IF, 'ifNumber', '1.3.6.1.2.1.2.1', 'scalar', 'Number of network interfaces');
table(IF, 'ifTable', '1.3.6.1.2.1.2.2', 'ifEntry', 'Interfaces, one row per ifIndex', [
  ['ifIndex', 'Unique interface number'],
  ['ifDescr', 'Interface description (name, product, version)'],
  ['ifType', 'Interface type (IANAifType)', IF_TYPE],
  ['ifMtu', 'Largest datagram, octets'],
  ['ifSpeed', 'Bandwidth estimate, bits per second (max 4294967295; see ifHighSpeed)'],
  ['ifPhysAddress', 'Link-layer (MAC) address'],
  ['ifAdminStatus', 'Desired state', { 1: 'up', 2: 'down', 3: 'testing' }],
  ['ifOperStatus', 'Current operational state', { 1: 'up', 2: 'down', 3: 'testing', 4: 'unknown', 5: 'dormant', 6: 'notPresent', 7: 'lowerLayerDown' }],
  ['ifLastChange', 'sysUpTime when the interface entered its current state'],
  ['ifInOctets', 'Octets received (32-bit)'],
  ['ifInUcastPkts', 'Unicast packets received'],
  ['ifInNUcastPkts', 'Non-unicast packets received (deprecated)'],
  ['ifInDiscards', 'Inbound packets discarded without error'],
  ['ifInErrors', 'Inbound packets with errors'],
  ['ifInUnknownProtos', 'Inbound packets of an unknown protocol'],
  ['ifOutOctets', 'Octets sent (32-bit)'],
  ['ifOutUcastPkts', 'Unicast packets sent'],
  ['ifOutNUcastPkts', 'Non-unicast packets sent (deprecated)'],
  ['ifOutDiscards', 'Outbound packets discarded without error'],
  ['ifOutErrors', 'Outbound packets not sent because of errors'],
  ['ifOutQLen', 'Output queue length (deprecated)'],
  ['ifSpecific', 'Media-specific MIB reference (deprecated)'],
]);
add(IF, 'ifMIB', '1.3.6.1.2.1.31', 'node', 'IF-MIB module');
add(IF, 'ifMIBObjects', '1.3.6.1.2.1.31.1', 'node', 'IF-MIB objects');
table(IF, 'ifXTable', '1.3.6.1.2.1.31.1.1', 'ifXEntry', 'Extended interface table: names, 64-bit counters, high speed', [
  ['ifName', 'Interface name as the device knows it'],
  ['ifInMulticastPkts', 'Multicast packets received'],
  ['ifInBroadcastPkts', 'Broadcast packets received'],
  ['ifOutMulticastPkts', 'Multicast packets sent'],
  ['ifOutBroadcastPkts', 'Broadcast packets sent'],
  ['ifHCInOctets', 'Octets received (64-bit)'],
  ['ifHCInUcastPkts', 'Unicast packets received (64-bit)'],
  ['ifHCInMulticastPkts', 'Multicast packets received (64-bit)'],
  ['ifHCInBroadcastPkts', 'Broadcast packets received (64-bit)'],
  ['ifHCOutOctets', 'Octets sent (64-bit)'],
  ['ifHCOutUcastPkts', 'Unicast packets sent (64-bit)'],
  ['ifHCOutMulticastPkts', 'Multicast packets sent (64-bit)'],
  ['ifHCOutBroadcastPkts', 'Broadcast packets sent (64-bit)'],
  ['ifLinkUpDownTrapEnable', 'Whether linkUp/linkDown traps are sent', ENABLED],
  ['ifHighSpeed', 'Bandwidth estimate, megabits per second'],
  ['ifPromiscuousMode', 'Whether the interface accepts all packets', TRUTH],
  ['ifConnectorPresent', 'Whether the interface has a physical connector', TRUTH],
  ['ifAlias', 'Administrator alias (description)'],
  ['ifCounterDiscontinuityTime', 'sysUpTime of the last counter discontinuity'],
]);
table(IF, 'ifStackTable', '1.3.6.1.2.1.31.1.2', 'ifStackEntry', 'Layering of interfaces (higher over lower)', [
  ['ifStackHigherLayer', 'ifIndex of the higher layer'],
  ['ifStackLowerLayer', 'ifIndex of the lower layer'],
  ['ifStackStatus', 'Row status', ROW_STATUS],
]);
add(IF, 'ifTableLastChange', '1.3.6.1.2.1.31.1.5', 'scalar', 'sysUpTime of the last row creation/deletion in ifTable');

// ── IP-MIB ──────────────────────────────────────────────────────────────────
const IP = 'IP-MIB';
add(IP, 'ip', '1.3.6.1.2.1.4', 'node', 'IP group');
scalars(IP, '1.3.6.1.2.1.4', [
  ['ipForwarding', 'Whether the entity routes IPv4', { 1: 'forwarding', 2: 'notForwarding' }],
  ['ipDefaultTTL', 'Default TTL of datagrams this entity originates'],
]);
table(IP, 'ipAddrTable', '1.3.6.1.2.1.4.20', 'ipAddrEntry', 'IPv4 addresses of this entity (deprecated by ipAddressTable)', [
  ['ipAdEntAddr', 'The IPv4 address'],
  ['ipAdEntIfIndex', 'ifIndex of the interface holding it'],
  ['ipAdEntNetMask', 'Subnet mask'],
  ['ipAdEntBcastAddr', 'Least-significant bit of the broadcast address'],
  ['ipAdEntReasmMaxSize', 'Largest datagram reassembled from fragments'],
]);
table(IP, 'ipNetToMediaTable', '1.3.6.1.2.1.4.22', 'ipNetToMediaEntry', 'IPv4 ARP table', [
  ['ipNetToMediaIfIndex', 'ifIndex of the interface'],
  ['ipNetToMediaPhysAddress', 'Link-layer address'],
  ['ipNetToMediaNetAddress', 'IPv4 address'],
  ['ipNetToMediaType', 'How the entry was learnt', { 1: 'other', 2: 'invalid', 3: 'dynamic', 4: 'static' }],
]);
table(IP, 'ipAddressTable', '1.3.6.1.2.1.4.34', 'ipAddressEntry', 'IPv4 and IPv6 addresses of this entity', [
  ['ipAddressAddrType', 'Address type', INET_ADDRESS_TYPE],
  ['ipAddressAddr', 'The address'],
  ['ipAddressIfIndex', 'ifIndex of the interface holding it'],
  ['ipAddressType', 'Unicast, anycast or broadcast', { 1: 'unicast', 2: 'anycast', 3: 'broadcast' }],
  ['ipAddressPrefix', 'Pointer to the prefix row (ipAddressPrefixTable)'],
  ['ipAddressOrigin', 'How the address was configured', { 1: 'other', 2: 'manual', 4: 'dhcp', 5: 'linklayer', 6: 'random' }],
  ['ipAddressStatus', 'Status of the address', { 1: 'preferred', 2: 'deprecated', 3: 'invalid', 4: 'inaccessible', 5: 'unknown', 6: 'tentative', 7: 'duplicate', 8: 'optimistic' }],
  ['ipAddressCreated', 'sysUpTime when the row was created'],
  ['ipAddressLastChanged', 'sysUpTime of the last change'],
  ['ipAddressRowStatus', 'Row status', ROW_STATUS],
  ['ipAddressStorageType', 'Storage type', STORAGE_TYPE],
]);

// ── HOST-RESOURCES-MIB ──────────────────────────────────────────────────────
const HR = 'HOST-RESOURCES-MIB';
add(HR, 'host', '1.3.6.1.2.1.25', 'node', 'Host resources');
add(HR, 'hrSystem', '1.3.6.1.2.1.25.1', 'node', 'Host system group');
scalars(HR, '1.3.6.1.2.1.25.1', [
  ['hrSystemUptime', 'Time since the host was last initialised'],
  ['hrSystemDate', "The host's local date and time (DateAndTime)"],
  ['hrSystemInitialLoadDevice', 'hrDeviceIndex of the boot device'],
  ['hrSystemInitialLoadParameters', 'Boot parameters'],
  ['hrSystemNumUsers', 'Number of user sessions'],
  ['hrSystemProcesses', 'Number of processes loaded or running'],
  ['hrSystemMaxProcesses', 'Maximum number of processes (0: no fixed limit)'],
]);
add(HR, 'hrStorage', '1.3.6.1.2.1.25.2', 'node', 'Host storage group');
add(HR, 'hrStorageTypes', '1.3.6.1.2.1.25.2.1', 'node', 'Storage type identities (hrStorageRam, hrStorageFixedDisk…)');
add(HR, 'hrMemorySize', '1.3.6.1.2.1.25.2.2', 'scalar', 'Physical memory, KiB');
table(HR, 'hrStorageTable', '1.3.6.1.2.1.25.2.3', 'hrStorageEntry', 'Logical storage areas: RAM, swap, file systems', [
  ['hrStorageIndex', 'Row index'],
  ['hrStorageType', 'Storage type (hrStorageTypes identity)'],
  ['hrStorageDescr', 'Description (mount point, "Physical memory"…)'],
  ['hrStorageAllocationUnits', 'Size of one allocation unit, bytes'],
  ['hrStorageSize', 'Size, allocation units'],
  ['hrStorageUsed', 'Used, allocation units'],
  ['hrStorageAllocationFailures', 'Refused allocation requests'],
]);
add(HR, 'hrDevice', '1.3.6.1.2.1.25.3', 'node', 'Host devices group');
table(HR, 'hrDeviceTable', '1.3.6.1.2.1.25.3.2', 'hrDeviceEntry', 'Devices of the host', [
  ['hrDeviceIndex', 'Row index'],
  ['hrDeviceType', 'Device type (hrDeviceTypes identity)'],
  ['hrDeviceDescr', 'Description (vendor, model)'],
  ['hrDeviceID', 'Product ID'],
  ['hrDeviceStatus', 'Device status', { 1: 'unknown', 2: 'running', 3: 'warning', 4: 'testing', 5: 'down' }],
  ['hrDeviceErrors', 'Errors detected on the device'],
]);
table(HR, 'hrProcessorTable', '1.3.6.1.2.1.25.3.3', 'hrProcessorEntry', 'Processors (rows share hrDeviceIndex)', [
  ['hrProcessorFrwID', 'Firmware product ID'],
  ['hrProcessorLoad', 'Average load over the last minute, percent'],
]);

// ── ENTITY-MIB ──────────────────────────────────────────────────────────────
const ENT = 'ENTITY-MIB';
add(ENT, 'entityMIB', '1.3.6.1.2.1.47', 'node', 'ENTITY-MIB module');
add(ENT, 'entityPhysical', '1.3.6.1.2.1.47.1.1', 'node', 'Physical entities group');
table(ENT, 'entPhysicalTable', '1.3.6.1.2.1.47.1.1.1', 'entPhysicalEntry', 'Physical components: chassis, modules, ports, PSUs, fans, sensors', [
  ['entPhysicalIndex', 'Row index'],
  ['entPhysicalDescr', 'Description'],
  ['entPhysicalVendorType', 'Vendor type OID'],
  ['entPhysicalContainedIn', 'entPhysicalIndex of the container'],
  ['entPhysicalClass', 'Class of component', { 1: 'other', 2: 'unknown', 3: 'chassis', 4: 'backplane', 5: 'container', 6: 'powerSupply', 7: 'fan', 8: 'sensor', 9: 'module', 10: 'port', 11: 'stack', 12: 'cpu' }],
  ['entPhysicalParentRelPos', 'Position among siblings'],
  ['entPhysicalName', 'Name'],
  ['entPhysicalHardwareRev', 'Hardware revision'],
  ['entPhysicalFirmwareRev', 'Firmware revision'],
  ['entPhysicalSoftwareRev', 'Software revision'],
  ['entPhysicalSerialNum', 'Serial number'],
  ['entPhysicalMfgName', 'Manufacturer'],
  ['entPhysicalModelName', 'Model name'],
  ['entPhysicalAlias', 'Administrator alias'],
  ['entPhysicalAssetID', 'Asset tag'],
  ['entPhysicalIsFRU', 'Whether it is a field-replaceable unit', TRUTH],
  ['entPhysicalMfgDate', 'Manufacturing date'],
  ['entPhysicalUris', 'URIs describing the component'],
]);

// ── LLDP-MIB (IEEE 802.1AB) ─────────────────────────────────────────────────
const LLDP = 'LLDP-MIB';
add(LLDP, 'lldpMIB', '1.0.8802.1.1.2', 'node', 'LLDP-MIB module');
add(LLDP, 'lldpObjects', '1.0.8802.1.1.2.1', 'node', 'LLDP objects');
add(LLDP, 'lldpLocalSystemData', '1.0.8802.1.1.2.1.3', 'node', 'What this system advertises');
scalars(LLDP, '1.0.8802.1.1.2.1.3', [
  ['lldpLocChassisIdSubtype', 'Type of the local chassis ID', LLDP_CHASSIS_SUBTYPE],
  ['lldpLocChassisId', 'Local chassis ID'],
  ['lldpLocSysName', 'Local system name'],
  ['lldpLocSysDesc', 'Local system description'],
  ['lldpLocSysCapSupported', 'Capabilities supported (bits)'],
  ['lldpLocSysCapEnabled', 'Capabilities enabled (bits)'],
]);
table(LLDP, 'lldpLocPortTable', '1.0.8802.1.1.2.1.3.7', 'lldpLocPortEntry', 'Local ports LLDP runs on', [
  ['lldpLocPortNum', 'Local port number (index)'],
  ['lldpLocPortIdSubtype', 'Type of the port ID', LLDP_PORT_SUBTYPE],
  ['lldpLocPortId', 'Port ID advertised'],
  ['lldpLocPortDesc', 'Port description advertised'],
]);
add(LLDP, 'lldpRemoteSystemsData', '1.0.8802.1.1.2.1.4', 'node', 'What the neighbours advertise');
table(LLDP, 'lldpRemTable', '1.0.8802.1.1.2.1.4.1', 'lldpRemEntry', 'Neighbours seen on each local port (index: timeMark.localPortNum.remIndex)', [
  ['lldpRemTimeMark', 'sysUpTime filter of the row'],
  ['lldpRemLocalPortNum', 'Local port the neighbour was seen on'],
  ['lldpRemIndex', 'Neighbour index on that port'],
  ['lldpRemChassisIdSubtype', 'Type of the neighbour chassis ID', LLDP_CHASSIS_SUBTYPE],
  ['lldpRemChassisId', 'Neighbour chassis ID'],
  ['lldpRemPortIdSubtype', 'Type of the neighbour port ID', LLDP_PORT_SUBTYPE],
  ['lldpRemPortId', 'Neighbour port ID'],
  ['lldpRemPortDesc', 'Neighbour port description'],
  ['lldpRemSysName', 'Neighbour system name'],
  ['lldpRemSysDesc', 'Neighbour system description'],
  ['lldpRemSysCapSupported', 'Neighbour capabilities supported (bits)'],
  ['lldpRemSysCapEnabled', 'Neighbour capabilities enabled (bits)'],
]);
table(LLDP, 'lldpRemManAddrTable', '1.0.8802.1.1.2.1.4.2', 'lldpRemManAddrEntry', 'Neighbour management addresses', [
  ['lldpRemManAddrSubtype', 'Address family (IANA)'],
  ['lldpRemManAddr', 'Management address'],
  ['lldpRemManAddrIfSubtype', 'Interface numbering method'],
  ['lldpRemManAddrIfId', 'Interface number'],
  ['lldpRemManAddrOID', 'OID of the management agent'],
]);

// ── BRIDGE-MIB ──────────────────────────────────────────────────────────────
const BR = 'BRIDGE-MIB';
add(BR, 'dot1dBridge', '1.3.6.1.2.1.17', 'node', 'Bridge MIB');
add(BR, 'dot1dBase', '1.3.6.1.2.1.17.1', 'node', 'Bridge base group');
scalars(BR, '1.3.6.1.2.1.17.1', [
  ['dot1dBaseBridgeAddress', 'MAC address of the bridge'],
  ['dot1dBaseNumPorts', 'Number of bridge ports'],
  ['dot1dBaseType', 'Bridging type', { 1: 'unknown', 2: 'transparent-only', 3: 'sourceroute-only', 4: 'srt' }],
]);
table(BR, 'dot1dBasePortTable', '1.3.6.1.2.1.17.1.4', 'dot1dBasePortEntry', 'Bridge ports', [
  ['dot1dBasePort', 'Bridge port number'],
  ['dot1dBasePortIfIndex', 'ifIndex of the port'],
  ['dot1dBasePortCircuit', 'Circuit identifier'],
  ['dot1dBasePortDelayExceededDiscards', 'Frames discarded for transit delay'],
  ['dot1dBasePortMtuExceededDiscards', 'Frames discarded for size'],
]);
add(BR, 'dot1dTp', '1.3.6.1.2.1.17.4', 'node', 'Transparent bridging group');
scalars(BR, '1.3.6.1.2.1.17.4', [
  ['dot1dTpLearnedEntryDiscards', 'Learnt entries discarded for lack of space'],
  ['dot1dTpAgingTime', 'Ageing time of learnt entries, seconds'],
]);
table(BR, 'dot1dTpFdbTable', '1.3.6.1.2.1.17.4.3', 'dot1dTpFdbEntry', 'Forwarding database: MAC address → bridge port', [
  ['dot1dTpFdbAddress', 'Unicast MAC address'],
  ['dot1dTpFdbPort', 'Bridge port it was seen on (0: unknown)'],
  ['dot1dTpFdbStatus', 'Entry status', { 1: 'other', 2: 'invalid', 3: 'learned', 4: 'self', 5: 'mgmt' }],
]);

const BY_OID = new Map<string, MibEntry>(ENTRIES.map((e) => [e.oid, e]));
const BY_NAME = new Map<string, MibEntry>(ENTRIES.map((e) => [e.name.toLowerCase(), e]));

export function mibEntries(): readonly MibEntry[] {
  return ENTRIES;
}

export function mibEntryByName(name: string): MibEntry | undefined {
  return BY_NAME.get(name.toLowerCase());
}

export function enumFor(name: string): EnumMap | undefined {
  return ENUMS.get(name);
}

const NUMERIC_OID = /^\.?\d+(\.\d+)*$/;
const NAMED_OID = /^(?:([A-Za-z][A-Za-z0-9-]*)::)?([A-Za-z][A-Za-z0-9-]*)((?:\.\d+)*)$/;

/**
 * A numeric OID (leading dot allowed) or a MIB name with an optional module and instance
 * (IF-MIB::ifDescr.3) → the dotted numeric OID. Malformed input or an unknown name → VALIDATION.
 */
export function resolveOid(input: string): string {
  const text = input.trim();
  if (NUMERIC_OID.test(text)) {
    const oid = text.startsWith('.') ? text.slice(1) : text;
    const arcs = oid.split('.');
    // BER: the first arc is 0..2, the second below 40 under 0 and 1; every arc fits 32 bits here
    const first = Number(arcs[0]);
    if (arcs.length < 2 || first > 2 || (first < 2 && Number(arcs[1]) >= 40) || arcs.some((a) => Number(a) > 0xffffffff || (a.length > 1 && a.startsWith('0')))) {
      throw new NocError('VALIDATION', `"${input}" is not a valid OID (two or more arcs, the first 0–2, each at most 4294967295)`, [{ path: 'oid', message: `malformed OID "${input}"` }]);
    }
    return oid;
  }
  const m = NAMED_OID.exec(text);
  if (m === null) {
    throw new NocError('VALIDATION', `"${input}" is not an OID (1.3.6.1.2.1.1) or a MIB name (sysDescr.0)`, [{ path: 'oid', message: `malformed OID "${input}"` }]);
  }
  const [, module, name = '', instance = ''] = m;
  const entry = BY_NAME.get(name.toLowerCase());
  if (entry === undefined || (module !== undefined && module.toLowerCase() !== entry.module.toLowerCase() && !(module === 'SNMPv2-SMI' || module === 'RFC1213-MIB'))) {
    throw new NocError('VALIDATION', `unknown MIB name "${input}": give a numeric OID or one of the names from SNMPv2-MIB, IF-MIB, IP-MIB, HOST-RESOURCES-MIB, ENTITY-MIB, LLDP-MIB, BRIDGE-MIB`, [
      { path: 'oid', message: `unknown MIB name "${name}"` },
    ]);
  }
  return entry.oid + instance;
}

export interface OidName {
  entry: MibEntry;
  /** ".3", ".0", "" */
  instance: string;
}

// Walks name thousands of varbinds of the same column in a row: remember the last leaf found, so a
// varbind under it costs one startsWith instead of a prefix search (leaves have no children here).
let lastLeaf: MibEntry | undefined;
let lastLeafPrefix = '';

/** The longest known prefix of `oid` and the instance suffix, or undefined when nothing is known under mib-2/LLDP. */
export function nameOid(oid: string): OidName | undefined {
  if (lastLeaf !== undefined && oid.startsWith(lastLeafPrefix)) return { entry: lastLeaf, instance: oid.slice(lastLeaf.oid.length) };
  let prefix = oid;
  for (;;) {
    const entry = BY_OID.get(prefix);
    if (entry !== undefined) {
      // the bare roots (iso, internet…) name too little to be useful as a prefix of some vendor OID
      if (entry.kind === 'node' && prefix !== oid && entry.oid.split('.').length <= 5) return undefined;
      if (entry.kind === 'column' || entry.kind === 'scalar') {
        lastLeaf = entry;
        lastLeafPrefix = `${entry.oid}.`;
      }
      return { entry, instance: oid.slice(prefix.length) };
    }
    const dot = prefix.lastIndexOf('.');
    if (dot <= 0) return undefined;
    prefix = prefix.slice(0, dot);
  }
}

/** "ifDescr.3" for 1.3.6.1.2.1.2.2.1.2.3; null where the OID is not in the table. */
export function oidToName(oid: string): string | null {
  const n = nameOid(oid);
  return n === undefined ? null : n.entry.name + n.instance;
}

/** Names, OIDs and descriptions containing `query` (case-insensitive); exact name first, then OID order. */
export function searchMib(query: string, limit: number): MibEntry[] {
  const q = query.trim().toLowerCase();
  if (q === '') return ENTRIES.slice(0, limit);
  const hits = ENTRIES.filter((e) => e.name.toLowerCase().includes(q) || e.oid.startsWith(q.replace(/^\./, '')) || e.module.toLowerCase() === q || e.description.toLowerCase().includes(q));
  const rank = (e: MibEntry): number => (e.name.toLowerCase() === q ? 0 : e.name.toLowerCase().startsWith(q) ? 1 : e.name.toLowerCase().includes(q) ? 2 : 3);
  return hits.sort((a, b) => rank(a) - rank(b)).slice(0, limit);
}
