// One terminal tab in main: a stable session id across reconnects, and at most one live "link"
// (a dedicated SSH connection + its PTY shell + the output pump) at a time. The session decides
// what an ended link means — the user closed it, the shell exited, or the connection was lost —
// says so in a state event, and reconnects by itself when the profile asks for it.
import type { ClientChannel } from 'ssh2';
import type { TerminalState } from '../../../../shared/domain/ssh';
import { NocError } from '../../../../shared/ipc/errors';
import type { ResponseOf } from '../../../../shared/ipc/schemas';
import type { NegotiatedSummary } from '../algorithms';
import type { UnknownHostDecision } from '../hostKeys';
import type { SshContext } from '../sshContext';
import type { SshConnection } from '../sshEngine';
import type { ResolvedTarget, TargetRequest } from '../targetResolver';
import { OutputPump } from './outputPump';
import { describeError, isRetryable, MAX_RECONNECT_ATTEMPTS, reconnectDelayMs } from './reconnectPolicy';
import { sessionLogPath } from './sessionLog';

export type TerminalInfo = ResponseOf<'ssh.terminal.open'>;

const TERM = 'xterm-256color';

interface Link {
  readonly connection: SshConnection;
  readonly channel: ClientChannel;
  readonly pump: OutputPump;
  readonly openedAt: number;
  exitCode: number | null;
  signal: string | null;
  ended: boolean;
  /** Ended on purpose by a manual reconnect: no state event, no retry. */
  replaced: boolean;
}

const EMPTY_ALGORITHMS: NegotiatedSummary = { kex: '', serverHostKey: '', cipher: '', mac: '', legacy: [] };

export class TerminalSession {
  private state: TerminalState = 'connecting';
  private deviceId: string | null = null;
  private title = '';
  private host = '';
  private port = 22;
  private username = '';
  private hostKeySha256 = '';
  private algorithms: NegotiatedSummary = EMPTY_ALGORITHMS;
  private legacy = false;
  private via: string[] = [];
  private logPath: string | null = null;
  private autoReconnect = false;
  private readonly openedAt = Date.now();
  private link: Link | undefined;
  private connecting: Promise<void> | undefined;
  private retryTimer: NodeJS.Timeout | undefined;
  /** Set by close() and closeAll(): the session is over, nothing reconnects it. */
  private endedBy: string | undefined;

  constructor(
    readonly sessionId: string,
    private readonly request: TargetRequest,
    private cols: number,
    private rows: number,
    private readonly ctx: SshContext,
  ) {}

  info(): TerminalInfo {
    return {
      sessionId: this.sessionId,
      deviceId: this.deviceId,
      title: this.title,
      host: this.host,
      port: this.port,
      username: this.username,
      state: this.state,
      hostKeySha256: this.hostKeySha256,
      algorithms: {
        kex: this.algorithms.kex,
        hostKey: this.algorithms.serverHostKey,
        cipher: this.algorithms.cipher,
        mac: this.algorithms.mac,
        legacy: this.algorithms.legacy,
      },
      legacy: this.legacy,
      via: this.via,
      logPath: this.logPath,
      autoReconnect: this.autoReconnect,
      cols: this.cols,
      rows: this.rows,
      openedAt: this.openedAt,
    };
  }

  get isOpen(): boolean {
    return this.state === 'open' && this.link !== undefined && !this.link.ended;
  }

  /** First connection. Failures are thrown (the UI turns an unknown host key into a trust dialog) and emit no state. */
  async start(onUnknownHost: UnknownHostDecision | undefined): Promise<void> {
    await this.connect(onUnknownHost);
  }

  /** Reconnect in place (same session id; the renderer keeps its scrollback), with a new size. */
  async reconnect(cols: number, rows: number): Promise<TerminalInfo> {
    if (this.endedBy !== undefined) throw new NocError('NOT_FOUND', 'That terminal was closed; open a new one.');
    this.cancelRetry();
    this.cols = cols;
    this.rows = rows;
    if (this.connecting !== undefined) await this.connecting.catch(() => undefined);
    // The attempt we waited for may have failed and armed the next one: this call replaces it.
    this.cancelRetry();
    if (this.link !== undefined && !this.link.ended) {
      this.link.replaced = true;
      this.link.connection.close();
    }
    this.setState('connecting', null);
    try {
      await this.connect(undefined);
    } catch (error) {
      if (this.endedBy === undefined) this.setState('closed', `reconnect failed: ${describeError(error)}`);
      throw error;
    }
    return this.info();
  }

  input(data: string): boolean {
    if (!this.isOpen || this.link === undefined) return false;
    this.link.channel.write(data);
    return true;
  }

  resize(cols: number, rows: number): void {
    this.cols = cols;
    this.rows = rows;
    if (this.isOpen) this.link?.channel.setWindow(rows, cols, 0, 0);
  }

  ack(bytes: number): number {
    return this.link?.pump.ack(bytes) ?? 0;
  }

  /** Ends the session for good (the user closed it, or the console quits). */
  close(reason: string): void {
    if (this.endedBy !== undefined) return;
    this.endedBy = reason;
    this.cancelRetry();
    if (this.link !== undefined && !this.link.ended) this.link.connection.close();
    else if (this.state !== 'closed') this.setState('closed', reason);
  }

  // ── connecting ───────────────────────────────────────────────────────────────────────────────

  private connect(onUnknownHost: UnknownHostDecision | undefined): Promise<void> {
    const attempt = this.openLink(onUnknownHost).finally(() => {
      if (this.connecting === attempt) this.connecting = undefined;
    });
    this.connecting = attempt;
    return attempt;
  }

  private async openLink(onUnknownHost: UnknownHostDecision | undefined): Promise<void> {
    // Resolved again on every (re)connect: a profile edited meanwhile (new password, log on/off) applies.
    const resolved = this.ctx.resolver.resolve(this.request);
    this.describeTarget(resolved);
    const connection = await this.ctx.engine.connectDedicated(resolved.target, onUnknownHost === undefined ? {} : { onUnknownHost });
    let channel: ClientChannel;
    try {
      channel = await connection.openShell({ term: TERM, cols: this.cols, rows: this.rows });
    } catch (error) {
      connection.close();
      throw error;
    }
    if (this.endedBy !== undefined) {
      connection.close();
      throw new NocError('UNAVAILABLE', 'The terminal was closed while it was connecting.');
    }
    this.logPath = resolved.credential.sessionLog ? this.logFile() : null;
    const pump = new OutputPump(channel, (data, bytes) => this.ctx.bus.emit('ssh.terminal.data', { sessionId: this.sessionId, data, bytes }), this.logPath);
    const link: Link = { connection, channel, pump, openedAt: Date.now(), exitCode: null, signal: null, ended: false, replaced: false };
    channel.on('exit', (...args: unknown[]) => {
      link.exitCode = typeof args[0] === 'number' ? args[0] : null;
      link.signal = typeof args[1] === 'string' ? args[1] : null;
    });
    // A write racing the end of the channel must not become an uncaught 'error'.
    channel.on('error', () => undefined);
    // The shell ending ends this terminal's own connection; both paths meet in linkEnded.
    channel.on('close', () => connection.close());
    connection.onClose((error) => this.linkEnded(link, error));
    // Never two live links: one that raced this one (a retry against a manual reconnect) gives way.
    const previous = this.link;
    if (previous !== undefined && !previous.ended) {
      previous.replaced = true;
      previous.connection.close();
    }
    this.link = link;
    this.hostKeySha256 = connection.info.hostKey.fingerprint;
    this.algorithms = connection.info.algorithms;
    this.legacy = connection.info.legacy;
    this.audit('ssh.session.open', {});
    this.setState('open', null);
    // Read only after the open/reconnect response has gone out: a transport that keeps order
    // (the web socket, Electron IPC) then delivers the response before the first output.
    setImmediate(() => {
      if (this.link === link && !link.ended) link.pump.start();
    });
  }

  private describeTarget(resolved: ResolvedTarget): void {
    this.deviceId = resolved.deviceId;
    this.title = resolved.title;
    this.host = resolved.target.host;
    this.port = resolved.target.port ?? 22;
    this.username = resolved.target.username;
    this.via = (resolved.target.jump ?? []).map((h) => `${h.username}@${h.host}:${h.port ?? 22}`);
    this.autoReconnect = resolved.credential.autoReconnect;
  }

  private logFile(): string {
    // One file per terminal: reconnects append to the file the session started.
    return this.logPath ?? sessionLogPath(this.ctx.sessionLogDir, this.host, this.port, this.sessionId, new Date());
  }

  // ── ending and reconnecting ──────────────────────────────────────────────────────────────────

  private linkEnded(link: Link, error: Error | undefined): void {
    if (link.ended) return;
    link.ended = true;
    // What the remote printed before the end still reaches the screen, before the state says closed.
    link.pump.stop();
    if (this.link === link) this.link = undefined;
    const why = this.endReason(link, error);
    this.audit('ssh.session.close', { durationMs: Date.now() - link.openedAt, bytesOut: link.pump.bytesOut, reason: why.reason });
    if (link.replaced) return;
    if (why.retry && this.autoReconnect) this.scheduleRetry(why.reason, 1);
    else this.setState('closed', why.reason, link.exitCode);
  }

  private endReason(link: Link, error: Error | undefined): { reason: string; retry: boolean } {
    if (this.endedBy !== undefined) return { reason: this.endedBy, retry: false };
    // The shell ended by itself (`exit`, logout): the user meant it, whatever its code.
    if (link.exitCode !== null) return { reason: `remote shell exited (code ${link.exitCode})`, retry: false };
    if (link.signal !== null) return { reason: `remote shell was killed (${link.signal})`, retry: true };
    return { reason: `connection lost: ${error === undefined ? 'the server closed the connection' : describeError(error)}`, retry: true };
  }

  private scheduleRetry(reason: string, attempt: number): void {
    if (attempt > MAX_RECONNECT_ATTEMPTS) {
      this.setState('closed', `${reason}; gave up after ${MAX_RECONNECT_ATTEMPTS} attempts`);
      return;
    }
    const delay = reconnectDelayMs(attempt);
    this.setState('reconnecting', `${reason}; reconnecting (attempt ${attempt} of ${MAX_RECONNECT_ATTEMPTS})`, null, Date.now() + delay);
    this.retryTimer = setTimeout(() => {
      this.retryTimer = undefined;
      void this.retry(attempt);
    }, delay);
  }

  private async retry(attempt: number): Promise<void> {
    // A manual reconnect already under way wins over the timer.
    if (this.endedBy !== undefined || this.connecting !== undefined || this.isOpen) return;
    this.setState('reconnecting', `reconnecting (attempt ${attempt} of ${MAX_RECONNECT_ATTEMPTS})`);
    try {
      await this.connect(undefined);
    } catch (error) {
      if (this.endedBy !== undefined || this.isOpen) return;
      if (isRetryable(error)) this.scheduleRetry(`reconnect failed: ${describeError(error)}`, attempt + 1);
      else this.setState('closed', `reconnect refused: ${describeError(error)}`);
    }
  }

  private cancelRetry(): void {
    if (this.retryTimer !== undefined) clearTimeout(this.retryTimer);
    this.retryTimer = undefined;
  }

  private setState(state: TerminalState, reason: string | null, exitCode: number | null = null, retryAt: number | null = null): void {
    this.state = state;
    this.ctx.bus.emit('ssh.terminal.state', { sessionId: this.sessionId, state, reason, exitCode, retryAt });
  }

  private audit(action: 'ssh.session.open' | 'ssh.session.close', extra: Record<string, unknown>): void {
    try {
      this.ctx.audit().write(action, this.deviceId === null ? 'host' : 'devices', this.deviceId ?? this.host, {
        sessionId: this.sessionId,
        host: this.host,
        port: this.port,
        username: this.username,
        via: this.via,
        legacy: this.legacy,
        ...extra,
      });
    } catch (error) {
      // Runs inside ssh2 callbacks: a failed audit write (cache closing) must not crash main.
      console.error(`terminal ${this.sessionId}: audit ${action} failed: ${describeError(error)}`);
    }
  }
}
