// The live channel: holds GET /v1/sync/events open and calls `onPoke` whenever the server says the
// tenant has a new cursor, `onConnect` each time the stream (re)opens — which is also how the
// console notices the server is back. Reconnects with backoff, forever, until stopped.
import { pokeSchema } from '../../../shared/sync/protocol';
import type { AuthedSession } from './authedSession';
import { Backoff } from './backoff';
import { SseParser } from './sseParser';

export interface LiveChannelHandlers {
  onPoke(cursor: number): void;
  onConnect(): void;
  onDisconnect(reason: string): void;
}

export class LiveChannel {
  private abort: AbortController | null = null;
  private running = false;
  private timer: NodeJS.Timeout | null = null;
  private readonly backoff = new Backoff();

  constructor(
    private readonly session: AuthedSession,
    private readonly handlers: LiveChannelHandlers,
  ) {}

  start(): void {
    if (this.running) return;
    this.running = true;
    void this.connect();
  }

  stop(): void {
    this.running = false;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.abort?.abort();
    this.abort = null;
  }

  private async connect(): Promise<void> {
    if (!this.running) return;
    if (!this.session.loggedIn()) {
      this.retryLater('not logged in');
      return;
    }
    const abort = new AbortController();
    this.abort = abort;
    try {
      const body = await this.session.call((client, token) => client.openEvents(token, abort.signal));
      this.backoff.reset();
      this.handlers.onConnect();
      const parser = new SseParser();
      const decoder = new TextDecoder();
      const reader = body.getReader();
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        for (const ev of parser.push(decoder.decode(value, { stream: true }))) {
          if (ev.event !== 'poke') continue;
          try {
            const p = pokeSchema.safeParse(JSON.parse(ev.data));
            if (p.success) this.handlers.onPoke(p.data.cursor);
          } catch {
            // a garbled event is ignored; the timer sync still runs
          }
        }
      }
      this.retryLater('the server closed the live channel');
    } catch (err) {
      if (abort.signal.aborted && !this.running) return;
      this.retryLater(err instanceof Error ? err.message : String(err));
    }
  }

  private retryLater(reason: string): void {
    if (!this.running) return;
    this.handlers.onDisconnect(reason);
    const delay = this.backoff.fail();
    this.timer = setTimeout(() => {
      this.timer = null;
      void this.connect();
    }, delay);
    this.timer.unref();
  }
}
