// The pull answer checked by hand instead of by zod: an initial sync reads a million rows, and
// zod's per-row object parsing cost ~6 s of it. Checks the same things pullResponseSchema does
// (tables, ids, versions, flat row data of JSON scalars) and names the first bad row.
import type { PullResponse, PulledRow } from './protocol';
import { isSyncTable } from './tables';

export class PullShapeError extends Error {}

function isInt(v: unknown): v is number {
  return typeof v === 'number' && Number.isSafeInteger(v);
}

function checkRow(r: unknown, i: number): PulledRow {
  if (typeof r !== 'object' || r === null) throw new PullShapeError(`row ${i} is not an object`);
  const { table, rowId, version, data, deletedAt } = r as Record<string, unknown>;
  if (typeof table !== 'string' || !isSyncTable(table)) throw new PullShapeError(`row ${i}: unknown table ${String(table)}`);
  if (typeof rowId !== 'string' || rowId.length === 0 || rowId.length > 100) throw new PullShapeError(`row ${i}: bad rowId`);
  if (!isInt(version)) throw new PullShapeError(`row ${i}: bad version`);
  if (deletedAt !== null && !isInt(deletedAt)) throw new PullShapeError(`row ${i}: bad deletedAt`);
  if (data !== null) {
    if (typeof data !== 'object' || Array.isArray(data)) throw new PullShapeError(`row ${i}: data is not an object`);
    for (const key in data) {
      const v = (data as Record<string, unknown>)[key];
      if (key.length > 64 || (v !== null && typeof v !== 'string' && typeof v !== 'number' && typeof v !== 'boolean')) {
        throw new PullShapeError(`row ${i}: field ${key.slice(0, 64)} is not a scalar`);
      }
    }
  }
  return r as PulledRow;
}

export function parsePullResponse(json: unknown): PullResponse {
  if (typeof json !== 'object' || json === null) throw new PullShapeError('not an object');
  const { rows, cursor, more } = json as Record<string, unknown>;
  if (!Array.isArray(rows)) throw new PullShapeError('rows is not an array');
  if (!isInt(cursor)) throw new PullShapeError('bad cursor');
  if (typeof more !== 'boolean') throw new PullShapeError('bad more');
  for (let i = 0; i < rows.length; i++) checkRow(rows[i], i);
  return json as PullResponse;
}
