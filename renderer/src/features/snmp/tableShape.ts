// The "as table" view of a walk: when every varbind is a column instance of one conceptual table
// entry (ifDescr.3, ifInOctets.3 … under ifEntry), rows are the instance indexes and columns the
// column names, the way `snmptable` prints it.
import { splitName } from './oidTree';
import type { Varbind } from './types';

export interface TableColumn {
  name: string;
  oid: string;
}

export interface TableRow {
  /** The instance index as dotted arcs (3, or 1.4.192.0.2.1 for an indexed-by-address table). */
  index: string;
  /** One cell per column, in column order; null where the agent had no instance. */
  cells: (Varbind | null)[];
}

export interface TableShape {
  entryOid: string;
  columns: TableColumn[];
  rows: TableRow[];
}

/** The table shape of `varbinds`, or null when they are not the columns of one entry. */
export function tableShapeOf(varbinds: readonly Varbind[]): TableShape | null {
  if (varbinds.length === 0) return null;
  let entryOid: string | null = null;
  const columnAt = new Map<string, number>();
  const columns: (TableColumn & { arc: number })[] = [];
  const placed: { column: number; index: string; varbind: Varbind }[] = [];
  let scalarsOnly = true;
  for (const v of varbinds) {
    if (!v.name) return null;
    const { object, instanceArcs } = splitName(v.name);
    if (instanceArcs === 0) return null;
    const arcs = v.oid.replace(/^\./, '').split('.');
    if (arcs.length <= instanceArcs + 1) return null;
    const columnArcs = arcs.slice(0, arcs.length - instanceArcs);
    const entry = columnArcs.slice(0, -1).join('.');
    if (entryOid === null) entryOid = entry;
    else if (entry !== entryOid) return null;
    const columnOid = columnArcs.join('.');
    let column = columnAt.get(columnOid);
    if (column === undefined) {
      column = columns.length;
      columnAt.set(columnOid, column);
      columns.push({ name: object, oid: columnOid, arc: Number(columnArcs[columnArcs.length - 1]) });
    }
    const index = arcs.slice(arcs.length - instanceArcs).join('.');
    if (index !== '0') scalarsOnly = false;
    placed.push({ column, index, varbind: v });
  }
  if (entryOid === null || scalarsOnly) return null;

  // columns in MIB order (by their arc), rows in the order the agent walked the indexes
  const order = columns.map((c, i) => ({ c, i })).sort((a, b) => a.c.arc - b.c.arc);
  const position = new Array<number>(columns.length);
  order.forEach((o, pos) => (position[o.i] = pos));
  const rowAt = new Map<string, TableRow>();
  const rows: TableRow[] = [];
  for (const p of placed) {
    let row = rowAt.get(p.index);
    if (!row) {
      row = { index: p.index, cells: new Array<Varbind | null>(columns.length).fill(null) };
      rowAt.set(p.index, row);
      rows.push(row);
    }
    const pos = position[p.column] ?? p.column;
    row.cells[pos] ??= p.varbind;
  }
  return { entryOid, columns: order.map(({ c }) => ({ name: c.name, oid: c.oid })), rows };
}
