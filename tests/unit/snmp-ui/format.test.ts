// The CSV export of the SNMP page: RFC 4180 quoting, the shown value (named values and
// durations), one line per varbind, and a file name that is safe everywhere.
import { describe, expect, it } from 'vitest';
import { csvField, csvFileName, filterVarbinds, shownValue, varbindsCsv } from '../../../renderer/src/features/snmp/format';
import { ifTableWalk, vb } from './varbinds';

/** A minimal RFC 4180 reader, to check that what we write reads back as the same fields. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i += 1) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i += 1;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\r' && text[i + 1] === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      i += 1;
    } else field += c;
  }
  return rows;
}

describe('SNMP CSV export', () => {
  it('quotes commas, quotes, line breaks and edge spaces, and leaves plain text alone', () => {
    expect(csvField('eth0')).toBe('eth0');
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('two\nlines')).toBe('"two\nlines"');
    expect(csvField(' padded')).toBe('" padded"');
  });

  it('writes oid,name,type,value with the shown value, and reads back field for field', () => {
    const rows = [
      vb('1.3.6.1.2.1.1.1.0', 'sysDescr.0', 'Linux lab 6.1, "x86_64"\r\nsecond line'),
      vb('1.3.6.1.2.1.1.3.0', 'sysUpTime.0', '12345', { type: 'TimeTicks', encoding: null, display: '0:02:03.45' }),
      vb('1.3.6.1.4.1.9.9.1', null, '00 1a 2b', { encoding: 'hex' }),
    ];
    const text = varbindsCsv(rows);
    expect(text.startsWith('oid,name,type,value\r\n')).toBe(true);
    expect(parseCsv(text)).toEqual([
      ['oid', 'name', 'type', 'value'],
      ['1.3.6.1.2.1.1.1.0', 'sysDescr.0', 'OctetString', 'Linux lab 6.1, "x86_64"\r\nsecond line'],
      ['1.3.6.1.2.1.1.3.0', 'sysUpTime.0', 'TimeTicks', '0:02:03.45'],
      ['1.3.6.1.4.1.9.9.1', '', 'OctetString', '00 1a 2b'],
    ]);
  });

  it('exports exactly the rows a filter leaves', () => {
    const walk = ifTableWalk(12);
    const shown = filterVarbinds(walk, 'ifDescr');
    expect(shown).toHaveLength(12);
    const lines = varbindsCsv(shown).trimEnd().split('\r\n');
    expect(lines).toHaveLength(13);
    expect(lines[1]).toBe('1.3.6.1.2.1.2.2.1.2.1,ifDescr.1,OctetString,eth0');
    // a named value is found by what the user sees
    expect(filterVarbinds(walk, 'UP').map(shownValue)).toEqual(new Array(12).fill('up'));
    expect(filterVarbinds(walk, '')).toBe(walk);
  });

  it('names the file after the OID, the host and the time, with nothing a file system refuses', () => {
    const name = csvFileName('IF-MIB::ifTable', 'fe80::1%eth0', new Date(2026, 0, 2, 3, 4, 5));
    expect(name).toBe('snmp-IF-MIB_ifTable-fe80_1_eth0-20260102-030405.csv');
  });
});
