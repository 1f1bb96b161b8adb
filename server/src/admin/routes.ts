// Tenant user administration (`sync:admin`). The tenant is always the caller's, from the token:
// another tenant's user id is answered 404, exactly like an id that does not exist.
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { currentUser, requirePermission } from '../auth/guard';
import type { Db } from '../db/database';
import { notFound } from '../http/errors';
import { createUser, getUser, listUsers, newPasswordSchema, roleSchema, setRole, toUserView, usernameSchema } from './users';

const createUserBody = z.object({ username: usernameSchema, password: newPasswordSchema, role: roleSchema });
const roleBody = z.object({ role: roleSchema });
const idParams = z.object({ id: z.string().min(1).max(100) });

export function registerAdminRoutes(app: FastifyInstance, deps: { db: Db; now: () => number }): void {
  const { db, now } = deps;
  const admin = { preHandler: requirePermission('sync:admin') };

  app.get('/v1/admin/users', admin, async (request) => ({ users: await listUsers(db, currentUser(request).tenantId, now()) }));

  app.get('/v1/admin/users/:id', admin, async (request) => {
    const user = await getUser(db, currentUser(request).tenantId, idParams.parse(request.params).id);
    if (!user) throw notFound('no such user');
    return toUserView(user, now());
  });

  app.post('/v1/admin/users', admin, async (request, reply) => {
    const body = createUserBody.parse(request.body);
    const user = await createUser(db, { tenantId: currentUser(request).tenantId, ...body }, now());
    return reply.code(201).send(user);
  });

  app.post('/v1/admin/users/:id/role', admin, async (request) => {
    const { id } = idParams.parse(request.params);
    const { role } = roleBody.parse(request.body);
    return setRole(db, currentUser(request).tenantId, id, role, now());
  });
}
