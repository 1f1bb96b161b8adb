// Vendor, model and role of a device from what every SNMP agent answers: sysObjectID (the IANA
// enterprise number under 1.3.6.1.4.1 says who made the agent) and sysDescr (free text in which
// vendors name their OS and platform). A small table of facts, not a MIB database: unknown agents
// still get a sensible "other" role and whatever sysDescr names.
import type { DeviceRole } from '../../../shared/domain/device';

export interface Identity {
  vendor: string;
  model: string;
  role: DeviceRole;
}

const ENTERPRISES = '1.3.6.1.4.1.';

/** IANA private enterprise numbers of the vendors an ISP meets, with each vendor's usual role. */
const VENDOR_BY_ENTERPRISE: Readonly<Record<number, { vendor: string; role: DeviceRole }>> = {
  9: { vendor: 'Cisco', role: 'core_router' },
  11: { vendor: 'HPE', role: 'switch' },
  171: { vendor: 'D-Link', role: 'switch' },
  311: { vendor: 'Microsoft', role: 'server' },
  674: { vendor: 'Dell', role: 'server' },
  1916: { vendor: 'Extreme', role: 'switch' },
  1991: { vendor: 'Brocade', role: 'switch' },
  2011: { vendor: 'Huawei', role: 'core_router' },
  2636: { vendor: 'Juniper', role: 'core_router' },
  3902: { vendor: 'ZTE', role: 'olt' },
  4413: { vendor: 'Broadcom', role: 'switch' },
  4881: { vendor: 'Ruijie', role: 'switch' },
  6486: { vendor: 'Nokia', role: 'core_router' },
  6527: { vendor: 'Nokia', role: 'core_router' },
  8072: { vendor: 'Net-SNMP', role: 'server' },
  9303: { vendor: 'Ubiquiti', role: 'wireless_ap' },
  10002: { vendor: 'Ubiquiti', role: 'wireless_ap' },
  12356: { vendor: 'Fortinet', role: 'firewall' },
  14823: { vendor: 'Aruba', role: 'wireless_ap' },
  14988: { vendor: 'MikroTik', role: 'edge_router' },
  17409: { vendor: 'C-Data', role: 'olt' },
  25461: { vendor: 'Palo Alto Networks', role: 'firewall' },
  25506: { vendor: 'H3C', role: 'switch' },
  30065: { vendor: 'Arista', role: 'switch' },
  41112: { vendor: 'Ubiquiti', role: 'wireless_ap' },
  50536: { vendor: 'VSOL', role: 'olt' },
};

/** sysDescr keywords, checked in order: the first match names the platform and may refine the role. */
const DESCR_RULES: ReadonlyArray<{ re: RegExp; vendor?: string; model?: (m: RegExpExecArray) => string; role?: DeviceRole }> = [
  { re: /RouterOS\s+(\S+)?/i, vendor: 'MikroTik', model: (m) => `RouterOS${m[1] ? ` ${m[1]}` : ''}`, role: 'edge_router' },
  { re: /\b(CCR\d+[-\w]*|CRS\d+[-\w]*|RB\d+[-\w]*|hEX\b[-\w ]*)/i, vendor: 'MikroTik', model: (m) => m[1] ?? '' },
  { re: /Cisco IOS XR Software.*?\b(ASR\s?9\d{3}|NCS\s?\d+|CRS)/i, vendor: 'Cisco', model: (m) => (m[1] ?? '').replace(/\s/g, ''), role: 'core_router' },
  { re: /Cisco NX-OS.*?\b(Nexus\s?\d+|N\dK[-\w]*)/i, vendor: 'Cisco', model: (m) => m[1] ?? '', role: 'switch' },
  { re: /Cisco IOS Software.*?\b(C\d{3,4}\w*|Catalyst\s?\d+|ISR\d+|ASR\d+)/i, vendor: 'Cisco', model: (m) => m[1] ?? '' },
  { re: /Cisco Adaptive Security Appliance/i, vendor: 'Cisco', model: () => 'ASA', role: 'firewall' },
  { re: /Juniper Networks.*?\b(mx\d+|ptx\d+|ex\d+[-\w]*|qfx\d+[-\w]*|srx\d+)/i, vendor: 'Juniper', model: (m) => (m[1] ?? '').toUpperCase() },
  { re: /Huawei.*?\b(NE\d+[-\w]*|CE\d+[-\w]*|S\d{4}[-\w]*|MA5\d{3}[-\w]*|AR\d+[-\w]*)/i, vendor: 'Huawei', model: (m) => m[1] ?? '' },
  { re: /\b(MA56\d\d\w*|MA58\d\d\w*)/i, vendor: 'Huawei', model: (m) => m[1] ?? '', role: 'olt' },
  { re: /\bFortiGate[-\s]?(\w+)?/i, vendor: 'Fortinet', model: (m) => `FortiGate${m[1] ? `-${m[1]}` : ''}`, role: 'firewall' },
  { re: /\bEdgeOS\b|\bEdgeRouter\b/i, vendor: 'Ubiquiti', model: () => 'EdgeRouter', role: 'edge_router' },
  { re: /\bAirOS\b|\bairMAX\b/i, vendor: 'Ubiquiti', model: () => 'airMAX', role: 'wireless_ap' },
  { re: /\bArista Networks EOS\b.*?\b(DCS-[-\w]+)?/i, vendor: 'Arista', model: (m) => m[1] ?? '', role: 'switch' },
  { re: /\bOLT\b|\bGPON\b|\bEPON\b/, role: 'olt' },
  // Net-SNMP on Linux: the agent says "Linux <host> <kernel> …"; a Linux box with routing daemons is still a server until told otherwise
  { re: /^Linux\s+\S+\s+(\S+)/, vendor: 'Linux', model: (m) => `Linux ${m[1] ?? ''}`.trim() },
];

/** Enterprise number of a sysObjectID (1.3.6.1.4.1.<n>…), or null for anything else. */
export function enterpriseOf(sysObjectId: string): number | null {
  const oid = sysObjectId.startsWith('.') ? sysObjectId.slice(1) : sysObjectId;
  if (!oid.startsWith(ENTERPRISES)) return null;
  const n = Number(oid.slice(ENTERPRISES.length).split('.')[0]);
  return Number.isSafeInteger(n) ? n : null;
}

export function identify(sysObjectId: string, sysDescr: string): Identity {
  const enterprise = enterpriseOf(sysObjectId);
  const byOid = enterprise === null ? undefined : VENDOR_BY_ENTERPRISE[enterprise];
  let vendor = byOid?.vendor ?? '';
  let model = '';
  let role: DeviceRole = byOid?.role ?? 'other';
  const descr = sysDescr.trim();
  for (const rule of DESCR_RULES) {
    const m = rule.re.exec(descr);
    if (m === null) continue;
    // the OID's vendor wins over a keyword (a Cisco box may mention "Linux" in its sysDescr)
    if (rule.vendor !== undefined && (vendor === '' || vendor === 'Net-SNMP')) vendor = rule.vendor;
    if (rule.model !== undefined && model === '') model = rule.model(m);
    if (rule.role !== undefined) role = rule.role;
    break;
  }
  return { vendor, model: model.slice(0, 64), role };
}
