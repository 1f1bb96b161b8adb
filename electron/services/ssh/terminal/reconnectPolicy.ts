// When a terminal reconnects by itself (profile option "auto-reconnect"): exponential backoff
// from 1 s, capped at 30 s, for a bounded number of attempts; errors that another try cannot fix
// (a changed host key, wrong credentials, a device or profile deleted meanwhile) stop it at once.
import { NocError } from '../../../../shared/ipc/errors';

export const MAX_RECONNECT_ATTEMPTS = 10;
const FIRST_DELAY_MS = 1_000;
const MAX_DELAY_MS = 30_000;

/** Delay before attempt `attempt` (1-based): 1 s, 2 s, 4 s … 30 s. */
export function reconnectDelayMs(attempt: number): number {
  return Math.min(MAX_DELAY_MS, FIRST_DELAY_MS * 2 ** Math.max(0, attempt - 1));
}

const FINAL_CODES: ReadonlySet<string> = new Set(['HOST_KEY_MISMATCH', 'AUTH_FAILED', 'NOT_FOUND', 'VALIDATION']);

/** A host-key refusal, an authentication failure or a target that no longer resolves fails the same way next time. */
export function isRetryable(error: unknown): boolean {
  return !(error instanceof NocError && FINAL_CODES.has(error.code));
}

export function describeError(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
