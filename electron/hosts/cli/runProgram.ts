// Parses argv with a commander program and turns the outcome into an exit code and one readable
// error line: 0 ok, 1 failure, 2 bad input (and whatever a command set in process.exitCode).
import { CommanderError, type Command } from 'commander';
import { NocError } from '../../../shared/ipc/errors';

export async function runProgram(program: Command, argv: string[]): Promise<number> {
  try {
    await program.parseAsync(argv, { from: 'user' });
    return typeof process.exitCode === 'number' ? process.exitCode : 0;
  } catch (err) {
    if (err instanceof CommanderError) return err.exitCode === 0 ? 0 : 2;
    if (err instanceof NocError) {
      process.stderr.write(`error (${err.code}): ${err.message}\n`);
      if (Array.isArray(err.details)) {
        for (const d of err.details as { path?: string; message?: string }[]) process.stderr.write(`  ${d.path ? d.path + ': ' : ''}${d.message ?? ''}\n`);
      }
      return err.code === 'VALIDATION' ? 2 : 1;
    }
    process.stderr.write(`error: ${err instanceof Error ? err.message : String(err)}\n`);
    return 1;
  }
}
