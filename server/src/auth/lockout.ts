// Lockout with exponential backoff: after MAX_FAILURES consecutive failures (wrong password or
// wrong second factor) the account is locked for 30 s, and each further failure after the lock
// expires doubles it (capped at an hour). A success resets the count. Unknown users get the same
// treatment from an in-memory table, so a 423 never tells an attacker that a user exists.
import { eq, sql } from 'drizzle-orm';
import type { Db } from '../db/database';
import { users } from '../db/schema';

export const MAX_FAILURES = 5;
const BASE_LOCK_MS = 30_000;
const MAX_LOCK_MS = 3600_000;

export function lockDurationMs(failures: number): number {
  if (failures < MAX_FAILURES) return 0;
  return Math.min(MAX_LOCK_MS, BASE_LOCK_MS * 2 ** Math.min(failures - MAX_FAILURES, 20));
}

/** Records one failure; returns when the account is locked until (null: not locked). */
export async function recordFailure(db: Db, userId: string, now: number): Promise<Date | null> {
  // one atomic statement: concurrent failures each count
  const [row] = await db
    .update(users)
    .set({ failedLogins: sql`${users.failedLogins} + 1` })
    .where(eq(users.id, userId))
    .returning({ failedLogins: users.failedLogins });
  const lockMs = lockDurationMs(row?.failedLogins ?? 0);
  if (lockMs === 0) return null;
  const until = new Date(now + lockMs);
  await db.update(users).set({ lockedUntil: until }).where(eq(users.id, userId));
  return until;
}

export async function resetFailures(db: Db, userId: string): Promise<void> {
  await db.update(users).set({ failedLogins: 0, lockedUntil: null }).where(eq(users.id, userId));
}

/** Failures against names that do not exist, per instance; bounded so it cannot grow without limit. */
export class GhostLockout {
  private readonly entries = new Map<string, { failures: number; lockedUntil: number }>();
  constructor(private readonly capacity = 10_000) {}

  lockedUntil(key: string, now: number): number | null {
    const e = this.entries.get(key);
    return e && e.lockedUntil > now ? e.lockedUntil : null;
  }

  recordFailure(key: string, now: number): void {
    const e = this.entries.get(key) ?? { failures: 0, lockedUntil: 0 };
    e.failures += 1;
    const lockMs = lockDurationMs(e.failures);
    if (lockMs > 0) e.lockedUntil = now + lockMs;
    this.entries.delete(key); // re-insert: Map order is the eviction order (least recent first)
    this.entries.set(key, e);
    if (this.entries.size > this.capacity) {
      const oldest = this.entries.keys().next().value;
      if (oldest !== undefined) this.entries.delete(oldest);
    }
  }
}
