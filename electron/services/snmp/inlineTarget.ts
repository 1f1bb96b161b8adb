// A target from one-off credentials (`noc snmp … -c public`, the SNMP page's "credentials for this
// request"): no workspace needed, which is what lets the CLI's reads run without opening one.
import type { ParsedRequestOf } from '../../../shared/ipc/schemas';
import { NocError } from '../../../shared/ipc/errors';
import type { SnmpTarget } from './snmpEngine';

export type InlineCredentials = NonNullable<ParsedRequestOf<'snmp.get'>['target']['credentials']>;
export type TargetBase = Pick<SnmpTarget, 'host' | 'port' | 'timeoutMs' | 'retries'>;

export const SNMP_DEFAULTS = { port: 161, timeoutMs: 2000, retries: 1, maxRepetitions: 25 } as const;

export function inlineTarget(base: TargetBase, c: InlineCredentials): SnmpTarget {
  if (c.version === '3') {
    if (c.user === undefined) throw new NocError('VALIDATION', 'SNMPv3 needs a user', [{ path: 'target.credentials.user', message: 'user is required' }]);
    const level = c.securityLevel ?? (c.privKey !== undefined ? 'authPriv' : c.authKey !== undefined ? 'authNoPriv' : 'noAuthNoPriv');
    return { ...base, version: '3', v3: { user: c.user, level, authProtocol: c.authProtocol ?? 'sha', authKey: c.authKey, privProtocol: c.privProtocol ?? 'aes', privKey: c.privKey } };
  }
  if (c.community === undefined) throw new NocError('VALIDATION', `SNMPv${c.version} needs a community`, [{ path: 'target.credentials.community', message: 'community is required' }]);
  return { ...base, version: c.version, community: c.community };
}
