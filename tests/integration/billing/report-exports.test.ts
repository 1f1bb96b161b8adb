// Exports are what finance opens: read the xlsx back with exceljs (header, types, number formats,
// formula totals, the filters sheet), let LibreOffice recompute and convert it, parse the CSV as
// RFC 4180, and check the PDF is a real multi-page document.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { parse } from 'csv-parse/sync';
import { PDFDocument } from 'pdf-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seededBillingConsole, type BillingConsole } from '../../helpers/billingFixture';
import { tempDir } from '../../helpers/tempWorkspace';

const ctx = { host: 'cli' } as const;

describe('report exports', () => {
  let c: BillingConsole;
  const out = tempDir('noc-exports-');
  const query = { name: 'ar-aging' as const, sort: { key: 'total', dir: 'desc' as const } };

  beforeAll(async () => {
    c = await seededBillingConsole('America/Chicago', 2000);
    // a name that needs quoting in CSV and escaping in HTML
    c.workspace.sqlite.prepare(`UPDATE subscribers SET name = 'O"Brien, Pat <b>' WHERE account_no = 'A0000007'`).run();
  });
  afterAll(() => {
    c.dispose();
    fs.rmSync(out, { recursive: true, force: true });
  });

  async function exportTo(format: 'xlsx' | 'csv' | 'pdf' | 'json', opts: { csvBom?: boolean } = {}) {
    const f = await c.reports.export(query, format, { out: path.join(out, `aging${opts.csvBom ? '-bom' : ''}.${format}`), ...opts });
    return f;
  }

  it('xlsx: bold frozen header, autofilter, typed cells, currency format, SUM formulas, filters sheet', async () => {
    const screen = await c.dispatcher.call('reports.run', { query, limit: 1000 }, ctx);
    const f = await exportTo('xlsx');
    expect(f.rows).toBe(screen.rowCount);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(f.file);
    const ws = wb.worksheets[0]!;
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(ws.getRow(1).getCell(1).font?.bold).toBe(true);
    expect(ws.autoFilter).toBeTruthy();
    const header = (ws.getRow(1).values as unknown[]).slice(1);
    expect(header).toEqual(screen.columns.map((col) => col.title));
    expect(ws.rowCount).toBe(screen.rowCount + 2); // header + rows + totals

    const moneyCols = screen.columns.map((col, i) => [col, i + 1] as const).filter(([col]) => col.type === 'money');
    const first = ws.getRow(2);
    expect(first.getCell(1).value).toBe(screen.rows[0]!.accountNo);
    for (const [col, i] of moneyCols) {
      expect(typeof first.getCell(i).value).toBe('number');
      expect(first.getCell(i).numFmt).toContain('$');
      expect(first.getCell(i).value).toBeCloseTo(Number(screen.rows[0]![col.key]) / 100, 6);
    }
    const totals = ws.getRow(screen.rowCount + 2);
    expect(totals.getCell(1).value).toBe('Total');
    for (const [col, i] of moneyCols) {
      const v = totals.getCell(i).value as { formula: string; result: number };
      const letter = String.fromCharCode(64 + i);
      expect(v.formula).toBe(`SUM(${letter}2:${letter}${screen.rowCount + 1})`);
      // exceljs reads a cached result of 0 back as undefined
      expect(v.result ?? 0).toBeCloseTo((screen.totals[col.key] ?? 0) / 100, 6);
    }
    const filters = wb.getWorksheet('Filters')!;
    const pairs = new Map<string, string>();
    filters.eachRow((r, n) => n > 1 && pairs.set(String(r.getCell(1).value), String(r.getCell(2).value)));
    expect(pairs.get('Report')).toBe('Accounts receivable aging');
    expect(pairs.get('Time zone')).toBe('America/Chicago');
    expect(pairs.get('Rows')).toBe(String(screen.rowCount));
    expect(pairs.get('Generated')).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}/);
  });

  it('xlsx opens in LibreOffice: its own recalculated totals match ours, and it converts to PDF', async () => {
    const screen = await c.dispatcher.call('reports.run', { query, limit: 1 }, ctx);
    const f = await exportTo('xlsx');
    const profile = tempDir('noc-lo-profile-');
    const lo = (args: string[]) =>
      execFileSync('soffice', [`-env:UserInstallation=file://${profile}`, '--headless', ...args, '--outdir', out, f.file], { timeout: 120_000, stdio: 'pipe' });
    lo(['--convert-to', 'pdf']);
    const pdf = fs.readFileSync(path.join(out, 'aging.pdf'));
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    lo(['--convert-to', 'csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false']);
    const rows = parse(fs.readFileSync(path.join(out, 'aging.csv'), 'utf8')) as string[][];
    const last = rows[rows.length - 1]!;
    expect(last[0]).toBe('Total');
    const totalCol = screen.columns.findIndex((col) => col.key === 'total');
    // LibreOffice computed SUM itself; "as shown" text of a currency cell, e.g. $12,345.67
    expect(Number(last[totalCol]!.replace(/[^0-9.-]/g, ''))).toBeCloseTo((screen.totals.total ?? 0) / 100, 2);
    fs.rmSync(profile, { recursive: true, force: true });
  });

  it('csv: RFC 4180 quoting and CRLF, optional BOM, exact decimal money, same rows as JSON', async () => {
    const csv = await exportTo('csv');
    const json = JSON.parse(fs.readFileSync((await exportTo('json')).file, 'utf8')) as { rows: Record<string, number | string>[]; totals: Record<string, number> };
    const text = fs.readFileSync(csv.file, 'utf8');
    expect(text.charCodeAt(0)).not.toBe(0xfeff);
    expect(text.split('\r\n').length).toBeGreaterThan(3);
    expect(text.replace(/\r\n/g, '')).not.toMatch(/\n/);
    expect(text).toContain('"O""Brien, Pat <b>"');
    const rows = parse(text) as string[][];
    expect(rows.length).toBe(json.rows.length + 2);
    json.rows.slice(0, 50).forEach((r, i) => {
      expect(rows[i + 1]![0]).toBe(r.accountNo);
      const cents = Number(r.total);
      expect(rows[i + 1]![10]).toBe(`${Math.trunc(cents / 100)}.${String(cents % 100).padStart(2, '0')}`);
    });
    const bom = fs.readFileSync((await exportTo('csv', { csvBom: true })).file);
    expect([...bom.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  });

  it('pdf: a real multi-page document with every row', async () => {
    const f = await exportTo('pdf');
    const bytes = fs.readFileSync(f.file);
    expect(bytes.subarray(0, 5).toString()).toBe('%PDF-');
    const doc = await PDFDocument.load(bytes);
    expect(doc.getPageCount()).toBeGreaterThan(Math.floor(f.rows / 60)); // ~40–50 rows fit a landscape page
  });

  it('never leaves a half-written file behind when an export fails', async () => {
    const bad = path.join(out, 'no-such-dir-as-file');
    fs.writeFileSync(bad, 'x');
    await expect(c.reports.export(query, 'csv', { out: path.join(bad, 'x.csv') })).rejects.toThrow();
    expect(fs.readdirSync(out).filter((n) => n.endsWith('.partial'))).toEqual([]);
  });
});
