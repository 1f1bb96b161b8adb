// The auth flows: login (password, then TOTP or a recovery code when MFA is on), refresh, logout,
// MFA enrolment. Every failure of a login answers the same AUTH_FAILED whether the tenant or the
// user exists or the password is wrong, and pays the same scrypt cost.
import { and, eq } from 'drizzle-orm';
import type { LoginRequest, SessionUser, TokenResponse } from '../../../shared/sync/protocol';
import type { Db } from '../db/database';
import { tenants, users } from '../db/schema';
import { findTenantBySlug, findUser, getUser, roleSchema } from '../admin/users';
import { HttpError, unauthorized } from '../http/errors';
import type { AuthUser } from './guard';
import { GhostLockout, recordFailure, resetFailures } from './lockout';
import {
  totpStep,
  enrolment,
  hashRecoveryCodes,
  looksLikeTotp,
  matchRecoveryCode,
  newRecoveryCodes,
  newTotpSecret,
} from './mfa';
import { burnPasswordCheck, verifySecret } from './passwords';
import { issueRefreshToken, revokeByToken, rotateRefreshToken } from './refresh';
import type { TokenIssuer } from './tokens';

type UserRow = typeof users.$inferSelect;

function locked(until: number, now: number): HttpError {
  const retryAfterS = Math.max(1, Math.ceil((until - now) / 1000));
  return new HttpError(423, 'LOCKED', `too many failed attempts; try again in ${retryAfterS} s`, { 'retry-after': String(retryAfterS) }, {
    retryAfterS,
    retryAt: new Date(until).toISOString(),
  });
}

const authFailed = (): HttpError => unauthorized('AUTH_FAILED', 'wrong tenant, user name or password');

export class AuthService {
  private readonly ghosts = new GhostLockout();

  constructor(
    private readonly db: Db,
    private readonly tokens: TokenIssuer,
    private readonly now: () => number,
  ) {}

  async login(req: LoginRequest): Promise<TokenResponse> {
    const now = this.now();
    const tenant = await findTenantBySlug(this.db, req.tenant);
    const user = tenant ? await findUser(this.db, tenant.id, req.username) : null;
    if (!tenant || !user) {
      const key = `${req.tenant}\u0000${req.username}`;
      const until = this.ghosts.lockedUntil(key, now);
      if (until) throw locked(until, now);
      await burnPasswordCheck(req.password);
      this.ghosts.recordFailure(key, now);
      throw authFailed();
    }
    if (user.lockedUntil && user.lockedUntil.getTime() > now) throw locked(user.lockedUntil.getTime(), now);

    const passwordOk = await verifySecret(req.password, user.passwordHash);
    if (!passwordOk || user.disabled) {
      if (!user.disabled) await recordFailure(this.db, user.id, now);
      throw authFailed();
    }
    if (user.mfaEnabled) {
      if (!req.otp) throw unauthorized('MFA_REQUIRED', 'a one-time code is required');
      if (!(await this.checkSecondFactor(user, req.otp, now))) {
        await recordFailure(this.db, user.id, now);
        throw unauthorized('MFA_FAILED', 'wrong one-time code');
      }
    }
    if (user.failedLogins > 0 || user.lockedUntil) await resetFailures(this.db, user.id);
    return this.issue(user, tenant.slug, await issueRefreshToken(this.db, user, now));
  }

  /** A TOTP code (±1 step), or an unused recovery code, which this consumes. */
  private async checkSecondFactor(user: UserRow, otp: string, now: number): Promise<boolean> {
    if (looksLikeTotp(otp)) return user.totpSecret !== null && this.spendTotp(user.id, user.totpSecret, otp.trim(), now);
    return this.db.transaction(async (tx) => {
      // lock the row: one recovery code presented twice at once is accepted once
      const [row] = await tx.select({ codes: users.recoveryCodes }).from(users).where(eq(users.id, user.id)).for('update');
      const codes = row?.codes ?? [];
      const i = await matchRecoveryCode(otp, codes);
      if (i < 0) return false;
      await tx
        .update(users)
        .set({ recoveryCodes: codes.filter((_, j) => j !== i) })
        .where(eq(users.id, user.id));
      return true;
    });
  }

  /** A valid code of a step after the last one spent, which it then spends (row locked: two logins with one code, one wins). */
  private spendTotp(userId: string, secret: string, code: string, now: number): Promise<boolean> {
    const step = totpStep(secret, code, now);
    if (step === null) return Promise.resolve(false);
    return this.db.transaction(async (tx) => {
      const [row] = await tx.select({ last: users.totpLastStep }).from(users).where(eq(users.id, userId)).for('update');
      if (row === undefined || (row.last !== null && step <= row.last)) return false;
      await tx.update(users).set({ totpLastStep: step }).where(eq(users.id, userId));
      return true;
    });
  }

  async refresh(refreshToken: string): Promise<TokenResponse> {
    const now = this.now();
    const out = await rotateRefreshToken(this.db, refreshToken, now);
    if (out.kind !== 'ok') {
      if (out.kind === 'reused') throw unauthorized('TOKEN_REUSED', 'refresh token already used; the session is revoked');
      if (out.kind === 'expired') throw unauthorized('TOKEN_EXPIRED', 'refresh token expired');
      throw unauthorized('TOKEN_INVALID', 'invalid refresh token');
    }
    // the role and the account state come from the database, not the old token
    const [row] = await this.db
      .select({ user: users, slug: tenants.slug })
      .from(users)
      .innerJoin(tenants, eq(tenants.id, users.tenantId))
      .where(and(eq(users.id, out.userId), eq(users.tenantId, out.tenantId)));
    if (!row || row.user.disabled) throw unauthorized('TOKEN_INVALID', 'invalid refresh token');
    return this.issue(row.user, row.slug, out.token);
  }

  async logout(refreshToken: string): Promise<void> {
    await revokeByToken(this.db, refreshToken, this.now());
  }

  async me(auth: AuthUser): Promise<SessionUser> {
    const user = await getUser(this.db, auth.tenantId, auth.id);
    if (!user || user.disabled) throw unauthorized('TOKEN_INVALID', 'unknown user');
    return sessionUser(user, auth.tenantSlug);
  }

  /** Starts (or restarts, before verification) TOTP enrolment. */
  async enrolMfa(auth: AuthUser): Promise<{ otpauthUri: string; secret: string; qrSvg: string }> {
    const user = await getUser(this.db, auth.tenantId, auth.id);
    if (!user) throw unauthorized('TOKEN_INVALID', 'unknown user');
    // re-enrolling would swap the secret under an enabled MFA without proof of the old factor
    if (user.mfaEnabled) throw new HttpError(409, 'MFA_ALREADY_ENABLED', 'MFA is already enabled');
    const secret = newTotpSecret();
    await this.db
      .update(users)
      .set({ totpSecret: secret })
      .where(and(eq(users.id, user.id), eq(users.tenantId, auth.tenantId)));
    return enrolment(secret, `${auth.username}@${auth.tenantSlug}`);
  }

  /** Enables MFA once a code from the enrolled secret checks out; returns the recovery codes (shown once). */
  async verifyMfa(auth: AuthUser, otp: string): Promise<{ recoveryCodes: string[] }> {
    const user = await getUser(this.db, auth.tenantId, auth.id);
    if (!user) throw unauthorized('TOKEN_INVALID', 'unknown user');
    if (user.mfaEnabled) throw new HttpError(409, 'MFA_ALREADY_ENABLED', 'MFA is already enabled');
    if (!user.totpSecret) throw new HttpError(409, 'MFA_NOT_ENROLLED', 'start enrolment first');
    // 400, not 401: the access token is fine, only the code is wrong (a client must not log out)
    if (!(await this.spendTotp(user.id, user.totpSecret, otp.trim(), this.now()))) throw new HttpError(400, 'MFA_FAILED', 'wrong one-time code');
    const recoveryCodes = newRecoveryCodes();
    await this.db
      .update(users)
      .set({ mfaEnabled: true, recoveryCodes: await hashRecoveryCodes(recoveryCodes) })
      .where(and(eq(users.id, user.id), eq(users.tenantId, auth.tenantId)));
    return { recoveryCodes };
  }

  private async issue(user: UserRow, tenantSlug: string, refreshToken: string): Promise<TokenResponse> {
    const session = sessionUser(user, tenantSlug);
    const { token, expiresIn } = await this.tokens.sign({
      id: session.id,
      tenantId: session.tenantId,
      tenantSlug: session.tenantSlug,
      username: session.username,
      role: session.role,
    });
    return { accessToken: token, expiresIn, refreshToken, user: session };
  }
}

function sessionUser(user: UserRow, tenantSlug: string): SessionUser {
  return {
    id: user.id,
    tenantId: user.tenantId,
    tenantSlug,
    username: user.username,
    role: roleSchema.parse(user.role),
    mfa: user.mfaEnabled,
  };
}
