// POST /v1/sync/pull/stream: the initial sync as ONE response of newline-delimited JSON, so a
// console with an empty cache does not pay a round trip per batch. The server walks the same
// keyset batches as /v1/sync/pull (pull.ts) and fetches batch k+1 while batch k is on the wire,
// so PostgreSQL, Node and the network work at the same time. Memory stays bounded: at most one
// batch waits, and the socket's backpressure is respected.
//
// Lines: one PulledRow per line, in version order; the last line is `{"end":true,"cursor":N}`.
// A stream cut before that line is incomplete: since rows arrive in version order, the client
// may keep what it got and resume from the last version it applied.
import type { ServerResponse } from 'node:http';
import type { PullRequest } from '../../../shared/sync/protocol';
import { pullRows, type PulledRows } from './pull';
import type { SyncDb, SyncUser } from './types';

export interface StreamSink {
  /** Resolves when the chunk is accepted (after 'drain' if the socket's buffer was full). */
  write(chunk: string): Promise<void>;
  /** The client went away: stop querying. */
  closed(): boolean;
}

/** `first`: the first batch when the caller fetched it already (to answer errors before streaming). */
export async function streamPull(
  db: SyncDb,
  user: SyncUser,
  req: PullRequest,
  sink: StreamSink,
  first?: PulledRows,
): Promise<{ rows: number; cursor: number }> {
  let total = 0;
  let next: Promise<PulledRows> = first ? Promise.resolve(first) : pullRows(db, user, req);
  for (;;) {
    const batch = await next;
    // Ask for the following batch before writing this one: the query overlaps the write.
    if (batch.more) next = pullRows(db, user, { ...req, cursor: batch.cursor });
    total += batch.rows.length;
    if (batch.rows.length) await sink.write(`${batch.rows.join('\n')}\n`);
    if (!batch.more) {
      await sink.write(`${JSON.stringify({ end: true, cursor: batch.cursor })}\n`);
      return { rows: total, cursor: batch.cursor };
    }
    if (sink.closed()) {
      await next.catch(() => undefined); // let the in-flight query finish before giving up
      return { rows: total, cursor: batch.cursor };
    }
  }
}

/** A StreamSink over an HTTP response, with backpressure. */
export function responseSink(res: ServerResponse): StreamSink {
  let gone = false;
  res.on('close', () => {
    gone = true;
  });
  return {
    closed: () => gone,
    write: (chunk) =>
      new Promise<void>((resolve) => {
        if (gone || res.write(chunk)) return resolve();
        // The socket's buffer is full: wait until it drains, or until the client is gone.
        const done = (): void => {
          res.off('drain', done);
          res.off('close', done);
          resolve();
        };
        res.on('drain', done);
        res.on('close', done);
      }),
  };
}
