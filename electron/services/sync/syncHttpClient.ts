// A small client of the central sync service (shared/sync/protocol.ts): global fetch, a timeout on
// every call, every answer parsed with the shared zod schema, failures sorted into offline /
// transient / auth / permanent (see syncErrors.ts). Tokens are passed in per call and never
// appear in an error message.
import type { z } from 'zod';
import {
  errorBodySchema,
  pushResponseSchema,
  tokenResponseSchema,
  type LoginRequest,
  type PullRequest,
  type PullResponse,
  type PushRequest,
  type PushResponse,
  type TokenResponse,
} from '../../../shared/sync/protocol';
import { PullShapeError, parsePullResponse } from '../../../shared/sync/pullValidate';
import { SyncHttpError, kindOfStatus } from './syncErrors';

type SafeParsed<T> = { success: true; data: T } | { success: false; error: { issues: { message: string }[] } };

function safeParsePull(json: unknown): SafeParsed<PullResponse> {
  try {
    return { success: true, data: parsePullResponse(json) };
  } catch (err) {
    if (err instanceof PullShapeError) return { success: false, error: { issues: [{ message: err.message }] } };
    throw err;
  }
}

export interface SyncHttpClientOptions {
  /** Per-request timeout; pulls of big batches get `pullTimeoutMs`. */
  timeoutMs?: number;
  pullTimeoutMs?: number;
  fetch?: typeof fetch;
}

export class SyncHttpClient {
  readonly baseUrl: string;
  private readonly timeoutMs: number;
  private readonly pullTimeoutMs: number;
  private readonly fetchImpl: typeof fetch;

  constructor(baseUrl: string, opts: SyncHttpClientOptions = {}) {
    this.baseUrl = normalizeServerUrl(baseUrl);
    this.timeoutMs = opts.timeoutMs ?? 15_000;
    this.pullTimeoutMs = opts.pullTimeoutMs ?? 120_000;
    this.fetchImpl = opts.fetch ?? fetch;
  }

  login(req: LoginRequest): Promise<TokenResponse> {
    return this.request('POST', '/v1/auth/login', req, null, tokenResponseSchema);
  }

  refresh(refreshToken: string): Promise<TokenResponse> {
    return this.request('POST', '/v1/auth/refresh', { refreshToken }, null, tokenResponseSchema);
  }

  async logout(refreshToken: string): Promise<void> {
    await this.request('POST', '/v1/auth/logout', { refreshToken }, null, null);
  }

  push(accessToken: string, req: PushRequest): Promise<PushResponse> {
    return this.request('POST', '/v1/sync/push', req, accessToken, pushResponseSchema);
  }

  pull(accessToken: string, req: PullRequest): Promise<PullResponse> {
    // checked by hand (pullValidate.ts): same rules as pullResponseSchema, a fraction of the cost per row
    return this.request('POST', '/v1/sync/pull', req, accessToken, { safeParse: safeParsePull }, this.pullTimeoutMs);
  }

  /** Opens the live stream (server-sent events); the caller reads the body and aborts via `signal`. */
  async openEvents(accessToken: string, signal: AbortSignal): Promise<ReadableStream<Uint8Array>> {
    let res: Response;
    try {
      res = await this.fetchImpl(this.url('/v1/sync/events'), {
        method: 'GET',
        headers: { accept: 'text/event-stream', authorization: `Bearer ${accessToken}` },
        signal,
      });
    } catch (err) {
      throw networkError(err);
    }
    if (!res.ok) throw await httpError(res);
    if (!res.body) throw new SyncHttpError('transient', res.status, 'NO_BODY', 'The live channel answered without a body.');
    return res.body;
  }

  private url(p: string): string {
    return `${this.baseUrl}${p}`;
  }

  private async request<T>(
    method: 'GET' | 'POST',
    p: string,
    body: unknown,
    accessToken: string | null,
    schema: Pick<z.ZodType<T>, 'safeParse'> | { safeParse: (json: unknown) => SafeParsed<T> } | null,
    timeoutMs = this.timeoutMs,
  ): Promise<T> {
    const headers: Record<string, string> = { accept: 'application/json' };
    if (body !== undefined) headers['content-type'] = 'application/json';
    if (accessToken) headers.authorization = `Bearer ${accessToken}`;
    let res: Response;
    try {
      res = await this.fetchImpl(this.url(p), {
        method,
        headers,
        body: body === undefined ? null : JSON.stringify(body),
        signal: AbortSignal.timeout(timeoutMs),
      });
    } catch (err) {
      throw networkError(err);
    }
    if (!res.ok) throw await httpError(res);
    if (schema === null) {
      await res.body?.cancel();
      return undefined as T;
    }
    let json: unknown;
    try {
      json = await res.json();
    } catch (err) {
      // a cut connection mid-body is a transport failure, retried like any other
      throw new SyncHttpError('transient', res.status, 'BAD_BODY', `The server's answer to ${p} was cut or not JSON (${errMessage(err)}).`);
    }
    const parsed = schema.safeParse(json);
    if (!parsed.success) {
      throw new SyncHttpError('permanent', res.status, 'PROTOCOL', `The server's answer to ${p} does not match the protocol: ${parsed.error.issues[0]?.message ?? 'invalid'}.`);
    }
    return parsed.data;
  }
}

/** "https://noc.example/" and "https://noc.example" are the same server. */
export function normalizeServerUrl(u: string): string {
  const url = new URL(u);
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error('The server URL must be http(s).');
  return url.toString().replace(/\/+$/, '');
}

function errMessage(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

function networkError(err: unknown): SyncHttpError {
  const name = err instanceof Error ? err.name : '';
  if (name === 'TimeoutError' || name === 'AbortError') return new SyncHttpError('offline', 0, 'TIMEOUT', 'The sync server did not answer in time.');
  const cause = err instanceof Error && err.cause instanceof Error ? `: ${err.cause.message}` : '';
  return new SyncHttpError('offline', 0, 'NETWORK', `The sync server cannot be reached${cause}.`);
}

async function httpError(res: Response): Promise<SyncHttpError> {
  let code = `HTTP_${res.status}`;
  let message = `The sync server answered ${res.status}.`;
  try {
    const parsed = errorBodySchema.safeParse(await res.json());
    if (parsed.success) {
      code = parsed.data.code;
      message = parsed.data.message;
    }
  } catch {
    // no JSON body: keep the status line
  }
  return new SyncHttpError(kindOfStatus(res.status), res.status, code, message);
}
