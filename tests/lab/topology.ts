// The namespace network as plain data: which routers exist, their addresses,
// and which interface of which router is cabled to which. Pure, so the CLI,
// the tests and the app's discovery tests all read the same description.
//
// Addressing (s = the lab's slot, chosen so parallel labs do not overlap):
//   management  198.18.(4s).0/24   host bridge .1, router i .(10+i)
//   links       198.18.(4s+1).0/24 link k uses .(4k+1) and .(4k+2) /30
//   loopbacks   198.19.(4s).i/32   on the router's `lo`, routed from the host via its mgmt address

export interface RouterSpec {
  readonly name: string;
  readonly netns: string;
  /** sysName and LLDP system name (unique per lab run). */
  readonly sysName: string;
  readonly mgmtInterface: string;
  readonly mgmtAddress: string;
  readonly loopbackAddress: string;
  /** Host-side veth of this router's management link (enslaved to the host bridge). */
  readonly hostInterface: string;
}

export interface LinkEnd {
  readonly router: string;
  readonly interface: string;
  readonly address: string;
  readonly prefixLength: number;
}

export interface LinkSpec {
  readonly a: LinkEnd;
  readonly b: LinkEnd;
}

export interface Topology {
  readonly labId: string;
  readonly hostBridge: string;
  readonly hostAddress: string;
  readonly managementPrefix: string;
  readonly routers: readonly RouterSpec[];
  readonly links: readonly LinkSpec[];
}

/** Default cabling: a ring r1-r2-r3-r4-r1 plus the diagonal r1-r3. */
export const DEFAULT_ROUTERS: readonly string[] = ['r1', 'r2', 'r3', 'r4'];
export const DEFAULT_LINKS: ReadonlyArray<readonly [string, string]> = [
  ['r1', 'r2'],
  ['r2', 'r3'],
  ['r3', 'r4'],
  ['r4', 'r1'],
  ['r1', 'r3'],
];

export const MAX_SLOTS = 64;

/** 8 base-36 characters derived from `text`, for interface names that must stay under 15 characters. */
function shortHash(text: string): string {
  let h = 2166136261;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 16777619) >>> 0;
  return h.toString(36).padStart(8, '0').slice(0, 8);
}

export function buildTopology(
  labId: string,
  slot: number,
  routerNames: readonly string[] = DEFAULT_ROUTERS,
  cabling: ReadonlyArray<readonly [string, string]> = DEFAULT_LINKS,
): Topology {
  if (slot < 0 || slot >= MAX_SLOTS) throw new Error(`slot ${slot} out of range`);
  if (routerNames.length > 200 || cabling.length > 63) throw new Error('topology too large for the address plan');
  const mgmtNet = `198.18.${4 * slot}`;
  const linkNet = `198.18.${4 * slot + 1}`;
  // Linux interface names are limited to 15 characters: keep host-side names short.
  const hostPrefix = labId.length <= 10 ? `nl${labId}` : `nl${shortHash(labId)}`;
  const routers = routerNames.map((name, i): RouterSpec => ({
    name,
    netns: `noclab-${labId}-${name}`,
    sysName: `noclab-${labId}-${name}`,
    mgmtInterface: 'mgmt0',
    mgmtAddress: `${mgmtNet}.${10 + i + 1}`,
    loopbackAddress: `198.19.${4 * slot}.${i + 1}`,
    hostInterface: `${hostPrefix}m${i + 1}`,
  }));
  const known = new Set(routerNames);
  const nextPort = new Map<string, number>();
  const portOf = (router: string): string => {
    const n = (nextPort.get(router) ?? 0) + 1;
    nextPort.set(router, n);
    return `eth${n}`;
  };
  const links = cabling.map(([a, b], k): LinkSpec => {
    if (!known.has(a) || !known.has(b) || a === b) throw new Error(`bad link ${a}-${b}`);
    return {
      a: { router: a, interface: portOf(a), address: `${linkNet}.${4 * k + 1}`, prefixLength: 30 },
      b: { router: b, interface: portOf(b), address: `${linkNet}.${4 * k + 2}`, prefixLength: 30 },
    };
  });
  return { labId, hostBridge: `${hostPrefix}br`, hostAddress: `${mgmtNet}.1`, managementPrefix: `${mgmtNet}.0/24`, routers, links };
}

/** Names of the routers cabled to `router`, in link order. */
export function neighboursOf(topology: Topology, router: string): string[] {
  return topology.links.flatMap((l) => (l.a.router === router ? [l.b.router] : l.b.router === router ? [l.a.router] : []));
}

/** ASCII drawing of the default topology, for the CLI and README. */
export const DEFAULT_TOPOLOGY_DRAWING = String.raw`
        host (bridge nl<id>br, 198.18.<4s>.1/24) ── mgmt0 of every router
        r1 ──────── r2
        │  ╲         │
        │    ╲       │
        │      ╲     │
        r4 ──────── r3
`;
