// SSH host keys the tenant trusts (synced). One live row per (host, port, key type). Adding and
// removing write their outbox entry and audit record in the same transaction; last_seen is a
// local bookkeeping touch and is neither queued for sync nor audited.
import type Database from 'better-sqlite3';
import { NocError } from '../../../../shared/ipc/errors';
import { uuidv7 } from '../../util/uuidv7';
import { withBusyRetry } from '../busyRetry';
import { ChangeRecorder } from './outboxWriter';
import type { TenantScope } from './scope';

export interface KnownHost {
  id: string;
  host: string;
  port: number;
  keyType: string;
  fingerprint: string;
  keyBase64: string;
  firstSeen: number;
  lastSeen: number;
}

/** What the SSH engine needs from a known-hosts store (the repository, or a map in tests). */
export interface KnownHostStore {
  /** Every trusted key of host:port, any key type. */
  forHost(host: string, port: number): KnownHost[];
  add(entry: { host: string; port: number; keyType: string; fingerprint: string; keyBase64: string }): KnownHost;
  touch(id: string): void;
}

const SELECT = `SELECT id, host, port, key_type AS keyType, fingerprint, key_base64 AS keyBase64, first_seen AS firstSeen,
    last_seen AS lastSeen FROM ssh_known_hosts WHERE tenant_id = ? AND deleted_at IS NULL`;

export class KnownHostRepository implements KnownHostStore {
  private readonly changes: ChangeRecorder;

  constructor(
    private readonly sqlite: Database.Database,
    private readonly scope: TenantScope,
  ) {
    this.changes = new ChangeRecorder(sqlite);
  }

  list(): KnownHost[] {
    return this.sqlite.prepare(`${SELECT} ORDER BY host, port, key_type, id`).all(this.scope.tenantId) as KnownHost[];
  }

  forHost(host: string, port: number): KnownHost[] {
    return this.sqlite.prepare(`${SELECT} AND host = ? AND port = ? ORDER BY key_type, id`).all(this.scope.tenantId, host, port) as KnownHost[];
  }

  /** Trusts a key. Refuses to replace a different key of the same type: remove the old one first. */
  add(entry: { host: string; port: number; keyType: string; fingerprint: string; keyBase64: string }): KnownHost {
    const now = Date.now();
    const id = withBusyRetry(() =>
      this.sqlite.transaction(() => {
        const existing = this.forHost(entry.host, entry.port).find((k) => k.keyType === entry.keyType);
        if (existing !== undefined) {
          if (existing.fingerprint === entry.fingerprint) return existing.id;
          throw new NocError('CONFLICT', `${entry.host}:${entry.port} already has a trusted ${entry.keyType} key; remove it first.`, {
            known: existing.fingerprint,
            presented: entry.fingerprint,
          });
        }
        const newId = uuidv7();
        this.sqlite
          .prepare(
            `INSERT INTO ssh_known_hosts (id, tenant_id, version, updated_at, host, port, key_type, fingerprint, key_base64, first_seen, last_seen)
             VALUES (?, ?, 0, ?, ?, ?, ?, ?, ?, ?, ?)`,
          )
          .run(newId, this.scope.tenantId, now, entry.host, entry.port, entry.keyType, entry.fingerprint, entry.keyBase64, now, now);
        this.changes.record(this.scope, 'ssh_known_hosts', newId, 'insert', 0, { ...entry, firstSeen: now, lastSeen: now }, now);
        return newId;
      })(),
    );
    const saved = this.sqlite.prepare(`${SELECT} AND id = ?`).get(this.scope.tenantId, id) as KnownHost | undefined;
    if (!saved) throw new NocError('INTERNAL', 'known host vanished after saving');
    return saved;
  }

  touch(id: string): void {
    this.sqlite.prepare('UPDATE ssh_known_hosts SET last_seen = ? WHERE id = ? AND tenant_id = ?').run(Date.now(), id, this.scope.tenantId);
  }

  /** Removes a trusted key (tombstone + outbox + audit). The caller checks the permission. */
  remove(id: string): void {
    const now = Date.now();
    withBusyRetry(() =>
      this.sqlite.transaction(() => {
        const row = this.sqlite.prepare('SELECT version FROM ssh_known_hosts WHERE id = ? AND tenant_id = ? AND deleted_at IS NULL').get(id, this.scope.tenantId) as
          | { version: number }
          | undefined;
        if (!row) throw new NocError('NOT_FOUND', 'That known host entry no longer exists.');
        this.sqlite.prepare('UPDATE ssh_known_hosts SET deleted_at = ?, updated_at = ? WHERE id = ? AND tenant_id = ?').run(now, now, id, this.scope.tenantId);
        this.changes.record(this.scope, 'ssh_known_hosts', id, 'delete', row.version, { deletedAt: now }, now);
      })(),
    );
  }
}
