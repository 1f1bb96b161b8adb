// Background sync: push the outbox, then pull from the cursor. One cycle at a time; triggered by a
// timer (30 s), by a local change (debounced 1 s), when the server comes back (the live channel
// reconnects) and when the server pokes a newer cursor. A transport failure leaves the outbox as
// it is and retries with backoff (1 s → 60 s), forever; a refused mutation goes to review and the
// queue moves on. Electron-free; the hosts decide whether it runs in the background (start()).
import type Database from 'better-sqlite3';
import { SyncHttpError } from './syncErrors';
import type { AuthedSession } from './authedSession';
import { Backoff } from './backoff';
import type { ConflictStore } from './conflictStore';
import { LiveChannel } from './liveChannel';
import { PUSH_BATCH_SIZE, prepareOutboxRow, type PreparedRow } from './outboxBatches';
import type { OutboxStore } from './outboxStore';
import { deferIndexesOfEmptyTables } from './indexDeferral';
import { PullApplier } from './pullApplier';
import { applyPushResults } from './pushApplier';
import type { SyncState } from './syncState';

export const DEFAULT_SYNC_INTERVAL_MS = 30_000;
export const LOCAL_CHANGE_DEBOUNCE_MS = 1000;
export const PULL_BATCH_ROWS = 10_000;

export interface SyncCycleResult {
  pushed: number;
  rejected: number;
  pulled: number;
  conflicts: number;
}

export interface SyncEngineDeps {
  sqlite: Database.Database;
  /** The workspace settings (deferred index SQL survives a crash there). */
  settings: { getSetting(key: string): string | null; setSetting(key: string, value: string): void; deleteSetting(key: string): void };
  state: SyncState;
  session: AuthedSession;
  outbox: OutboxStore;
  conflicts: ConflictStore;
  /** The session's tenant (every outbox read and cache write is scoped to it). */
  tenantId: () => string | null;
  now: () => number;
  /** Called whenever something the status shows may have changed. */
  onChange: () => void;
  intervalMs?: number;
}

function message(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

export class SyncEngine {
  online = false;
  syncing = false;
  lastError: string | null = null;
  private cycle: Promise<SyncCycleResult> | null = null;
  private again = false;
  private started = false;
  private timer: NodeJS.Timeout | null = null;
  private watch: NodeJS.Timeout | null = null;
  private debounce: NodeJS.Timeout | null = null;
  private lastSeenSeq = 0;
  private readonly backoff = new Backoff();
  private readonly pullApplier: PullApplier;
  private readonly live: LiveChannel;
  private readonly intervalMs: number;

  constructor(private readonly d: SyncEngineDeps) {
    this.pullApplier = new PullApplier(d.sqlite);
    this.intervalMs = d.intervalMs ?? DEFAULT_SYNC_INTERVAL_MS;
    this.live = new LiveChannel(d.session, {
      onConnect: () => {
        // the server is back (or just reachable): sync now rather than at the end of a backoff
        this.backoff.reset();
        this.schedule(0);
      },
      onPoke: (cursor) => {
        if (cursor > this.d.state.cursor) this.schedule(0);
      },
      onDisconnect: () => undefined,
    });
  }

  /** One full cycle now (joins a running one and runs again after it, so nothing is missed). */
  syncNow(): Promise<SyncCycleResult> {
    if (this.cycle) {
      this.again = true;
      return this.cycle.then(() => this.syncNow());
    }
    this.again = false;
    this.cycle = this.runCycle().finally(() => {
      this.cycle = null;
    });
    return this.cycle;
  }

  /** Background mode (desktop and web hosts, `noc sync` without --once). */
  start(): void {
    if (this.started) return;
    this.started = true;
    this.lastSeenSeq = this.d.outbox.lastSeq();
    // a cheap probe of the outbox: catches changes made by any writer, even another process (the CLI)
    this.watch = setInterval(() => this.checkLocalChanges(), 1000);
    this.watch.unref();
    this.live.start();
    this.schedule(0);
  }

  stop(): void {
    this.started = false;
    for (const t of [this.timer, this.debounce]) if (t) clearTimeout(t);
    if (this.watch) clearInterval(this.watch);
    this.timer = this.debounce = this.watch = null;
    this.live.stop();
  }

  private checkLocalChanges(): void {
    const seq = this.d.outbox.lastSeq();
    if (seq === this.lastSeenSeq) return;
    this.lastSeenSeq = seq;
    this.d.onChange();
    // while offline the backoff timer decides; a local change should not hammer a dead server
    if (this.backoff.attempts > 0) return;
    if (this.debounce) clearTimeout(this.debounce);
    this.debounce = setTimeout(() => {
      this.debounce = null;
      this.schedule(0);
    }, LOCAL_CHANGE_DEBOUNCE_MS);
    this.debounce.unref();
  }

  private schedule(ms: number): void {
    if (!this.started) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = null;
      void this.tick();
    }, ms);
    this.timer.unref();
  }

  private async tick(): Promise<void> {
    let next = this.intervalMs;
    try {
      await this.syncNow();
      this.backoff.reset();
    } catch (err) {
      if (err instanceof SyncHttpError && err.retryable) next = this.backoff.fail();
    }
    this.schedule(next);
  }

  private async runCycle(): Promise<SyncCycleResult> {
    const tenantId = this.d.tenantId();
    if (tenantId === null || !this.d.session.loggedIn()) {
      this.lastError = 'Not logged in to a sync server.';
      this.d.onChange();
      throw new SyncHttpError('auth', 0, 'NOT_LOGGED_IN', 'Log in to the sync server first (noc login).');
    }
    this.syncing = true;
    this.d.onChange();
    try {
      const pushed = await this.push(tenantId);
      const { pulled, warning } = await this.pull(tenantId);
      this.online = true;
      this.lastError = warning;
      this.d.state.markSynced(this.d.now());
      return { ...pushed, pulled };
    } catch (err) {
      if (err instanceof SyncHttpError && err.retryable) this.online = false;
      else if (err instanceof SyncHttpError && err.status !== 0) this.online = true;
      this.lastError = message(err);
      throw err;
    } finally {
      this.syncing = false;
      this.d.onChange();
    }
  }

  /** Pending outbox rows in seq order, ≤ 1000 per request, until none are left. */
  private async push(tenantId: string): Promise<{ pushed: number; rejected: number; conflicts: number }> {
    const total = { pushed: 0, rejected: 0, conflicts: 0 };
    for (;;) {
      const rows = this.d.outbox.pendingBatch(tenantId, PUSH_BATCH_SIZE);
      if (rows.length === 0) return total;
      const prepared: PreparedRow[] = rows.map(prepareOutboxRow);
      const sent: { seq: number; mutation: Extract<PreparedRow, { kind: 'mutation' }>['mutation'] }[] = [];
      for (const p of prepared) {
        if (p.kind === 'local-only') this.d.outbox.remove(p.seq);
        else if (p.kind === 'invalid') {
          this.d.outbox.markReview(p.seq, 'VALIDATION', p.message);
          total.rejected++;
        } else sent.push({ seq: p.seq, mutation: p.mutation });
      }
      if (sent.length === 0) continue;
      const clientId = this.d.state.clientId();
      const response = await this.d.session.call((c, token) => c.push(token, { clientId, mutations: sent.map((s) => s.mutation) }));
      const outcome = applyPushResults(this.d.sqlite, this.d.outbox, this.d.conflicts, tenantId, sent, response, this.d.now());
      total.pushed += outcome.applied;
      total.rejected += outcome.rejected;
      total.conflicts += outcome.conflicts;
      this.d.onChange();
      // an answer that settled none of what we sent would loop forever: leave the rest for later
      if (outcome.applied + outcome.rejected === 0) return total;
    }
  }

  /**
   * From the stored cursor, batch by batch; each batch and its cursor commit together. The next
   * batch is asked for before this one is written, so the server reads and sends it while SQLite
   * inserts (one request ahead, no more). A first sync (cursor 0) builds the indexes of the tables
   * it fills once at the end (indexDeferral.ts).
   */
  private async pull(tenantId: string): Promise<{ pulled: number; warning: string | null }> {
    let pulled = 0;
    let warning: string | null = null;
    const fetchFrom = (cursor: number) => {
      const p = this.d.session.call((c, token) => c.pull(token, { cursor, limit: PULL_BATCH_ROWS }));
      p.catch(() => undefined); // awaited below; a prefetch left behind by a failure must not go unhandled
      return p;
    };
    const rebuildIndexes = this.d.state.cursor === 0 ? deferIndexesOfEmptyTables(this.d.sqlite, this.d.settings) : () => undefined;
    try {
      let cursor = this.d.state.cursor;
      let next = fetchFrom(cursor);
      for (;;) {
        const res = await next;
        const more = res.more && res.cursor > cursor;
        if (more) next = fetchFrom(res.cursor);
        const from = cursor;
        const applied = this.pullApplier.apply(tenantId, res.rows, () => this.d.state.setCursor(Math.max(from, res.cursor)), this.d.now());
        pulled += applied.applied;
        if (applied.skipped.length > 0) {
          const first = applied.skipped[0];
          warning = `${applied.skipped.length} pulled rows did not fit the cache (first: ${first?.table} ${first?.rowId}: ${first?.message}).`;
        }
        this.d.onChange();
        if (!more) return { pulled, warning };
        cursor = res.cursor;
      }
    } finally {
      rebuildIndexes();
    }
  }

}
