// The console side of sync, as the IPC contract sees it: login/logout (the server's tenant becomes
// the workspace's active tenant, its role the one enforced), status, sync now, the outbox view,
// the conflicts inbox and the site pack. Passwords pass through login to the server and are not
// kept; tokens live sealed in the settings (syncState.ts) and appear in no response or event.
import { restoreDeferredIndexes } from './indexDeferral';
import { NocError } from '../../../shared/ipc/errors';
import type { SyncStatus } from '../../../shared/ipc/syncSchemas';
import { isSyncTable } from '../../../shared/sync/tables';
import type { EventBus } from '../events/eventBus';
import type { HandlersFor } from '../ipc/dispatcher';
import { ChangeRecorder } from '../cache/repositories/outboxWriter';
import type { Workspace } from '../workspace/workspace';
import { AuthedSession, tokensOf } from './authedSession';
import { cacheTable, fromSqlValue, toSqlValue } from './cacheTables';
import { ConflictStore } from './conflictStore';
import { OutboxStore } from './outboxStore';
import { offlineUnlockHours, unlockUntil } from './sessionRole';
import { sitePackCounts } from './sitePack';
import { SyncEngine, type SyncCycleResult } from './syncEngine';
import { SyncHttpError } from './syncErrors';
import { SyncHttpClient, normalizeServerUrl, type SyncHttpClientOptions } from './syncHttpClient';
import { SyncState } from './syncState';

export type SyncChannel =
  | 'sync.status'
  | 'sync.login'
  | 'sync.logout'
  | 'sync.now'
  | 'sync.outbox.list'
  | 'sync.outbox.retry'
  | 'sync.outbox.discard'
  | 'sync.conflicts.list'
  | 'sync.conflicts.resolve'
  | 'sync.sitePack';

export interface SyncServiceOptions {
  http?: SyncHttpClientOptions;
  intervalMs?: number;
}

export interface LoginInput {
  server: string;
  tenant: string;
  username: string;
  password: string;
  otp?: string | undefined;
}

type FieldValue = string | number | boolean | null;

const DISCARD_NOTE =
  'Discarded: these changes will not be sent. The local rows keep their values until the next pull brings the server’s.';

/** A sync failure as the user sees it through IPC. */
function toNocError(err: unknown): unknown {
  if (!(err instanceof SyncHttpError)) return err;
  if (err.kind === 'offline' || err.kind === 'transient') return new NocError('UNAVAILABLE', err.message);
  if (err.code === 'NOT_LOGGED_IN') return new NocError('UNAUTHENTICATED', err.message);
  if (err.kind === 'auth') return new NocError('UNAUTHENTICATED', err.message, { code: err.code });
  if (err.status === 403) return new NocError('PERMISSION_DENIED', err.message);
  return new NocError('VALIDATION', err.message, { code: err.code });
}

export class SyncService {
  readonly state: SyncState;
  readonly session: AuthedSession;
  readonly outbox: OutboxStore;
  readonly conflicts: ConflictStore;
  readonly engine: SyncEngine;
  private lastEmitted = '';
  private background = false;

  constructor(
    private readonly workspace: Workspace,
    private readonly bus: EventBus,
    private readonly opts: SyncServiceOptions = {},
  ) {
    this.state = new SyncState(workspace, workspace.box);
    this.session = new AuthedSession(this.state, workspace.now, opts.http);
    this.outbox = new OutboxStore(workspace.sqlite);
    this.conflicts = new ConflictStore(workspace.sqlite);
    // a first sync killed mid-load left its deferred indexes dropped: build them before anything reads
    restoreDeferredIndexes(workspace.sqlite, workspace);
    this.engine = new SyncEngine({
      sqlite: workspace.sqlite,
      settings: workspace,
      state: this.state,
      session: this.session,
      outbox: this.outbox,
      conflicts: this.conflicts,
      tenantId: () => this.state.user()?.tenantId ?? null,
      now: workspace.now,
      onChange: () => this.publish(),
      ...(opts.intervalMs === undefined ? {} : { intervalMs: opts.intervalMs }),
    });
  }

  /** Background sync (timer, local changes, live pokes): the desktop and web hosts, `noc sync`. */
  start(): void {
    this.background = true;
    if (this.session.loggedIn()) this.engine.start();
  }

  /** The tenant sync works in: the session's, else the workspace's active one. */
  private tenantId(): string {
    return this.state.user()?.tenantId ?? this.workspace.tenant().id;
  }

  status(): SyncStatus {
    const user = this.state.user();
    const tenantId = this.tenantId();
    const loggedIn = this.session.loggedIn();
    const { pending, review } = this.outbox.counts(tenantId);
    const lastContactAt = this.state.lastContactAt;
    return {
      loggedIn,
      serverUrl: this.state.serverUrl,
      tenantId: user?.tenantId ?? null,
      tenantSlug: user?.tenantSlug ?? null,
      username: user?.username ?? null,
      role: loggedIn ? (user?.role ?? null) : null,
      online: loggedIn && this.engine.online,
      syncing: this.engine.syncing,
      pending,
      review,
      conflicts: this.conflicts.openCount(tenantId),
      cursor: this.state.cursor,
      lastSyncAt: this.state.lastSyncAt,
      lastContactAt,
      offlineUnlockUntil: loggedIn ? unlockUntil(lastContactAt, offlineUnlockHours()) : null,
      lastError: this.engine.lastError,
    };
  }

  /** Emits sync.status when anything on the chip changed. */
  publish(): void {
    let s: SyncStatus;
    try {
      s = this.status();
    } catch {
      return; // the workspace is closing
    }
    const json = JSON.stringify(s);
    if (json === this.lastEmitted) return;
    this.lastEmitted = json;
    this.bus.emit('sync.status', s);
  }

  async login(input: LoginInput): Promise<SyncStatus> {
    let serverUrl: string;
    try {
      serverUrl = normalizeServerUrl(input.server);
    } catch (err) {
      throw new NocError('VALIDATION', err instanceof Error ? err.message : 'Not a server URL.');
    }
    const client = new SyncHttpClient(serverUrl, this.opts.http);
    let r;
    try {
      r = await client.login({
        tenant: input.tenant,
        username: input.username,
        password: input.password,
        clientId: this.state.clientId(),
        ...(input.otp === undefined ? {} : { otp: input.otp }),
      });
    } catch (err) {
      if (err instanceof SyncHttpError && (err.status === 401 || err.status === 423)) {
        const hint = err.code === 'MFA_REQUIRED' ? ' Give the one-time code from your authenticator (otp).' : '';
        throw new NocError('AUTH_FAILED', `${err.message}${hint}`, { code: err.code });
      }
      throw toNocError(err);
    }
    const now = this.workspace.now();
    const db = this.workspace.sqlite;
    db.transaction(() => {
      // the server's tenant becomes this workspace's active tenant (a local row for it if new)
      db.prepare(
        `INSERT INTO tenants (id, tenant_id, version, updated_at, name, slug, currency, timezone) VALUES (?, ?, 0, ?, ?, ?, 'USD', 'UTC')
         ON CONFLICT(id) DO UPDATE SET slug = excluded.slug, deleted_at = NULL`,
      ).run(r.user.tenantId, r.user.tenantId, now, r.user.tenantSlug, r.user.tenantSlug);
      this.workspace.setSetting('activeTenantId', r.user.tenantId);
      this.state.startSession(serverUrl, r.user, tokensOf(r, now), now);
    })();
    this.session.ended = false;
    this.engine.online = true;
    this.engine.lastError = null;
    if (this.background) {
      this.engine.stop();
      this.engine.start();
    }
    this.publish();
    return this.status();
  }

  async logout(): Promise<SyncStatus> {
    const tokens = this.state.tokens();
    if (tokens && this.state.serverUrl) {
      try {
        await new SyncHttpClient(this.state.serverUrl, { ...this.opts.http, timeoutMs: 5000 }).logout(tokens.refreshToken);
      } catch {
        // offline or already revoked: the local session ends anyway
      }
    }
    this.state.endSession();
    this.engine.stop();
    this.engine.online = false;
    this.publish();
    return this.status();
  }

  async syncNow(): Promise<SyncCycleResult & { status: SyncStatus }> {
    try {
      const r = await this.engine.syncNow();
      return { ...r, status: this.status() };
    } catch (err) {
      throw toNocError(err);
    }
  }

  /** Settles a conflict; a chosen value that differs from the row's is queued as a normal local edit. */
  resolve(id: string, choice: 'mine' | 'theirs' | 'merged', merged?: string): { id: string; resolution: 'mine' | 'theirs' | 'merged'; value: FieldValue; queuedChange: boolean } {
    const tenantId = this.tenantId();
    const c = this.conflicts.get(tenantId, id);
    if (!c) throw new NocError('NOT_FOUND', 'No such conflict.');
    if (c.resolvedAt !== null) throw new NocError('CONFLICT', `This conflict was already resolved (${c.resolution ?? 'settled'}).`);
    if (!isSyncTable(c.tableName)) throw new NocError('VALIDATION', `Table ${c.tableName} does not sync.`);
    const t = cacheTable(c.tableName);
    const column = t.columns.get(c.field);
    if (column === undefined) throw new NocError('VALIDATION', `Field ${c.field} is not in the cache.`);
    if (choice === 'merged' && typeof c.mine !== 'string' && typeof c.theirs !== 'string') {
      throw new NocError('VALIDATION', 'A merged value is only for text fields; choose mine or theirs.');
    }
    const value: FieldValue = choice === 'mine' ? c.mine : choice === 'theirs' ? c.theirs : (merged ?? '');
    const db = this.workspace.sqlite;
    const now = this.workspace.now();
    const scope = { tenantId, actor: this.workspace.actor };
    let queuedChange = false;
    db.transaction(() => {
      const row = db.prepare(`SELECT ${column} AS v, version FROM ${t.name} WHERE id = ? AND tenant_id = ?`).get(c.rowId, tenantId) as
        | { v: unknown; version: number }
        | undefined;
      if (row && fromSqlValue(t, c.field, row.v) !== value) {
        db.prepare(`UPDATE ${t.name} SET ${column} = ?, updated_at = ? WHERE id = ? AND tenant_id = ?`).run(toSqlValue(value), now, c.rowId, tenantId);
        new ChangeRecorder(db).record(scope, t.name, c.rowId, 'update', row.version, { [c.field]: value }, now);
        queuedChange = true;
      }
      this.conflicts.markResolved(c.id, choice, now);
    })();
    this.publish();
    return { id: c.id, resolution: choice, value, queuedChange };
  }

  async sitePack(siteIds: readonly string[]): Promise<{ synced: boolean; message: string | null; lastSyncAt: number | null; sites: ReturnType<typeof sitePackCounts> }> {
    let synced = false;
    let message: string | null = null;
    if (!this.session.loggedIn()) message = 'Not logged in: these are the counts the cache already holds.';
    else {
      try {
        await this.engine.syncNow();
        synced = true;
      } catch (err) {
        message = `Could not sync (${err instanceof Error ? err.message : String(err)}): these are the counts the cache already holds.`;
      }
    }
    const tenantId = this.tenantId();
    const sites = sitePackCounts(this.workspace.sqlite, tenantId, siteIds);
    if (sites.length < new Set(siteIds).size) {
      const known = new Set(sites.map((s) => s.siteId));
      const missing = siteIds.filter((s) => !known.has(s));
      message = `${message ? message + ' ' : ''}Not in the cache: ${missing.join(', ')}.`;
    }
    return { synced, message, lastSyncAt: this.state.lastSyncAt, sites };
  }

  handlers(): HandlersFor<SyncChannel> {
    return {
      'sync.status': () => this.status(),
      'sync.login': (req) => this.login(req),
      'sync.logout': () => this.logout(),
      'sync.now': () => this.syncNow(),
      'sync.outbox.list': (req) => this.outbox.list(this.tenantId(), req.status, req.limit, req.offset),
      'sync.outbox.retry': (req) => {
        const retried = this.outbox.retry(this.tenantId(), req.seqs);
        this.publish();
        return { retried };
      },
      'sync.outbox.discard': (req) => {
        const discarded = this.outbox.discard(this.tenantId(), req.seqs);
        this.publish();
        return { discarded, note: DISCARD_NOTE };
      },
      'sync.conflicts.list': (req) => {
        const tenantId = this.tenantId();
        return {
          items: this.conflicts.list(tenantId, req.includeResolved, req.limit).map((c) => ({
            id: c.id,
            table: c.tableName,
            rowId: c.rowId,
            field: c.field,
            mine: c.mine,
            theirs: c.theirs,
            theirsBy: c.theirsBy,
            winner: c.winner,
            policy: c.policy,
            current: this.currentValue(tenantId, c.tableName, c.rowId, c.field),
            createdAt: c.createdAt,
            resolvedAt: c.resolvedAt,
            resolution: c.resolution,
          })),
        };
      },
      'sync.conflicts.resolve': (req) => this.resolve(req.id, req.choice, req.value),
      'sync.sitePack': (req) => this.sitePack(req.siteIds),
    };
  }

  private currentValue(tenantId: string, table: string, rowId: string, field: string): FieldValue {
    if (!isSyncTable(table)) return null;
    const t = cacheTable(table);
    const column = t.columns.get(field);
    if (column === undefined) return null;
    const row = this.workspace.sqlite.prepare(`SELECT ${column} AS v FROM ${t.name} WHERE id = ? AND tenant_id = ?`).get(rowId, tenantId) as { v: unknown } | undefined;
    return row ? fromSqlValue(t, field, row.v) : null;
  }

  close(): void {
    this.background = false;
    this.engine.stop();
  }
}
