// Config backup, diff and templates. STUB: replaced by the config implementation.
import { NocError } from '../../../shared/ipc/errors';
import type { ParsedRequestOf, ResponseOf } from '../../../shared/ipc/schemas';
import type { SshContext } from './sshContext';

const notYet = (): never => {
  throw new NocError('UNAVAILABLE', 'Config backup is not built yet.');
};

export class ConfigService {
  constructor(private readonly ctx: SshContext) {}
  backup(_req: ParsedRequestOf<'ssh.backup.run'>): Promise<ResponseOf<'ssh.backup.run'>> {
    void this.ctx;
    return Promise.resolve(notYet());
  }
  list(_req: ParsedRequestOf<'ssh.backup.list'>): ResponseOf<'ssh.backup.list'> {
    return [];
  }
  get(_req: ParsedRequestOf<'ssh.backup.get'>): ResponseOf<'ssh.backup.get'> {
    return notYet();
  }
  diff(_req: ParsedRequestOf<'ssh.backup.diff'>): ResponseOf<'ssh.backup.diff'> {
    return notYet();
  }
  templates(): ResponseOf<'ssh.templates.list'> {
    return [];
  }
  saveTemplate(_req: ParsedRequestOf<'ssh.templates.save'>): ResponseOf<'ssh.templates.save'> {
    return notYet();
  }
  deleteTemplate(_req: ParsedRequestOf<'ssh.templates.delete'>): ResponseOf<'ssh.templates.delete'> {
    return notYet();
  }
  render(_req: ParsedRequestOf<'ssh.templates.render'>): ResponseOf<'ssh.templates.render'> {
    return notYet();
  }
  push(_req: ParsedRequestOf<'ssh.templates.push'>): Promise<ResponseOf<'ssh.templates.push'>> {
    return Promise.resolve(notYet());
  }
}
