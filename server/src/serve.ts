// Runs the service: open the database, apply migrations, listen. Graceful shutdown on SIGTERM /
// SIGINT: stop accepting, let in-flight requests finish (readiness turns 503 first so a balancer
// drains this instance), close the pool; a second signal, or a drain that overruns its deadline,
// exits at once.
import type { FastifyInstance } from 'fastify';
import { buildServer, type LoggerSettings } from './app';
import { openServerDb, type ServerDb } from './db/database';

export interface ServeOptions {
  host: string;
  port: number;
  databaseUrl?: string;
  dataDir?: string;
  logger?: boolean | LoggerSettings;
}

export interface RunningServer {
  url: string;
  port: number;
  app: FastifyInstance;
  db: ServerDb;
  close(): Promise<void>;
}

export async function startServer(opts: ServeOptions): Promise<RunningServer> {
  const db = await openServerDb({ url: opts.databaseUrl, dataDir: opts.dataDir });
  try {
    await db.migrate();
    const app = await buildServer({ db, logger: opts.logger ?? true });
    await app.listen({ host: opts.host, port: opts.port });
    const address = app.server.address();
    const port = typeof address === 'object' && address ? address.port : opts.port;
    const host = opts.host.includes(':') ? `[${opts.host}]` : opts.host;
    let closed: Promise<void> | null = null;
    return {
      url: `http://${host}:${port}`,
      port,
      app,
      db,
      close: () =>
        (closed ??= (async () => {
          try {
            await app.close();
          } finally {
            await db.close();
          }
        })()),
    };
  } catch (err) {
    await db.close().catch(() => undefined);
    throw err;
  }
}

/** Installs the signal handlers; resolves when the server has shut down. */
export function closeOnSignals(server: RunningServer, drainTimeoutMs = Number(process.env.NOC_SHUTDOWN_TIMEOUT_MS ?? 10_000)): Promise<void> {
  return new Promise((resolve) => {
    let stopping = false;
    const onSignal = (signal: NodeJS.Signals): void => {
      if (stopping) {
        server.app.log.warn({ signal }, 'second signal: exiting now');
        process.exit(1);
      }
      stopping = true;
      server.app.log.info({ signal }, 'shutting down');
      const deadline = setTimeout(() => {
        server.app.log.error('drain deadline passed: exiting');
        process.exit(1);
      }, drainTimeoutMs);
      deadline.unref();
      server
        .close()
        .catch((err: unknown) => server.app.log.error({ err }, 'shutdown failed'))
        .finally(() => {
          clearTimeout(deadline);
          process.off('SIGTERM', onSignal);
          process.off('SIGINT', onSignal);
          resolve();
        });
    };
    process.on('SIGTERM', onSignal);
    process.on('SIGINT', onSignal);
  });
}
