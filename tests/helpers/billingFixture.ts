// A small seeded demo for billing tests, with the tenant moved to a time zone of the test's
// choosing (a fixed-offset zone makes independent period arithmetic exact).
import { openTempConsole } from './tempWorkspace';

export type BillingConsole = ReturnType<typeof openTempConsole> & { tenantId: string };

export async function seededBillingConsole(timezone: string, subscribers = 3000): Promise<BillingConsole> {
  const c = openTempConsole();
  const s = await c.dispatcher.call('demo.seed', { devices: 200, subscribers }, { host: 'cli' });
  c.workspace.sqlite.prepare('UPDATE tenants SET timezone = ? WHERE id = ?').run(timezone, s.tenantId);
  return Object.assign(c, { tenantId: s.tenantId });
}

/** YYYY-MM-DD of the first day of the month `delta` months from now (UTC calendar). */
export function monthStart(delta: number): string {
  const d = new Date();
  return new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + delta, 1)).toISOString().slice(0, 10);
}

/** YYYY-MM-DD of the last day of the month `delta` months from now. */
export function monthEnd(delta: number): string {
  const d = new Date();
  return new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + delta + 1, 0)).toISOString().slice(0, 10);
}
