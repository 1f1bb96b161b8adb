// Writes the outbox entry and the audit record that go with a local change. Callers invoke these
// inside the same transaction as the row change (see DeviceRepository), which is the guarantee
// that a crash can never leave a change without its outbox entry or the other way round.
import type Database from 'better-sqlite3';
import { uuidv7 } from '../../util/uuidv7';
import type { TenantScope } from './scope';

export type MutationOp = 'insert' | 'update' | 'delete';

export class ChangeRecorder {
  private readonly outboxInsert: Database.Statement;
  private readonly auditInsert: Database.Statement;

  constructor(sqlite: Database.Database) {
    this.outboxInsert = sqlite.prepare(
      `INSERT INTO outbox (mutation_id, tenant_id, table_name, row_id, op, base_version, patch, created_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    this.auditInsert = sqlite.prepare(
      `INSERT INTO audit_log (id, tenant_id, version, updated_at, at, actor, action, entity, entity_id, details)
       VALUES (?, ?, 0, ?, ?, ?, ?, ?, ?, ?)`,
    );
  }

  record(
    scope: TenantScope,
    table: string,
    rowId: string,
    op: MutationOp,
    baseVersion: number,
    patch: Record<string, unknown>,
    now: number,
  ): void {
    this.outboxInsert.run(uuidv7(), scope.tenantId, table, rowId, op, baseVersion, JSON.stringify(patch), now);
    this.auditInsert.run(
      uuidv7(),
      scope.tenantId,
      now,
      now,
      scope.actor,
      `${table}.${op}`,
      table,
      rowId,
      JSON.stringify({ fields: Object.keys(patch) }),
    );
  }
}
