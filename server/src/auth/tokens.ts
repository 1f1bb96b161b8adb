// Access tokens: short-lived RS256 JWTs (claims sub, tid, ten, role, usr; `kid` header names the
// signing key). Verification maps every failure to 401 TOKEN_EXPIRED or TOKEN_INVALID and never
// says more (a caller learns nothing from a forged token's error).
import { SignJWT, decodeProtectedHeader, errors as joseErrors, jwtVerify } from 'jose';
import { z } from 'zod';
import { ROLES } from '../../../shared/domain/permissions';
import { unauthorized } from '../http/errors';
import type { AuthUser } from './guard';
import type { KeyStore } from './keys';

export const ISSUER = 'noc-server';
export const AUDIENCE = 'noc-console';
export const DEFAULT_ACCESS_TTL_S = 15 * 60;

const claimsSchema = z.object({
  sub: z.string().min(1),
  tid: z.string().min(1),
  ten: z.string().min(1),
  usr: z.string().min(1),
  role: z.enum(ROLES),
});

export interface TokenIssuer {
  sign(user: AuthUser): Promise<{ token: string; expiresIn: number }>;
  verify(token: string): Promise<AuthUser>;
}

export function createTokenIssuer(keys: KeyStore, opts: { ttlS: number; now: () => number }): TokenIssuer {
  return {
    async sign(user) {
      const key = await keys.signingKey();
      const iat = Math.floor(opts.now() / 1000);
      const token = await new SignJWT({ tid: user.tenantId, ten: user.tenantSlug, usr: user.username, role: user.role })
        .setProtectedHeader({ alg: 'RS256', kid: key.kid, typ: 'JWT' })
        .setSubject(user.id)
        .setIssuer(ISSUER)
        .setAudience(AUDIENCE)
        .setIssuedAt(iat)
        .setExpirationTime(iat + opts.ttlS)
        .sign(key.privateKey);
      return { token, expiresIn: opts.ttlS };
    },

    async verify(token) {
      let kid: string | undefined;
      try {
        kid = decodeProtectedHeader(token).kid;
      } catch {
        throw unauthorized('TOKEN_INVALID', 'invalid access token');
      }
      const publicKey = kid ? await keys.publicKey(kid) : null;
      if (!publicKey) throw unauthorized('TOKEN_INVALID', 'invalid access token');
      try {
        const { payload } = await jwtVerify(token, publicKey, {
          algorithms: ['RS256'],
          issuer: ISSUER,
          audience: AUDIENCE,
          currentDate: new Date(opts.now()),
          // exp is checked exactly: a test clock may move by one second
          clockTolerance: 0,
        });
        const c = claimsSchema.parse(payload);
        return { id: c.sub, tenantId: c.tid, tenantSlug: c.ten, username: c.usr, role: c.role };
      } catch (err) {
        if (err instanceof joseErrors.JWTExpired) throw unauthorized('TOKEN_EXPIRED', 'access token expired');
        throw unauthorized('TOKEN_INVALID', 'invalid access token');
      }
    },
  };
}
