// Retry delays for transport failures (server down, network gone, 5xx, 429): exponential from 1 s,
// capped at 60 s, with a little jitter so many consoles coming back together do not stampede.
// Sync retries forever: a queued change is never given up on because the network was away.

export const BACKOFF_MIN_MS = 1000;
export const BACKOFF_MAX_MS = 60_000;

/** Delay before retry number `attempt` (1 = the first retry after one failure). */
export function backoffDelay(attempt: number, random: () => number = Math.random): number {
  const exp = Math.min(BACKOFF_MAX_MS, BACKOFF_MIN_MS * 2 ** Math.max(0, Math.min(attempt - 1, 16)));
  // ±10 % jitter, never past the cap nor below the floor
  const jittered = exp * (0.9 + 0.2 * random());
  return Math.round(Math.min(BACKOFF_MAX_MS, Math.max(BACKOFF_MIN_MS, jittered)));
}

/** Failure counter with its next delay; reset on success. */
export class Backoff {
  private failures = 0;
  constructor(private readonly random: () => number = Math.random) {}

  /** Records a failure and returns how long to wait before the next try. */
  fail(): number {
    this.failures++;
    return backoffDelay(this.failures, this.random);
  }

  reset(): void {
    this.failures = 0;
  }

  get attempts(): number {
    return this.failures;
  }
}
