// Attributes as a technician types them (`Mikrotik-Rate-Limit` = `10M/20M`, `Tunnel-Type:1` =
// `VLAN`) turned into wire attributes, with every mistake reported against its row.
import { NocError } from '../../../shared/ipc/errors';
import { AttributeValueError, encodeValue } from './attributeValues';
import type { RadiusDictionary } from './dictionary';
import type { OutgoingAttribute } from './packet';

export interface AttributeInput {
  name: string;
  value: string;
}

/** Names the engine fills in itself; typing them would produce a broken or ambiguous packet. */
const ENGINE_OWNED = new Set(['message-authenticator', 'vendor-specific']);

export function parseAttributeInputs(dict: RadiusDictionary, inputs: readonly AttributeInput[], field = 'attributes'): OutgoingAttribute[] {
  const problems: { path: string; message: string }[] = [];
  const out: OutgoingAttribute[] = [];
  inputs.forEach((input, i) => {
    const m = /^([^:\s]+)(?::(\d{1,2}))?$/.exec(input.name.trim());
    const def = m?.[1] ? dict.attribute(m[1]) : undefined;
    if (!m || !def) {
      problems.push({ path: `${field}.${i}.name`, message: `unknown attribute "${input.name}"` });
      return;
    }
    if (ENGINE_OWNED.has(def.name.toLowerCase())) {
      problems.push({ path: `${field}.${i}.name`, message: `${def.name} is added by the console itself` });
      return;
    }
    if (def.encrypt === 2) {
      problems.push({ path: `${field}.${i}.name`, message: `${def.name} (salt-encrypted) cannot be sent by this client` });
      return;
    }
    const tag = m[2] === undefined ? null : Number(m[2]);
    if (tag !== null && (!def.hasTag || tag > 31)) {
      problems.push({ path: `${field}.${i}.name`, message: def.hasTag ? 'a tag is 0–31' : `${def.name} takes no tag` });
      return;
    }
    try {
      out.push({ def, tag, value: encodeValue(def, input.value) });
    } catch (err) {
      if (!(err instanceof AttributeValueError)) throw err;
      problems.push({ path: `${field}.${i}.value`, message: err.message });
    }
  });
  if (problems.length > 0) {
    const first = problems[0];
    throw new NocError('VALIDATION', first ? `${first.path}: ${first.message}` : 'invalid attributes', problems);
  }
  return out;
}
