// The demo ISP at its default size is what a new user sees first: check it is the realistic,
// connected network the issue promises, with a year of billing, and that it claims nothing live.
import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTempConsole } from '../../helpers/tempWorkspace';

describe('demo ISP (default size)', () => {
  const c = openTempConsole();
  const q = <T>(sql: string, ...args: unknown[]) => c.workspace.sqlite.prepare(sql).all(...args) as T[];
  const one = <T>(sql: string, ...args: unknown[]) => c.workspace.sqlite.prepare(sql).get(...args) as T;
  let tenantId = '';

  beforeAll(async () => {
    const summary = await c.dispatcher.call('demo.seed', {}, { host: 'cli' });
    tenantId = summary.tenantId;
  });
  afterAll(() => c.dispose());

  it('has at least 3 sites and 2,000 devices of mixed roles and vendors', () => {
    expect(one<{ n: number }>('SELECT count(*) AS n FROM sites WHERE tenant_id = ?', tenantId).n).toBeGreaterThanOrEqual(3);
    expect(one<{ n: number }>('SELECT count(*) AS n FROM devices WHERE tenant_id = ?', tenantId).n).toBe(2000);
    const roles = q<{ role: string }>('SELECT DISTINCT role FROM devices WHERE tenant_id = ?', tenantId).map((r) => r.role);
    expect(roles).toEqual(expect.arrayContaining(['core_router', 'edge_router', 'switch', 'olt', 'wireless_ap', 'bng']));
    expect(q('SELECT DISTINCT vendor FROM devices WHERE tenant_id = ?', tenantId).length).toBeGreaterThanOrEqual(6);
    const dupAddr = one<{ n: number }>('SELECT count(*) - count(DISTINCT mgmt_address) AS n FROM devices WHERE tenant_id = ?', tenantId);
    expect(dupAddr.n).toBe(0);
  });

  it('links every device into one topology, with interfaces named at both ends', () => {
    const links = q<{ a: string; b: string; ai: string; bi: string }>(
      'SELECT a_device_id AS a, b_device_id AS b, a_interface AS ai, b_interface AS bi FROM links WHERE tenant_id = ?',
      tenantId,
    );
    const adj = new Map<string, string[]>();
    for (const l of links) {
      expect(l.a).not.toBe(l.b);
      expect(l.ai && l.bi).toBeTruthy();
      adj.set(l.a, [...(adj.get(l.a) ?? []), l.b]);
      adj.set(l.b, [...(adj.get(l.b) ?? []), l.a]);
    }
    const ids = q<{ id: string }>('SELECT id FROM devices WHERE tenant_id = ?', tenantId).map((r) => r.id);
    const seen = new Set<string>([ids[0]!]);
    const todo = [ids[0]!];
    while (todo.length) {
      for (const n of adj.get(todo.pop()!) ?? []) {
        if (!seen.has(n)) {
          seen.add(n);
          todo.push(n);
        }
      }
    }
    expect(seen.size).toBe(ids.length);
    // access gear hangs off switches, cores form a ring between sites
    const apUplinks = q<{ role: string }>(
      `SELECT DISTINCT p.role FROM links l JOIN devices a ON a.id = l.a_device_id JOIN devices p ON p.id = l.b_device_id
       WHERE l.tenant_id = ? AND a.role = 'wireless_ap'`,
      tenantId,
    );
    expect(apUplinks.map((r) => r.role)).toEqual(['switch']);
  });

  it('has 50,000 subscribers with 12 months of invoices and payments in integer minor units', () => {
    expect(one<{ n: number }>('SELECT count(*) AS n FROM subscribers WHERE tenant_id = ?', tenantId).n).toBe(50_000);
    const months = q<{ m: string }>(
      "SELECT DISTINCT strftime('%Y-%m', period_start / 1000, 'unixepoch') AS m FROM invoices WHERE tenant_id = ? ORDER BY m",
      tenantId,
    );
    expect(months).toHaveLength(12);
    const bad = one<{ n: number }>(
      "SELECT count(*) AS n FROM invoices WHERE tenant_id = ? AND (total_minor != amount_minor + tax_minor OR typeof(total_minor) != 'integer')",
      tenantId,
    );
    expect(bad.n).toBe(0);
    const overpaid = one<{ n: number }>(
      `SELECT count(*) AS n FROM (SELECT i.id, i.total_minor, sum(p.amount_minor) AS paid FROM invoices i JOIN payments p ON p.invoice_id = i.id
        WHERE i.tenant_id = ? GROUP BY i.id HAVING paid > i.total_minor)`,
      tenantId,
    );
    expect(overpaid.n).toBe(0);
    const statuses = q<{ status: string }>('SELECT DISTINCT status FROM invoices WHERE tenant_id = ? ORDER BY status', tenantId).map((r) => r.status);
    expect(statuses).toEqual(['open', 'paid', 'partially_paid']); // so aging reports have something to age
    expect(one<{ n: number }>('SELECT count(*) AS n FROM accounting_sessions WHERE tenant_id = ?', tenantId).n).toBeGreaterThan(10_000);
  });

  it('claims nothing live, queues nothing for sync, and keeps its secrets sealed', () => {
    expect(q<{ status: string }>('SELECT DISTINCT status FROM devices WHERE tenant_id = ?', tenantId)).toEqual([{ status: 'unknown' }]);
    expect(one<{ n: number }>('SELECT count(*) AS n FROM alarms WHERE tenant_id = ?', tenantId).n).toBe(0);
    expect(one<{ n: number }>('SELECT count(*) AS n FROM outbox WHERE tenant_id = ?', tenantId).n).toBe(0);
    expect(one<{ name: string }>('SELECT name FROM tenants WHERE id = ?', tenantId).name).toMatch(/sample data/i);
    c.workspace.sqlite.pragma('wal_checkpoint(TRUNCATE)');
    expect(fs.readFileSync(c.workspace.cache.file).includes('demo-community')).toBe(false);
  });
});
