// Calls the sync service as the logged-in user: hands the HTTP client a fresh access token,
// refreshes it shortly before expiry or on a 401 TOKEN_EXPIRED, and records every successful
// contact (which keeps the offline unlock window open). A refresh the server refuses ends the
// session: the role drops to viewer until the user logs in again. Tokens stay in here and in the
// sealed settings; errors carry codes and messages, never a token.
import type { TokenResponse } from '../../../shared/sync/protocol';
import { SyncHttpError } from './syncErrors';
import { SyncHttpClient, type SyncHttpClientOptions } from './syncHttpClient';
import type { SessionTokens, SyncState } from './syncState';

/** Refresh this long before the access token expires, so a call never starts with a dying token. */
const EARLY_REFRESH_MS = 30_000;

export function tokensOf(t: TokenResponse, now: number): SessionTokens {
  return { accessToken: t.accessToken, refreshToken: t.refreshToken, accessExpiresAt: now + t.expiresIn * 1000 };
}

export class AuthedSession {
  private client: SyncHttpClient | null = null;
  private refreshing: Promise<SessionTokens> | null = null;
  /** Set when the server refused the session (not merely unreachable). */
  ended = false;

  constructor(
    private readonly state: SyncState,
    private readonly now: () => number,
    private readonly httpOptions: SyncHttpClientOptions = {},
  ) {}

  /** The client for the stored server (rebuilt when the server changes). */
  http(): SyncHttpClient {
    const url = this.state.serverUrl;
    if (url === null) throw new SyncHttpError('auth', 0, 'NOT_LOGGED_IN', 'This console is not logged in to a sync server.');
    if (this.client?.baseUrl !== url) this.client = new SyncHttpClient(url, this.httpOptions);
    return this.client;
  }

  loggedIn(): boolean {
    return this.state.serverUrl !== null && this.state.tokens() !== null;
  }

  async call<T>(fn: (client: SyncHttpClient, accessToken: string) => Promise<T>): Promise<T> {
    const client = this.http();
    let tokens = this.state.tokens();
    if (tokens === null) throw new SyncHttpError('auth', 0, 'NOT_LOGGED_IN', 'Log in to the sync server (noc login).');
    if (tokens.accessExpiresAt - EARLY_REFRESH_MS <= this.now()) tokens = await this.refresh();
    try {
      const out = await fn(client, tokens.accessToken);
      this.state.markContact(this.now());
      return out;
    } catch (err) {
      if (!(err instanceof SyncHttpError) || err.kind !== 'auth') throw this.contacted(err);
      // TOKEN_EXPIRED (our clock may be off) or TOKEN_INVALID (a rotated key): one refresh, one retry
      const fresh = await this.refresh();
      const out = await fn(client, fresh.accessToken);
      this.state.markContact(this.now());
      return out;
    }
  }

  /** A permanent or auth answer is still contact: the server is there. */
  private contacted(err: unknown): unknown {
    if (err instanceof SyncHttpError && (err.kind === 'permanent' || err.kind === 'auth') && err.status !== 0) this.state.markContact(this.now());
    return err;
  }

  /** One refresh at a time: concurrent callers share it (a second use of the old token would be "reuse"). */
  refresh(): Promise<SessionTokens> {
    this.refreshing ??= this.doRefresh().finally(() => {
      this.refreshing = null;
    });
    return this.refreshing;
  }

  private async doRefresh(): Promise<SessionTokens> {
    const current = this.state.tokens();
    if (current === null) throw new SyncHttpError('auth', 0, 'NOT_LOGGED_IN', 'Log in to the sync server (noc login).');
    try {
      const r = await this.http().refresh(current.refreshToken);
      const t = tokensOf(r, this.now());
      this.state.saveTokens(t);
      this.state.updateUser(r.user);
      this.state.markContact(this.now());
      return t;
    } catch (err) {
      if (err instanceof SyncHttpError && (err.kind === 'auth' || err.kind === 'permanent') && err.status !== 0) {
        this.state.endSession();
        this.ended = true;
        throw new SyncHttpError('auth', err.status, err.code, `The session was refused (${err.code}); log in again.`);
      }
      throw err;
    }
  }
}
