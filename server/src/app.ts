// The HTTP service: Fastify with JSON `{code, message}` errors, authentication on every route
// unless it is marked public, health/readiness probes, and the auth, admin and sync routes.
// Stateless (keys, sessions and rows live in PostgreSQL), so any number of instances can run
// behind a load balancer; live pokes reach every instance through LISTEN/NOTIFY.
import Fastify, { type FastifyError, type FastifyInstance } from 'fastify';
import { ZodError } from 'zod';
import { registerAdminRoutes } from './admin/routes';
import { registerAuthRoutes } from './auth/routes';
import { AuthService } from './auth/service';
import { KeyStore } from './auth/keys';
import { DEFAULT_ACCESS_TTL_S, createTokenIssuer } from './auth/tokens';
import './auth/guard'; // the FastifyRequest.user / route config augmentation
import { appliedMigrationCount, expectedMigrationCount, type ServerDb } from './db/database';
import { HttpError, unauthorized } from './http/errors';
import { registerSyncRoutes } from './sync/routes';

export interface LoggerSettings {
  level?: string;
  /** Where JSON log lines go (default stdout). */
  stream?: { write(line: string): unknown };
}

export interface BuildServerOptions {
  /** The opened database (openServerDb). */
  db: ServerDb;
  /** false (default): silent; true: info to stdout; or a level and a stream. */
  logger?: boolean | LoggerSettings;
  /** Access token lifetime (default NOC_ACCESS_TTL_S or 900 s). */
  accessTtlS?: number;
  /** Clock in ms (tests move it to expire tokens and locks). */
  now?: () => number;
  /** Trust X-Forwarded-* from a load balancer (default NOC_TRUST_PROXY=1). */
  trustProxy?: boolean;
}

/** A push of thousands of mutations is megabytes of JSON; more than this is a client bug. */
const BODY_LIMIT = 32 * 1024 * 1024;

// Secrets travel in headers, bodies and (for EventSource only) the query string: none of them is
// logged. Bodies are never logged at all; the request line is logged without its query.
function loggerOptions(settings: boolean | LoggerSettings | undefined): false | Record<string, unknown> {
  if (!settings) return false;
  const s = settings === true ? {} : settings;
  return {
    level: s.level ?? process.env.NOC_LOG_LEVEL ?? 'info',
    ...(s.stream ? { stream: s.stream } : {}),
    redact: {
      paths: [
        'req.headers.authorization',
        'req.headers.cookie',
        'headers.authorization',
        '*.password',
        '*.refreshToken',
        '*.accessToken',
        '*.otp',
      ],
      censor: '[redacted]',
    },
    serializers: {
      req: (req: { method: string; url: string; id: string; ip?: string }) => ({
        method: req.method,
        url: req.url.split('?')[0],
        reqId: req.id,
        remoteAddress: req.ip,
      }),
    },
  };
}

function bearer(header: string | undefined): string | null {
  const m = header ? /^Bearer\s+(\S+)$/i.exec(header) : null;
  return m?.[1] ?? null;
}

function queryToken(query: unknown): string | null {
  if (typeof query !== 'object' || query === null) return null;
  const t = (query as Record<string, unknown>).access_token;
  return typeof t === 'string' && t.length > 0 ? t : null;
}

function zodMessage(err: ZodError): string {
  return err.issues
    .slice(0, 5)
    .map((i) => `${i.path.length ? i.path.join('.') : 'body'}: ${i.message}`)
    .join('; ');
}

export async function buildServer(opts: BuildServerOptions): Promise<FastifyInstance> {
  const now = opts.now ?? Date.now;
  const ttlS = opts.accessTtlS ?? Number(process.env.NOC_ACCESS_TTL_S ?? DEFAULT_ACCESS_TTL_S);
  const db = opts.db.db;
  const app = Fastify({
    logger: loggerOptions(opts.logger),
    bodyLimit: BODY_LIMIT,
    trustProxy: opts.trustProxy ?? process.env.NOC_TRUST_PROXY === '1',
    // probes and graceful shutdown: answer 503 while closing so the balancer drains this instance
    return503OnClosing: true,
  }) as unknown as FastifyInstance;

  const tokens = createTokenIssuer(new KeyStore(db), { ttlS, now });
  const auth = new AuthService(db, tokens, now);
  let closing = false;
  app.addHook('preClose', async () => {
    closing = true;
  });

  app.setErrorHandler((err: FastifyError | HttpError | ZodError, request, reply) => {
    if (err instanceof HttpError) {
      return reply
        .headers(err.headers)
        .code(err.statusCode)
        .send({ code: err.code, message: err.message, ...err.extra });
    }
    if (err instanceof ZodError) return reply.code(400).send({ code: 'VALIDATION', message: zodMessage(err) });
    if (err.validation) return reply.code(400).send({ code: 'VALIDATION', message: err.message });
    const status = err.statusCode ?? 500;
    if (status >= 400 && status < 500) {
      // Fastify's own refusals (bad JSON, body too large, wrong content type)
      return reply.code(status).send({ code: status === 413 ? 'TOO_LARGE' : 'BAD_REQUEST', message: err.message });
    }
    request.log.error({ err }, 'request failed');
    return reply.code(500).send({ code: 'INTERNAL', message: 'internal error' });
  });
  app.setNotFoundHandler((_request, reply) => reply.code(404).send({ code: 'NOT_FOUND', message: 'no such route' }));

  app.decorateRequest('user', null);
  app.addHook('onRequest', async (request) => {
    const config = request.routeOptions.config;
    if (config.public) return;
    const token = bearer(request.headers.authorization) ?? (config.allowQueryToken ? queryToken(request.query) : null);
    if (!token) throw unauthorized('TOKEN_INVALID', 'missing access token');
    request.user = await tokens.verify(token);
  });

  app.get('/healthz', { config: { public: true } }, async () => ({ status: 'ok' }));

  const expected = expectedMigrationCount();
  app.get('/readyz', { config: { public: true } }, async (_request, reply) => {
    if (closing) return reply.code(503).send({ code: 'NOT_READY', message: 'shutting down' });
    try {
      const applied = await appliedMigrationCount(db);
      if (applied < expected) return reply.code(503).send({ code: 'NOT_READY', message: `migrations pending (${applied}/${expected})` });
    } catch {
      return reply.code(503).send({ code: 'NOT_READY', message: 'database unreachable' });
    }
    return { status: 'ready' };
  });

  registerAuthRoutes(app, auth);
  registerAdminRoutes(app, { db, now });
  registerSyncRoutes(app, { db, listen: opts.db.listen, notify: opts.db.notify });
  await app.ready();
  return app;
}
