// `noc snmp …` on its own: a program with only the SNMP commands, so a walk loads the SNMP engine
// and nothing else (the full CLI's module graph costs ~0.7 s before the first packet; snmpbulkwalk
// costs nothing). bin/noc.mjs routes `noc snmp …` here; commands that need the workspace (a
// --device, a --profile, the credential store) still open it, on demand.
import { Command } from 'commander';
import { APP_VERSION } from '../../services/version';
import { runProgram } from './runProgram';
import { registerSnmpCommands } from './snmpCommands';

export function main(argv: string[]): Promise<number> {
  const program = new Command('noc').description('DotMac NOC Console').version(APP_VERSION).showHelpAfterError().exitOverride();
  registerSnmpCommands(program);
  return runProgram(program, argv);
}
