// Varbinds as main sends them, for the SNMP page's pure helpers.
import type { Varbind } from '../../../renderer/src/features/snmp/types';

export function vb(oid: string, name: string | null, value: string, extra: Partial<Varbind> = {}): Varbind {
  return { oid, name, type: 'OctetString', value, encoding: 'text', display: null, ...extra };
}

/** An ifTable walk of `rows` interfaces, column by column as an agent returns it. */
export function ifTableWalk(rows: number): Varbind[] {
  const columns: [number, string, Partial<Varbind>][] = [
    [1, 'ifIndex', { type: 'Integer', encoding: null }],
    [2, 'ifDescr', {}],
    [8, 'ifOperStatus', { type: 'Integer', encoding: null }],
  ];
  const out: Varbind[] = [];
  for (const [arc, name, extra] of columns) {
    for (let i = 1; i <= rows; i += 1) {
      const value = name === 'ifDescr' ? `eth${i - 1}` : name === 'ifOperStatus' ? '1' : String(i);
      out.push(vb(`1.3.6.1.2.1.2.2.1.${arc}.${i}`, `${name}.${i}`, value, { ...extra, ...(name === 'ifOperStatus' ? { display: 'up' } : {}) }));
    }
  }
  return out;
}
