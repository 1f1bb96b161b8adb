// better-sqlite3 is synchronous: when another connection (a second console window, the CLI, a
// sync worker) holds the write lock past busy_timeout, SQLite throws SQLITE_BUSY. We retry the
// whole transaction with a bounded backoff rather than surface a transient lock to the user.
import { NocError } from '../../../shared/ipc/errors';
import { sleepSync } from '../util/sleep';

const BUSY_CODES = new Set(['SQLITE_BUSY', 'SQLITE_BUSY_SNAPSHOT', 'SQLITE_BUSY_RECOVERY']);

export function isBusyError(err: unknown): boolean {
  return typeof err === 'object' && err !== null && BUSY_CODES.has(String((err as { code?: unknown }).code));
}

export function withBusyRetry<T>(fn: () => T, attempts = 8, firstDelayMs = 20): T {
  let delay = firstDelayMs;
  for (let i = 1; ; i++) {
    try {
      return fn();
    } catch (err) {
      if (!isBusyError(err)) throw err;
      if (i >= attempts) {
        throw new NocError('UNAVAILABLE', 'The local cache is locked by another process; try again in a moment.');
      }
      sleepSync(delay);
      delay = Math.min(delay * 2, 500);
    }
  }
}
