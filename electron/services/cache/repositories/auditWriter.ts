// Audit records for actions that change no row of their own (an SSH session, an automation run,
// a CoA): the audit row and its outbox entry in one transaction, so the action reaches the
// central log when the console syncs. Details must never hold a secret: callers pass names,
// hosts, commands and outcomes only.
import type Database from 'better-sqlite3';
import { withBusyRetry } from '../busyRetry';
import { uuidv7 } from '../../util/uuidv7';
import type { TenantScope } from './scope';

export class AuditWriter {
  private readonly insertAudit: Database.Statement;
  private readonly insertOutbox: Database.Statement;

  constructor(
    private readonly sqlite: Database.Database,
    private readonly scope: TenantScope,
  ) {
    this.insertAudit = sqlite.prepare(
      `INSERT INTO audit_log (id, tenant_id, version, updated_at, at, actor, action, entity, entity_id, details)
       VALUES (?, ?, 0, ?, ?, ?, ?, ?, ?, ?)`,
    );
    this.insertOutbox = sqlite.prepare(
      `INSERT INTO outbox (mutation_id, tenant_id, table_name, row_id, op, base_version, patch, created_at)
       VALUES (?, ?, 'audit_log', ?, 'insert', 0, ?, ?)`,
    );
  }

  /** Records `action` (e.g. "ssh.session.open") on `entity`/`entityId`; returns the audit row id. */
  write(action: string, entity: string, entityId: string | null, details: Record<string, unknown>): string {
    const id = uuidv7();
    const now = Date.now();
    const json = JSON.stringify(details);
    withBusyRetry(() =>
      this.sqlite.transaction(() => {
        this.insertAudit.run(id, this.scope.tenantId, now, now, this.scope.actor, action, entity, entityId, json);
        this.insertOutbox.run(
          uuidv7(),
          this.scope.tenantId,
          id,
          JSON.stringify({ at: now, actor: this.scope.actor, action, entity, entityId, details }),
          now,
        );
      })(),
    );
    return id;
  }

  /** The newest records of one action prefix (for tests and the audit view). */
  recent(actionPrefix: string, limit = 50): { id: string; at: number; actor: string; action: string; entity: string; entityId: string | null; details: unknown }[] {
    const rows = this.sqlite
      .prepare(
        `SELECT id, at, actor, action, entity, entity_id AS entityId, details FROM audit_log
         WHERE tenant_id = ? AND action LIKE ? ORDER BY at DESC, id DESC LIMIT ?`,
      )
      .all(this.scope.tenantId, `${actionPrefix}%`, limit) as { id: string; at: number; actor: string; action: string; entity: string; entityId: string | null; details: string }[];
    return rows.map((r) => ({ ...r, details: JSON.parse(r.details) as unknown }));
  }
}
