// Pieces every `noc` command shares: the workspace option, opening the services, progress on
// stderr, and argument parsers.
import { Command, InvalidArgumentError, Option } from 'commander';
import path from 'node:path';
import type { ProgressEvent } from '../../../shared/ipc/channels';
import type { ConsoleServices } from '../../services/consoleServices';
import { defaultWorkspaceDir } from '../../services/workspace/paths';
import { TerminalProgress } from './terminalProgress';

export const CTX = { host: 'cli' } as const;

export interface GlobalOpts {
  workspace?: string;
  json?: boolean;
}

export function positiveInt(v: string): number {
  const n = Number(v);
  if (!Number.isSafeInteger(n) || n < 0) throw new InvalidArgumentError('must be a whole number');
  return n;
}

/**
 * Loaded on first use: the services pull in every engine (RADIUS dictionaries, VOLTHA protos, the
 * cache), about 0.5 s of start-up that a command needing none of them (an SNMP walk with inline
 * credentials, --help) should not pay.
 */
export async function openServices(o: GlobalOpts, host: 'cli' | 'web' = 'cli'): Promise<ConsoleServices> {
  const { createConsoleServices } = await import('../../services/consoleServices');
  return createConsoleServices({ dir: o.workspace ? path.resolve(o.workspace) : defaultWorkspaceDir(), host, actor: host });
}

/** Opens the services for one command and closes them whatever happens. */
export async function withServices<T>(o: GlobalOpts, fn: (s: ConsoleServices) => Promise<T>): Promise<T> {
  const services = await openServices(o);
  try {
    return await fn(services);
  } finally {
    services.close();
  }
}

export function withProgress(services: ConsoleServices, json: boolean): () => void {
  const bar = new TerminalProgress(process.stderr, !json);
  return services.bus.subscribe((name, payload) => {
    if (name === 'task.progress') bar.update(payload as ProgressEvent);
  });
}

export function workspaceOption(cmd: Command): Command {
  return cmd
    .addOption(new Option('--workspace <dir>', 'workspace folder (cache); default $NOC_WORKSPACE or the per-user data folder'))
    .option('--json', 'print JSON for scripts');
}
