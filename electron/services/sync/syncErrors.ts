// How a call to the sync service failed decides what the console does next: `offline` and
// `transient` (network gone, timeout, 5xx, 429) are retried with backoff forever; `auth` (401) means
// refresh the token or log in again; `permanent` (another 4xx) is the request's own fault.
export type SyncFailureKind = 'offline' | 'transient' | 'auth' | 'permanent';

export class SyncHttpError extends Error {
  constructor(
    readonly kind: SyncFailureKind,
    /** HTTP status, 0 when no answer came. */
    readonly status: number,
    /** The server's `code` (TOKEN_EXPIRED, AUTH_FAILED, …) or NETWORK / TIMEOUT. */
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'SyncHttpError';
  }

  get retryable(): boolean {
    return this.kind === 'offline' || this.kind === 'transient';
  }
}

export function kindOfStatus(status: number): SyncFailureKind {
  if (status === 401) return 'auth';
  if (status === 429 || status >= 500) return 'transient';
  return 'permanent';
}
