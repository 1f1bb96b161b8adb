// Wire check for our VOLTHA protos (issue 7): what the client and the simulator put on the wire
// must be what a real VOLTHA core (voltha-protos v5) reads, and the other way round.
//
// UPSTREAM below is written from the public API, file by file (opencord/voltha-protos,
// protos/voltha_protos/*.proto, v5 line, where the messages live in the packages common,
// device, logical_device, adapter, openflow_13 and voltha). It is deliberately not derived from
// our .proto files. The checks:
//   1. the service paths and the request/reply message of every call;
//   2. a second, independent loading of the same files (protobufjs reflection, not proto-loader)
//      declares exactly the table's names, numbers, types, labels, oneofs and enum values;
//   3. messages encoded by proto-loader's serializers (as the client and the server encode them)
//      are walked tag by tag: every field number and wire type is the table's, and the bytes equal
//      an encoding built from the table alone; the independent loading decodes them back;
//   4. bytes built from the table alone decode in proto-loader to the documented shapes;
//   5. a few hand-computed byte strings (CreateDevice with host_and_port, ID, Empty).
import { isDeepStrictEqual } from 'node:util';
import { describe, expect, it } from 'vitest';
import type { ServiceDefinition } from '@grpc/proto-loader';
import * as protobuf from 'protobufjs';
import {
  VOLTHA_ROOT_PROTO,
  VOLTHA_SERVICE_NAME,
  defaultVolthaProtosDir,
  loadVolthaProtos,
  volthaMethodPath,
} from '../../../electron/services/voltha/loadProtos';
import { VOLTHA_METHODS, type VolthaMethodName } from '../../../electron/services/voltha/protoTypes';

// ---- the table ------------------------------------------------------------------------------

type FieldType = 'string' | 'bool' | 'bytes' | 'uint32' | 'int32' | 'uint64' | 'int64' | 'fixed64' | 'enum' | 'message';

interface FieldSpec {
  no: number;
  type: FieldType;
  /** Full name of the message or enum type. */
  ref?: string;
  repeated?: true;
  oneof?: string;
}

interface MessageSpec {
  /** Where upstream defines it. */
  source: string;
  fields: Record<string, FieldSpec>;
}

const str = (no: number): FieldSpec => ({ no, type: 'string' });
const u32 = (no: number): FieldSpec => ({ no, type: 'uint32' });
const u64 = (no: number): FieldSpec => ({ no, type: 'uint64' });
const bool = (no: number): FieldSpec => ({ no, type: 'bool' });
const msg = (no: number, ref: string, extra: Partial<FieldSpec> = {}): FieldSpec => ({ no, type: 'message', ref, ...extra });
const enm = (no: number, ref: string): FieldSpec => ({ no, type: 'enum', ref });
const oneof = (name: string, f: FieldSpec): FieldSpec => ({ ...f, oneof: name });
const rep = (f: FieldSpec): FieldSpec => ({ ...f, repeated: true });

const V5 = 'opencord/voltha-protos v5, protos/voltha_protos';

const ENUMS: Record<string, { source: string; values: Record<string, number> }> = {
  'common.AdminState.Types': {
    source: `${V5}/common.proto, message AdminState, enum Types`,
    values: { UNKNOWN: 0, PREPROVISIONED: 1, ENABLED: 2, DISABLED: 3, DOWNLOADING_IMAGE: 4 },
  },
  'common.OperStatus.Types': {
    source: `${V5}/common.proto, message OperStatus, enum Types`,
    values: {
      UNKNOWN: 0,
      DISCOVERED: 1,
      ACTIVATING: 2,
      TESTING: 3,
      ACTIVE: 4,
      FAILED: 5,
      RECONCILING: 6,
      RECONCILING_FAILED: 7,
      REBOOTED: 8,
    },
  },
  'common.ConnectStatus.Types': {
    source: `${V5}/common.proto, message ConnectStatus, enum Types`,
    values: { UNKNOWN: 0, UNREACHABLE: 1, REACHABLE: 2 },
  },
  'device.Port.PortType': {
    source: `${V5}/device.proto, message Port, enum PortType`,
    values: { UNKNOWN: 0, ETHERNET_NNI: 1, ETHERNET_UNI: 2, PON_OLT: 3, PON_ONU: 4, VENET_OLT: 5, VENET_ONU: 6 },
  },
  'openflow_13.ofp_match_type': {
    source: `${V5}/openflow_13.proto, enum ofp_match_type`,
    values: { OFPMT_STANDARD: 0, OFPMT_OXM: 1 },
  },
  'openflow_13.ofp_oxm_class': {
    source: `${V5}/openflow_13.proto, enum ofp_oxm_class`,
    values: { OFPXMC_NXM_0: 0, OFPXMC_NXM_1: 1, OFPXMC_OPENFLOW_BASIC: 0x8000, OFPXMC_EXPERIMENTER: 0xffff },
  },
  'openflow_13.oxm_ofb_field_types': {
    source: `${V5}/openflow_13.proto, enum oxm_ofb_field_types (OFPXMT_OFB_IN_PORT = 0 … OFPXMT_OFB_IPV6_EXTHDR = 39)`,
    values: Object.fromEntries(
      [
        'IN_PORT', 'IN_PHY_PORT', 'METADATA', 'ETH_DST', 'ETH_SRC', 'ETH_TYPE', 'VLAN_VID', 'VLAN_PCP', 'IP_DSCP',
        'IP_ECN', 'IP_PROTO', 'IPV4_SRC', 'IPV4_DST', 'TCP_SRC', 'TCP_DST', 'UDP_SRC', 'UDP_DST', 'SCTP_SRC',
        'SCTP_DST', 'ICMPV4_TYPE', 'ICMPV4_CODE', 'ARP_OP', 'ARP_SPA', 'ARP_TPA', 'ARP_SHA', 'ARP_THA', 'IPV6_SRC',
        'IPV6_DST', 'IPV6_FLABEL', 'ICMPV6_TYPE', 'ICMPV6_CODE', 'IPV6_ND_TARGET', 'IPV6_ND_SLL', 'IPV6_ND_TLL',
        'MPLS_LABEL', 'MPLS_TC', 'MPLS_BOS', 'PBB_ISID', 'TUNNEL_ID', 'IPV6_EXTHDR',
      ].map((n, i) => [`OFPXMT_OFB_${n}`, i]),
    ),
  },
  'openflow_13.ofp_action_type': {
    source: `${V5}/openflow_13.proto, enum ofp_action_type`,
    values: {
      OFPAT_OUTPUT: 0,
      OFPAT_COPY_TTL_OUT: 11,
      OFPAT_COPY_TTL_IN: 12,
      OFPAT_SET_MPLS_TTL: 15,
      OFPAT_DEC_MPLS_TTL: 16,
      OFPAT_PUSH_VLAN: 17,
      OFPAT_POP_VLAN: 18,
      OFPAT_PUSH_MPLS: 19,
      OFPAT_POP_MPLS: 20,
      OFPAT_SET_QUEUE: 21,
      OFPAT_GROUP: 22,
      OFPAT_SET_NW_TTL: 23,
      OFPAT_DEC_NW_TTL: 24,
      OFPAT_SET_FIELD: 25,
      OFPAT_PUSH_PBB: 26,
      OFPAT_POP_PBB: 27,
      OFPAT_EXPERIMENTER: 0xffff,
    },
  },
};

// Every message our protos declare, with every field they keep (upstream has more; proto3 skips
// unknown fields, so leaving fields out is safe, renumbering is not).
const UPSTREAM: Record<string, MessageSpec> = {
  'google.protobuf.Empty': { source: 'google/protobuf/empty.proto, message Empty', fields: {} },

  'common.ID': { source: `${V5}/common.proto, message ID`, fields: { id: str(1) } },
  // The state messages only scope their nested `Types` enum.
  'common.AdminState': { source: `${V5}/common.proto, message AdminState`, fields: {} },
  'common.OperStatus': { source: `${V5}/common.proto, message OperStatus`, fields: {} },
  'common.ConnectStatus': { source: `${V5}/common.proto, message ConnectStatus`, fields: {} },

  'openflow_13.ofp_port': {
    source: `${V5}/openflow_13.proto, message ofp_port`,
    fields: {
      port_no: u32(1),
      hw_addr: rep(u32(2)),
      name: str(3),
      config: u32(4),
      state: u32(5),
      curr: u32(6),
      advertised: u32(7),
      supported: u32(8),
      peer: u32(9),
      curr_speed: u32(10),
      max_speed: u32(11),
    },
  },
  'openflow_13.ofp_switch_features': {
    source: `${V5}/openflow_13.proto, message ofp_switch_features`,
    fields: { datapath_id: u64(1), n_buffers: u32(2), n_tables: u32(3), auxiliary_id: u32(4), capabilities: u32(5) },
  },
  'openflow_13.ofp_desc': {
    source: `${V5}/openflow_13.proto, message ofp_desc`,
    fields: { mfr_desc: str(1), hw_desc: str(2), sw_desc: str(3), serial_num: str(4), dp_desc: str(5) },
  },
  'openflow_13.ofp_port_stats': {
    source: `${V5}/openflow_13.proto, message ofp_port_stats (fields 1-9 kept)`,
    fields: {
      port_no: u32(1),
      rx_packets: u64(2),
      tx_packets: u64(3),
      rx_bytes: u64(4),
      tx_bytes: u64(5),
      rx_dropped: u64(6),
      tx_dropped: u64(7),
      rx_errors: u64(8),
      tx_errors: u64(9),
    },
  },
  'openflow_13.ofp_match': {
    source: `${V5}/openflow_13.proto, message ofp_match`,
    fields: { type: enm(1, 'openflow_13.ofp_match_type'), oxm_fields: rep(msg(2, 'openflow_13.ofp_oxm_field')) },
  },
  'openflow_13.ofp_oxm_field': {
    source: `${V5}/openflow_13.proto, message ofp_oxm_field (experimenter_field = 5 not kept)`,
    fields: {
      oxm_class: enm(1, 'openflow_13.ofp_oxm_class'),
      ofb_field: oneof('field', msg(4, 'openflow_13.ofp_oxm_ofb_field')),
    },
  },
  'openflow_13.ofp_oxm_ofb_field': {
    source: `${V5}/openflow_13.proto, message ofp_oxm_ofb_field (oneofs value and mask, subset kept)`,
    fields: {
      type: enm(1, 'openflow_13.oxm_ofb_field_types'),
      has_mask: bool(2),
      port: oneof('value', u32(3)),
      physical_port: oneof('value', u32(4)),
      table_metadata: oneof('value', u64(5)),
      eth_dst: oneof('value', { no: 6, type: 'bytes' }),
      eth_src: oneof('value', { no: 7, type: 'bytes' }),
      eth_type: oneof('value', u32(8)),
      vlan_vid: oneof('value', u32(9)),
      vlan_pcp: oneof('value', u32(10)),
      ip_dscp: oneof('value', u32(11)),
      ip_proto: oneof('value', u32(13)),
      ipv4_src: oneof('value', u32(14)),
      ipv4_dst: oneof('value', u32(15)),
      udp_src: oneof('value', u32(18)),
      udp_dst: oneof('value', u32(19)),
      tunnel_id: oneof('value', u64(41)),
      table_metadata_mask: oneof('mask', u64(105)),
      vlan_vid_mask: oneof('mask', u32(109)),
    },
  },
  'openflow_13.ofp_action': {
    source: `${V5}/openflow_13.proto, message ofp_action (oneof action, subset kept)`,
    fields: {
      type: enm(1, 'openflow_13.ofp_action_type'),
      output: oneof('action', msg(2, 'openflow_13.ofp_action_output')),
      push: oneof('action', msg(4, 'openflow_13.ofp_action_push')),
      group: oneof('action', msg(6, 'openflow_13.ofp_action_group')),
      set_field: oneof('action', msg(8, 'openflow_13.ofp_action_set_field')),
    },
  },
  'openflow_13.ofp_action_output': {
    source: `${V5}/openflow_13.proto, message ofp_action_output`,
    fields: { port: u32(1), max_len: u32(2) },
  },
  'openflow_13.ofp_action_push': {
    source: `${V5}/openflow_13.proto, message ofp_action_push`,
    fields: { ethertype: u32(1) },
  },
  'openflow_13.ofp_action_group': {
    source: `${V5}/openflow_13.proto, message ofp_action_group`,
    fields: { group_id: u32(1) },
  },
  'openflow_13.ofp_action_set_field': {
    source: `${V5}/openflow_13.proto, message ofp_action_set_field`,
    fields: { field: msg(1, 'openflow_13.ofp_oxm_field') },
  },
  'openflow_13.ofp_instruction': {
    source: `${V5}/openflow_13.proto, message ofp_instruction (type is uint32; experimenter = 6 not kept)`,
    fields: {
      type: u32(1),
      goto_table: oneof('data', msg(2, 'openflow_13.ofp_instruction_goto_table')),
      write_metadata: oneof('data', msg(3, 'openflow_13.ofp_instruction_write_metadata')),
      actions: oneof('data', msg(4, 'openflow_13.ofp_instruction_actions')),
      meter: oneof('data', msg(5, 'openflow_13.ofp_instruction_meter')),
    },
  },
  'openflow_13.ofp_instruction_goto_table': {
    source: `${V5}/openflow_13.proto, message ofp_instruction_goto_table`,
    fields: { table_id: u32(1) },
  },
  'openflow_13.ofp_instruction_write_metadata': {
    source: `${V5}/openflow_13.proto, message ofp_instruction_write_metadata`,
    fields: { metadata: u64(1), metadata_mask: u64(2) },
  },
  'openflow_13.ofp_instruction_actions': {
    source: `${V5}/openflow_13.proto, message ofp_instruction_actions`,
    fields: { actions: rep(msg(1, 'openflow_13.ofp_action')) },
  },
  'openflow_13.ofp_instruction_meter': {
    source: `${V5}/openflow_13.proto, message ofp_instruction_meter`,
    fields: { meter_id: u32(1) },
  },
  'openflow_13.ofp_flow_stats': {
    source: `${V5}/openflow_13.proto, message ofp_flow_stats (no field 11 upstream)`,
    fields: {
      id: u64(14),
      table_id: u32(1),
      duration_sec: u32(2),
      duration_nsec: u32(3),
      priority: u32(4),
      idle_timeout: u32(5),
      hard_timeout: u32(6),
      flags: u32(7),
      cookie: u64(8),
      packet_count: u64(9),
      byte_count: u64(10),
      match: msg(12, 'openflow_13.ofp_match'),
      instructions: rep(msg(13, 'openflow_13.ofp_instruction')),
    },
  },
  'openflow_13.Flows': {
    source: `${V5}/openflow_13.proto, message Flows`,
    fields: { items: rep(msg(1, 'openflow_13.ofp_flow_stats')) },
  },

  'device.Image': {
    source: `${V5}/device.proto, message Image (hash 3, install_datetime 4, url 8, vendor 9, crc32 10 not kept)`,
    fields: { name: str(1), version: str(2), is_active: bool(5), is_committed: bool(6), is_valid: bool(7) },
  },
  'device.Images': {
    source: `${V5}/device.proto, message Images`,
    fields: { image: rep(msg(1, 'device.Image')) },
  },
  'device.Port.PeerPort': {
    source: `${V5}/device.proto, message Port, nested message PeerPort`,
    fields: { device_id: str(1), port_no: u32(2) },
  },
  'device.Port': {
    source: `${V5}/device.proto, message Port (no field 4 upstream)`,
    fields: {
      port_no: u32(1),
      label: str(2),
      type: enm(3, 'device.Port.PortType'),
      admin_state: enm(5, 'common.AdminState.Types'),
      oper_status: enm(6, 'common.OperStatus.Types'),
      device_id: str(7),
      peers: rep(msg(8, 'device.Port.PeerPort')),
      rx_packets: { no: 9, type: 'fixed64' },
      rx_bytes: { no: 10, type: 'fixed64' },
      rx_errors: { no: 11, type: 'fixed64' },
      tx_packets: { no: 12, type: 'fixed64' },
      tx_bytes: { no: 13, type: 'fixed64' },
      tx_errors: { no: 14, type: 'fixed64' },
      ofp_port: msg(15, 'openflow_13.ofp_port'),
    },
  },
  'device.Ports': {
    source: `${V5}/device.proto, message Ports`,
    fields: { items: rep(msg(1, 'device.Port')) },
  },
  'device.Device.ProxyAddress': {
    source: `${V5}/device.proto, message Device, nested message ProxyAddress`,
    fields: {
      device_id: str(1),
      device_type: str(2),
      channel_id: u32(3),
      channel_group_id: u32(4),
      channel_termination: str(5),
      onu_id: u32(6),
      onu_session_id: u32(7),
      adapter_endpoint: str(8),
    },
  },
  'device.Device': {
    source: `${V5}/device.proto, message Device (11 reserved; custom 64, pm_configs 131, image_downloads 133 not kept)`,
    fields: {
      id: str(1),
      type: str(2),
      root: bool(3),
      parent_id: str(4),
      parent_port_no: u32(20),
      vendor: str(5),
      model: str(6),
      hardware_version: str(7),
      firmware_version: str(8),
      images: msg(9, 'device.Images'),
      serial_number: str(10),
      vendor_id: str(24),
      adapter_endpoint: str(25),
      vlan: u32(12),
      mac_address: str(13),
      ipv4_address: oneof('address', str(14)),
      ipv6_address: oneof('address', str(15)),
      host_and_port: oneof('address', str(21)),
      extra_args: str(23),
      proxy_address: msg(19, 'device.Device.ProxyAddress'),
      admin_state: enm(16, 'common.AdminState.Types'),
      oper_status: enm(17, 'common.OperStatus.Types'),
      reason: str(22),
      connect_status: enm(18, 'common.ConnectStatus.Types'),
    },
  },
  'device.Devices': {
    source: `${V5}/device.proto, message Devices`,
    fields: { items: rep(msg(1, 'device.Device')) },
  },

  'logical_device.LogicalPort': {
    source: `${V5}/logical_device.proto, message LogicalPort`,
    fields: {
      id: str(1),
      ofp_port: msg(2, 'openflow_13.ofp_port'),
      device_id: str(3),
      device_port_no: u32(4),
      root_port: bool(5),
      ofp_port_stats: msg(6, 'openflow_13.ofp_port_stats'),
    },
  },
  'logical_device.LogicalPorts': {
    source: `${V5}/logical_device.proto, message LogicalPorts`,
    fields: { items: rep(msg(1, 'logical_device.LogicalPort')) },
  },
  'logical_device.LogicalDevice': {
    source: `${V5}/logical_device.proto, message LogicalDevice`,
    fields: {
      id: str(1),
      datapath_id: u64(2),
      desc: msg(3, 'openflow_13.ofp_desc'),
      switch_features: msg(4, 'openflow_13.ofp_switch_features'),
      root_device_id: str(5),
    },
  },
  'logical_device.LogicalDevices': {
    source: `${V5}/logical_device.proto, message LogicalDevices`,
    fields: { items: rep(msg(1, 'logical_device.LogicalDevice')) },
  },

  'adapter.Adapter': {
    source: `${V5}/adapter.proto, message Adapter (config 16, additional_description 64 not kept)`,
    fields: {
      id: str(1),
      vendor: str(2),
      version: str(3),
      logical_device_ids: rep(str(4)),
      last_communication: { no: 5, type: 'int64' },
      currentReplica: { no: 6, type: 'int32' },
      totalReplicas: { no: 7, type: 'int32' },
      endpoint: str(8),
      type: str(9),
    },
  },
  'adapter.Adapters': {
    source: `${V5}/adapter.proto, message Adapters`,
    fields: { items: rep(msg(1, 'adapter.Adapter')) },
  },

  'voltha.Voltha': {
    source: `${V5}/voltha.proto, message Voltha (device_types 5, event_filters 7, omci 28/29 not kept; 6 reserved)`,
    fields: {
      version: str(1),
      adapters: rep(msg(2, 'adapter.Adapter')),
      logical_devices: rep(msg(3, 'logical_device.LogicalDevice')),
      devices: rep(msg(4, 'device.Device')),
    },
  },
};

// voltha.proto, service VolthaService: request → reply of each call we use.
const METHODS: Record<VolthaMethodName, [request: string, response: string]> = {
  GetVoltha: ['google.protobuf.Empty', 'voltha.Voltha'],
  ListAdapters: ['google.protobuf.Empty', 'adapter.Adapters'],
  ListLogicalDevices: ['google.protobuf.Empty', 'logical_device.LogicalDevices'],
  ListLogicalDevicePorts: ['common.ID', 'logical_device.LogicalPorts'],
  ListLogicalDeviceFlows: ['common.ID', 'openflow_13.Flows'],
  ListDevices: ['google.protobuf.Empty', 'device.Devices'],
  GetDevice: ['common.ID', 'device.Device'],
  CreateDevice: ['device.Device', 'device.Device'],
  EnableDevice: ['common.ID', 'google.protobuf.Empty'],
  DisableDevice: ['common.ID', 'google.protobuf.Empty'],
  RebootDevice: ['common.ID', 'google.protobuf.Empty'],
  DeleteDevice: ['common.ID', 'google.protobuf.Empty'],
  ListDevicePorts: ['common.ID', 'device.Ports'],
};

// ---- helpers built only on the table ------------------------------------------------------------

const WIRE_VARINT = 0;
const WIRE_FIXED64 = 1;
const WIRE_LEN = 2;

const PACKABLE: ReadonlySet<FieldType> = new Set(['bool', 'uint32', 'int32', 'uint64', 'int64', 'fixed64', 'enum']);

function spec(type: string): MessageSpec {
  const s = UPSTREAM[type];
  if (!s) throw new Error(`no table entry for ${type}`);
  return s;
}

function enumValues(ref: string | undefined): Record<string, number> {
  const e = ref ? ENUMS[ref] : undefined;
  if (!e) throw new Error(`no enum table entry for ${ref}`);
  return e.values;
}

/** Wire type of one element (proto3 packs repeated scalars into one length-delimited field). */
function wireType(f: FieldSpec): number {
  if (f.repeated && PACKABLE.has(f.type)) return WIRE_LEN;
  switch (f.type) {
    case 'string':
    case 'bytes':
    case 'message':
      return WIRE_LEN;
    case 'fixed64':
      return WIRE_FIXED64;
    default:
      return WIRE_VARINT;
  }
}

type Sample = Record<string, unknown>;

const U64_MAX = (1n << 64n) - 1n;
const I64_MAX = (1n << 63n) - 1n;

function sampleScalar(f: FieldSpec, name: string, variant: number): unknown {
  switch (f.type) {
    case 'string':
      return `${name}#${variant}`;
    case 'bool':
      return true;
    case 'bytes':
      return Buffer.from([f.no, variant, 0xff, 0x00, 0x80, 0x7f]);
    case 'uint32':
      return f.no * 1000 + variant + 1;
    case 'int32':
      return f.no * 10 + variant + 1;
    // Near the top of the range, so a lossy (double) path would show.
    case 'uint64':
    case 'fixed64':
      return (U64_MAX - BigInt(f.no * 31 + variant)).toString();
    case 'int64':
      return (I64_MAX - BigInt(f.no * 31 + variant)).toString();
    case 'enum': {
      const names = Object.keys(enumValues(f.ref)).filter((n) => enumValues(f.ref)[n] !== 0);
      return names[variant % names.length];
    }
    case 'message':
      throw new Error('not a scalar');
  }
}

/**
 * A fully populated message (every field, each oneof set to its `variant`-th member), keys in
 * field-number order. Repeated fields get four elements of neighbouring variants, so nested
 * oneofs of up to four members are all set within one sample.
 */
function sample(type: string, variant: number, depth = 0): Sample {
  if (depth > 10) throw new Error(`sample too deep at ${type}`);
  const { fields } = spec(type);
  const members = new Map<string, string[]>();
  for (const [name, f] of Object.entries(fields)) {
    if (f.oneof) members.set(f.oneof, [...(members.get(f.oneof) ?? []), name]);
  }
  const out: Sample = {};
  for (const [name, f] of Object.entries(fields).sort((a, b) => a[1].no - b[1].no)) {
    if (f.oneof) {
      const group = members.get(f.oneof) ?? [];
      if (group[variant % group.length] !== name) continue;
    }
    const one = (v: number): unknown => (f.type === 'message' ? sample(f.ref ?? '', v, depth + 1) : sampleScalar(f, name, v));
    out[name] = f.repeated ? [0, 1, 2, 3].map((i) => one(variant + i)) : one(variant);
  }
  return out;
}

/** How many variants it takes to set every oneof member of `type` and everything below it. */
function variantsNeeded(type: string, seen = new Set<string>()): number {
  if (seen.has(type)) return 1;
  seen.add(type);
  const { fields } = spec(type);
  const sizes = new Map<string, number>();
  let n = 1;
  for (const f of Object.values(fields)) {
    if (f.oneof) sizes.set(f.oneof, (sizes.get(f.oneof) ?? 0) + 1);
    if (f.type === 'message') n = Math.max(n, variantsNeeded(f.ref ?? '', seen));
  }
  return Math.max(n, ...sizes.values());
}

function varint(value: bigint): number[] {
  let v = BigInt.asUintN(64, value);
  const out: number[] = [];
  do {
    let byte = Number(v & 0x7fn);
    v >>= 7n;
    if (v) byte |= 0x80;
    out.push(byte);
  } while (v);
  return out;
}

function tag(no: number, wire: number): number[] {
  return varint(BigInt(no * 8 + wire));
}

function lengthDelimited(bytes: ArrayLike<number>): number[] {
  return [...varint(BigInt(bytes.length)), ...Array.from(bytes)];
}

function scalarBytes(f: FieldSpec, value: unknown): number[] {
  switch (f.type) {
    case 'string':
      return lengthDelimited(Buffer.from(String(value), 'utf8'));
    case 'bytes':
      return lengthDelimited(value as Buffer);
    case 'bool':
      return [value ? 1 : 0];
    case 'uint32':
    case 'int32':
    case 'uint64':
    case 'int64':
      return varint(BigInt(value as string | number));
    case 'enum': {
      const n = enumValues(f.ref)[String(value)];
      if (n === undefined) throw new Error(`${String(value)} is not in ${f.ref}`);
      return varint(BigInt(n));
    }
    case 'fixed64': {
      const b = Buffer.alloc(8);
      b.writeBigUInt64LE(BigInt.asUintN(64, BigInt(value as string)));
      return Array.from(b);
    }
    case 'message':
      throw new Error('not a scalar');
  }
}

/** Encodes `obj` from the table alone, fields in ascending number order as protobuf encoders do. */
function encodeFromTable(type: string, obj: Sample): Buffer {
  const { fields } = spec(type);
  const out: number[] = [];
  const present = Object.entries(obj)
    .map(([name, value]) => {
      const f = fields[name];
      if (!f) throw new Error(`${type}.${name} is not in the table`);
      return { f, value };
    })
    .sort((a, b) => a.f.no - b.f.no);
  for (const { f, value } of present) {
    const values = f.repeated ? (value as unknown[]) : [value];
    if (f.repeated && PACKABLE.has(f.type)) {
      out.push(...tag(f.no, WIRE_LEN), ...lengthDelimited(values.flatMap((v) => scalarBytes(f, v))));
      continue;
    }
    for (const v of values) {
      out.push(...tag(f.no, wireType(f)));
      out.push(...(f.type === 'message' ? lengthDelimited(encodeFromTable(f.ref ?? '', v as Sample)) : scalarBytes(f, v)));
    }
  }
  return Buffer.from(out);
}

/**
 * Walks encoded bytes tag by tag with protobufjs's low-level Reader (no schema involved) and
 * checks every field number and wire type against the table; records `type.field` seen.
 */
function walk(bytes: Uint8Array, type: string, seen: Set<string>, where = type): void {
  const { fields } = spec(type);
  const byNumber = new Map(Object.entries(fields).map(([name, f]) => [f.no, { name, f }]));
  const reader = protobuf.Reader.create(bytes);
  while (reader.pos < reader.len) {
    const t = reader.uint32();
    const no = t >>> 3;
    const wire = t & 7;
    const entry = byNumber.get(no);
    expect(entry, `${where}: field number ${no} is not in ${spec(type).source}`).toBeDefined();
    if (!entry) return;
    expect(wire, `${where}.${entry.name} (#${no}) wire type`).toBe(wireType(entry.f));
    seen.add(`${type}.${entry.name}`);
    if (entry.f.type === 'message') {
      walk(reader.bytes(), entry.f.ref ?? '', seen, `${where}.${entry.name}`);
    } else {
      reader.skipType(wire);
    }
  }
}

// ---- the loadings ---------------------------------------------------------------------------------

const PROTOS_DIR = defaultVolthaProtosDir();
const loaded = loadVolthaProtos(PROTOS_DIR);

/** The second, independent loading: protobufjs reflection straight from the same files. */
function independentRoot(): protobuf.Root {
  const root = new protobuf.Root();
  root.resolvePath = (_origin, target) => `${PROTOS_DIR}/${target}`;
  root.loadSync(VOLTHA_ROOT_PROTO, { keepCase: true });
  root.resolveAll();
  return root;
}
const root = independentRoot();

/** proto-loader's view of the service (it also carries each method's request/reply descriptor). */
const loaderService = loaded.packageDefinition[VOLTHA_SERVICE_NAME] as ServiceDefinition;

function method(name: VolthaMethodName) {
  const m = loaded.service[name];
  if (!m) throw new Error(`${name} missing from ${VOLTHA_SERVICE_NAME}`);
  return m;
}

/** The package-level name of a method's request/reply type (proto-loader copies the descriptor per method). */
function fullNameOf(entry: { format: string; type: unknown }): string {
  const matches = Object.entries(loaded.packageDefinition).filter(
    ([, v]) => 'format' in v && v.format === entry.format && isDeepStrictEqual(v.type, entry.type),
  );
  expect(matches.length).toBe(1);
  return matches[0]?.[0] ?? '';
}

function allReflected(ns: protobuf.NamespaceBase, out: protobuf.ReflectionObject[] = []): protobuf.ReflectionObject[] {
  for (const nested of ns.nestedArray) {
    out.push(nested);
    if (nested instanceof protobuf.Namespace || nested instanceof protobuf.Type) allReflected(nested, out);
  }
  return out;
}

const TYPE_NAME: Record<FieldType, string> = {
  string: 'string',
  bool: 'bool',
  bytes: 'bytes',
  uint32: 'uint32',
  int32: 'int32',
  uint64: 'uint64',
  int64: 'int64',
  fixed64: 'fixed64',
  enum: '',
  message: '',
};

// ---- tests ----------------------------------------------------------------------------------------

describe('VOLTHA wire contract', () => {
  it('serves voltha.VolthaService with the upstream method paths and message types', () => {
    expect(Object.keys(loaded.service).sort()).toEqual([...VOLTHA_METHODS].sort());
    expect(Object.keys(METHODS).sort()).toEqual([...VOLTHA_METHODS].sort());
    for (const name of VOLTHA_METHODS) {
      const m = method(name);
      const [request, response] = METHODS[name];
      expect(m.path).toBe(`/voltha.VolthaService/${name}`);
      expect(volthaMethodPath(name)).toBe(m.path);
      expect(m.requestStream, name).toBe(false);
      expect(m.responseStream, name).toBe(false);
      const described = loaderService[name];
      if (!described) throw new Error(`${name} missing`);
      expect(fullNameOf(described.requestType), `${name} request`).toBe(request);
      expect(fullNameOf(described.responseType), `${name} reply`).toBe(response);
    }
  });

  it('declares exactly the upstream field names, numbers, types and labels (independent loading)', () => {
    const reflected = allReflected(root);
    const types = reflected.filter((r): r is protobuf.Type => r instanceof protobuf.Type);
    const enums = reflected.filter((r): r is protobuf.Enum => r instanceof protobuf.Enum);
    const fullName = (r: protobuf.ReflectionObject) => r.fullName.replace(/^\./, '');

    expect(types.map(fullName).sort()).toEqual(Object.keys(UPSTREAM).sort());
    expect(enums.map(fullName).sort()).toEqual(Object.keys(ENUMS).sort());

    for (const t of types) {
      const s = spec(fullName(t));
      expect(Object.keys(t.fields).sort(), s.source).toEqual(Object.keys(s.fields).sort());
      for (const [name, f] of Object.entries(s.fields)) {
        const field = t.fields[name];
        const where = `${fullName(t)}.${name} (${s.source})`;
        if (!field) throw new Error(`${where} missing`);
        expect(field.id, where).toBe(f.no);
        expect(field.repeated, where).toBe(Boolean(f.repeated));
        expect(field.partOf?.name, where).toBe(f.oneof);
        if (f.type === 'message') {
          expect(field.resolvedType instanceof protobuf.Type, where).toBe(true);
          expect(field.resolvedType?.fullName, where).toBe(`.${f.ref}`);
        } else if (f.type === 'enum') {
          expect(field.resolvedType instanceof protobuf.Enum, where).toBe(true);
          expect(field.resolvedType?.fullName, where).toBe(`.${f.ref}`);
        } else {
          expect(field.type, where).toBe(TYPE_NAME[f.type]);
        }
      }
    }
    for (const e of enums) {
      const table = ENUMS[fullName(e)];
      expect(e.values, table?.source).toEqual(table?.values);
    }
  });

  describe.each(VOLTHA_METHODS.map((name) => [name] as const))('%s', (name) => {
    const m = method(name);
    const [requestType, responseType] = METHODS[name];
    const cases = [
      { side: 'request (client → core)', type: requestType, encode: m.requestSerialize, decode: m.requestDeserialize },
      { side: 'reply (core → client)', type: responseType, encode: m.responseSerialize, decode: m.responseDeserialize },
    ];

    it.each(cases)('$side: proto-loader bytes carry the upstream numbers and wire types', ({ type, encode }) => {
      const seen = new Set<string>();
      for (let variant = 0; variant < variantsNeeded(type); variant++) {
        const obj = sample(type, variant);
        const bytes = encode(obj);
        walk(bytes, type, seen);
        // Byte for byte what an encoder that knows only the upstream table writes.
        expect(Buffer.from(bytes).toString('hex'), `${type} variant ${variant}`).toBe(encodeFromTable(type, obj).toString('hex'));
        // And the independent loading reads every value back.
        const T = root.lookupType(type);
        const back = T.toObject(T.decode(bytes), { longs: String, enums: String, defaults: false, oneofs: false });
        expect(back, `${type} variant ${variant}`).toEqual(obj);
      }
    });

    it.each(cases)('$side: bytes built from the upstream table decode in proto-loader', ({ type, decode }) => {
      for (let variant = 0; variant < variantsNeeded(type); variant++) {
        const obj = sample(type, variant);
        const decoded = decode(encodeFromTable(type, obj)) as Sample;
        expect(decoded, `${type} variant ${variant}`).toMatchObject(obj);
      }
    });
  });

  it('puts every field of the table on the wire at least once', () => {
    const seen = new Set<string>();
    for (const name of VOLTHA_METHODS) {
      const m = method(name);
      const [requestType, responseType] = METHODS[name];
      for (const [type, encode] of [
        [requestType, m.requestSerialize],
        [responseType, m.responseSerialize],
      ] as const) {
        for (let variant = 0; variant < variantsNeeded(type); variant++) walk(encode(sample(type, variant)), type, seen);
      }
    }
    const expected = Object.entries(UPSTREAM).flatMap(([type, s]) => Object.keys(s.fields).map((f) => `${type}.${f}`));
    expect(expected.filter((f) => !seen.has(f))).toEqual([]);
  });

  it('encodes the pre-provisioning request and an ID byte for byte', () => {
    const create = method('CreateDevice').requestSerialize({ type: 'openolt', host_and_port: '10.0.0.1:9191' });
    // device.Device: type = 2 (tag 0x12), host_and_port = 21 (tag 21<<3|2 = 170 → varint aa 01)
    expect(Buffer.from(create).toString('hex')).toBe(
      '12' + '07' + Buffer.from('openolt').toString('hex') + 'aa01' + '0d' + Buffer.from('10.0.0.1:9191').toString('hex'),
    );

    const id = method('EnableDevice').requestSerialize({ id: 'olt-1' });
    // common.ID: id = 1 (tag 0x0a)
    expect(Buffer.from(id).toString('hex')).toBe('0a05' + Buffer.from('olt-1').toString('hex'));

    expect(method('GetVoltha').requestSerialize({}).length).toBe(0);
    expect(method('DeleteDevice').responseSerialize({}).length).toBe(0);

    // admin_state = 16 (tag 16<<3|0 = 128 → 80 01), ENABLED = 2; connect_status = 18 (90 01), REACHABLE = 2
    const states = method('GetDevice').responseSerialize({ admin_state: 'ENABLED', connect_status: 'REACHABLE' });
    expect(Buffer.from(states).toString('hex')).toBe('8001029001' + '02');
  });

  it('decodes to the shapes protoTypes.ts documents', () => {
    const device = method('GetDevice').responseDeserialize(
      encodeFromTable('device.Device', { id: 'onu-1', host_and_port: 'olt:9191', oper_status: 'ACTIVE' }),
    ) as Record<string, unknown>;
    expect(device).toMatchObject({
      id: 'onu-1',
      host_and_port: 'olt:9191',
      address: 'host_and_port',
      oper_status: 'ACTIVE',
      admin_state: 'UNKNOWN',
      connect_status: 'UNKNOWN',
      root: false,
      parent_port_no: 0,
      images: null,
      proxy_address: null,
    });
    expect(device).not.toHaveProperty('ipv4_address');

    const port = method('ListDevicePorts').responseDeserialize(
      encodeFromTable('device.Ports', { items: [{ port_no: 536870912, type: 'PON_OLT', rx_bytes: '18446744073709551615' }] }),
    ) as { items: Record<string, unknown>[] };
    expect(port.items[0]).toMatchObject({ port_no: 536870912, type: 'PON_OLT', rx_bytes: '18446744073709551615', tx_bytes: '0', peers: [] });
  });

  it('skips upstream fields our protos leave out', () => {
    const known = encodeFromTable('device.Device', { id: 'olt-1', serial_number: 'BBSIM_OLT_0', oper_status: 'ACTIVE' });
    // device.Device custom = 64 (Any), pm_configs = 131, image_downloads = 133: all length-delimited.
    const extra = Buffer.from([...tag(64, WIRE_LEN), 2, 0x0a, 0x00, ...tag(131, WIRE_LEN), 2, 0x08, 0x05, ...tag(133, WIRE_LEN), 0]);
    const decoded = method('GetDevice').responseDeserialize(Buffer.concat([known, extra]));
    expect(decoded).toMatchObject({ id: 'olt-1', serial_number: 'BBSIM_OLT_0', oper_status: 'ACTIVE' });
  });
});
