// Static shapes the simulated VOLTHA stack puts on the wire: numbering of ports as the openolt
// and openonu adapters do it, the logical (OpenFlow) device an OLT gets, the trap flows ONOS
// installs on it, the registered adapters and the core's version string. Values follow the
// public VOLTHA code (voltha-go rw_core, voltha-openolt-adapter, voltha-openonu-adapter-go,
// voltha-lib-go, BBSim); the behaviour itself is described at the top of state.ts.
import type {
  Adapter,
  LogicalDevice,
  LogicalPort,
  OfpFlowStats,
  OfpOxmField,
  OfpOxmOfbField,
  OfpPort,
  OxmOfbFieldType,
  ProtoInput,
  VolthaPort,
} from '../protoTypes';

// ---- device types and adapters ------------------------------------------------------------

/** Device type of OLTs handled by the openolt adapter (voltctl device create -t openolt). */
export const OLT_DEVICE_TYPE = 'openolt';
/** Device type the core gives ONUs: the openonu-go adapter registers device type `brcm_openomci_onu` for vendor ids incl. BBSM. */
export const ONU_DEVICE_TYPE = 'brcm_openomci_onu';
/** Device types that have an adapter in the simulated stack. */
export const REGISTERED_DEVICE_TYPES: ReadonlySet<string> = new Set([OLT_DEVICE_TYPE, ONU_DEVICE_TYPE]);

export const OPENOLT_ENDPOINT = 'voltha-voltha-adapter-openolt-api.voltha.svc:50060';
export const OPENONU_ENDPOINT = 'voltha-voltha-adapter-openonu-api.voltha.svc:50060';

/** Version of the simulated rw-core. */
export const SIM_CORE_VERSION = '3.5.9-sim';

/**
 * GetVoltha's `version`: the core JSON-encodes its build info (voltha-lib-go pkg/version
 * VersionInfoType, json tags version/goversion/vcsref/vcsdirty/buildtime/os/arch) into it.
 */
export function coreVersionString(): string {
  return JSON.stringify({
    version: SIM_CORE_VERSION,
    goversion: 'go1.21.13',
    vcsref: 'simulated',
    vcsdirty: 'false',
    buildtime: '2024-01-01T00:00:00Z',
    os: 'linux',
    arch: 'amd64',
  });
}

/** What ListAdapters answers: one replica of each adapter (ids `<type>_<replica>` as the adapters register). */
export function adapters(nowSec: number): ProtoInput<Adapter>[] {
  return [
    {
      id: 'openolt_1',
      vendor: 'VOLTHA OpenOLT',
      version: '4.4.11-sim',
      logical_device_ids: [],
      last_communication: String(nowSec),
      currentReplica: 1,
      totalReplicas: 1,
      endpoint: OPENOLT_ENDPOINT,
      type: OLT_DEVICE_TYPE,
    },
    {
      id: 'brcm_openomci_onu_1',
      vendor: 'VOLTHA OpenONUGo',
      version: '2.11.13-sim',
      logical_device_ids: [],
      last_communication: String(nowSec),
      currentReplica: 1,
      totalReplicas: 1,
      endpoint: OPENONU_ENDPOINT,
      type: ONU_DEVICE_TYPE,
    },
  ];
}

// ---- ONU reasons (voltha-openonu-adapter-go, common/defines.go DeviceReasonMap) -----------------

export const ONU_REASON = {
  activatingOnu: 'activating-onu',
  startingOpenomci: 'starting-openomci',
  discoveryMibsyncComplete: 'discovery-mibsync-complete',
  initialMibDownloaded: 'initial-mib-downloaded',
  techProfileConfigDownloadSuccess: 'tech-profile-config-download-success',
  omciFlowsPushed: 'omci-flows-pushed',
  omciAdminLock: 'omci-admin-lock',
  onuReenabled: 'onu-reenabled',
  stoppingOpenomci: 'stopping-openomci',
  rebooting: 'rebooting',
} as const;

// ---- port numbering (voltha-lib-go pkg/platform) ---------------------------------------------

/** The OLT's NNI: 0x100000 (platform.IntfIDToPortNo(0, NNI)). */
export const NNI_PORT_NO = 1048576;
/** PON ports: 0x20000000 + interface id. */
export const PON_PORT_BASE = 536870912;
/** OpenFlow reserved port: to the controller (0xfffffffd). */
export const OFPP_CONTROLLER = 4294967293;

export function ponPortNo(ponIndex: number): number {
  return PON_PORT_BASE + ponIndex;
}

/** platform.MkUniPortNum: pon << 12 | onu-id << 4 | uni-id (8 bits ONU id, 4 bits UNI id). */
export function uniPortNo(ponIndex: number, onuId: number, uniIndex: number): number {
  return ((ponIndex << 12) | (onuId << 4) | uniIndex) >>> 0;
}

// openflow_13 constants
const OFPPS_LINK_DOWN = 1;
const OFPPS_LIVE = 4;
const OFPPF_1GB_FD = 1 << 5;
const OFPPF_FIBER = 1 << 12;
const OFPC_FLOW_STATS = 1;
const OFPC_TABLE_STATS = 2;
const OFPC_PORT_STATS = 4;
const OFPC_GROUP_STATS = 8;

/** BBSim OLT MAC (GetDeviceInfo DeviceId): 0a:0a:0a:0a:0a:<olt id>; larger ids carry into the fifth octet. */
export function oltMac(index: number): string {
  const hi = 0x0a + ((index >> 8) & 0xff);
  const lo = index & 0xff;
  return ['0a', '0a', '0a', '0a', (hi & 0xff).toString(16).padStart(2, '0'), lo.toString(16).padStart(2, '0')].join(':');
}

function macOctets(mac: string): number[] {
  return mac.split(':').map((h) => parseInt(h, 16));
}

/** Datapath id of the OLT's logical device: its MAC as a 48-bit number (decimal string). */
export function datapathIdFromMac(mac: string): string {
  return String(parseInt(mac.replaceAll(':', ''), 16));
}

function ofpPort(portNo: number, name: string, hwAddr: number[], live: boolean): OfpPort {
  const capability = OFPPF_1GB_FD | OFPPF_FIBER;
  return {
    port_no: portNo,
    hw_addr: hwAddr,
    name,
    config: 0,
    state: live ? OFPPS_LIVE : OFPPS_LINK_DOWN,
    curr: capability,
    advertised: capability,
    supported: 0,
    peer: capability,
    curr_speed: OFPPF_1GB_FD,
    max_speed: OFPPF_1GB_FD,
  };
}

function port(fields: Pick<VolthaPort, 'port_no' | 'label' | 'type' | 'admin_state' | 'oper_status' | 'device_id'> & Partial<VolthaPort>): VolthaPort {
  return {
    peers: [],
    rx_packets: '0',
    rx_bytes: '0',
    rx_errors: '0',
    tx_packets: '0',
    tx_bytes: '0',
    tx_errors: '0',
    ofp_port: null,
    ...fields,
  };
}

export function oltNniPort(oltId: string, mac: string): VolthaPort {
  const name = `nni-${NNI_PORT_NO}`;
  return port({
    port_no: NNI_PORT_NO,
    label: name,
    type: 'ETHERNET_NNI',
    admin_state: 'ENABLED',
    oper_status: 'ACTIVE',
    device_id: oltId,
    ofp_port: ofpPort(NNI_PORT_NO, name, macOctets(mac), true),
  });
}

export function oltPonPort(oltId: string, ponIndex: number): VolthaPort {
  const no = ponPortNo(ponIndex);
  return port({ port_no: no, label: `pon-${no}`, type: 'PON_OLT', admin_state: 'ENABLED', oper_status: 'ACTIVE', device_id: oltId });
}

/** The ONU's ANI side: numbered like the OLT PON port it hangs off, peer = that port. */
export function onuPonPort(onuId: string, oltId: string, parentPortNo: number): VolthaPort {
  return port({
    port_no: parentPortNo,
    label: `pon-${parentPortNo}`,
    type: 'PON_ONU',
    admin_state: 'ENABLED',
    oper_status: 'ACTIVE',
    device_id: onuId,
    peers: [{ device_id: oltId, port_no: parentPortNo }],
  });
}

/** UNI name as ONOS shows it: `<ONU serial>-<uni id + 1>`. */
export function uniName(serial: string, uniIndex: number): string {
  return `${serial}-${uniIndex + 1}`;
}

export function onuUniPort(onuId: string, portNo: number, serial: string, uniIndex: number, live: boolean): VolthaPort {
  return port({
    port_no: portNo,
    label: `uni-${portNo}`,
    type: 'ETHERNET_UNI',
    admin_state: 'ENABLED',
    oper_status: live ? 'ACTIVE' : 'UNKNOWN',
    device_id: onuId,
    ofp_port: ofpPort(portNo, uniName(serial, uniIndex), [0x08, 0x00, 0x00, (portNo >> 16) & 0xff, (portNo >> 8) & 0xff, portNo & 0xff], live),
  });
}

// ---- logical device -------------------------------------------------------------------------

export function logicalDevice(id: string, datapathId: string, oltSerial: string, rootDeviceId: string): LogicalDevice {
  return {
    id,
    datapath_id: datapathId,
    // openolt GetOfpDeviceInfo
    desc: { mfr_desc: 'VOLTHA Project', hw_desc: 'open_pon', sw_desc: 'open_pon', serial_num: oltSerial, dp_desc: 'n/a' },
    switch_features: {
      datapath_id: '0',
      n_buffers: 256,
      n_tables: 2,
      auxiliary_id: 0,
      capabilities: OFPC_FLOW_STATS | OFPC_TABLE_STATS | OFPC_PORT_STATS | OFPC_GROUP_STATS,
    },
    root_device_id: rootDeviceId,
  };
}

function zeroStats(portNo: number): LogicalPort['ofp_port_stats'] {
  return {
    port_no: portNo,
    rx_packets: '0',
    tx_packets: '0',
    rx_bytes: '0',
    tx_bytes: '0',
    rx_dropped: '0',
    tx_dropped: '0',
    rx_errors: '0',
    tx_errors: '0',
  };
}

export function nniLogicalPort(oltId: string, mac: string, live: boolean): LogicalPort {
  const id = `nni-${NNI_PORT_NO}`;
  return {
    id,
    ofp_port: ofpPort(NNI_PORT_NO, id, macOctets(mac), live),
    device_id: oltId,
    device_port_no: NNI_PORT_NO,
    root_port: true,
    ofp_port_stats: zeroStats(NNI_PORT_NO),
  };
}

export function uniLogicalPort(onuId: string, uni: VolthaPort, live: boolean): LogicalPort {
  const base = uni.ofp_port;
  return {
    id: `uni-${uni.port_no}`,
    ofp_port: base ? { ...base, state: live ? OFPPS_LIVE : OFPPS_LINK_DOWN } : null,
    device_id: onuId,
    device_port_no: uni.port_no,
    root_port: false,
    ofp_port_stats: zeroStats(uni.port_no),
  };
}

// ---- flows ----------------------------------------------------------------------------------

/** 64-bit FNV-1a of a string, as a decimal string (flow ids and cookies: stable across calls). */
export function hash64(text: string): string {
  let h = 0xcbf29ce484222325n;
  for (let i = 0; i < text.length; i++) {
    h ^= BigInt(text.charCodeAt(i));
    h = (h * 0x100000001b3n) & 0xffffffffffffffffn;
  }
  return h.toString();
}

type OfbValue = Omit<OfpOxmOfbField, 'type' | 'has_mask' | 'value' | 'mask'>;

function match(type: OxmOfbFieldType, value: OfbValue): ProtoInput<OfpOxmField> {
  return { oxm_class: 'OFPXMC_OPENFLOW_BASIC', ofb_field: { type, has_mask: false, ...value } };
}

const OFPIT_WRITE_METADATA = 2;
const OFPIT_APPLY_ACTIONS = 4;
const OFPIT_METER = 6;
const TRAP_PRIORITY = 10000;
const ETH_TYPE_IPV4 = 0x0800;
const ETH_TYPE_IPV6 = 0x86dd;
const ETH_TYPE_EAPOL = 0x888e;
const ETH_TYPE_LLDP = 0x88cc;
const IP_PROTO_UDP = 17;
/** VLAN 4091 with the OFPVID_PRESENT bit, as ONOS matches EAPOL on untagged UNIs. */
const EAPOL_VLAN_VID = 4091 | 0x1000;
/** Tech profile 64 in the upper 32 bits of the metadata (ONOS olt app). */
const TP_METADATA = String(64n << 32n);

interface FlowSpec {
  key: string;
  priority: number;
  match: ProtoInput<OfpOxmField>[];
  metadata?: string;
  meterId?: number;
  installedAtMs: number;
}

function trapFlow(spec: FlowSpec, nowMs: number): ProtoInput<OfpFlowStats> {
  const elapsed = Math.max(0, nowMs - spec.installedAtMs);
  const instructions: ProtoInput<OfpFlowStats>['instructions'] = [
    { type: OFPIT_APPLY_ACTIONS, actions: { actions: [{ type: 'OFPAT_OUTPUT', output: { port: OFPP_CONTROLLER, max_len: 65535 } }] } },
  ];
  if (spec.metadata !== undefined) {
    instructions.push({ type: OFPIT_WRITE_METADATA, write_metadata: { metadata: spec.metadata, metadata_mask: '0' } });
  }
  if (spec.meterId !== undefined) instructions.push({ type: OFPIT_METER, meter: { meter_id: spec.meterId } });
  return {
    id: hash64(`flow:${spec.key}`),
    table_id: 0,
    duration_sec: Math.floor(elapsed / 1000),
    duration_nsec: (elapsed % 1000) * 1_000_000,
    priority: spec.priority,
    idle_timeout: 0,
    hard_timeout: 0,
    flags: 1,
    cookie: hash64(`cookie:${spec.key}`),
    packet_count: '0',
    byte_count: '0',
    match: { type: 'OFPMT_OXM', oxm_fields: spec.match },
    instructions,
  };
}

/** The trap flows ONOS (olt app, AT&T workflow) installs on the NNI: LLDP, DHCPv4, DHCPv6. */
export function nniTrapFlows(logicalDeviceId: string, installedAtMs: number, nowMs: number): ProtoInput<OfpFlowStats>[] {
  const inPort = match('OFPXMT_OFB_IN_PORT', { port: NNI_PORT_NO });
  const base = `${logicalDeviceId}:nni:${NNI_PORT_NO}`;
  return [
    trapFlow({ key: `${base}:lldp`, priority: TRAP_PRIORITY, installedAtMs, match: [inPort, match('OFPXMT_OFB_ETH_TYPE', { eth_type: ETH_TYPE_LLDP })] }, nowMs),
    trapFlow(
      {
        key: `${base}:dhcp4`,
        priority: TRAP_PRIORITY,
        installedAtMs,
        match: [
          inPort,
          match('OFPXMT_OFB_ETH_TYPE', { eth_type: ETH_TYPE_IPV4 }),
          match('OFPXMT_OFB_IP_PROTO', { ip_proto: IP_PROTO_UDP }),
          match('OFPXMT_OFB_UDP_SRC', { udp_src: 67 }),
          match('OFPXMT_OFB_UDP_DST', { udp_dst: 68 }),
        ],
      },
      nowMs,
    ),
    trapFlow(
      {
        key: `${base}:dhcp6`,
        priority: TRAP_PRIORITY,
        installedAtMs,
        match: [
          inPort,
          match('OFPXMT_OFB_ETH_TYPE', { eth_type: ETH_TYPE_IPV6 }),
          match('OFPXMT_OFB_IP_PROTO', { ip_proto: IP_PROTO_UDP }),
          match('OFPXMT_OFB_UDP_SRC', { udp_src: 547 }),
          match('OFPXMT_OFB_UDP_DST', { udp_dst: 546 }),
        ],
      },
      nowMs,
    ),
  ];
}

/** Per UNI: the EAPOL trap (as soon as the UNI's logical port exists) and, once the ONU's flows are pushed, the upstream DHCP trap. */
export function uniTrapFlows(
  logicalDeviceId: string,
  uniPortNumber: number,
  withDhcp: boolean,
  installedAtMs: number,
  nowMs: number,
): ProtoInput<OfpFlowStats>[] {
  const inPort = match('OFPXMT_OFB_IN_PORT', { port: uniPortNumber });
  const base = `${logicalDeviceId}:uni:${uniPortNumber}`;
  const flows = [
    trapFlow(
      {
        key: `${base}:eapol`,
        priority: TRAP_PRIORITY,
        installedAtMs,
        metadata: TP_METADATA,
        meterId: 1,
        match: [inPort, match('OFPXMT_OFB_ETH_TYPE', { eth_type: ETH_TYPE_EAPOL }), match('OFPXMT_OFB_VLAN_VID', { vlan_vid: EAPOL_VLAN_VID })],
      },
      nowMs,
    ),
  ];
  if (withDhcp) {
    flows.push(
      trapFlow(
        {
          key: `${base}:dhcp4`,
          priority: TRAP_PRIORITY,
          installedAtMs,
          metadata: TP_METADATA,
          meterId: 2,
          match: [
            inPort,
            match('OFPXMT_OFB_ETH_TYPE', { eth_type: ETH_TYPE_IPV4 }),
            match('OFPXMT_OFB_IP_PROTO', { ip_proto: IP_PROTO_UDP }),
            match('OFPXMT_OFB_UDP_SRC', { udp_src: 68 }),
            match('OFPXMT_OFB_UDP_DST', { udp_dst: 67 }),
          ],
        },
        nowMs,
      ),
    );
  }
  return flows;
}
