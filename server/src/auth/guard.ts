// Authentication is on for every route by default (secure by default): app.ts verifies the bearer
// token in an onRequest hook unless the route says `config: { public: true }`. Routes read the
// caller with `currentUser(request)` and check permissions with the `requirePermission` preHandler.
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ROLE_PERMISSIONS, type Permission, type Role } from '../../../shared/domain/permissions';
import { HttpError, forbidden } from '../http/errors';

export interface AuthUser {
  id: string;
  tenantId: string;
  tenantSlug: string;
  username: string;
  role: Role;
}

declare module 'fastify' {
  interface FastifyRequest {
    /** Set by the auth hook on authenticated routes; null on public ones. */
    user: AuthUser | null;
  }
  interface FastifyContextConfig {
    /** No token needed (health, login, refresh, logout). */
    public?: boolean;
    /** Also accept `?access_token=` (EventSource cannot set headers): the SSE route only. */
    allowQueryToken?: boolean;
  }
}

export function currentUser(request: FastifyRequest): AuthUser {
  if (!request.user) throw new HttpError(401, 'TOKEN_INVALID', 'authentication required');
  return request.user;
}

export function hasPermission(user: AuthUser, permission: Permission): boolean {
  return ROLE_PERMISSIONS[user.role].has(permission);
}

/** preHandler: 403 PERMISSION_DENIED unless the caller's role grants `permission`. */
export function requirePermission(permission: Permission) {
  return async (request: FastifyRequest, _reply: FastifyReply): Promise<void> => {
    if (!hasPermission(currentUser(request), permission)) throw forbidden(`requires ${permission}`);
  };
}
