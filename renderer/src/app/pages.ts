// The pages of the console, in navigation order. `built: false` pages say so plainly instead of
// showing sample data.
export const PAGE_IDS = ['devices', 'topology', 'terminals', 'automation', 'snmp', 'radius', 'pon', 'billing', 'alarms', 'sync', 'settings'] as const;
export type PageId = (typeof PAGE_IDS)[number];

export interface PageInfo {
  id: PageId;
  title: string;
  /** Single-letter glyph for the narrow navigation rail; no icon font or CDN. */
  glyph: string;
  /** Words the command palette also matches. */
  keywords: string;
  /** Plain sentence shown while the capability is missing; absent for built pages. */
  notBuilt?: string;
}

export const PAGES: readonly PageInfo[] = [
  { id: 'devices', title: 'Devices', glyph: 'D', keywords: 'inventory routers switches olt' },
  {
    id: 'topology',
    title: 'Topology',
    glyph: 'T',
    keywords: 'map lldp links graph discovery discover sweep',
  },
  {
    id: 'terminals',
    title: 'Terminals',
    glyph: '>',
    keywords: 'ssh console cli shell putty termius',
  },
  { id: 'automation', title: 'Automation', glyph: '⚡', keywords: 'ssh run script commands config backup diff templates oxidized' },
  { id: 'snmp', title: 'SNMP', glyph: 'S', keywords: 'walk get bulkwalk set mib oid counters snmpwalk' },
  { id: 'radius', title: 'RADIUS', glyph: 'R', keywords: 'aaa coa disconnect subscriber auth accounting radtest radclient nas' },
  { id: 'pon', title: 'PON', glyph: 'P', keywords: 'voltha olt onu gpon fiber voltctl bbsim preprovision' },
  { id: 'billing', title: 'Billing', glyph: 'B', keywords: 'invoices payments subscribers reports aging revenue usage export' },
  { id: 'alarms', title: 'Alarms', glyph: 'A', keywords: 'traps events faults acknowledge ack clear snmptrap' },
  {
    id: 'sync',
    title: 'Sync',
    glyph: '⇅',
    keywords: 'central server outbox conflicts login offline pending site pack field',
  },
  { id: 'settings', title: 'Settings', glyph: '⚙', keywords: 'theme workspace tenant demo about' },
];

export function isPageId(s: string): s is PageId {
  return (PAGE_IDS as readonly string[]).includes(s);
}

export function pageInfo(id: PageId): PageInfo {
  const p = PAGES.find((x) => x.id === id);
  if (!p) throw new Error(`unknown page ${id}`);
  return p;
}
