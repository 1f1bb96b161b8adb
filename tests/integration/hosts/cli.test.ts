import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { tempDir } from '../../helpers/tempWorkspace';
import { runNoc, type NocOutcome } from '../../helpers/nocCli';


function noc(args: string[]): Promise<NocOutcome> {
  return runNoc([...args]);
}

describe('noc CLI', () => {
  const ws = tempDir('noc-cli-');
  afterAll(() => fs.rmSync(ws, { recursive: true, force: true }));

  it('seeds a small deterministic demo and lists it as JSON', async () => {
    const seed = await noc(['demo', 'seed', '--workspace', ws, '--devices', '120', '--subscribers', '300', '--json']);
    expect(seed.code).toBe(0);
    const summary = JSON.parse(seed.stdout) as { devices: number; subscribers: number; invoices: number; links: number };
    expect(summary).toMatchObject({ devices: 120, subscribers: 300 });
    expect(summary.invoices).toBeGreaterThan(300);
    expect(summary.links).toBeGreaterThanOrEqual(119); // every device hangs off the topology

    const olts = await noc(['devices', 'list', '--workspace', ws, '--search', 'olt', '--limit', '5', '--json']);
    expect(olts.code).toBe(0);
    const rows = JSON.parse(olts.stdout) as { name: string; role: string }[];
    expect(rows).toHaveLength(5);
    for (const r of rows) expect(r.role).toBe('olt');

    const again = await noc(['demo', 'seed', '--workspace', ws, '--devices', '120', '--subscribers', '300', '--json']);
    const all1 = JSON.parse((await noc(['devices', 'list', '--workspace', ws, '--limit', '1000', '--json'])).stdout) as { id: string; name: string }[];
    expect(JSON.parse(again.stdout)).toMatchObject({ devices: 120 });
    expect(all1).toHaveLength(120);
    const ws2 = tempDir('noc-cli2-');
    try {
      await noc(['demo', 'seed', '--workspace', ws2, '--devices', '120', '--subscribers', '300', '--json']);
      const all2 = JSON.parse((await noc(['devices', 'list', '--workspace', ws2, '--limit', '1000', '--json'])).stdout) as { id: string; name: string }[];
      expect(all2.map((d) => [d.id, d.name])).toEqual(all1.map((d) => [d.id, d.name]));
    } finally {
      fs.rmSync(ws2, { recursive: true, force: true });
    }
  });

  it('adds a device, and refuses a bad one with a clear error and exit code 2', async () => {
    const ok = await noc(['devices', 'add', '--workspace', ws, '--name', 'lab-r1', '--address', '198.18.0.1', '--role', 'core_router', '--site', 'NTH', '--json']);
    expect(ok.code).toBe(0);
    expect(JSON.parse(ok.stdout)).toMatchObject({ name: 'lab-r1', siteName: 'North POP', role: 'core_router' });
    const bad = await noc(['devices', 'add', '--workspace', ws, '--name', 'lab-r2', '--address', '300.1.1.1']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/VALIDATION.*mgmtAddress/s);
    const listed = JSON.parse((await noc(['devices', 'list', '--workspace', ws, '--search', 'lab-r', '--json'])).stdout) as { name: string }[];
    expect(listed.map((d) => d.name)).toEqual(['lab-r1']);
  });

  it('imports a CSV file, keeping good rows and naming bad lines', async () => {
    const file = path.join(ws, 'import.csv');
    fs.writeFileSync(file, 'name,address,role,site\nimp-1,192.0.2.11,switch,CEN\nimp-2,,switch,CEN\nimp-3,192.0.2.13,switch,XXX\nimp-4,192.0.2.14,olt,\n');
    const r = await noc(['devices', 'import', file, '--workspace', ws, '--json']);
    expect(r.code).toBe(3);
    const out = JSON.parse(r.stdout) as { imported: number; errors: { line: number }[] };
    expect(out.imported).toBe(2);
    expect(out.errors.map((e) => e.line)).toEqual([3, 4]);
    const missing = await noc(['devices', 'import', path.join(ws, 'nope.csv'), '--workspace', ws]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/Cannot read/);
  });
});
