// From LLDP observations to physical links: name each end by the interface name its own device
// uses (ifName), and merge the two observations of a link seen from both ends into one.
import { PORT_ID, type LocalPort, type RemoteNeighbour } from './lldp';

export interface InterfaceFacts {
  ifIndex: number;
  /** ifName, else ifDescr. */
  name: string;
  descr: string;
  alias: string;
  speedBps: number | null;
  /** Lower-case colon hex, or null. */
  mac: string | null;
  adminStatus: string;
  operStatus: string;
}

/** What discovery learned about one device it reached. */
export interface DeviceFacts {
  /** Identity within a run: LLDP chassis ID, else sysName, else the address. */
  key: string;
  address: string;
  sysName: string;
  sysDescr: string;
  sysObjectId: string;
  chassisId: string;
  interfaces: InterfaceFacts[];
  localPorts: Map<number, LocalPort>;
  neighbours: RemoteNeighbour[];
}

export interface LinkEnd {
  device: string;
  interface: string;
}

export interface LinkObservation {
  /** The observing device's own port: its name is authoritative. */
  local: LinkEnd;
  /** The neighbour's port as the observer heard it (exact when the neighbour was reached too). */
  remote: LinkEnd;
}

export interface ResolvedLink {
  a: LinkEnd;
  b: LinkEnd;
}

function byName(d: DeviceFacts, label: string): InterfaceFacts | undefined {
  if (label === '') return undefined;
  return d.interfaces.find((i) => i.name === label) ?? d.interfaces.find((i) => i.descr === label);
}

/**
 * The name of the local interface behind lldpLocPortNum. The port ID is the name when its subtype
 * says so; otherwise most agents (lldpd, Net-SNMP, Juniper, MikroTik) number LLDP ports by ifIndex;
 * then the advertised description or MAC; last, whatever the port ID says.
 */
export function localInterfaceName(d: DeviceFacts, portNum: number): string {
  const port = d.localPorts.get(portNum);
  if (port?.idSubtype === PORT_ID.interfaceName && port.id !== '') return byName(d, port.id)?.name ?? port.id;
  const byIndex = d.interfaces.find((i) => i.ifIndex === portNum);
  if (byIndex !== undefined) return byIndex.name;
  if (port === undefined) return `port ${portNum}`;
  const named = byName(d, port.desc);
  if (named !== undefined) return named.name;
  if (port.idSubtype === PORT_ID.macAddress) {
    const m = d.interfaces.find((i) => i.mac === port.id);
    if (m !== undefined) return m.name;
  }
  return port.desc || port.id || `port ${portNum}`;
}

/**
 * The neighbour's interface name. When the neighbour was reached, its own ifTable decides (port ID
 * by name, by MAC, or a "local" ID that is an ifIndex); otherwise the port ID or description it
 * advertised.
 */
export function remoteInterfaceName(n: RemoteNeighbour, reached: DeviceFacts | undefined): string {
  const advertisedName = n.portIdSubtype === PORT_ID.interfaceName || n.portIdSubtype === PORT_ID.interfaceAlias ? n.portId : '';
  if (reached !== undefined) {
    const found =
      byName(reached, advertisedName) ??
      (n.portIdSubtype === PORT_ID.macAddress ? reached.interfaces.find((i) => i.mac === n.portId) : undefined) ??
      (n.portIdSubtype === PORT_ID.local && /^\d+$/.test(n.portId) ? reached.interfaces.find((i) => i.ifIndex === Number(n.portId)) : undefined) ??
      byName(reached, n.portDesc);
    if (found !== undefined) return found.name;
  }
  if (advertisedName !== '') return advertisedName;
  if (n.portDesc !== '') return n.portDesc;
  return n.portId;
}

const same = (x: LinkEnd, y: LinkEnd): boolean => x.device === y.device && x.interface === y.interface;
const endKey = (e: LinkEnd): string => `${e.device}\u0000${e.interface}`;

/**
 * One link per physical cable. A cable seen from both ends gives two observations that share their
 * ends; when the names heard from the far side differ from the names the device itself uses (a
 * description instead of ifName), the authoritative local name wins. Parallel cables between the
 * same two devices stay separate because their local ports differ.
 */
export function dedupeLinks(observations: readonly LinkObservation[]): ResolvedLink[] {
  interface Working {
    ends: [LinkEnd, LinkEnd];
    authoritative: [boolean, boolean];
  }
  const links: Working[] = [];
  for (const o of observations) {
    if (o.local.device === o.remote.device) continue; // a loop cable or an agent hearing itself: not a link on the map
    const hit = links.find((l) => {
      // this observation's local end already known (seen from the other side, or twice on this side)
      const i = l.ends.findIndex((e) => same(e, o.local));
      if (i >= 0) return l.ends[1 - i]?.device === o.remote.device;
      // or the far side named our port differently, but its own port is the one we heard
      const j = l.ends.findIndex((e) => same(e, o.remote));
      return j >= 0 && l.ends[1 - j]?.device === o.local.device && l.authoritative[1 - j] !== true;
    });
    if (hit === undefined) {
      links.push({ ends: [o.local, o.remote], authoritative: [true, false] });
      continue;
    }
    const li = hit.ends[0].device === o.local.device ? 0 : 1;
    hit.ends[li] = o.local;
    hit.authoritative[li] = true;
    const ri = 1 - li;
    if (hit.authoritative[ri] !== true) hit.ends[ri] = o.remote;
  }
  return links
    .map(({ ends: [x, y] }) => (endKey(x) <= endKey(y) ? { a: x, b: y } : { a: y, b: x }))
    .sort((p, q) => endKey(p.a).localeCompare(endKey(q.a)) || endKey(p.b).localeCompare(endKey(q.b)));
}
