// TypeScript shapes of the VOLTHA messages exactly as @grpc/proto-loader hands them over with
// the options in loadProtos.ts (keepCase, longs: String, enums: String, defaults, oneofs):
//   - keys are the proto field names (snake_case, and camelCase where upstream spells it so);
//   - enums are their value names; 64-bit integers are decimal strings; bytes are Buffers;
//   - scalars and repeated fields are always present (defaults); an unset message field is null;
//   - of a oneof only the member that is set is present, and the oneof's own name holds that
//     member's name (absent when none is set).
// Objects going the other way (requests a client sends, replies a server sends) may leave any
// field out: see ProtoInput.

/** A 64-bit integer (uint64, int64, fixed64) as a decimal string, so cookies and counters keep every digit. */
export type Long64 = string;

// ---- common.proto -------------------------------------------------------------------------

export const ADMIN_STATES = ['UNKNOWN', 'PREPROVISIONED', 'ENABLED', 'DISABLED', 'DOWNLOADING_IMAGE'] as const;
/** common.AdminState.Types */
export type AdminState = (typeof ADMIN_STATES)[number];

export const OPER_STATUSES = [
  'UNKNOWN',
  'DISCOVERED',
  'ACTIVATING',
  'TESTING',
  'ACTIVE',
  'FAILED',
  'RECONCILING',
  'RECONCILING_FAILED',
  'REBOOTED',
] as const;
/** common.OperStatus.Types */
export type OperStatus = (typeof OPER_STATUSES)[number];

export const CONNECT_STATUSES = ['UNKNOWN', 'UNREACHABLE', 'REACHABLE'] as const;
/** common.ConnectStatus.Types */
export type ConnectStatus = (typeof CONNECT_STATUSES)[number];

/** common.ID */
export interface CommonId {
  id: string;
}

/** google.protobuf.Empty */
export type Empty = Record<string, never>;

// ---- openflow_13.proto --------------------------------------------------------------------

/** openflow_13.ofp_port */
export interface OfpPort {
  port_no: number;
  /** The MAC address, one octet per element. */
  hw_addr: number[];
  name: string;
  config: number;
  state: number;
  curr: number;
  advertised: number;
  supported: number;
  peer: number;
  curr_speed: number;
  max_speed: number;
}

/** openflow_13.ofp_switch_features */
export interface OfpSwitchFeatures {
  datapath_id: Long64;
  n_buffers: number;
  n_tables: number;
  auxiliary_id: number;
  capabilities: number;
}

/** openflow_13.ofp_desc */
export interface OfpDesc {
  mfr_desc: string;
  hw_desc: string;
  sw_desc: string;
  serial_num: string;
  dp_desc: string;
}

/** openflow_13.ofp_port_stats (counters only) */
export interface OfpPortStats {
  port_no: number;
  rx_packets: Long64;
  tx_packets: Long64;
  rx_bytes: Long64;
  tx_bytes: Long64;
  rx_dropped: Long64;
  tx_dropped: Long64;
  rx_errors: Long64;
  tx_errors: Long64;
}

export type OfpMatchType = 'OFPMT_STANDARD' | 'OFPMT_OXM';
export type OfpOxmClass = 'OFPXMC_NXM_0' | 'OFPXMC_NXM_1' | 'OFPXMC_OPENFLOW_BASIC' | 'OFPXMC_EXPERIMENTER';

export const OXM_OFB_FIELD_TYPES = [
  'OFPXMT_OFB_IN_PORT',
  'OFPXMT_OFB_IN_PHY_PORT',
  'OFPXMT_OFB_METADATA',
  'OFPXMT_OFB_ETH_DST',
  'OFPXMT_OFB_ETH_SRC',
  'OFPXMT_OFB_ETH_TYPE',
  'OFPXMT_OFB_VLAN_VID',
  'OFPXMT_OFB_VLAN_PCP',
  'OFPXMT_OFB_IP_DSCP',
  'OFPXMT_OFB_IP_ECN',
  'OFPXMT_OFB_IP_PROTO',
  'OFPXMT_OFB_IPV4_SRC',
  'OFPXMT_OFB_IPV4_DST',
  'OFPXMT_OFB_TCP_SRC',
  'OFPXMT_OFB_TCP_DST',
  'OFPXMT_OFB_UDP_SRC',
  'OFPXMT_OFB_UDP_DST',
  'OFPXMT_OFB_SCTP_SRC',
  'OFPXMT_OFB_SCTP_DST',
  'OFPXMT_OFB_ICMPV4_TYPE',
  'OFPXMT_OFB_ICMPV4_CODE',
  'OFPXMT_OFB_ARP_OP',
  'OFPXMT_OFB_ARP_SPA',
  'OFPXMT_OFB_ARP_TPA',
  'OFPXMT_OFB_ARP_SHA',
  'OFPXMT_OFB_ARP_THA',
  'OFPXMT_OFB_IPV6_SRC',
  'OFPXMT_OFB_IPV6_DST',
  'OFPXMT_OFB_IPV6_FLABEL',
  'OFPXMT_OFB_ICMPV6_TYPE',
  'OFPXMT_OFB_ICMPV6_CODE',
  'OFPXMT_OFB_IPV6_ND_TARGET',
  'OFPXMT_OFB_IPV6_ND_SLL',
  'OFPXMT_OFB_IPV6_ND_TLL',
  'OFPXMT_OFB_MPLS_LABEL',
  'OFPXMT_OFB_MPLS_TC',
  'OFPXMT_OFB_MPLS_BOS',
  'OFPXMT_OFB_PBB_ISID',
  'OFPXMT_OFB_TUNNEL_ID',
  'OFPXMT_OFB_IPV6_EXTHDR',
] as const;
/** openflow_13.oxm_ofb_field_types (value = index in OXM_OFB_FIELD_TYPES) */
export type OxmOfbFieldType = (typeof OXM_OFB_FIELD_TYPES)[number];

/** The value members of ofp_oxm_ofb_field's `value` oneof that our protos keep. */
export type OfbValueMember =
  | 'port'
  | 'physical_port'
  | 'table_metadata'
  | 'eth_dst'
  | 'eth_src'
  | 'eth_type'
  | 'vlan_vid'
  | 'vlan_pcp'
  | 'ip_dscp'
  | 'ip_proto'
  | 'ipv4_src'
  | 'ipv4_dst'
  | 'udp_src'
  | 'udp_dst'
  | 'tunnel_id';

/** openflow_13.ofp_oxm_ofb_field */
export interface OfpOxmOfbField {
  type: OxmOfbFieldType;
  has_mask: boolean;
  port?: number;
  physical_port?: number;
  table_metadata?: Long64;
  eth_dst?: Buffer;
  eth_src?: Buffer;
  eth_type?: number;
  vlan_vid?: number;
  vlan_pcp?: number;
  ip_dscp?: number;
  ip_proto?: number;
  ipv4_src?: number;
  ipv4_dst?: number;
  udp_src?: number;
  udp_dst?: number;
  tunnel_id?: Long64;
  value?: OfbValueMember;
  table_metadata_mask?: Long64;
  vlan_vid_mask?: number;
  mask?: 'table_metadata_mask' | 'vlan_vid_mask';
}

/** openflow_13.ofp_oxm_field */
export interface OfpOxmField {
  oxm_class: OfpOxmClass;
  ofb_field?: OfpOxmOfbField;
  field?: 'ofb_field';
}

/** openflow_13.ofp_match */
export interface OfpMatch {
  type: OfpMatchType;
  oxm_fields: OfpOxmField[];
}

export type OfpActionType =
  | 'OFPAT_OUTPUT'
  | 'OFPAT_COPY_TTL_OUT'
  | 'OFPAT_COPY_TTL_IN'
  | 'OFPAT_SET_MPLS_TTL'
  | 'OFPAT_DEC_MPLS_TTL'
  | 'OFPAT_PUSH_VLAN'
  | 'OFPAT_POP_VLAN'
  | 'OFPAT_PUSH_MPLS'
  | 'OFPAT_POP_MPLS'
  | 'OFPAT_SET_QUEUE'
  | 'OFPAT_GROUP'
  | 'OFPAT_SET_NW_TTL'
  | 'OFPAT_DEC_NW_TTL'
  | 'OFPAT_SET_FIELD'
  | 'OFPAT_PUSH_PBB'
  | 'OFPAT_POP_PBB'
  | 'OFPAT_EXPERIMENTER';

/** openflow_13.ofp_action */
export interface OfpAction {
  type: OfpActionType;
  output?: { port: number; max_len: number };
  push?: { ethertype: number };
  group?: { group_id: number };
  set_field?: { field: OfpOxmField | null };
  action?: 'output' | 'push' | 'group' | 'set_field';
}

/** ofp_instruction.type values (a plain uint32 upstream, OFPIT_*). */
export const OFP_INSTRUCTION_TYPE = {
  GOTO_TABLE: 1,
  WRITE_METADATA: 2,
  WRITE_ACTIONS: 3,
  APPLY_ACTIONS: 4,
  CLEAR_ACTIONS: 5,
  METER: 6,
} as const;

/** openflow_13.ofp_instruction */
export interface OfpInstruction {
  type: number;
  goto_table?: { table_id: number };
  write_metadata?: { metadata: Long64; metadata_mask: Long64 };
  actions?: { actions: OfpAction[] };
  meter?: { meter_id: number };
  data?: 'goto_table' | 'write_metadata' | 'actions' | 'meter';
}

/** openflow_13.ofp_flow_stats */
export interface OfpFlowStats {
  id: Long64;
  table_id: number;
  duration_sec: number;
  duration_nsec: number;
  priority: number;
  idle_timeout: number;
  hard_timeout: number;
  flags: number;
  cookie: Long64;
  packet_count: Long64;
  byte_count: Long64;
  match: OfpMatch | null;
  instructions: OfpInstruction[];
}

/** openflow_13.Flows */
export interface Flows {
  items: OfpFlowStats[];
}

// ---- device.proto -------------------------------------------------------------------------

export const PORT_TYPES = ['UNKNOWN', 'ETHERNET_NNI', 'ETHERNET_UNI', 'PON_OLT', 'PON_ONU', 'VENET_OLT', 'VENET_ONU'] as const;
/** device.Port.PortType */
export type PortType = (typeof PORT_TYPES)[number];

/** device.Image (the fields our protos keep) */
export interface DeviceImage {
  name: string;
  version: string;
  is_active: boolean;
  is_committed: boolean;
  is_valid: boolean;
}

/** device.Images */
export interface DeviceImages {
  image: DeviceImage[];
}

/** device.Port.PeerPort */
export interface PeerPort {
  device_id: string;
  port_no: number;
}

/** device.Port */
export interface VolthaPort {
  port_no: number;
  label: string;
  type: PortType;
  admin_state: AdminState;
  oper_status: OperStatus;
  device_id: string;
  peers: PeerPort[];
  rx_packets: Long64;
  rx_bytes: Long64;
  rx_errors: Long64;
  tx_packets: Long64;
  tx_bytes: Long64;
  tx_errors: Long64;
  ofp_port: OfpPort | null;
}

/** device.Ports */
export interface VolthaPorts {
  items: VolthaPort[];
}

/** device.Device.ProxyAddress */
export interface ProxyAddress {
  device_id: string;
  device_type: string;
  channel_id: number;
  channel_group_id: number;
  channel_termination: string;
  onu_id: number;
  onu_session_id: number;
  adapter_endpoint: string;
}

export type DeviceAddressMember = 'ipv4_address' | 'ipv6_address' | 'host_and_port';

/** device.Device */
export interface VolthaDevice {
  id: string;
  type: string;
  root: boolean;
  parent_id: string;
  parent_port_no: number;
  vendor: string;
  model: string;
  hardware_version: string;
  firmware_version: string;
  images: DeviceImages | null;
  serial_number: string;
  vendor_id: string;
  adapter_endpoint: string;
  vlan: number;
  mac_address: string;
  ipv4_address?: string;
  ipv6_address?: string;
  host_and_port?: string;
  /** Which member of the `address` oneof is set. */
  address?: DeviceAddressMember;
  extra_args: string;
  proxy_address: ProxyAddress | null;
  admin_state: AdminState;
  oper_status: OperStatus;
  reason: string;
  connect_status: ConnectStatus;
}

/** device.Devices */
export interface VolthaDevices {
  items: VolthaDevice[];
}

// ---- logical_device.proto -----------------------------------------------------------------

/** logical_device.LogicalPort */
export interface LogicalPort {
  id: string;
  ofp_port: OfpPort | null;
  device_id: string;
  device_port_no: number;
  root_port: boolean;
  ofp_port_stats: OfpPortStats | null;
}

/** logical_device.LogicalPorts */
export interface LogicalPorts {
  items: LogicalPort[];
}

/** logical_device.LogicalDevice */
export interface LogicalDevice {
  id: string;
  datapath_id: Long64;
  desc: OfpDesc | null;
  switch_features: OfpSwitchFeatures | null;
  root_device_id: string;
}

/** logical_device.LogicalDevices */
export interface LogicalDevices {
  items: LogicalDevice[];
}

// ---- adapter.proto ------------------------------------------------------------------------

/** adapter.Adapter */
export interface Adapter {
  id: string;
  vendor: string;
  version: string;
  logical_device_ids: string[];
  /** Unix time (seconds) of the adapter's last message to the core. */
  last_communication: Long64;
  currentReplica: number;
  totalReplicas: number;
  endpoint: string;
  type: string;
}

/** adapter.Adapters */
export interface Adapters {
  items: Adapter[];
}

// ---- voltha.proto -------------------------------------------------------------------------

/** voltha.Voltha (GetVoltha) */
export interface VolthaInfo {
  version: string;
  adapters: Adapter[];
  logical_devices: LogicalDevice[];
  devices: VolthaDevice[];
}

/**
 * What may be handed to the encoder: any field may be left out (it then takes its default on
 * the wire), message fields may be null, and oneof discriminators are ignored.
 */
export type ProtoInput<T> = T extends string | number | boolean | Buffer
  ? T
  : T extends readonly (infer E)[]
    ? ProtoInput<E>[]
    : T extends object
      ? { [K in keyof T]?: ProtoInput<NonNullable<T[K]>> | null }
      : T;

/** Request and reply message of each VolthaService call we use (decoded shapes). */
export interface VolthaRpcMap {
  GetVoltha: { request: Empty; response: VolthaInfo };
  ListAdapters: { request: Empty; response: Adapters };
  ListLogicalDevices: { request: Empty; response: LogicalDevices };
  ListLogicalDevicePorts: { request: CommonId; response: LogicalPorts };
  ListLogicalDeviceFlows: { request: CommonId; response: Flows };
  ListDevices: { request: Empty; response: VolthaDevices };
  GetDevice: { request: CommonId; response: VolthaDevice };
  CreateDevice: { request: VolthaDevice; response: VolthaDevice };
  EnableDevice: { request: CommonId; response: Empty };
  DisableDevice: { request: CommonId; response: Empty };
  RebootDevice: { request: CommonId; response: Empty };
  DeleteDevice: { request: CommonId; response: Empty };
  ListDevicePorts: { request: CommonId; response: VolthaPorts };
}

export type VolthaMethodName = keyof VolthaRpcMap;

export const VOLTHA_METHODS: readonly VolthaMethodName[] = [
  'GetVoltha',
  'ListAdapters',
  'ListLogicalDevices',
  'ListLogicalDevicePorts',
  'ListLogicalDeviceFlows',
  'ListDevices',
  'GetDevice',
  'CreateDevice',
  'EnableDevice',
  'DisableDevice',
  'RebootDevice',
  'DeleteDevice',
  'ListDevicePorts',
];
