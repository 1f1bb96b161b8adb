// Tenants and users: the one place that creates and changes them, used by the admin HTTP routes
// and the `noc-server` CLI alike. Every function takes the tenant id explicitly and filters on it,
// so a caller cannot reach another tenant's user even with a valid user id.
import { and, asc, eq, sql } from 'drizzle-orm';
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { ROLES, type Role } from '../../../shared/domain/permissions';
import type { Db, Tx } from '../db/database';
import { tenants, users } from '../db/schema';
import { enrolment, hashRecoveryCodes, newRecoveryCodes, newTotpSecret } from '../auth/mfa';
import { hashSecret } from '../auth/passwords';
import { HttpError, notFound } from '../http/errors';

export const slugSchema = z.string().regex(/^[a-z0-9][a-z0-9-]{0,62}$/, 'lowercase letters, digits and dashes');
export const usernameSchema = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._@-]{0,99}$/, 'letters, digits and . _ @ -');
/** Length is what makes a password strong; no composition rules (NIST SP 800-63B). */
export const newPasswordSchema = z.string().min(10, 'at least 10 characters').max(1000);
export const roleSchema = z.enum(ROLES);

export interface TenantView {
  id: string;
  slug: string;
  name: string;
}

export interface UserView {
  id: string;
  username: string;
  role: Role;
  mfa: boolean;
  disabled: boolean;
  /** Locked out by failed logins right now. */
  locked: boolean;
  createdAt: string;
}

type UserRow = typeof users.$inferSelect;

export function toUserView(u: UserRow, now: number): UserView {
  return {
    id: u.id,
    username: u.username,
    role: roleSchema.parse(u.role),
    mfa: u.mfaEnabled,
    disabled: u.disabled,
    locked: u.lockedUntil !== null && u.lockedUntil.getTime() > now,
    createdAt: u.createdAt.toISOString(),
  };
}

const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** A malformed id is "not found", never a database cast error. */
export function isUuid(id: string): boolean {
  return UUID_RE.test(id);
}

export async function createTenant(db: Db, input: { slug: string; name: string }): Promise<TenantView> {
  const slug = slugSchema.parse(input.slug);
  const name = z.string().min(1).max(200).parse(input.name);
  const rows = await db.insert(tenants).values({ id: randomUUID(), slug, name }).onConflictDoNothing().returning();
  const row = rows[0];
  if (!row) throw new HttpError(409, 'TENANT_EXISTS', `tenant ${slug} exists`);
  return { id: row.id, slug: row.slug, name: row.name };
}

export async function findTenantBySlug(db: Db | Tx, slug: string): Promise<TenantView | null> {
  const [row] = await db.select().from(tenants).where(eq(tenants.slug, slug));
  return row ? { id: row.id, slug: row.slug, name: row.name } : null;
}

export async function requireTenant(db: Db, slug: string): Promise<TenantView> {
  const t = await findTenantBySlug(db, slug);
  if (!t) throw notFound(`no tenant ${slug}`);
  return t;
}

export async function findUser(db: Db | Tx, tenantId: string, username: string): Promise<UserRow | null> {
  const [row] = await db
    .select()
    .from(users)
    .where(and(eq(users.tenantId, tenantId), eq(users.username, username)));
  return row ?? null;
}

export async function getUser(db: Db | Tx, tenantId: string, userId: string): Promise<UserRow | null> {
  if (!isUuid(userId)) return null;
  const [row] = await db
    .select()
    .from(users)
    .where(and(eq(users.tenantId, tenantId), eq(users.id, userId)));
  return row ?? null;
}

export async function listUsers(db: Db, tenantId: string, now: number): Promise<UserView[]> {
  const rows = await db.select().from(users).where(eq(users.tenantId, tenantId)).orderBy(asc(users.username));
  return rows.map((u) => toUserView(u, now));
}

export async function createUser(
  db: Db,
  input: { tenantId: string; username: string; password: string; role: string },
  now: number,
): Promise<UserView> {
  const username = usernameSchema.parse(input.username);
  const password = newPasswordSchema.parse(input.password);
  const role = roleSchema.parse(input.role);
  const passwordHash = await hashSecret(password); // outside the transaction: it takes a while
  return db.transaction(async (tx) => {
    // usernames are unique per tenant: serialize creators of the same name, then check
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`${input.tenantId}/${username}`}))`);
    if (await findUser(tx, input.tenantId, username)) throw new HttpError(409, 'USERNAME_TAKEN', `user ${username} exists`);
    const [row] = await tx
      .insert(users)
      .values({ id: randomUUID(), tenantId: input.tenantId, username, passwordHash, role, createdAt: new Date(now) })
      .returning();
    if (!row) throw new Error('insert returned no row');
    return toUserView(row, now);
  });
}

/**
 * Changes a user's role. Refuses to demote the tenant's last admin (nobody could manage users any
 * more). Sessions stay: a refresh reads the role from the database, so the new role is in force
 * at the next access token (within its 15 min TTL) without logging the user out.
 */
export async function setRole(db: Db, tenantId: string, userId: string, role: string, now: number): Promise<UserView> {
  const newRole = roleSchema.parse(role);
  return db.transaction(async (tx) => {
    // lock the tenant's admins: two concurrent demotions cannot both see "another admin remains"
    const admins = await tx
      .select({ id: users.id })
      .from(users)
      .where(and(eq(users.tenantId, tenantId), eq(users.role, 'admin'), eq(users.disabled, false)))
      .for('update');
    const user = await getUser(tx, tenantId, userId);
    if (!user) throw notFound('no such user');
    if (user.role === 'admin' && newRole !== 'admin' && admins.length <= 1) {
      throw new HttpError(409, 'LAST_ADMIN', 'the tenant needs at least one admin');
    }
    if (user.role === newRole) return toUserView(user, now);
    const [row] = await tx
      .update(users)
      .set({ role: newRole })
      .where(and(eq(users.tenantId, tenantId), eq(users.id, userId)))
      .returning();
    if (!row) throw notFound('no such user');
    return toUserView(row, now);
  });
}

/**
 * Enrols and enables TOTP in one step, for an administrator setting up an account from the CLI
 * (the user's first login then needs the authenticator). Returns what an authenticator needs and
 * the recovery codes, once.
 */
export async function enableTotpForUser(
  db: Db,
  tenant: TenantView,
  userId: string,
): Promise<{ secret: string; otpauthUri: string; recoveryCodes: string[] }> {
  const user = await getUser(db, tenant.id, userId);
  if (!user) throw notFound('no such user');
  const secret = newTotpSecret();
  const { otpauthUri } = await enrolment(secret, `${user.username}@${tenant.slug}`);
  const recoveryCodes = newRecoveryCodes();
  await db
    .update(users)
    .set({ totpSecret: secret, mfaEnabled: true, recoveryCodes: await hashRecoveryCodes(recoveryCodes) })
    .where(and(eq(users.tenantId, tenant.id), eq(users.id, userId)));
  return { secret, otpauthUri, recoveryCodes };
}
