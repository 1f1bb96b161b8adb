// Extra attributes as typed in the form or with --attr: name (optionally `:tag`) and value become
// wire attributes, and every mistake comes back as a VALIDATION error pointing at its row.
import { describe, expect, it } from 'vitest';
import { NocError } from '../../../shared/ipc/errors';
import { parseAttributeInputs, type AttributeInput } from '../../../electron/services/radius/attributeInput';
import { loadDictionary } from '../../../electron/services/radius/dictionary';
import { CODE, encodeRequest } from '../../../electron/services/radius/packet';
import { walkAttributes } from './wire';

const dict = loadDictionary();

function refusal(inputs: AttributeInput[], field?: string): NocError {
  try {
    parseAttributeInputs(dict, inputs, field);
  } catch (err) {
    if (err instanceof NocError) return err;
    throw err;
  }
  throw new Error('parseAttributeInputs accepted the input');
}

/** The attributes of a CoA-Request carrying `inputs`, as raw bytes, to see what reaches the NAS. */
function onTheWire(inputs: AttributeInput[]): Buffer[] {
  const attrs = parseAttributeInputs(dict, inputs);
  const packet = encodeRequest({ code: CODE.coaRequest, identifier: 1, authenticator: Buffer.alloc(16), secret: 's', attributes: attrs, messageAuthenticator: false });
  return walkAttributes(packet).map((a) => packet.subarray(a.offset, a.offset + a.value.length + 2));
}

describe('typed attribute input', () => {
  it('sends `Tunnel-Type:1` = `VLAN` as a tagged integer (RFC 2868 §3.1, RFC 3580 §3.31)', () => {
    const [a] = parseAttributeInputs(dict, [{ name: 'Tunnel-Type:1', value: 'VLAN' }]);
    expect(a?.def.name).toBe('Tunnel-Type');
    expect(a?.tag).toBe(1);
    // type 64, length 6, tag 1, then the low three octets of 13
    expect(onTheWire([{ name: 'Tunnel-Type:1', value: 'VLAN' }])[0]?.toString('hex')).toBe('400601' + '00000d');
  });

  it('sends a tagged string with its tag octet first, and an untagged one without', () => {
    expect(onTheWire([{ name: 'Tunnel-Private-Group-Id:2', value: '100' }])[0]?.toString('hex')).toBe('510602' + Buffer.from('100').toString('hex'));
    expect(onTheWire([{ name: 'Tunnel-Private-Group-Id', value: '100' }])[0]?.toString('hex')).toBe('5105' + Buffer.from('100').toString('hex'));
  });

  it('finds attributes by name in any case and wraps vendor ones in Vendor-Specific', () => {
    const [a] = parseAttributeInputs(dict, [{ name: 'mikrotik-rate-limit', value: '10M/20M' }]);
    expect(a?.def.name).toBe('Mikrotik-Rate-Limit');
    // 26, length, vendor 14988, sub-type 8, sub-length, value
    const value = Buffer.from('10M/20M');
    expect(onTheWire([{ name: 'Mikrotik-Rate-Limit', value: '10M/20M' }])[0]?.toString('hex')).toBe(
      Buffer.concat([Buffer.from([26, value.length + 8, 0, 0, 0x3a, 0x8c, 8, value.length + 2]), value]).toString('hex'),
    );
  });

  it('refuses an unknown name at attributes.N.name', () => {
    const err = refusal([{ name: 'Session-Timeout', value: '60' }, { name: 'No-Such-Attribute', value: '1' }]);
    expect(err.code).toBe('VALIDATION');
    expect(err.details).toEqual([{ path: 'attributes.1.name', message: expect.stringContaining('No-Such-Attribute') }]);
    expect(err.message).toMatch(/^attributes\.1\.name: /);
  });

  it.each([
    ['Message-Authenticator', '0x00000000000000000000000000000000', /added by the console itself/],
    ['Vendor-Specific', '0x00003a8c0805414243', /added by the console itself/],
    ['message-authenticator', '0x00', /added by the console itself/],
    ['Tunnel-Password:1', 'secret', /salt-encrypted/],
    ['User-Name:1', 'alice', /takes no tag/],
    ['Tunnel-Type:32', 'VLAN', /tag is 0–31/],
    ['Tunnel-Type:', 'VLAN', /unknown attribute/],
    ['Tunnel Type', 'VLAN', /unknown attribute/],
  ])('refuses %s at the name', (name, value, message) => {
    const err = refusal([{ name, value }]);
    expect(err.code).toBe('VALIDATION');
    expect(err.details).toEqual([{ path: 'attributes.0.name', message: expect.stringMatching(message) }]);
  });

  it('refuses a value that does not fit its type at attributes.N.value, with the type’s message', () => {
    const err = refusal([{ name: 'User-Name', value: 'alice' }, { name: 'Framed-IP-Address', value: '10.0.0.300' }]);
    expect(err.details).toEqual([{ path: 'attributes.1.value', message: 'Framed-IP-Address must be an IPv4 address' }]);
  });

  it('lists every bad row, not only the first, under the field name it is given', () => {
    const err = refusal(
      [
        { name: 'Nope', value: '1' },
        { name: 'Session-Timeout', value: 'soon' },
        { name: 'Reply-Message', value: 'fine' },
        { name: 'Vendor-Specific', value: '0x00' },
      ],
      'extra',
    );
    expect((err.details as { path: string }[]).map((d) => d.path)).toEqual(['extra.0.name', 'extra.1.value', 'extra.3.name']);
    expect(err.message).toMatch(/^extra\.0\.name: /);
  });

  it('accepts an empty list', () => {
    expect(parseAttributeInputs(dict, [])).toEqual([]);
  });
});
