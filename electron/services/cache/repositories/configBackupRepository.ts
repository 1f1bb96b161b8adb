// Stored configuration versions of devices (synced with the team). A version is written with its
// outbox entry in one transaction; the content travels in the patch because the team's consoles
// need the text itself to show diffs.
import type Database from 'better-sqlite3';
import { NocError } from '../../../../shared/ipc/errors';
import { uuidv7 } from '../../util/uuidv7';
import { withBusyRetry } from '../busyRetry';
import { ChangeRecorder } from './outboxWriter';
import type { TenantScope } from './scope';

export interface BackupSummary {
  id: string;
  deviceId: string;
  deviceName: string;
  takenAt: number;
  command: string;
  sha256: string;
  bytes: number;
  lines: number;
  changed: boolean;
  previousId: string | null;
}

export interface BackupVersion extends BackupSummary {
  content: string;
}

export interface NewBackup {
  deviceId: string;
  takenAt: number;
  command: string;
  content: string;
  sha256: string;
  bytes: number;
  lines: number;
  previousId: string | null;
  changed: boolean;
}

type Row = Omit<BackupSummary, 'changed'> & { changed: number };

const COLUMNS = `b.id, b.device_id AS deviceId, d.name AS deviceName, b.taken_at AS takenAt, b.command, b.sha256, b.bytes, b.lines,
  b.changed, b.previous_id AS previousId`;
const FROM = `FROM config_backups b JOIN devices d ON d.id = b.device_id WHERE b.tenant_id = ? AND b.deleted_at IS NULL`;

export class ConfigBackupRepository {
  private readonly changes: ChangeRecorder;

  constructor(
    private readonly sqlite: Database.Database,
    private readonly scope: TenantScope,
  ) {
    this.changes = new ChangeRecorder(sqlite);
  }

  /** The device's newest version (with its text), or null before its first backup. */
  latest(deviceId: string): BackupVersion | null {
    const row = this.sqlite
      .prepare(`SELECT ${COLUMNS}, b.content ${FROM} AND b.device_id = ? ORDER BY b.taken_at DESC, b.id DESC LIMIT 1`)
      .get(this.scope.tenantId, deviceId) as (Row & { content: string }) | undefined;
    return row === undefined ? null : { ...toSummary(row), content: row.content };
  }

  get(id: string): BackupVersion {
    const row = this.sqlite.prepare(`SELECT ${COLUMNS}, b.content ${FROM} AND b.id = ?`).get(this.scope.tenantId, id) as (Row & { content: string }) | undefined;
    if (row === undefined) throw new NocError('NOT_FOUND', 'No such configuration version.', { id });
    return { ...toSummary(row), content: row.content };
  }

  /** One device's versions, newest first. */
  forDevice(deviceId: string, limit: number): BackupSummary[] {
    return (
      this.sqlite.prepare(`SELECT ${COLUMNS} ${FROM} AND b.device_id = ? ORDER BY b.taken_at DESC, b.id DESC LIMIT ?`).all(this.scope.tenantId, deviceId, limit) as Row[]
    ).map(toSummary);
  }

  /** The newest version of every device, newest first. */
  latestPerDevice(limit: number): BackupSummary[] {
    return (
      this.sqlite
        .prepare(
          `SELECT ${COLUMNS} ${FROM} AND d.deleted_at IS NULL AND b.id = (
             SELECT b2.id FROM config_backups b2 WHERE b2.tenant_id = b.tenant_id AND b2.device_id = b.device_id AND b2.deleted_at IS NULL
             ORDER BY b2.taken_at DESC, b2.id DESC LIMIT 1)
           ORDER BY b.taken_at DESC, b.id DESC LIMIT ?`,
        )
        .all(this.scope.tenantId, limit) as Row[]
    ).map(toSummary);
  }

  insert(v: NewBackup): BackupSummary {
    const id = uuidv7();
    withBusyRetry(() =>
      this.sqlite.transaction(() => {
        this.sqlite
          .prepare(
            `INSERT INTO config_backups (id, tenant_id, version, updated_at, device_id, taken_at, command, content, sha256, bytes, lines, previous_id, changed)
             VALUES (?, ?, 0, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
          )
          .run(id, this.scope.tenantId, v.takenAt, v.deviceId, v.takenAt, v.command, v.content, v.sha256, v.bytes, v.lines, v.previousId, v.changed ? 1 : 0);
        this.changes.record(this.scope, 'config_backups', id, 'insert', 0, { ...v }, v.takenAt);
      })(),
    );
    return this.get(id);
  }
}

function toSummary(r: Row): BackupSummary {
  return {
    id: r.id,
    deviceId: r.deviceId,
    deviceName: r.deviceName,
    takenAt: r.takenAt,
    command: r.command,
    sha256: r.sha256,
    bytes: r.bytes,
    lines: r.lines,
    changed: r.changed === 1,
    previousId: r.previousId,
  };
}
