// The sync endpoints. Authentication is app.ts's onRequest hook (every route is authenticated
// unless marked public); this file adds the permission checks and maps the engine's results onto
// HTTP. Per-mutation refusals are results inside a 200, never an HTTP error (see push.ts).
import { eq } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { pullRequestSchema, type MutationResult, type PushResponse } from '../../../shared/sync/protocol';
import { currentUser, requirePermission } from '../auth/guard';
import type { ServerDb } from '../db/database';
import { tenants } from '../db/schema';
import { HttpError } from '../http/errors';
import { conflictsQuerySchema, listConflicts } from './conflicts';
import { SyncEventHub } from './live';
import { pullJson, pullRows, type PulledRows } from './pull';
import { responseSink, streamPull } from './pullStream';
import { applyPush } from './push';
import { parsePushBody } from './pushBody';
import { toInt } from './sqlRows';
import { UnknownTenantError, type SyncDb, type SyncUser } from './types';

export interface SyncRouteDeps {
  db: ServerDb['db'];
  listen: ServerDb['listen'];
  notify: ServerDb['notify'];
}

/** A push of MAX_PUSH_MUTATIONS mutations with sizeable patches is several MB (Fastify's default: 1 MB). */
const PUSH_BODY_LIMIT = 64 * 1024 * 1024;

/** The token names a tenant that no longer exists: the token is no good. */
function asHttpError(err: unknown): unknown {
  return err instanceof UnknownTenantError ? new HttpError(401, 'TOKEN_INVALID', 'unknown tenant') : err;
}

export function registerSyncRoutes(app: FastifyInstance, deps: SyncRouteDeps): void {
  const hub = new SyncEventHub(deps.listen);
  // Open streams would keep the HTTP server from closing: end them first.
  app.addHook('preClose', async () => hub.closeStreams());
  app.addHook('onClose', async () => hub.stop());

  app.post('/v1/sync/push', { bodyLimit: PUSH_BODY_LIMIT }, async (request) => {
    const user = currentUser(request);
    const parsed = parsePushBody(request.body);
    try {
      return await pushParsed(deps.db, user, parsed);
    } catch (err) {
      throw asHttpError(err);
    }
  });

  app.post('/v1/sync/pull', { preHandler: requirePermission('sync:read') }, async (request, reply) => {
    const user = currentUser(request);
    const req = pullRequestSchema.parse(request.body ?? {});
    try {
      const batch = await pullJson(deps.db, user, req);
      // The rows' JSON came from PostgreSQL as text: send it untouched (no parse + stringify).
      return reply.type('application/json; charset=utf-8').send(batch.json);
    } catch (err) {
      throw asHttpError(err);
    }
  });

  app.post('/v1/sync/pull/stream', { preHandler: requirePermission('sync:read') }, async (request, reply) => {
    const user = currentUser(request);
    const req = pullRequestSchema.parse(request.body ?? {});
    let first: PulledRows;
    try {
      first = await pullRows(deps.db, user, req);
    } catch (err) {
      throw asHttpError(err);
    }
    reply.hijack();
    const res = reply.raw;
    res.writeHead(200, { 'content-type': 'application/x-ndjson; charset=utf-8', 'cache-control': 'no-store' });
    const sink = responseSink(res);
    try {
      await streamPull(deps.db, user, req, sink, first);
      res.end();
    } catch (err) {
      // Headers are out: the only honest signal left is a cut stream (no end line).
      request.log.error({ err }, 'pull stream failed');
      res.destroy();
    }
  });

  app.get('/v1/sync/conflicts', { preHandler: requirePermission('sync:read') }, async (request) => {
    const user = currentUser(request);
    const query = conflictsQuerySchema.parse(request.query ?? {});
    return { conflicts: await listConflicts(deps.db, user, query) };
  });

  app.get(
    '/v1/sync/events',
    // EventSource cannot set headers: this route alone also takes ?access_token=.
    { config: { allowQueryToken: true }, preHandler: requirePermission('sync:read') },
    async (request, reply) => {
      const user = currentUser(request);
      try {
        await hub.start();
      } catch {
        throw new HttpError(503, 'UNAVAILABLE', 'live channel unavailable, poll instead');
      }
      const [tenant] = await deps.db.select({ seq: tenants.changeSeq }).from(tenants).where(eq(tenants.id, user.tenantId));
      if (!tenant) throw asHttpError(new UnknownTenantError());
      hub.serve(reply, user.tenantId, toInt(tenant.seq));
    },
  );
}

/** Valid mutations go through the engine; malformed ones keep their place as rejections. */
async function pushParsed(db: SyncDb, user: SyncUser, parsed: ReturnType<typeof parsePushBody>): Promise<PushResponse> {
  const valid = parsed.entries.flatMap((e) => (e.ok ? [e.mutation] : []));
  const applied = await applyPush(db, user, { clientId: parsed.clientId, mutations: valid });
  const results: MutationResult[] = [];
  let next = 0;
  for (const entry of parsed.entries) {
    const result = entry.ok ? applied.results[next++] : entry.result;
    if (!result) throw new Error('push result count mismatch');
    results.push(result);
  }
  return { results, cursor: applied.cursor };
}
