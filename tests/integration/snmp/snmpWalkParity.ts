// snmpbulkwalk's output in a form the integration tests compare with our varbinds. Flags: -On
// numeric OIDs, -Oe numeric enums, -Ot raw TimeTicks (printed without a type), -Ox every octet string
// as hex (long ones wrap over several lines, 16 bytes a line).
import type { SnmpVarbind } from '../../../electron/services/snmp/varbinds';
import { run } from '../../lab/index';

export interface Comparable {
  oid: string;
  type: string;
  value: string;
}

const TYPES: Record<string, string> = {
  INTEGER: 'Integer',
  'Hex-STRING': 'OctetString',
  STRING: 'OctetString',
  OID: 'OID',
  Counter32: 'Counter32',
  Gauge32: 'Gauge32',
  Counter64: 'Counter64',
  IpAddress: 'IpAddress',
};

export function parseBulkwalk(stdout: string): Comparable[] {
  const records: string[] = [];
  for (const line of stdout.split('\n')) {
    if (line.startsWith('.')) records.push(line);
    else if (line.trim() !== '' && records.length > 0) records[records.length - 1] += ` ${line.trim()}`;
  }
  return records.map((r) => {
    const m = /^\.(\S+) = (?:([A-Za-z0-9-]+): )?(.*)$/.exec(r);
    if (m === null) throw new Error(`cannot parse snmpbulkwalk line: ${r}`);
    const [, oid = '', typeName, raw = ''] = m;
    if (typeName === undefined) {
      // -Ot: TimeTicks print as a bare number; an empty string prints as ""
      if (raw === '""') return { oid, type: 'OctetString', value: '' };
      return { oid, type: 'TimeTicks', value: raw.trim() };
    }
    const type = TYPES[typeName];
    if (type === undefined) throw new Error(`unexpected type ${typeName} in: ${r}`);
    let value = raw.trim();
    if (type === 'OctetString') value = value === '""' ? '' : value.toLowerCase().split(/\s+/).filter(Boolean).join(' ');
    if (type === 'OID') value = value.replace(/^\./, '');
    return { oid, type, value };
  });
}

/** Ours in the same form: octet strings as hex of the exact bytes. */
export function comparable(v: SnmpVarbind): Comparable {
  if (v.type !== 'OctetString') return { oid: v.oid, type: v.type, value: v.value };
  const hex = v.encoding === 'hex' ? v.value : Buffer.from(v.value, 'utf8').toString('hex').replace(/(..)(?!$)/g, '$1 ');
  return { oid: v.oid, type: v.type, value: hex };
}

export async function snmpbulkwalk(host: string, port: number, community: string, subtree: string, maxRepetitions = 25): Promise<Comparable[]> {
  const r = await run('snmpbulkwalk', ['-v2c', '-c', community, `-Cr${maxRepetitions}`, '-On', '-Oe', '-Ot', '-Ox', '-t', '5', `${host}:${port}`, subtree]);
  if (r.code !== 0) throw new Error(`snmpbulkwalk failed (${r.code}): ${r.stderr}`);
  return parseBulkwalk(r.stdout);
}
