// How a varbind reads on screen and in the CSV export: the MIB's named value or TimeTicks duration
// (`display`) when main supplied one, else the raw value; hex OctetStrings are marked as such.
import type { Varbind } from './types';

/** The value as the table shows it (and the CSV carries it). */
export function shownValue(v: Varbind): string {
  return v.display ?? v.value;
}

/** The raw value behind a display, for the tooltip (`up` → `1`); null when they are the same. */
export function rawBehind(v: Varbind): string | null {
  return v.display !== null && v.display !== v.value ? v.value : null;
}

/** The varbinds whose OID, name, type or shown value contain `filter` (case-insensitive). */
export function filterVarbinds(varbinds: readonly Varbind[], filter: string): readonly Varbind[] {
  const q = filter.trim().toLowerCase();
  if (q === '') return varbinds;
  return varbinds.filter((v) => v.oid.includes(q) || (v.name?.toLowerCase().includes(q) ?? false) || v.type.toLowerCase() === q || shownValue(v).toLowerCase().includes(q));
}

/** RFC 4180: a field is quoted when it holds a comma, a quote, CR or LF (or edge spaces a sheet would trim); quotes are doubled. */
export function csvField(s: string): string {
  return /[",\r\n]|^\s|\s$/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** The CSV of varbinds as shown: header `oid,name,type,value`, CRLF line ends (RFC 4180). */
export function varbindsCsv(varbinds: readonly Varbind[]): string {
  const lines = ['oid,name,type,value'];
  for (const v of varbinds) lines.push([v.oid, v.name ?? '', v.type, shownValue(v)].map(csvField).join(','));
  return `${lines.join('\r\n')}\r\n`;
}

/** A file name for an export: `snmp-<what>-<host>-<yyyymmdd-hhmmss>.csv`, safe on every file system. */
export function csvFileName(what: string, host: string, at: Date): string {
  const safe = (s: string) => s.replace(/[^A-Za-z0-9._-]+/g, '_').replace(/^_+|_+$/g, '').slice(0, 60) || 'x';
  const p = (n: number) => String(n).padStart(2, '0');
  const stamp = `${at.getFullYear()}${p(at.getMonth() + 1)}${p(at.getDate())}-${p(at.getHours())}${p(at.getMinutes())}${p(at.getSeconds())}`;
  return `snmp-${safe(what)}-${safe(host)}-${stamp}.csv`;
}

export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n.toLocaleString('en-US')} ${n === 1 ? one : many}`;
}

export function formatMs(ms: number): string {
  return ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(ms < 10_000 ? 2 : 1)} s`;
}
