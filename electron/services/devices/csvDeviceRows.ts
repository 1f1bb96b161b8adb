// Maps CSV text onto device inputs. A header row names the columns (common aliases accepted);
// every bad row is reported with its line number and the good rows go on.
import { parse } from 'csv-parse/sync';
import { z } from 'zod';
import { deviceInputSchema } from '../../../shared/ipc/schemas';

const HEADER_ALIASES: Record<string, string> = {
  name: 'name',
  hostname: 'name',
  device: 'name',
  mgmt_address: 'mgmtAddress',
  mgmtaddress: 'mgmtAddress',
  management_address: 'mgmtAddress',
  address: 'mgmtAddress',
  ip: 'mgmtAddress',
  host: 'mgmtAddress',
  role: 'role',
  type: 'role',
  vendor: 'vendor',
  model: 'model',
  site: 'site',
  status: 'status',
  location: 'location',
  notes: 'notes',
};

export interface CsvDeviceRow {
  line: number;
  /** Site as typed (code, name or id); resolved by the importer. */
  site: string;
  input: z.output<typeof deviceInputSchema>;
}

export interface CsvRowError {
  line: number;
  message: string;
}

function normaliseHeader(h: string): string {
  return h.trim().toLowerCase().replace(/[\s-]+/g, '_');
}

function describe(err: z.ZodError): string {
  return err.issues.map((i) => (i.path.length ? `${i.path.join('.')}: ${i.message}` : i.message)).join('; ');
}

export function parseDeviceCsv(text: string): { rows: CsvDeviceRow[]; errors: CsvRowError[] } {
  const errors: CsvRowError[] = [];
  const rows: CsvDeviceRow[] = [];
  let records: { record: string[]; info: { lines: number } }[];
  try {
    records = parse(text, {
      bom: true,
      info: true,
      relax_column_count: true,
      skip_empty_lines: true,
      skip_records_with_error: true,
      on_skip: (err: { lines?: number; message: string } | undefined) => {
        if (err) errors.push({ line: err.lines ?? 0, message: `unreadable CSV row: ${err.message}` });
      },
    }) as unknown as { record: string[]; info: { lines: number } }[];
  } catch (err) {
    const e = err as { lines?: number; message?: string };
    return { rows, errors: [{ line: e.lines ?? 1, message: `CSV cannot be read: ${e.message ?? String(err)}` }] };
  }
  const header = records.shift();
  if (!header) return { rows, errors: [{ line: 1, message: 'the file is empty: a header row is required' }] };
  const columns = header.record.map((h) => HEADER_ALIASES[normaliseHeader(h)] ?? null);
  if (!columns.includes('name') || !columns.includes('mgmtAddress')) {
    return {
      rows,
      errors: [{ line: header.info.lines, message: 'the header must have a "name" and a "mgmt_address" (or "address"/"ip") column' }],
    };
  }
  for (const { record, info } of records) {
    const fields: Record<string, string> = {};
    columns.forEach((c, i) => {
      const v = record[i];
      if (c && v !== undefined && v.trim() !== '') fields[c] = v.trim();
    });
    const { site = '', ...rest } = fields;
    if (rest.role) rest.role = rest.role.toLowerCase().replace(/[\s/-]+/g, '_');
    if (rest.status) rest.status = rest.status.toLowerCase();
    const parsed = deviceInputSchema.safeParse(rest);
    if (!parsed.success) errors.push({ line: info.lines, message: describe(parsed.error) });
    else rows.push({ line: info.lines, site, input: parsed.data });
  }
  return { rows, errors };
}
