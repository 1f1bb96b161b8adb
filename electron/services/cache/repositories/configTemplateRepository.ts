// Configuration templates shared by the team (synced): every change goes with its outbox entry in
// the same transaction; a delete leaves a tombstone so the deletion syncs too.
import type Database from 'better-sqlite3';
import { NocError } from '../../../../shared/ipc/errors';
import { uuidv7 } from '../../util/uuidv7';
import { withBusyRetry } from '../busyRetry';
import { ChangeRecorder } from './outboxWriter';
import type { TenantScope } from './scope';

export interface ConfigTemplate {
  id: string;
  name: string;
  vendor: string;
  description: string;
  body: string;
  version: number;
  updatedAt: number;
}

export interface TemplateInput {
  id?: string | undefined;
  name: string;
  vendor: string;
  description: string;
  body: string;
}

const SELECT = `SELECT id, name, vendor, description, body, version, updated_at AS updatedAt FROM config_templates
  WHERE tenant_id = ? AND deleted_at IS NULL`;

export class ConfigTemplateRepository {
  private readonly changes: ChangeRecorder;

  constructor(
    private readonly sqlite: Database.Database,
    private readonly scope: TenantScope,
  ) {
    this.changes = new ChangeRecorder(sqlite);
  }

  list(): ConfigTemplate[] {
    return this.sqlite.prepare(`${SELECT} ORDER BY name, id`).all(this.scope.tenantId) as ConfigTemplate[];
  }

  get(id: string): ConfigTemplate {
    const row = this.sqlite.prepare(`${SELECT} AND id = ?`).get(this.scope.tenantId, id) as ConfigTemplate | undefined;
    if (row === undefined) throw new NocError('NOT_FOUND', 'That configuration template no longer exists.', { id });
    return row;
  }

  save(input: TemplateInput): ConfigTemplate {
    const now = Date.now();
    const patch = { name: input.name, vendor: input.vendor, description: input.description, body: input.body };
    const id = withBusyRetry(() =>
      this.sqlite.transaction(() => {
        // Names are how people (and the CLI) pick a template: two with one name would be ambiguous.
        const clash = this.sqlite.prepare(`${SELECT} AND lower(name) = lower(?) AND id <> ?`).get(this.scope.tenantId, input.name, input.id ?? '') as
          | ConfigTemplate
          | undefined;
        if (clash !== undefined) throw new NocError('CONFLICT', `A template named "${clash.name}" already exists.`, [{ path: 'name', message: 'name is taken' }]);
        if (input.id === undefined) {
          const newId = uuidv7();
          this.sqlite
            .prepare('INSERT INTO config_templates (id, tenant_id, version, updated_at, name, vendor, description, body) VALUES (?, ?, 0, ?, ?, ?, ?, ?)')
            .run(newId, this.scope.tenantId, now, input.name, input.vendor, input.description, input.body);
          this.changes.record(this.scope, 'config_templates', newId, 'insert', 0, patch, now);
          return newId;
        }
        const current = this.get(input.id);
        this.sqlite
          .prepare('UPDATE config_templates SET name = ?, vendor = ?, description = ?, body = ?, updated_at = ? WHERE id = ? AND tenant_id = ?')
          .run(input.name, input.vendor, input.description, input.body, now, current.id, this.scope.tenantId);
        this.changes.record(this.scope, 'config_templates', current.id, 'update', current.version, patch, now);
        return current.id;
      })(),
    );
    return this.get(id);
  }

  delete(id: string): boolean {
    return withBusyRetry(() =>
      this.sqlite.transaction(() => {
        const current = this.sqlite.prepare(`${SELECT} AND id = ?`).get(this.scope.tenantId, id) as ConfigTemplate | undefined;
        if (current === undefined) return false;
        const now = Date.now();
        this.sqlite.prepare('UPDATE config_templates SET deleted_at = ?, updated_at = ? WHERE id = ? AND tenant_id = ?').run(now, now, id, this.scope.tenantId);
        this.changes.record(this.scope, 'config_templates', id, 'delete', current.version, {}, now);
        return true;
      })(),
    );
  }
}
