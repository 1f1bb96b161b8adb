// Runs a report query once into a temporary table (ordered as asked), then serves pages, totals,
// chart series and exports from that one result: the screen and every export of the same query
// read the very same rows in the very same order.
import type Database from 'better-sqlite3';
import { REPORTS, type ReportDefinition, type ReportRow } from '../../../shared/domain/reports';
import { NocError } from '../../../shared/ipc/errors';
import type { z } from 'zod';
import type { reportQuerySchema } from '../../../shared/ipc/schemas';
import { REPORT_SQL } from './reportSql';
import { endOfLocalDay, LocalClock, monthsBetween, startOfLocalDay } from './tenantTime';

export type ReportQuery = z.output<typeof reportQuerySchema>;

export interface ReportTenant {
  id: string;
  name: string;
  currency: string;
  timezone: string;
}

export interface MaterializedReport {
  definition: ReportDefinition;
  query: ReportQuery;
  table: string;
  rowCount: number;
  totals: Record<string, number | null>;
  sort: { key: string; dir: 'asc' | 'desc' };
  filtersApplied: { label: string; value: string }[];
  tenant: ReportTenant;
  generatedAt: number;
}

const CACHE_SIZE = 3;

export class ReportEngine {
  private readonly cache = new Map<string, MaterializedReport>();
  /** Tables an export is still reading: never dropped from under it. */
  private readonly pinned = new Map<string, number>();
  private tableSeq = 0;

  private clockForSql: LocalClock = new LocalClock('UTC');

  constructor(
    private readonly sqlite: Database.Database,
    private readonly now: () => number = Date.now,
  ) {
    // the local calendar month of an instant, for grouping by month in the tenant's zone
    sqlite.function('local_month', { deterministic: true }, (ms: unknown) => (typeof ms === 'number' ? this.clockForSql.month(ms) : null));
  }

  /** The cache key includes the database's change counters, so any write invalidates it. */
  private key(tenant: ReportTenant, q: ReportQuery): string {
    const dataVersion = this.sqlite.pragma('data_version', { simple: true });
    const changes = (this.sqlite.prepare('SELECT total_changes() AS n').get() as { n: number }).n;
    return JSON.stringify([tenant.id, q, dataVersion, changes]);
  }

  materialize(tenant: ReportTenant, q: ReportQuery): MaterializedReport {
    const key = this.key(tenant, q);
    const hit = this.cache.get(key);
    if (hit) {
      this.cache.delete(key);
      this.cache.set(key, hit); // most recently used last
      return hit;
    }
    const definition = REPORTS[q.name];
    const sort = q.sort ?? definition.defaultSort;
    if (!definition.columns.some((c) => c.key === sort.key)) {
      throw new NocError('VALIDATION', `Report ${definition.title} cannot be sorted by "${sort.key}".`, [{ path: 'query.sort.key', message: 'unknown column' }]);
    }
    for (const f of ['siteId', 'planId', 'subscriberId', 'from', 'to'] as const) {
      if (q[f] !== undefined && !definition.filters.includes(f)) {
        throw new NocError('VALIDATION', `Report ${definition.title} has no ${f} filter.`, [{ path: `query.${f}`, message: 'not a filter of this report' }]);
      }
    }
    const tz = tenant.timezone;
    const fromMs = q.from ? startOfLocalDay(q.from, tz) : null;
    const toMs = q.to ? endOfLocalDay(q.to, tz) : null;
    const asOfMs = toMs ?? this.now();
    const months = definition.name === 'revenue-by-plan' ? this.monthsFor(tenant, fromMs, toMs) : [];
    const built = REPORT_SQL[q.name]({
      tenantId: tenant.id,
      fromMs,
      toMs,
      asOfMs,
      siteId: q.siteId ?? null,
      planId: q.planId ?? null,
      subscriberId: q.subscriberId ?? null,
      months,
    });
    const dir = sort.dir === 'asc' ? 'ASC' : 'DESC';
    const order = [`"${sort.key}" ${dir}`, ...built.tiebreak.filter((t) => t !== sort.key).map((t) => `"${t}" ${dir}`)].join(', ');
    const table = `report_${++this.tableSeq}`;
    if (this.clockForSql.tz !== tz) this.clockForSql = new LocalClock(tz);
    this.sqlite.prepare(`CREATE TEMP TABLE ${table} AS SELECT * FROM (${built.sql}) ORDER BY ${order}`).run(built.params);
    const rowCount = (this.sqlite.prepare(`SELECT count(*) AS n FROM temp.${table}`).get() as { n: number }).n;
    const sums = definition.columns.filter((c) => c.sum);
    const totals: Record<string, number | null> = {};
    if (sums.length) {
      const row = this.sqlite.prepare(`SELECT ${sums.map((c) => `sum("${c.key}") AS "${c.key}"`).join(', ')} FROM temp.${table}`).get() as Record<string, number | null>;
      for (const c of sums) totals[c.key] = row[c.key] ?? 0;
    }
    const m: MaterializedReport = {
      definition,
      query: q,
      table,
      rowCount,
      totals,
      sort,
      filtersApplied: this.describeFilters(tenant, q, definition),
      tenant,
      generatedAt: this.now(),
    };
    this.cache.set(key, m);
    this.evict();
    return m;
  }

  /** Drop the least recently used results beyond CACHE_SIZE, except those an export pins. */
  private evict(): void {
    for (const [oldKey, old] of [...this.cache.entries()]) {
      if (this.cache.size <= CACHE_SIZE) break;
      if (this.pinned.has(old.table)) continue;
      this.cache.delete(oldKey);
      this.sqlite.prepare(`DROP TABLE IF EXISTS temp.${old.table}`).run();
    }
  }

  /** Keep a result while a long export reads it in chunks (other requests run meanwhile). */
  pin(m: MaterializedReport): () => void {
    this.pinned.set(m.table, (this.pinned.get(m.table) ?? 0) + 1);
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const n = (this.pinned.get(m.table) ?? 1) - 1;
      if (n > 0) this.pinned.set(m.table, n);
      else this.pinned.delete(m.table);
      this.evict();
    };
  }

  private monthsFor(tenant: ReportTenant, fromMs: number | null, toMs: number | null) {
    let lo = fromMs;
    let hi = toMs;
    if (lo === null || hi === null) {
      const r = this.sqlite
        .prepare(
          `SELECT min(t) AS lo, max(t) AS hi FROM (
             SELECT issued_at AS t FROM invoices WHERE tenant_id = ? AND deleted_at IS NULL
             UNION ALL SELECT received_at FROM payments WHERE tenant_id = ? AND deleted_at IS NULL)`,
        )
        .get(tenant.id, tenant.id) as { lo: number | null; hi: number | null };
      lo ??= r.lo ?? this.now();
      hi ??= (r.hi ?? this.now()) + 1;
    }
    return monthsBetween(lo, hi, tenant.timezone);
  }

  private describeFilters(tenant: ReportTenant, q: ReportQuery, d: ReportDefinition): { label: string; value: string }[] {
    const out: { label: string; value: string }[] = [{ label: 'Report', value: d.title }, { label: 'Tenant', value: tenant.name }];
    out.push({ label: `${d.periodLabel} from`, value: q.from ?? 'the beginning' });
    out.push({ label: `${d.periodLabel} to`, value: q.to ?? 'now' });
    const name = (table: string, id: string | undefined, col = 'name') =>
      id ? ((this.sqlite.prepare(`SELECT ${col} AS v FROM ${table} WHERE id = ? AND tenant_id = ?`).get(id, tenant.id) as { v: string } | undefined)?.v ?? `unknown (${id})`) : null;
    const site = name('sites', q.siteId);
    const plan = name('service_plans', q.planId);
    const sub = name('subscribers', q.subscriberId, "account_no || ' ' || name");
    out.push({ label: 'Site', value: site ?? 'all sites' });
    out.push({ label: 'Plan', value: plan ?? 'all plans' });
    if (sub) out.push({ label: 'Subscriber', value: sub });
    out.push({ label: 'Time zone', value: tenant.timezone });
    out.push({ label: 'Currency', value: tenant.currency });
    return out;
  }

  page(m: MaterializedReport, offset: number, limit: number): ReportRow[] {
    return this.sqlite.prepare(`SELECT * FROM temp.${m.table} WHERE rowid > ? ORDER BY rowid LIMIT ?`).all(offset, limit) as ReportRow[];
  }

  /** Every row in screen order, streamed (exports never hold the whole report in memory). */
  iterate(m: MaterializedReport): IterableIterator<ReportRow> {
    return this.sqlite.prepare(`SELECT * FROM temp.${m.table} ORDER BY rowid`).iterate() as IterableIterator<ReportRow>;
  }

  clock(m: MaterializedReport): LocalClock {
    return new LocalClock(m.tenant.timezone);
  }
}
