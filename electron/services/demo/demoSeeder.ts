// Builds the deterministic demo ISP: sites, credential profiles, devices in a plausible topology
// (core ring, edges and BNGs on the cores, switches on edges, OLTs/APs/servers on switches),
// service plans, subscribers, 12 months of invoices and payments, and accounting sessions.
// The same options give the same rows (ids included) on every machine, within one month: dates
// are anchored to the start of the month the seed runs in, so aging reports stay meaningful.
import type Database from 'better-sqlite3';
import type { DeviceRole } from '../../../shared/domain/device';
import { CredentialProfileRepository } from '../cache/repositories/credentialProfileRepository';
import type { SecretBox } from '../secrets/secretBox';
import { uuidv7From } from '../util/uuidv7';
import { DEMO_PLANS, DEMO_SITES, FIRST_NAMES, LAST_NAMES, ROLE_MIX, STREETS } from './catalogue';
import { SeededRandom } from './random';

export interface SeedOptions {
  devices: number;
  subscribers: number;
  /** Anchor for every date in the demo; defaults to the first day of the current UTC month. */
  asOf?: Date;
  onProgress?: (done: number, total: number, label: string) => void;
}

export interface SeedSummary {
  tenantId: string;
  sites: number;
  devices: number;
  links: number;
  interfaces: number;
  subscribers: number;
  invoices: number;
  payments: number;
  accountingSessions: number;
  elapsedMs: number;
}

const DAY = 86_400_000;
const CHUNK = 20000;
const TABLES_CHILD_FIRST = [
  'interface_samples',
  'accounting_sessions',
  'payments',
  'invoices',
  'subscribers',
  'service_plans',
  'alarms',
  'links',
  'interfaces',
  'devices',
  'credential_profiles',
  'sites',
  'audit_log',
  'outbox',
];

interface SeedDevice {
  id: string;
  siteIndex: number;
  role: DeviceRole;
  name: string;
  nextIfIndex: number;
}

function monthStartUtc(d: Date, deltaMonths = 0): number {
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + deltaMonths, 1);
}

/** Yield to the event loop between chunks so a host stays responsive while seeding. */
const yieldNow = () => new Promise<void>((r) => setImmediate(r));

export class DemoSeeder {
  private rnd = new SeededRandom(20_240_611);
  private idRnd = new SeededRandom(7_771_234);

  constructor(
    private readonly sqlite: Database.Database,
    private readonly box: SecretBox,
  ) {}

  private id(ms: number): string {
    return uuidv7From(ms, this.idRnd.bytes(10));
  }

  async seed(opts: SeedOptions): Promise<SeedSummary> {
    const started = Date.now();
    this.rnd = new SeededRandom(20_240_611);
    this.idRnd = new SeededRandom(7_771_234);
    const asOf = monthStartUtc(opts.asOf ?? new Date());
    const epoch = monthStartUtc(new Date(asOf), -36);
    const db = this.sqlite;
    const tenantId = this.id(epoch);
    // bulk load: a crash mid-seed only loses demo rows, which the next seed rebuilds, so trade
    // durability for speed while it runs and restore the normal settings after
    const previousSync = db.pragma('synchronous', { simple: true });
    db.pragma('synchronous = OFF');
    db.pragma('cache_size = -262144');
    db.pragma('wal_autocheckpoint = 0');
    try {
      return await this.seedTenant(opts, asOf, epoch, tenantId, started);
    } finally {
      db.pragma(`synchronous = ${Number(previousSync)}`);
      db.pragma('cache_size = -2000');
      db.pragma('wal_autocheckpoint = 1000');
      db.pragma('wal_checkpoint(TRUNCATE)');
    }
  }

  private async seedTenant(opts: SeedOptions, asOf: number, epoch: number, tenantId: string, started: number): Promise<SeedSummary> {
    const db = this.sqlite;
    const estimatedRows = opts.devices * 3 + opts.subscribers * 25;
    let done = 0;
    const report = (n: number, label: string) => {
      done += n;
      opts.onProgress?.(Math.min(done, estimatedRows), estimatedRows, label);
    };

    // 1. wipe a previous copy of the demo tenant and create it afresh
    db.transaction(() => {
      for (const t of TABLES_CHILD_FIRST) db.prepare(`DELETE FROM ${t} WHERE tenant_id = ?`).run(tenantId);
      db.prepare('DELETE FROM tenants WHERE id = ?').run(tenantId);
      db.prepare(
        `INSERT INTO tenants (id, tenant_id, version, updated_at, name, slug, currency, timezone, is_demo)
         VALUES (?, ?, 0, ?, 'Demo ISP (sample data)', 'demo-isp', 'USD', 'America/Chicago', 1)`,
      ).run(tenantId, tenantId, asOf);
      db.prepare("INSERT INTO settings (key, value) VALUES ('activeTenantId', ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value").run(
        tenantId,
      );
    })();
    report(0, 'Creating demo tenant');

    // 2. sites and credential profiles
    const siteIds = DEMO_SITES.map(() => this.id(epoch));
    const profiles = new CredentialProfileRepository(db, { tenantId, actor: 'demo' }, this.box);
    const profileIds = { snmp: this.id(epoch), snmpV3: this.id(epoch), ssh: this.id(epoch) };
    db.transaction(() => {
      const ins = db.prepare(
        `INSERT INTO sites (id, tenant_id, version, updated_at, name, code, region, timezone, address, latitude, longitude)
         VALUES (?, ?, 0, ?, ?, ?, ?, ?, ?, ?, ?)`,
      );
      DEMO_SITES.forEach((s, i) => ins.run(siteIds[i], tenantId, asOf, s.name, s.code.toUpperCase(), s.region, s.timezone, s.address, s.latitude, s.longitude));
      profiles.insertInTransaction(
        { name: 'Demo SNMP v2c', kind: 'snmp_v2c', username: null, params: { timeoutMs: 2000, retries: 1 }, secrets: { community: 'demo-community' } },
        asOf,
        profileIds.snmp,
      );
      profiles.insertInTransaction(
        {
          name: 'Demo SNMP v3 (authPriv)',
          kind: 'snmp_v3',
          username: 'noc-ro',
          params: { securityLevel: 'authPriv', authProtocol: 'sha256', privProtocol: 'aes128' },
          secrets: { authKey: 'demo-auth-passphrase', privKey: 'demo-priv-passphrase' },
        },
        asOf,
        profileIds.snmpV3,
      );
      profiles.insertInTransaction(
        { name: 'Demo SSH (NOC key)', kind: 'ssh_key', username: 'noc', params: { port: 22, algorithms: 'modern' }, secrets: {} },
        asOf,
        profileIds.ssh,
      );
      // the demo is not a user's change: nothing of it waits to be pushed
      db.prepare('DELETE FROM outbox WHERE tenant_id = ?').run(tenantId);
      db.prepare('DELETE FROM audit_log WHERE tenant_id = ?').run(tenantId);
    })();

    // 3. devices, per site, by role mix
    const devices: SeedDevice[] = [];
    const perSite = DEMO_SITES.map((_, i) => Math.floor(opts.devices / DEMO_SITES.length) + (i < opts.devices % DEMO_SITES.length ? 1 : 0));
    const insDevice = db.prepare(
      `INSERT INTO devices (id, tenant_id, version, updated_at, site_id, name, vendor, model, role, mgmt_address,
         snmp_profile_id, ssh_profile_id, status, location, notes, serial)
       VALUES (?, ?, 0, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'unknown', ?, 'Demo device (sample data, never polled)', ?)`,
    );
    let addr = 0;
    const rows: (() => void)[] = [];
    perSite.forEach((count, si) => {
      const site = DEMO_SITES[si]!;
      let assigned = 0;
      ROLE_MIX.forEach((mix, mi) => {
        const n = mi === ROLE_MIX.length - 1 ? count - assigned : Math.max(mix.role === 'core_router' ? 2 : 1, Math.round(count * mix.share));
        const take = Math.max(0, Math.min(n, count - assigned));
        assigned += take;
        const width = take >= 1000 ? 4 : 3;
        for (let k = 1; k <= take; k++) {
          const gear = this.rnd.pick(mix.gear);
          const id = this.id(asOf - DAY * 400 + devices.length);
          const name = `${site.code}-${mix.prefix}-${String(k).padStart(mix.prefix === 'core' ? 2 : width, '0')}`;
          addr++;
          // 100.64.0.0/10 (shared address space): realistic for ISP management, never a test target
          const ip = `100.${64 + ((addr >> 16) & 63)}.${(addr >> 8) & 255}.${addr & 255}`;
          const dev: SeedDevice = { id, siteIndex: si, role: mix.role, name, nextIfIndex: 1 };
          devices.push(dev);
          const snmpProfile = mix.role === 'wireless_ap' ? profileIds.snmp : profileIds.snmpV3;
          const serial = `${gear.vendor.slice(0, 2).toUpperCase()}${String(100000 + devices.length)}`;
          rows.push(() =>
            insDevice.run(id, tenantId, asOf, siteIds[si], name, gear.vendor, gear.model, mix.role, ip, snmpProfile, profileIds.ssh, `${site.name}, rack ${1 + (k % 40)}`, serial),
          );
        }
      });
    });
    await this.runChunked(rows, (n) => report(n, 'Devices'));

    // 4. topology: links and the interfaces at their ends
    const bySiteRole = (si: number, role: DeviceRole) => devices.filter((d) => d.siteIndex === si && d.role === role);
    const linkRows: [SeedDevice, SeedDevice, string][] = [];
    const cores = DEMO_SITES.map((_, si) => bySiteRole(si, 'core_router'));
    DEMO_SITES.forEach((_, si) => {
      const here = cores[si]!;
      const next = cores[(si + 1) % DEMO_SITES.length]!;
      if (here[0] && here[1]) linkRows.push([here[0], here[1], 'ethernet']);
      if (here[0] && next[0] && here !== next) linkRows.push([here[0], next[0], 'fibre']);
      if (here[1] && next[1] && here !== next) linkRows.push([here[1], next[1], 'fibre']);
      const uplinkCores = here.length ? here : cores.flat();
      const edges = bySiteRole(si, 'edge_router');
      for (const e of [...edges, ...bySiteRole(si, 'bng'), ...bySiteRole(si, 'firewall')]) for (const c of uplinkCores.slice(0, 2)) linkRows.push([e, c, 'ethernet']);
      const aggs = edges.length ? edges : uplinkCores;
      const switches = bySiteRole(si, 'switch');
      switches.forEach((s, i) => linkRows.push([s, aggs[i % aggs.length]!, 'ethernet']));
      const access = [...bySiteRole(si, 'olt'), ...bySiteRole(si, 'wireless_ap'), ...bySiteRole(si, 'server')];
      const parents = switches.length ? switches : aggs;
      access.forEach((a, i) => linkRows.push([a, parents[i % parents.length]!, a.role === 'wireless_ap' ? 'ethernet-poe' : 'ethernet']));
    });
    const insIf = db.prepare(
      `INSERT INTO interfaces (id, tenant_id, version, updated_at, device_id, if_index, name, description, speed_bps, admin_status, oper_status)
       VALUES (?, ?, 0, ?, ?, ?, ?, ?, ?, 'up', 'unknown')`,
    );
    const insLink = db.prepare(
      `INSERT INTO links (id, tenant_id, version, updated_at, a_device_id, a_interface, b_device_id, b_interface, kind, source)
       VALUES (?, ?, 0, ?, ?, ?, ?, ?, ?, 'demo')`,
    );
    const ifName = (d: SeedDevice) => {
      const i = d.nextIfIndex++;
      return { ifIndex: i, name: d.role === 'wireless_ap' || d.role === 'server' ? `eth${i - 1}` : `xe-0/0/${i - 1}` };
    };
    const topoRows: (() => void)[] = linkRows.map(([a, b, kind]) => () => {
      const ai = ifName(a);
      const bi = ifName(b);
      const speed = kind === 'fibre' ? 100e9 : a.role === 'wireless_ap' ? 1e9 : 10e9;
      insIf.run(this.id(asOf), tenantId, asOf, a.id, ai.ifIndex, ai.name, `to ${b.name} ${bi.name}`, speed);
      insIf.run(this.id(asOf), tenantId, asOf, b.id, bi.ifIndex, bi.name, `to ${a.name} ${ai.name}`, speed);
      insLink.run(this.id(asOf), tenantId, asOf, a.id, ai.name, b.id, bi.name, kind);
    });
    await this.runChunked(topoRows, (n) => report(n * 3, 'Topology'));

    // 5. plans, subscribers, invoices, payments, accounting sessions
    const planIds = DEMO_PLANS.map(() => this.id(epoch));
    db.transaction(() => {
      const ins = db.prepare(
        `INSERT INTO service_plans (id, tenant_id, version, updated_at, code, name, download_kbps, upload_kbps, price_minor, currency, quota_gb)
         VALUES (?, ?, 0, ?, ?, ?, ?, ?, ?, 'USD', ?)`,
      );
      DEMO_PLANS.forEach((p, i) => ins.run(planIds[i], tenantId, asOf, p.code, p.name, p.down, p.up, p.priceMinor, p.quotaGb));
    })();
    const olts = devices.filter((d) => d.role === 'olt');
    const aps = devices.filter((d) => d.role === 'wireless_ap');
    const bngs = devices.filter((d) => d.role === 'bng');
    const insSub = db.prepare(
      `INSERT INTO subscribers (id, tenant_id, version, updated_at, account_no, name, email, phone, address, site_id, plan_id, status,
         radius_username, onu_serial, access_device_id, activated_at, churned_at)
       VALUES (?, ?, 0, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    const insInv = db.prepare(
      `INSERT INTO invoices (id, tenant_id, version, updated_at, subscriber_id, number, period_start, period_end, issued_at, due_at,
         amount_minor, tax_minor, total_minor, currency, status)
       VALUES (?, ?, 0, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'USD', ?)`,
    );
    const insPay = db.prepare(
      `INSERT INTO payments (id, tenant_id, version, updated_at, subscriber_id, invoice_id, received_at, amount_minor, currency, method, reference)
       VALUES (?, ?, 0, ?, ?, ?, ?, ?, 'USD', ?, ?)`,
    );
    const insAcct = db.prepare(
      `INSERT INTO accounting_sessions (id, tenant_id, version, updated_at, subscriber_id, nas_device_id, username, acct_session_id,
         framed_ip, started_at, stopped_at, input_octets, output_octets, input_packets, output_packets, terminate_cause, source)
       VALUES (?, ?, 0, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'demo')`,
    );
    const months = Array.from({ length: 12 }, (_, i) => monthStartUtc(new Date(asOf), i - 12));
    let invoiceNo = 0;
    let invoices = 0;
    let payments = 0;
    let sessions = 0;
    const subRows: (() => void)[] = [];
    for (let n = 1; n <= opts.subscribers; n++) {
      subRows.push(() => {
        const fibre = olts.length > 0 && (aps.length === 0 || this.rnd.chance(0.62));
        const planIndex = fibre ? this.rnd.pick([0, 0, 1, 1, 1, 2, 5]) : this.rnd.pick([3, 3, 4]);
        const plan = DEMO_PLANS[planIndex]!;
        const access = fibre ? this.rnd.pick(olts) : aps.length ? this.rnd.pick(aps) : undefined;
        const siteIndex = access?.siteIndex ?? n % DEMO_SITES.length;
        const activatedAt = epoch + this.rnd.int(0, 35 * 30) * DAY;
        const roll = this.rnd.next();
        const status = roll < 0.07 ? 'churned' : roll < 0.12 ? 'suspended' : 'active';
        const churnedAt = status === 'churned' ? Math.max(activatedAt + 30 * DAY, asOf - this.rnd.int(1, 300) * DAY) : null;
        const first = this.rnd.pick(FIRST_NAMES);
        const last = this.rnd.pick(LAST_NAMES);
        const accountNo = `A${String(n).padStart(7, '0')}`;
        const subId = this.id(activatedAt);
        insSub.run(
          subId,
          tenantId,
          asOf,
          accountNo,
          `${first} ${last}`,
          `${first}.${last}${n}@example.net`.toLowerCase(),
          `+1-555-${String(n % 10000).padStart(4, '0')}`,
          `${this.rnd.int(1, 999)} ${this.rnd.pick(STREETS)}`,
          siteIds[siteIndex],
          planIds[planIndex],
          status,
          `sub${String(n).padStart(7, '0')}`,
          fibre ? `DMAC${String(n).padStart(8, '0')}` : null,
          access?.id ?? null,
          activatedAt,
          churnedAt,
        );
        const payer = this.rnd.next(); // how reliably this subscriber pays
        for (const m of months) {
          const mEnd = monthStartUtc(new Date(m), 1);
          if (activatedAt >= mEnd || (churnedAt !== null && churnedAt < m)) continue;
          const issuedAt = m + DAY;
          const tax = Math.round(plan.priceMinor * 0.08);
          const total = plan.priceMinor + tax;
          const invId = this.id(issuedAt);
          invoiceNo++;
          const age = asOf - issuedAt;
          const pays = payer > 0.08 ? this.rnd.chance(age > 90 * DAY ? 0.99 : age > 30 * DAY ? 0.93 : 0.6) : this.rnd.chance(0.3);
          const partial = !pays && this.rnd.chance(0.15);
          const state = pays ? 'paid' : partial ? 'partially_paid' : 'open';
          insInv.run(invId, tenantId, asOf, subId, `INV-${String(invoiceNo).padStart(8, '0')}`, m, mEnd - 1, issuedAt, issuedAt + 14 * DAY, plan.priceMinor, tax, total, state);
          invoices++;
          if (pays || partial) {
            const at = Math.min(issuedAt + this.rnd.int(1, 25) * DAY, asOf - DAY);
            const amount = pays ? total : Math.round(total / 2);
            insPay.run(this.id(at), tenantId, asOf, subId, invId, at, amount, this.rnd.pick(['card', 'card', 'direct_debit', 'bank_transfer', 'cash']), `PAY-${invoiceNo}`);
            payments++;
          }
        }
        if (status === 'active' && bngs.length) {
          const count = this.rnd.int(1, 2);
          for (let s = 0; s < count; s++) {
            const start = asOf - this.rnd.int(1, 30) * DAY - this.rnd.int(0, 86_399) * 1000;
            const open = s === count - 1 && this.rnd.chance(0.5);
            const secs = this.rnd.int(600, 20 * 86_400);
            const stop = open ? null : Math.min(start + secs * 1000, asOf);
            // RADIUS counts from the NAS's side of the subscriber: Acct-Input-Octets is what the
            // subscriber sent (upload), Acct-Output-Octets what it received (download)
            const outOct = Math.floor(this.rnd.next() ** 2 * plan.down * 125 * secs * 0.02);
            const inOct = Math.floor(outOct * (0.05 + this.rnd.next() * 0.2));
            insAcct.run(
              this.id(start),
              tenantId,
              asOf,
              subId,
              this.rnd.pick(bngs).id,
              `sub${String(n).padStart(7, '0')}`,
              `${n.toString(16).padStart(8, '0')}${s}`,
              `100.${96 + ((n >> 16) & 31)}.${(n >> 8) & 255}.${n & 255}`,
              start,
              stop,
              inOct,
              outOct,
              Math.floor(inOct / 400),
              Math.floor(outOct / 1200),
              open ? null : this.rnd.pick(['User-Request', 'Idle-Timeout', 'Session-Timeout', 'Lost-Carrier', 'Admin-Reset']),
            );
            sessions++;
          }
        }
      });
    }
    await this.runChunked(subRows, (n) => report(n * 25, 'Subscribers and billing'), 2000);

    db.prepare(
      `INSERT INTO audit_log (id, tenant_id, version, updated_at, at, actor, action, entity, entity_id, details)
       VALUES (?, ?, 0, ?, ?, 'demo', 'demo.seed', 'tenants', ?, ?)`,
    ).run(this.id(asOf), tenantId, asOf, asOf, tenantId, JSON.stringify({ devices: devices.length, subscribers: opts.subscribers }));
    db.pragma('optimize');
    opts.onProgress?.(estimatedRows, estimatedRows, 'Done');
    return {
      tenantId,
      sites: DEMO_SITES.length,
      devices: devices.length,
      links: linkRows.length,
      interfaces: linkRows.length * 2,
      subscribers: opts.subscribers,
      invoices,
      payments,
      accountingSessions: sessions,
      elapsedMs: Date.now() - started,
    };
  }

  /** Run row writers in transactions of `size`, yielding between them. */
  private async runChunked(rows: (() => void)[], onChunk: (n: number) => void, size = CHUNK): Promise<void> {
    for (let i = 0; i < rows.length; i += size) {
      const chunk = rows.slice(i, i + size);
      this.sqlite.transaction(() => {
        for (const r of chunk) r();
      })();
      onChunk(chunk.length);
      await yieldNow();
    }
  }
}
