// RADIUS dictionaries in FreeRADIUS format: the RFC attributes shipped with the `radius` package,
// our vendor files (dictionaries/), and any files a user drops into the workspace. We parse them
// ourselves because the engine needs what the package's loader does not keep: each attribute's
// type and flags, vendors by number, and a reverse index for decoding.
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const ATTRIBUTE_TYPES = [
  'string',
  'octets',
  'ipaddr',
  'ipv6addr',
  'ipv6prefix',
  'integer',
  'integer64',
  'date',
  'time',
  'byte',
  'short',
  'signed',
  'ether',
  'ifid',
] as const;
export type AttributeType = (typeof ATTRIBUTE_TYPES)[number];

export interface AttributeDef {
  readonly name: string;
  readonly code: number;
  /** null for the standard space; vendor id for VSAs. */
  readonly vendorId: number | null;
  readonly vendorName: string | null;
  readonly type: AttributeType;
  readonly hasTag: boolean;
  /** 1 = User-Password hiding (RFC 2865 §5.2), 2 = Tunnel-Password salt (RFC 2868). */
  readonly encrypt: 0 | 1 | 2;
  /** Enumerated values: name → number and number → name. */
  readonly values: Map<string, number>;
  readonly valueNames: Map<number, string>;
}

export interface DictionaryWarning {
  file: string;
  line: number;
  message: string;
}

function key(vendorId: number | null, code: number): string {
  return `${vendorId ?? 0}:${code}`;
}

const TYPE_ALIASES: Record<string, AttributeType> = { text: 'string', uint32: 'integer', uint64: 'integer64', uint8: 'byte', uint16: 'short' };

export class RadiusDictionary {
  private readonly byNameLower = new Map<string, AttributeDef>();
  private readonly byCode = new Map<string, AttributeDef>();
  private readonly vendorsByName = new Map<string, number>();
  private readonly vendorsById = new Map<number, string>();
  readonly warnings: DictionaryWarning[] = [];
  /** VALUE lines read before their ATTRIBUTE (as FreeRADIUS allows), by lower-case attribute name. */
  private readonly pendingValues = new Map<string, { valueName: string; n: number; warning: DictionaryWarning }[]>();

  attribute(name: string): AttributeDef | undefined {
    return this.byNameLower.get(name.toLowerCase());
  }

  /** Must exist: used for the attributes the engine itself sends. */
  require(name: string): AttributeDef {
    const def = this.attribute(name);
    if (!def) throw new Error(`RADIUS dictionary has no ${name}`);
    return def;
  }

  byNumber(vendorId: number | null, code: number): AttributeDef | undefined {
    return this.byCode.get(key(vendorId, code));
  }

  vendorName(id: number): string | undefined {
    return this.vendorsById.get(id);
  }

  vendorId(name: string): number | undefined {
    return this.vendorsByName.get(name.toLowerCase());
  }

  vendors(): string[] {
    return [...this.vendorsById.values()].sort();
  }

  /** Every attribute once, standard first then by vendor, for autocomplete. */
  all(): AttributeDef[] {
    return [...new Set(this.byCode.values())].sort(
      (a, b) => (a.vendorId ?? -1) - (b.vendorId ?? -1) || a.code - b.code,
    );
  }

  loadFile(file: string): void {
    this.parse(fs.readFileSync(file, 'utf8'), file, new Set([path.resolve(file)]));
  }

  /** Parses one dictionary text; `$INCLUDE` is followed relative to its file, once per file. */
  parse(text: string, file = '<text>', seen = new Set<string>()): void {
    let vendor: { id: number; name: string } | null = null;
    const lines = text.split(/\r?\n/);
    for (let i = 0; i < lines.length; i++) {
      const line = (lines[i] ?? '').replace(/#.*/, '').trim();
      if (line === '') continue;
      const tok = line.split(/\s+/);
      const warn = (message: string): DictionaryWarning => {
        const w = { file, line: i + 1, message };
        this.warnings.push(w);
        return w;
      };
      switch (tok[0]) {
        case 'VENDOR': {
          const id = Number(tok[2]);
          if (!tok[1] || !Number.isInteger(id) || id < 0 || id > 0xffffff) {
            warn(`bad VENDOR line: ${line}`);
            break;
          }
          if (tok[3] && !/^format=1,1(,c)?$/.test(tok[3])) {
            warn(`vendor ${tok[1]} uses ${tok[3]}: only 1-octet type/length VSAs are supported`);
          }
          this.vendorsByName.set(tok[1].toLowerCase(), id);
          this.vendorsById.set(id, tok[1]);
          break;
        }
        case 'BEGIN-VENDOR': {
          const id = tok[1] ? this.vendorsByName.get(tok[1].toLowerCase()) : undefined;
          if (id === undefined || !tok[1]) warn(`BEGIN-VENDOR for an unknown vendor: ${line}`);
          else vendor = { id, name: this.vendorsById.get(id) ?? tok[1] };
          break;
        }
        case 'END-VENDOR':
          vendor = null;
          break;
        case 'ATTRIBUTE':
          this.addAttribute(tok, vendor, warn);
          break;
        case 'VALUE':
          this.addValue(tok, vendor, warn);
          break;
        case '$INCLUDE': {
          const target = path.resolve(path.dirname(file), tok[1] ?? '');
          if (seen.has(target)) break;
          seen.add(target);
          try {
            this.parse(fs.readFileSync(target, 'utf8'), target, seen);
          } catch (err) {
            warn(`cannot include ${tok[1]}: ${err instanceof Error ? err.message : String(err)}`);
          }
          break;
        }
        default:
          // BEGIN-TLV, PROTOCOL, STRUCT and friends: not needed by a test client.
          warn(`ignored: ${tok[0]}`);
      }
    }
  }

  private addAttribute(tok: string[], vendor: { id: number; name: string } | null, warn: (m: string) => DictionaryWarning): void {
    const [, name, codeText, typeText, flagText] = tok;
    const code = Number(codeText);
    const rawType = (typeText ?? '').toLowerCase();
    const type = (ATTRIBUTE_TYPES as readonly string[]).includes(rawType) ? (rawType as AttributeType) : TYPE_ALIASES[rawType];
    if (!name || !Number.isInteger(code) || code < 1 || code > 255) {
      warn(`bad ATTRIBUTE line: ${tok.join(' ')}`);
      return;
    }
    // Old dictionaries name the vendor in the flags column (`ATTRIBUTE Name 1 string Cisco`).
    const legacyVendorId = flagText && !flagText.includes('=') && !flagText.includes(',') && flagText !== 'has_tag' ? this.vendorsByName.get(flagText.toLowerCase()) : undefined;
    if (legacyVendorId !== undefined && vendor === null) vendor = { id: legacyVendorId, name: this.vendorsById.get(legacyVendorId) ?? flagText ?? '' };
    // Unknown types (tlv, abinary, vsa, …) are kept as octets so the name still decodes.
    const flags = new Set((flagText ?? '').split(','));
    let encrypt: 0 | 1 | 2 = 0;
    if (flags.has('encrypt=1')) encrypt = 1;
    else if (flags.has('encrypt=2')) encrypt = 2;
    const vendorId = vendor?.id ?? null;
    const existing = this.byCode.get(key(vendorId, code));
    const def: AttributeDef = {
      name,
      code,
      vendorId,
      vendorName: vendor?.name ?? null,
      type: type ?? 'octets',
      hasTag: flags.has('has_tag'),
      encrypt,
      // VALUE lines may precede their ATTRIBUTE in some vendor files: keep what was collected.
      values: existing?.name === name ? existing.values : new Map(),
      valueNames: existing?.name === name ? existing.valueNames : new Map(),
    };
    this.byCode.set(key(vendorId, code), def);
    this.byNameLower.set(name.toLowerCase(), def);
    // VALUEs that came first: apply them and withdraw the warning they raised meanwhile
    for (const v of this.pendingValues.get(name.toLowerCase()) ?? []) {
      setValue(def, v.valueName, v.n);
      this.warnings.splice(this.warnings.indexOf(v.warning), 1);
    }
    this.pendingValues.delete(name.toLowerCase());
  }

  private addValue(tok: string[], vendor: { id: number; name: string } | null, warn: (m: string) => DictionaryWarning): void {
    const [, attrName, valueName, numberText] = tok;
    const def = attrName ? this.byNameLower.get(attrName.toLowerCase()) : undefined;
    const n = Number(numberText);
    if (!attrName || !valueName || !Number.isFinite(n)) {
      warn(`VALUE with a missing name or a bad number: ${tok.join(' ')}`);
      return;
    }
    void vendor;
    if (!def) {
      // kept until its ATTRIBUTE appears; the warning stands if it never does
      const warning = warn(`VALUE for an attribute no ATTRIBUTE line defines (yet): ${tok.join(' ')}`);
      const list = this.pendingValues.get(attrName.toLowerCase()) ?? [];
      list.push({ valueName, n, warning });
      this.pendingValues.set(attrName.toLowerCase(), list);
      return;
    }
    setValue(def, valueName, n);
  }
}

function setValue(def: AttributeDef, valueName: string, n: number): void {
  def.values.set(valueName.toLowerCase(), n);
  if (!def.valueNames.has(n)) def.valueNames.set(n, valueName);
}

/** The `radius` package's RFC dictionaries (dictionary.rfc2865 …). */
export function packageDictionaryDir(): string {
  const require = createRequire(import.meta.url);
  return path.join(path.dirname(require.resolve('radius/package.json')), 'dictionaries');
}

/** Our vendor dictionaries, shipped next to this module (extraResources in the packaged app). */
export function vendorDictionaryDir(): string {
  return path.join(path.dirname(fileURLToPath(import.meta.url)), 'dictionaries');
}

function dictionaryFiles(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir)
    .filter((f) => f.startsWith('dictionary.'))
    .sort()
    .map((f) => path.join(dir, f));
}

/** Standard + vendor + the workspace's own files, in that order (later files may add vendors). */
export function loadDictionary(extraDirs: readonly string[] = [], vendorDir = vendorDictionaryDir()): RadiusDictionary {
  const dict = new RadiusDictionary();
  for (const dir of [packageDictionaryDir(), vendorDir, ...extraDirs]) {
    for (const file of dictionaryFiles(dir)) dict.loadFile(file);
  }
  return dict;
}

let shared: RadiusDictionary | undefined;
/** One parsed copy for the process: the files do not change while it runs. */
export function defaultDictionary(): RadiusDictionary {
  shared ??= loadDictionary();
  return shared;
}
