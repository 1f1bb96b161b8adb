// The "as table" view: a walk of one table's columns becomes rows by index and columns by name;
// anything else (scalars, two tables, unnamed OIDs) is not offered as a table.
import { describe, expect, it } from 'vitest';
import { tableShapeOf } from '../../../renderer/src/features/snmp/tableShape';
import { ifTableWalk, vb } from './varbinds';

describe('table shape of a walk', () => {
  it('lays ifTable out by ifIndex with one column per object, in MIB order', () => {
    const shape = tableShapeOf(ifTableWalk(4));
    expect(shape).not.toBeNull();
    expect(shape?.entryOid).toBe('1.3.6.1.2.1.2.2.1');
    expect(shape?.columns.map((c) => c.name)).toEqual(['ifIndex', 'ifDescr', 'ifOperStatus']);
    expect(shape?.rows.map((r) => r.index)).toEqual(['1', '2', '3', '4']);
    expect(shape?.rows[2]?.cells.map((c) => c?.display ?? c?.value)).toEqual(['3', 'eth2', 'up']);
  });

  it('keeps multi-arc indexes and leaves a gap where a row lacks a column', () => {
    const shape = tableShapeOf([
      vb('1.3.6.1.2.1.4.20.1.1.192.0.2.1', 'ipAdEntAddr.192.0.2.1', '192.0.2.1', { type: 'IpAddress', encoding: null }),
      vb('1.3.6.1.2.1.4.20.1.1.198.51.100.7', 'ipAdEntAddr.198.51.100.7', '198.51.100.7', { type: 'IpAddress', encoding: null }),
      vb('1.3.6.1.2.1.4.20.1.2.192.0.2.1', 'ipAdEntIfIndex.192.0.2.1', '2', { type: 'Integer', encoding: null }),
    ]);
    expect(shape?.rows.map((r) => r.index)).toEqual(['192.0.2.1', '198.51.100.7']);
    expect(shape?.rows[1]?.cells[1]).toBeNull();
  });

  it('refuses scalars, mixed tables and unnamed OIDs', () => {
    expect(tableShapeOf([vb('1.3.6.1.2.1.1.1.0', 'sysDescr.0', 'x'), vb('1.3.6.1.2.1.1.5.0', 'sysName.0', 'y')])).toBeNull();
    expect(tableShapeOf([...ifTableWalk(2), vb('1.3.6.1.2.1.31.1.1.1.1.1', 'ifName.1', 'lo')])).toBeNull();
    expect(tableShapeOf([vb('1.3.6.1.4.1.8072.1.1.1', null, 'x'), vb('1.3.6.1.4.1.8072.1.1.2', null, 'y')])).toBeNull();
    expect(tableShapeOf([])).toBeNull();
  });

  it('lays out a walk of 120,000 varbinds (40,000 interfaces × 3 columns) without losing a cell', () => {
    const shape = tableShapeOf(ifTableWalk(40_000));
    expect(shape?.rows).toHaveLength(40_000);
    expect(shape?.rows[39_999]?.index).toBe('40000');
    expect(shape?.rows.every((r) => r.cells.every((c) => c !== null))).toBe(true);
  });
});
