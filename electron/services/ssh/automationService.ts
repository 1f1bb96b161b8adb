// Automation runs over many devices. STUB: replaced by the automation implementation.
import { NocError } from '../../../shared/ipc/errors';
import type { ParsedRequestOf, ResponseOf } from '../../../shared/ipc/schemas';
import type { SshContext } from './sshContext';

const notYet = (): never => {
  throw new NocError('UNAVAILABLE', 'Automation is not built yet.');
};

export class AutomationService {
  constructor(private readonly ctx: SshContext) {}
  preview(_req: ParsedRequestOf<'ssh.run.preview'>): ResponseOf<'ssh.run.preview'> {
    void this.ctx;
    return notYet();
  }
  start(_req: ParsedRequestOf<'ssh.run.start'>): ResponseOf<'ssh.run.start'> {
    return notYet();
  }
  /** Resolves when the run has finished (CLI and tests); the IPC start returns at once. */
  wait(_runId: string): Promise<ResponseOf<'ssh.run.get'>> {
    return Promise.resolve(notYet());
  }
  stop(_req: ParsedRequestOf<'ssh.run.stop'>): ResponseOf<'ssh.run.stop'> {
    return notYet();
  }
  get(_req: ParsedRequestOf<'ssh.run.get'>): ResponseOf<'ssh.run.get'> {
    return notYet();
  }
  list(_req: ParsedRequestOf<'ssh.run.list'>): ResponseOf<'ssh.run.list'> {
    return [];
  }
  close(): void {}
}
