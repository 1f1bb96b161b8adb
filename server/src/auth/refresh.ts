// Rotating refresh tokens. A login starts a family; each refresh marks the presented token used and
// issues the next one in the same family. Presenting a token that was already used means two
// parties hold the chain (a stolen token, or a replay): the whole family is revoked, so the thief's
// and the victim's next refresh both fail and the user logs in again. Tokens are 32 random bytes;
// only their SHA-256 is stored.
import { and, eq, isNull } from 'drizzle-orm';
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { Db, Tx } from '../db/database';
import { refreshTokens } from '../db/schema';

export const REFRESH_TTL_MS = 30 * 24 * 3600 * 1000;

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export async function issueRefreshToken(
  db: Db | Tx,
  user: { id: string; tenantId: string },
  now: number,
  familyId: string = randomUUID(),
): Promise<string> {
  const token = randomBytes(32).toString('base64url');
  await db.insert(refreshTokens).values({
    id: randomUUID(),
    familyId,
    userId: user.id,
    tenantId: user.tenantId,
    tokenHash: hashToken(token),
    expiresAt: new Date(now + REFRESH_TTL_MS),
    createdAt: new Date(now),
  });
  return token;
}

export type RotateOutcome =
  | { kind: 'ok'; token: string; userId: string; tenantId: string; familyId: string }
  | { kind: 'invalid' | 'expired' | 'reused' };

/**
 * Consumes `token` and issues its successor. The row lock (FOR UPDATE) makes two concurrent
 * refreshes with one token serialize: exactly one succeeds, the other is treated as reuse.
 */
export async function rotateRefreshToken(db: Db, token: string, now: number): Promise<RotateOutcome> {
  return db.transaction(async (tx) => {
    const [row] = await tx.select().from(refreshTokens).where(eq(refreshTokens.tokenHash, hashToken(token))).for('update');
    if (!row || row.revokedAt) return { kind: 'invalid' as const };
    if (row.usedAt) {
      await revokeFamily(tx, row.familyId, now);
      return { kind: 'reused' as const };
    }
    if (row.expiresAt.getTime() <= now) return { kind: 'expired' as const };
    await tx.update(refreshTokens).set({ usedAt: new Date(now) }).where(eq(refreshTokens.id, row.id));
    const next = await issueRefreshToken(tx, { id: row.userId, tenantId: row.tenantId }, now, row.familyId);
    return { kind: 'ok' as const, token: next, userId: row.userId, tenantId: row.tenantId, familyId: row.familyId };
  });
}

export async function revokeFamily(db: Db | Tx, familyId: string, now: number): Promise<void> {
  await db
    .update(refreshTokens)
    .set({ revokedAt: new Date(now) })
    .where(and(eq(refreshTokens.familyId, familyId), isNull(refreshTokens.revokedAt)));
}

/** Logout: revokes the family of `token` if it is one of ours; silent otherwise. */
export async function revokeByToken(db: Db, token: string, now: number): Promise<void> {
  const [row] = await db
    .select({ familyId: refreshTokens.familyId })
    .from(refreshTokens)
    .where(eq(refreshTokens.tokenHash, hashToken(token)));
  if (row) await revokeFamily(db, row.familyId, now);
}

/** Every family of a user (password or role change by an admin, disabling). */
export async function revokeUserTokens(db: Db | Tx, userId: string, now: number): Promise<void> {
  await db
    .update(refreshTokens)
    .set({ revokedAt: new Date(now) })
    .where(and(eq(refreshTokens.userId, userId), isNull(refreshTokens.revokedAt)));
}
