// Interactive terminals (PTY over SSH) behind the `ssh.terminal.*` channels. Each terminal has
// its own SSH connection (outside the engine's pool): killing one tab's connection leaves the
// other tabs and automation alone. Output goes out as `ssh.terminal.data` events under flow
// control (see terminal/outputPump.ts), life-cycle changes as `ssh.terminal.state` events.
import { randomBytes } from 'node:crypto';
import { NocError } from '../../../shared/ipc/errors';
import type { ParsedRequestOf, ResponseOf } from '../../../shared/ipc/schemas';
import { trustOnly, type SshContext } from './sshContext';
import { TerminalSession } from './terminal/terminalSession';

export class TerminalService {
  private readonly sessions = new Map<string, TerminalSession>();
  private closing = false;

  constructor(private readonly ctx: SshContext) {}

  async open(req: ParsedRequestOf<'ssh.terminal.open'>): Promise<ResponseOf<'ssh.terminal.open'>> {
    if (this.closing) throw new NocError('UNAVAILABLE', 'The console is closing.');
    // 144 random bits, url-safe: the id is all a renderer needs to drive the tab.
    const sessionId = randomBytes(18).toString('base64url');
    const session = new TerminalSession(sessionId, req.target, req.cols, req.rows, this.ctx);
    this.sessions.set(sessionId, session);
    try {
      await session.start(trustOnly(req.trustFingerprint));
    } catch (error) {
      this.sessions.delete(sessionId);
      throw error;
    }
    return session.info();
  }

  input(req: ParsedRequestOf<'ssh.terminal.input'>): ResponseOf<'ssh.terminal.input'> {
    return { accepted: this.sessions.get(req.sessionId)?.input(req.data) ?? false };
  }

  broadcast(req: ParsedRequestOf<'ssh.terminal.broadcast'>): ResponseOf<'ssh.terminal.broadcast'> {
    let sent = 0;
    const closed: string[] = [];
    for (const id of new Set(req.sessionIds)) {
      if (this.sessions.get(id)?.input(req.data) === true) sent += 1;
      else closed.push(id);
    }
    return { sent, closed };
  }

  resize(req: ParsedRequestOf<'ssh.terminal.resize'>): ResponseOf<'ssh.terminal.resize'> {
    this.session(req.sessionId).resize(req.cols, req.rows);
    return { cols: req.cols, rows: req.rows };
  }

  ack(req: ParsedRequestOf<'ssh.terminal.ack'>): ResponseOf<'ssh.terminal.ack'> {
    // An ack for a terminal closed meanwhile is normal (the renderer drew its last bytes): nothing to do.
    return { unacked: this.sessions.get(req.sessionId)?.ack(req.bytes) ?? 0 };
  }

  reconnect(req: ParsedRequestOf<'ssh.terminal.reconnect'>): Promise<ResponseOf<'ssh.terminal.reconnect'>> {
    if (this.closing) return Promise.reject(new NocError('UNAVAILABLE', 'The console is closing.'));
    return this.session(req.sessionId).reconnect(req.cols, req.rows);
  }

  /** The user closed the tab: the connection ends, no auto-reconnect, and the session is forgotten. */
  close(req: ParsedRequestOf<'ssh.terminal.close'>): ResponseOf<'ssh.terminal.close'> {
    const session = this.sessions.get(req.sessionId);
    if (session === undefined) return { closed: false };
    this.sessions.delete(req.sessionId);
    session.close('closed by you');
    return { closed: true };
  }

  list(): ResponseOf<'ssh.terminal.list'> {
    return [...this.sessions.values()].map((s) => s.info());
  }

  /** Closes every terminal (app quit); nothing reconnects afterwards. */
  closeAll(): void {
    this.closing = true;
    const all = [...this.sessions.values()];
    this.sessions.clear();
    for (const s of all) s.close('the console is closing');
  }

  private session(id: string): TerminalSession {
    const s = this.sessions.get(id);
    if (s === undefined) throw new NocError('NOT_FOUND', 'That terminal is closed; open a new one.', { sessionId: id });
    return s;
  }
}
