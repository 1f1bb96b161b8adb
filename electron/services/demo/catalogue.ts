// The demo ISP's vocabulary: sites, device roles and the gear an ISP of this size really runs.
// Facts of the market, not live data: every demo device is status "unknown" until polled.
import type { DeviceRole } from '../../../shared/domain/device';

export interface DemoSite {
  code: string;
  name: string;
  region: string;
  timezone: string;
  address: string;
  latitude: number;
  longitude: number;
}

export const DEMO_SITES: DemoSite[] = [
  { code: 'nth', name: 'North POP', region: 'North', timezone: 'America/Chicago', address: '1200 Ridge Rd', latitude: 41.9, longitude: -87.7 },
  { code: 'cen', name: 'Central DC', region: 'Central', timezone: 'America/Chicago', address: '48 Exchange Pl', latitude: 41.88, longitude: -87.63 },
  { code: 'sth', name: 'South POP', region: 'South', timezone: 'America/Chicago', address: '77 Harbor Ave', latitude: 41.7, longitude: -87.6 },
  { code: 'wst', name: 'West Hub', region: 'West', timezone: 'America/Chicago', address: '9 Prairie Way', latitude: 41.85, longitude: -87.95 },
];

export interface Gear {
  vendor: string;
  model: string;
}

/** Share of a site's devices per role (sums to 1) and the gear used for it. */
export const ROLE_MIX: { role: DeviceRole; share: number; prefix: string; gear: Gear[] }[] = [
  { role: 'core_router', share: 0.004, prefix: 'core', gear: [{ vendor: 'Juniper', model: 'MX960' }, { vendor: 'Cisco', model: 'ASR 9906' }] },
  { role: 'edge_router', share: 0.012, prefix: 'edge', gear: [{ vendor: 'Juniper', model: 'MX204' }, { vendor: 'MikroTik', model: 'CCR2216-1G-12XS-2XQ' }] },
  { role: 'bng', share: 0.008, prefix: 'bng', gear: [{ vendor: 'Cisco', model: 'ASR 1006-X' }, { vendor: 'Juniper', model: 'MX480' }] },
  { role: 'firewall', share: 0.004, prefix: 'fw', gear: [{ vendor: 'Fortinet', model: 'FortiGate 600F' }] },
  { role: 'server', share: 0.012, prefix: 'srv', gear: [{ vendor: 'Dell', model: 'PowerEdge R650' }] },
  {
    role: 'switch',
    share: 0.3,
    prefix: 'sw',
    gear: [
      { vendor: 'Cisco', model: 'Catalyst 9300-48P' },
      { vendor: 'MikroTik', model: 'CRS326-24G-2S+' },
      { vendor: 'Huawei', model: 'S5735-L48T4X' },
    ],
  },
  {
    role: 'olt',
    share: 0.12,
    prefix: 'olt',
    gear: [
      { vendor: 'Huawei', model: 'MA5800-X7' },
      { vendor: 'ZTE', model: 'ZXA10 C600' },
      { vendor: 'Nokia', model: 'ISAM FX-8' },
    ],
  },
  {
    role: 'wireless_ap',
    share: 0.54,
    prefix: 'ap',
    gear: [
      { vendor: 'Ubiquiti', model: 'Rocket 5AC Prism' },
      { vendor: 'Cambium', model: 'ePMP 3000' },
      { vendor: 'MikroTik', model: 'mANTBox 52 15s' },
    ],
  },
];

export const DEMO_PLANS = [
  { code: 'FIB-100', name: 'Fibre 100', down: 100_000, up: 20_000, priceMinor: 3999, quotaGb: null },
  { code: 'FIB-500', name: 'Fibre 500', down: 500_000, up: 100_000, priceMinor: 5999, quotaGb: null },
  { code: 'FIB-1G', name: 'Fibre 1 Gbps', down: 1_000_000, up: 500_000, priceMinor: 8999, quotaGb: null },
  { code: 'WL-25', name: 'Wireless 25', down: 25_000, up: 5_000, priceMinor: 2999, quotaGb: 500 },
  { code: 'WL-50', name: 'Wireless 50', down: 50_000, up: 10_000, priceMinor: 4499, quotaGb: 1000 },
  { code: 'BIZ-1G', name: 'Business 1 Gbps', down: 1_000_000, up: 1_000_000, priceMinor: 24900, quotaGb: null },
] as const;

export const FIRST_NAMES = [
  'Ada', 'Ben', 'Chloe', 'Dmitri', 'Elena', 'Farah', 'Grace', 'Hugo', 'Ines', 'Jamal', 'Kenji', 'Lena', 'Marco', 'Nadia',
  'Omar', 'Priya', 'Quinn', 'Rosa', 'Samir', 'Tara', 'Uma', 'Victor', 'Wen', 'Ximena', 'Yusuf', 'Zoe',
];
export const LAST_NAMES = [
  'Adams', 'Baker', 'Chen', 'Diaz', 'Evans', 'Fischer', 'Garcia', 'Hughes', 'Ivanova', 'Johnson', 'Kowalski', 'Lopez',
  'Mensah', 'Nakamura', 'Okafor', 'Patel', 'Quist', 'Rossi', 'Silva', 'Tanaka', 'Usman', 'Varga', 'Walker', 'Yilmaz',
];
export const STREETS = ['Oak St', 'Maple Ave', 'Cedar Ln', 'Elm St', 'Lake Rd', 'Mill Rd', 'Park Ave', 'River Dr', 'Hill St'];
