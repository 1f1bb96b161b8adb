// FreeRADIUS-format dictionaries: what the parser keeps from each kind of line, how it survives
// lines it does not support, and that the shipped standard + vendor dictionaries know the
// attributes an ISP technician types by name, under the numbers the vendors publish.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadDictionary, RadiusDictionary, vendorDictionaryDir } from '../../../electron/services/radius/dictionary';
import { tempDir } from '../../helpers/tempWorkspace';

function parsed(text: string): RadiusDictionary {
  const d = new RadiusDictionary();
  d.parse(text, 'test-dictionary');
  return d;
}

const dirs: string[] = [];
function filesIn(files: Record<string, string>): string {
  const dir = tempDir('noc-radius-dict-');
  dirs.push(dir);
  for (const [name, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    fs.writeFileSync(path.join(dir, name), text);
  }
  return dir;
}
afterAll(() => {
  for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
});

describe('dictionary parser', () => {
  it('puts attributes between BEGIN-VENDOR and END-VENDOR under that vendor, and the rest in the standard space', () => {
    const d = parsed(`
# a vendor of our own
VENDOR          Acme            99999
BEGIN-VENDOR    Acme
ATTRIBUTE       Acme-Speed      1       integer
ATTRIBUTE       Acme-Gateway    2       ipaddr
END-VENDOR      Acme
ATTRIBUTE       Plain-Thing     240     string   # trailing comment
`);
    expect(d.warnings).toEqual([]);
    expect(d.vendorId('acme')).toBe(99999);
    expect(d.vendorName(99999)).toBe('Acme');
    expect(d.attribute('Acme-Speed')).toMatchObject({ code: 1, vendorId: 99999, vendorName: 'Acme', type: 'integer' });
    expect(d.attribute('acme-gateway')?.type).toBe('ipaddr'); // names are case-insensitive
    expect(d.byNumber(99999, 2)?.name).toBe('Acme-Gateway');
    expect(d.byNumber(null, 1)).toBeUndefined(); // vendor code 1 is not standard attribute 1
    expect(d.attribute('Plain-Thing')).toMatchObject({ code: 240, vendorId: null, vendorName: null, type: 'string' });
  });

  it('keeps the has_tag and encrypt flags', () => {
    const d = parsed(`
ATTRIBUTE   T-Tagged        201  integer  has_tag
ATTRIBUTE   T-Hidden        202  string   encrypt=1
ATTRIBUTE   T-Salted        203  string   has_tag,encrypt=2
ATTRIBUTE   T-Plain         204  string
`);
    expect(d.attribute('T-Tagged')).toMatchObject({ hasTag: true, encrypt: 0 });
    expect(d.attribute('T-Hidden')).toMatchObject({ hasTag: false, encrypt: 1 });
    expect(d.attribute('T-Salted')).toMatchObject({ hasTag: true, encrypt: 2 });
    expect(d.attribute('T-Plain')).toMatchObject({ hasTag: false, encrypt: 0 });
  });

  it('maps VALUE names both ways, whether the VALUE comes after or before its ATTRIBUTE', () => {
    const d = parsed(`
VALUE       T-Mode          Slow    1
VALUE       T-Mode          Fast    2
ATTRIBUTE   T-Mode          205     integer
ATTRIBUTE   T-Level         206     integer
VALUE       T-Level         Low     10
VALUE       T-Level         High    20
`);
    expect(d.warnings).toEqual([]);
    const mode = d.require('T-Mode');
    expect(mode.values.get('fast')).toBe(2);
    expect(mode.valueNames.get(1)).toBe('Slow');
    const level = d.require('T-Level');
    expect(level.values.get('high')).toBe(20);
    expect(level.valueNames.get(10)).toBe('Low');
  });

  it('warns, with the line, about a VALUE whose ATTRIBUTE never comes', () => {
    const d = parsed('ATTRIBUTE T-A 207 integer\nVALUE T-Nowhere Name 1\n');
    expect(d.warnings).toHaveLength(1);
    expect(d.warnings[0]).toMatchObject({ file: 'test-dictionary', line: 2 });
    expect(d.warnings[0]?.message).toContain('T-Nowhere');
  });

  it('turns unsupported keywords and bad lines into warnings and keeps parsing', () => {
    const d = parsed(`
PROTOCOL        RADIUS          1
BEGIN-TLV       Something
FLAGS           internal
ATTRIBUTE       Too-Big         300     integer
ATTRIBUTE       Nameless
VENDOR          Broken          not-a-number
VENDOR          Wide            12345   format=2,1
BEGIN-VENDOR    Nobody
VALUE           T-Fine          Name    x
ATTRIBUTE       T-Fine          208     integer
ATTRIBUTE       T-Blob          209     tlv
`);
    expect(d.warnings.map((w) => w.line)).toEqual([2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(d.warnings.every((w) => w.message.length > 0)).toBe(true);
    expect(d.attribute('Too-Big')).toBeUndefined();
    expect(d.attribute('T-Fine')?.code).toBe(208);
    // a type the engine cannot interpret is kept as octets, so the name still decodes
    expect(d.attribute('T-Blob')?.type).toBe('octets');
  });

  it('follows $INCLUDE relative to the including file, each file once, through cycles', () => {
    const dir = filesIn({
      'dictionary': '$INCLUDE sub/dictionary.a\n$INCLUDE sub/dictionary.a\nATTRIBUTE Top 210 string\n',
      'sub/dictionary.a': '$INCLUDE dictionary.b\n$INCLUDE ../dictionary\nUNKNOWN-KEYWORD here\nATTRIBUTE From-A 211 integer\n',
      'sub/dictionary.b': '$INCLUDE dictionary.a\nVENDOR Bee 4242\nBEGIN-VENDOR Bee\nATTRIBUTE Bee-One 1 string\nEND-VENDOR Bee\n',
    });
    const d = new RadiusDictionary();
    d.loadFile(path.join(dir, 'dictionary'));
    expect(d.attribute('Top')?.code).toBe(210);
    expect(d.attribute('From-A')?.code).toBe(211);
    expect(d.attribute('Bee-One')).toMatchObject({ vendorId: 4242, code: 1 });
    // dictionary.a is included twice and reached again through b: its one bad line warns once
    expect(d.warnings).toHaveLength(1);
    expect(d.warnings[0]).toMatchObject({ file: path.join(dir, 'sub', 'dictionary.a'), line: 3 });
  });

  it('warns about an $INCLUDE that does not exist instead of failing', () => {
    const dir = filesIn({ 'dictionary': '$INCLUDE dictionary.missing\nATTRIBUTE After 212 string\n' });
    const d = new RadiusDictionary();
    d.loadFile(path.join(dir, 'dictionary'));
    expect(d.warnings).toHaveLength(1);
    expect(d.warnings[0]?.message).toContain('dictionary.missing');
    expect(d.attribute('After')?.code).toBe(212);
  });
});

describe('shipped dictionaries', () => {
  const dict = loadDictionary();

  it('load with no warnings at all, together and every vendor file on its own', () => {
    expect(dict.warnings).toEqual([]);
    const files = fs.readdirSync(vendorDictionaryDir()).filter((f) => f.startsWith('dictionary.'));
    expect(files.length).toBeGreaterThan(0);
    for (const f of files) {
      const d = new RadiusDictionary();
      d.loadFile(path.join(vendorDictionaryDir(), f));
      expect(d.warnings, f).toEqual([]);
      // every shipped vendor file declares a vendor, and the full dictionary knows it
      const declared = /^VENDOR\s+(\S+)\s+(\d+)/m.exec(fs.readFileSync(path.join(vendorDictionaryDir(), f), 'utf8'));
      expect(declared, f).not.toBeNull();
      expect(dict.vendorId(declared?.[1] ?? ''), f).toBe(Number(declared?.[2]));
    }
  });

  it('knows the ISP vendors the issue names', () => {
    expect(dict.vendors()).toEqual(expect.arrayContaining(['Mikrotik', 'Cisco', 'Juniper', 'WISPr', 'Huawei', 'Microsoft']));
  });

  // Numbers as RFC 2865/2869 and the vendors publish them (and FreeRADIUS ships them).
  const FACTS: [name: string, vendorId: number | null, code: number, type: string][] = [
    ['User-Name', null, 1, 'string'],
    ['User-Password', null, 2, 'string'],
    ['Acct-Input-Gigawords', null, 52, 'integer'],
    ['Event-Timestamp', null, 55, 'date'],
    ['Tunnel-Type', null, 64, 'integer'],
    ['Message-Authenticator', null, 80, 'octets'],
    ['Framed-IPv6-Prefix', null, 97, 'ipv6prefix'],
    ['Mikrotik-Rate-Limit', 14988, 8, 'string'],
    ['Mikrotik-Address-List', 14988, 19, 'string'],
    ['Cisco-AVPair', 9, 1, 'string'],
    ['WISPr-Bandwidth-Max-Down', 14122, 8, 'integer'],
    ['WISPr-Bandwidth-Max-Up', 14122, 7, 'integer'],
    ['Huawei-Input-Average-Rate', 2011, 2, 'integer'],
    ['Huawei-Output-Average-Rate', 2011, 5, 'integer'],
    ['Juniper-Local-User-Name', 2636, 1, 'string'],
    ['ERX-Primary-Dns', 4874, 4, 'ipaddr'],
    ['MS-CHAP-Challenge', 311, 11, 'octets'],
    ['MS-CHAP2-Response', 311, 25, 'octets'],
    ['MS-CHAP2-Success', 311, 26, 'octets'],
  ];
  it.each(FACTS)('%s is vendor %s attribute %i (%s), by name and by number', (name, vendorId, code, type) => {
    const def = dict.attribute(name);
    expect(def).toMatchObject({ name, vendorId, code, type });
    expect(dict.byNumber(vendorId, code)?.name).toBe(name);
  });

  it('knows the RFC flags and value names of the standard attributes', () => {
    expect(dict.require('User-Password').encrypt).toBe(1);
    expect(dict.require('Tunnel-Password')).toMatchObject({ hasTag: true, encrypt: 2 });
    expect(dict.require('Tunnel-Type').hasTag).toBe(true);
    expect(dict.require('Tunnel-Type').values.get('vlan')).toBe(13); // RFC 3580 §3.31
    expect(dict.require('Service-Type').valueNames.get(2)).toBe('Framed-User');
    expect(dict.require('Acct-Status-Type').values.get('interim-update')).toBe(3);
  });

  it('adds the dictionaries a user drops into the workspace folder', () => {
    const extra = filesIn({ 'dictionary.local': 'VENDOR LocalCo 64000\nBEGIN-VENDOR LocalCo\nATTRIBUTE LocalCo-Plan 1 string\nEND-VENDOR LocalCo\n' });
    const d = loadDictionary([extra]);
    expect(d.attribute('LocalCo-Plan')).toMatchObject({ vendorId: 64000, code: 1 });
    expect(d.attribute('Mikrotik-Rate-Limit')?.vendorId).toBe(14988);
  });
});

describe('old-style dictionaries', () => {
  it('reads a vendor named in the flags column as the vendor, not as a standard attribute', () => {
    const d = new RadiusDictionary();
    d.parse('ATTRIBUTE User-Name 1 string\nVENDOR Acme 4242\nATTRIBUTE Acme-Profile 1 string Acme\n');
    expect(d.byNumber(null, 1)?.name).toBe('User-Name');
    expect(d.byNumber(4242, 1)).toMatchObject({ name: 'Acme-Profile', vendorId: 4242, vendorName: 'Acme' });
  });
});
