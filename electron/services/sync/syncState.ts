// What sync keeps in the workspace's settings table: the server, this console's client id, the
// pull cursor, the session's user (no secrets) and its tokens, sealed with the workspace vault.
// Tokens are only ever read here and handed to the HTTP client; nothing else sees them.
import { z } from 'zod';
import { sessionUserSchema, type SessionUser } from '../../../shared/sync/protocol';
import type { SecretBox } from '../secrets/secretBox';
import { uuidv7 } from '../util/uuidv7';

/** The slice of Workspace sync needs (so tests can pass a bare settings store). */
export interface SettingsStore {
  getSetting(key: string): string | null;
  setSetting(key: string, value: string): void;
  deleteSetting(key: string): void;
}

export const SYNC_KEYS = {
  linked: 'sync.linked',
  serverUrl: 'sync.serverUrl',
  clientId: 'sync.clientId',
  cursor: 'sync.cursor',
  lastSyncAt: 'sync.lastSyncAt',
  lastContactAt: 'sync.lastContactAt',
  user: 'sync.user',
  role: 'sync.role',
  tokens: 'sync.tokens',
} as const;

const tokensSchema = z.object({ accessToken: z.string(), refreshToken: z.string(), accessExpiresAt: z.number() });
export type SessionTokens = z.infer<typeof tokensSchema>;

export class SyncState {
  constructor(
    private readonly settings: SettingsStore,
    private readonly box: SecretBox,
  ) {}

  private num(key: string): number | null {
    const v = this.settings.getSetting(key);
    const n = v === null ? NaN : Number(v);
    return Number.isFinite(n) ? n : null;
  }

  get linked(): boolean {
    return this.settings.getSetting(SYNC_KEYS.linked) === '1';
  }

  get serverUrl(): string | null {
    return this.settings.getSetting(SYNC_KEYS.serverUrl);
  }

  /** This console's id on the wire (exactly-once is per client id), created once per workspace. */
  clientId(): string {
    let id = this.settings.getSetting(SYNC_KEYS.clientId);
    if (!id) {
      id = uuidv7();
      this.settings.setSetting(SYNC_KEYS.clientId, id);
    }
    return id;
  }

  get cursor(): number {
    return this.num(SYNC_KEYS.cursor) ?? 0;
  }

  /** Only from inside the transaction that wrote the pulled rows (see pullApplier). */
  setCursor(c: number): void {
    this.settings.setSetting(SYNC_KEYS.cursor, String(c));
  }

  get lastSyncAt(): number | null {
    return this.num(SYNC_KEYS.lastSyncAt);
  }

  markSynced(at: number): void {
    this.settings.setSetting(SYNC_KEYS.lastSyncAt, String(at));
  }

  get lastContactAt(): number | null {
    return this.num(SYNC_KEYS.lastContactAt);
  }

  markContact(at: number): void {
    this.settings.setSetting(SYNC_KEYS.lastContactAt, String(at));
  }

  user(): SessionUser | null {
    const raw = this.settings.getSetting(SYNC_KEYS.user);
    if (!raw) return null;
    try {
      const p = sessionUserSchema.safeParse(JSON.parse(raw));
      return p.success ? p.data : null;
    } catch {
      return null;
    }
  }

  tokens(): SessionTokens | null {
    const sealed = this.settings.getSetting(SYNC_KEYS.tokens);
    if (!sealed) return null;
    try {
      const p = tokensSchema.safeParse(JSON.parse(this.box.open(sealed)));
      return p.success ? p.data : null;
    } catch {
      // a workspace key that changed cannot open old tokens: treat as logged out
      return null;
    }
  }

  saveTokens(t: SessionTokens): void {
    this.settings.setSetting(SYNC_KEYS.tokens, this.box.seal(JSON.stringify(t)));
  }

  /** A new session: server, user, role and tokens; a different tenant or server restarts the cursor. */
  startSession(serverUrl: string, user: SessionUser, tokens: SessionTokens, now: number): void {
    const previous = this.user();
    if (previous?.tenantId !== user.tenantId || this.serverUrl !== serverUrl) {
      this.settings.setSetting(SYNC_KEYS.cursor, '0');
      this.settings.deleteSetting(SYNC_KEYS.lastSyncAt);
    }
    this.settings.setSetting(SYNC_KEYS.linked, '1');
    this.settings.setSetting(SYNC_KEYS.serverUrl, serverUrl);
    this.settings.setSetting(SYNC_KEYS.user, JSON.stringify(user));
    this.settings.setSetting(SYNC_KEYS.role, user.role);
    this.saveTokens(tokens);
    this.markContact(now);
  }

  /** A refresh answers with the user as the server sees them now: a changed role takes effect. */
  updateUser(user: SessionUser): void {
    this.settings.setSetting(SYNC_KEYS.user, JSON.stringify(user));
    this.settings.setSetting(SYNC_KEYS.role, user.role);
  }

  /** Logged out or revoked: tokens and role go; the link, server, user and cursor stay. */
  endSession(): void {
    this.settings.deleteSetting(SYNC_KEYS.tokens);
    this.settings.deleteSetting(SYNC_KEYS.role);
  }
}
