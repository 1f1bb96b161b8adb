// Interactive terminals (PTY over SSH). STUB: replaced by the terminal implementation.
import { NocError } from '../../../shared/ipc/errors';
import type { ParsedRequestOf, ResponseOf } from '../../../shared/ipc/schemas';
import type { SshContext } from './sshContext';

const notYet = (): never => {
  throw new NocError('UNAVAILABLE', 'Terminals are not built yet.');
};

export class TerminalService {
  constructor(private readonly ctx: SshContext) {}
  open(_req: ParsedRequestOf<'ssh.terminal.open'>): Promise<ResponseOf<'ssh.terminal.open'>> {
    void this.ctx;
    return Promise.resolve(notYet());
  }
  input(_req: ParsedRequestOf<'ssh.terminal.input'>): ResponseOf<'ssh.terminal.input'> {
    return notYet();
  }
  broadcast(_req: ParsedRequestOf<'ssh.terminal.broadcast'>): ResponseOf<'ssh.terminal.broadcast'> {
    return notYet();
  }
  resize(_req: ParsedRequestOf<'ssh.terminal.resize'>): ResponseOf<'ssh.terminal.resize'> {
    return notYet();
  }
  ack(_req: ParsedRequestOf<'ssh.terminal.ack'>): ResponseOf<'ssh.terminal.ack'> {
    return notYet();
  }
  reconnect(_req: ParsedRequestOf<'ssh.terminal.reconnect'>): Promise<ResponseOf<'ssh.terminal.reconnect'>> {
    return Promise.resolve(notYet());
  }
  close(_req: ParsedRequestOf<'ssh.terminal.close'>): ResponseOf<'ssh.terminal.close'> {
    return notYet();
  }
  list(): ResponseOf<'ssh.terminal.list'> {
    return [];
  }
  /** Closes every terminal (app quit). */
  closeAll(): void {}
}
