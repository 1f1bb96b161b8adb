// The SNMP credential flags every SNMP-speaking command takes (`noc snmp …`, `noc discover`,
// `noc snmp credential add`), declared once: -c / -v, the v3 user, level, protocols and keys,
// and --profile. Inline values become the contract's one-off credentials.
import { Command, Option } from 'commander';
import { SNMP_AUTH_PROTOCOLS, SNMP_PRIV_PROTOCOLS, SNMP_SECURITY_LEVELS, SNMP_VERSIONS } from '../../../shared/domain/snmp';
import { NocError } from '../../../shared/ipc/errors';
import type { ParsedRequestOf } from '../../../shared/ipc/schemas';
import type { ConsoleServices } from '../../services/consoleServices';

export interface SnmpCredentialFlags {
  snmpVersion?: (typeof SNMP_VERSIONS)[number];
  community?: string;
  user?: string;
  level?: (typeof SNMP_SECURITY_LEVELS)[number];
  authProto?: (typeof SNMP_AUTH_PROTOCOLS)[number];
  authKey?: string;
  privProto?: (typeof SNMP_PRIV_PROTOCOLS)[number];
  privKey?: string;
  profile?: string;
}

type InlineCredentials = NonNullable<ParsedRequestOf<'snmp.get'>['target']['credentials']>;
type V3Fields = Pick<InlineCredentials, 'user' | 'securityLevel' | 'authProtocol' | 'authKey' | 'privProtocol' | 'privKey'>;

/** Adds -v, -c and the v3 flags (and --profile unless `profileHelp` is null). */
export function snmpCredentialOptions(cmd: Command, profileHelp: string | null = 'a saved SNMP credential profile'): Command {
  cmd
    .addOption(new Option('-v, --snmp-version <v>', 'SNMP version').choices([...SNMP_VERSIONS]))
    .option('-c, --community <community>', 'v1/v2c community (visible in the process list)')
    .option('--user <name>', 'v3 user')
    .addOption(new Option('--level <level>', 'v3 security level (default from the keys given)').choices([...SNMP_SECURITY_LEVELS]))
    .addOption(new Option('--auth-proto <proto>', 'v3 auth protocol').choices([...SNMP_AUTH_PROTOCOLS]))
    .option('--auth-key <password>', 'v3 auth password')
    .addOption(new Option('--priv-proto <proto>', 'v3 privacy protocol').choices([...SNMP_PRIV_PROTOCOLS]))
    .option('--priv-key <password>', 'v3 privacy password');
  return profileHelp === null ? cmd : cmd.option('--profile <name|id>', profileHelp);
}

/** The v3 fields the flags give (only those set). */
export function v3Fields(o: SnmpCredentialFlags): V3Fields {
  return {
    ...(o.user !== undefined ? { user: o.user } : {}),
    ...(o.level !== undefined ? { securityLevel: o.level } : {}),
    ...(o.authProto !== undefined ? { authProtocol: o.authProto } : {}),
    ...(o.authKey !== undefined ? { authKey: o.authKey } : {}),
    ...(o.privProto !== undefined ? { privProtocol: o.privProto } : {}),
    ...(o.privKey !== undefined ? { privKey: o.privKey } : {}),
  };
}

/** One-off credentials from the flags, or undefined when none were given (v3 when a user is named). */
export function inlineSnmpCredentials(o: SnmpCredentialFlags): InlineCredentials | undefined {
  if (o.community === undefined && o.user === undefined && o.snmpVersion === undefined) return undefined;
  const version = o.snmpVersion ?? (o.user !== undefined ? '3' : '2c');
  if (version !== '3') return { version, ...(o.community !== undefined ? { community: o.community } : {}) };
  return { version, ...v3Fields(o) };
}

/** The id of the --profile named (by name or id), or undefined without --profile. */
export function snmpProfileId(s: ConsoleServices, o: SnmpCredentialFlags): string | undefined {
  if (o.profile === undefined) return undefined;
  const p = s.snmp.vault.find(o.profile);
  if (p === undefined) throw new NocError('NOT_FOUND', `No SNMP profile "${o.profile}".`);
  return p.id;
}

export const MISSING_SNMP_CREDENTIALS = 'give credentials: -c COMMUNITY, the v3 flags (--user …) or --profile NAME';
