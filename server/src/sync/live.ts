// The live channel: GET /v1/sync/events (server-sent events) tells connected consoles "a new
// cursor exists" so they pull now instead of at their next timer tick.
//
// Every push NOTIFYs `noc_sync` at commit. Each server instance holds ONE LISTEN subscription
// (SyncEventHub) and fans the pokes out to its own open streams of that tenant, so a push handled
// by any instance behind the load balancer reaches consoles connected to any other.
// SSE rather than WebSocket: one-way is all we need, it passes proxies as plain HTTP, and
// EventSource reconnects by itself (`retry:`).
import type { FastifyReply } from 'fastify';
import { z } from 'zod';
import type { Unlisten } from '../db/database';
import { SYNC_CHANNEL } from './types';

export type ListenFn = (channel: string, onPayload: (payload: string) => void) => Promise<Unlisten>;
type PokeSink = (cursor: number) => void;

const notifyPayloadSchema = z.object({ tenantId: z.string(), cursor: z.number().int() });

/** Comment lines keep idle streams open through proxies that cut silent connections. */
export const HEARTBEAT_MS = 15_000;
/** How long EventSource waits before reconnecting. */
const RETRY_MS = 3_000;

export class SyncEventHub {
  private readonly sinks = new Map<string, Set<PokeSink>>();
  private readonly closers = new Set<() => void>();
  private unlisten: Unlisten | null = null;
  private starting: Promise<void> | null = null;

  constructor(private readonly listen: ListenFn) {}

  /** Subscribes once per instance (idempotent; a failed attempt is retried by the next caller). */
  start(): Promise<void> {
    if (this.unlisten) return Promise.resolve();
    this.starting ??= this.listen(SYNC_CHANNEL, (payload) => this.dispatch(payload)).then(
      (unlisten) => {
        this.unlisten = unlisten;
      },
      (err: unknown) => {
        this.starting = null;
        throw err;
      },
    );
    return this.starting;
  }

  subscribe(tenantId: string, sink: PokeSink): () => void {
    let set = this.sinks.get(tenantId);
    if (!set) {
      set = new Set();
      this.sinks.set(tenantId, set);
    }
    set.add(sink);
    return () => {
      const s = this.sinks.get(tenantId);
      if (!s) return;
      s.delete(sink);
      if (s.size === 0) this.sinks.delete(tenantId);
    };
  }

  /** Open streams (tests, metrics). */
  streamCount(): number {
    let n = 0;
    for (const s of this.sinks.values()) n += s.size;
    return n;
  }

  private dispatch(payload: string): void {
    let parsed: z.infer<typeof notifyPayloadSchema>;
    try {
      parsed = notifyPayloadSchema.parse(JSON.parse(payload));
    } catch {
      return; // not ours (someone else NOTIFYing the channel): ignore, never crash the listener
    }
    const sinks = this.sinks.get(parsed.tenantId);
    if (!sinks) return;
    for (const sink of [...sinks]) sink(parsed.cursor);
  }

  /**
   * Serves one SSE stream for a tenant until the client goes away or the server closes.
   * `initialCursor` is sent first, so a console that reconnects learns at once whether it missed
   * a change while disconnected.
   */
  serve(reply: FastifyReply, tenantId: string, initialCursor: number): void {
    // Fastify stops managing the response: the stream is ours to write and to end.
    reply.hijack();
    const res = reply.raw;
    res.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-cache, no-transform',
      connection: 'keep-alive',
      // nginx and friends would otherwise buffer the stream.
      'x-accel-buffering': 'no',
    });
    const poke = (cursor: number): void => {
      res.write(`event: poke\ndata: ${JSON.stringify({ cursor })}\n\n`);
    };
    res.write(`retry: ${RETRY_MS}\n\n`);
    poke(initialCursor);
    const unsubscribe = this.subscribe(tenantId, poke);
    const heartbeat = setInterval(() => res.write(': heartbeat\n\n'), HEARTBEAT_MS);
    heartbeat.unref();
    let closed = false;
    const close = (): void => {
      if (closed) return;
      closed = true;
      clearInterval(heartbeat);
      unsubscribe();
      this.closers.delete(close);
      if (!res.writableEnded) res.end();
    };
    this.closers.add(close);
    // The response's 'close' fires when the client goes away (the request's may fire as soon as
    // its empty body is read, so it is not used).
    res.on('close', close);
    res.on('error', close);
  }

  /** Ends every open stream (before the HTTP server closes: open streams would hold it open). */
  closeStreams(): void {
    for (const close of [...this.closers]) close();
  }

  async stop(): Promise<void> {
    this.closeStreams();
    const unlisten = this.unlisten;
    this.unlisten = null;
    this.starting = null;
    if (unlisten) await unlisten();
  }
}
