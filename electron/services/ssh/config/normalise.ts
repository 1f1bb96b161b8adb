// What a fetched configuration is compared and stored as. Two fetches of an unchanged device must
// give the same text, or every backup would be flagged "changed": line endings become LF,
// trailing whitespace goes, and lines a device rewrites by itself (timestamps, clock drift) are
// dropped. The per-vendor list below is deliberately small and anchored at line start, so a real
// configuration line is never dropped by accident:
//
//   cisco, arista, zte   "! Last configuration change at …", "! NVRAM config last updated at …",
//                        "ntp clock-period …" (NTP rewrites it), "Building configuration...",
//                        "Current configuration : N bytes" (changes with any edit, adds no info)
//   juniper              "## Last commit: …", "## Last changed: …"
//   mikrotik             the "# <date> by RouterOS …" header of /export (both date styles)
//   huawei               "!Last configuration was updated/saved at …", "!Time: …"
//   nokia                "# Generated …" and "# Finished …" (timestamps of admin display-config)
import { createHash } from 'node:crypto';
import { redactSecrets } from './redactSecrets';

const VOLATILE: Readonly<Record<string, readonly RegExp[]>> = {
  cisco: [/^! Last configuration change at /, /^! NVRAM config last updated at /, /^ntp clock-period /, /^Building configuration\.\.\./, /^Current configuration : \d+ bytes/],
  juniper: [/^## Last (commit|changed): /],
  mikrotik: [/^# \S+ \S+ by RouterOS /],
  huawei: [/^!Last configuration was (updated|saved) at /, /^!Time: /],
  nokia: [/^# Generated /, /^# Finished /],
};
const ALIASES: Readonly<Record<string, string>> = { arista: 'cisco', zte: 'cisco' };

/** The volatile-line patterns for a vendor (first word, case-insensitive); none for unknown vendors. */
export function volatilePatterns(vendor: string): readonly RegExp[] {
  const key = vendor.trim().split(/\s+/)[0]?.toLowerCase() ?? '';
  return VOLATILE[ALIASES[key] ?? key] ?? [];
}

export interface NormalisedConfig {
  content: string;
  sha256: string;
  bytes: number;
  lines: number;
}

/** Normalised text (LF endings, no trailing blanks or volatile lines, secrets redacted, one final newline) and its digest. */
export function normaliseConfig(raw: string, vendor: string): NormalisedConfig {
  const drop = volatilePatterns(vendor);
  const kept = raw
    .replace(/\r\n?/g, '\n')
    .split('\n')
    .map((line) => line.replace(/\s+$/, ''))
    .filter((line) => !drop.some((re) => re.test(line)))
    .map(redactSecrets);
  while (kept.length > 0 && kept[kept.length - 1] === '') kept.pop();
  const content = kept.length === 0 ? '' : `${kept.join('\n')}\n`;
  return {
    content,
    sha256: sha256Hex(content),
    bytes: Buffer.byteLength(content, 'utf8'),
    lines: kept.length,
  };
}

export function sha256Hex(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}
