// Automation runs and their per-device results. Local bookkeeping of this console (what a run did
// reaches the team through the synced audit log), so no outbox here.
import type Database from 'better-sqlite3';
import type { RunTargetState } from '../../../../shared/domain/ssh';
import { NocError } from '../../../../shared/ipc/errors';
import { withBusyRetry } from '../busyRetry';
import type { TenantScope } from './scope';

export type RunState = 'running' | 'finished' | 'stopped';

export interface RunSummary {
  runId: string;
  command: string;
  startedAt: number;
  finishedAt: number | null;
  concurrency: number;
  stopOnError: boolean;
  total: number;
  ok: number;
  failed: number;
  /** Skipped after a failure (stop-on-error) or stopped by the user before they ran. */
  skipped: number;
  state: RunState;
}

export interface RunResult {
  deviceId: string;
  deviceName: string;
  state: RunTargetState;
  exitCode: number | null;
  stdout: string;
  stderr: string;
  error: string | null;
  durationMs: number | null;
}

interface RunRow {
  runId: string;
  command: string;
  startedAt: number;
  finishedAt: number | null;
  concurrency: number;
  stopOnError: number;
  total: number;
  state: RunState;
  ok: number;
  failed: number;
  skipped: number;
}

const SELECT_RUN = `SELECT r.id AS runId, r.command, r.started_at AS startedAt, r.finished_at AS finishedAt, r.concurrency,
    r.stop_on_error AS stopOnError, r.total, r.state,
    (SELECT count(*) FROM ssh_run_results x WHERE x.run_id = r.id AND x.state = 'ok') AS ok,
    (SELECT count(*) FROM ssh_run_results x WHERE x.run_id = r.id AND x.state = 'failed') AS failed,
    (SELECT count(*) FROM ssh_run_results x WHERE x.run_id = r.id AND x.state IN ('skipped', 'stopped')) AS skipped
  FROM ssh_runs r WHERE r.tenant_id = ?`;

export class SshRunRepository {
  constructor(
    private readonly sqlite: Database.Database,
    private readonly scope: TenantScope,
  ) {}

  /** The run row and one 'queued' result per device, in one transaction. */
  create(run: { runId: string; command: string; startedAt: number; concurrency: number; stopOnError: boolean }, results: RunResult[]): void {
    withBusyRetry(() =>
      this.sqlite.transaction(() => {
        this.sqlite
          .prepare(
            `INSERT INTO ssh_runs (id, tenant_id, command, started_at, finished_at, concurrency, stop_on_error, state, total)
             VALUES (?, ?, ?, ?, NULL, ?, ?, 'running', ?)`,
          )
          .run(run.runId, this.scope.tenantId, run.command, run.startedAt, run.concurrency, run.stopOnError ? 1 : 0, results.length);
        const insert = this.sqlite.prepare(
          `INSERT INTO ssh_run_results (run_id, device_id, device_name, state, exit_code, stdout, stderr, error, duration_ms)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        );
        for (const r of results) insert.run(run.runId, r.deviceId, r.deviceName, r.state, r.exitCode, r.stdout, r.stderr, r.error, r.durationMs);
      })(),
    );
  }

  saveResult(runId: string, r: RunResult): void {
    withBusyRetry(() =>
      this.sqlite
        .prepare(
          `UPDATE ssh_run_results SET state = ?, exit_code = ?, stdout = ?, stderr = ?, error = ?, duration_ms = ?
           WHERE run_id = ? AND device_id = ?`,
        )
        .run(r.state, r.exitCode, r.stdout, r.stderr, r.error, r.durationMs, runId, r.deviceId),
    );
  }

  finish(runId: string, state: Exclude<RunState, 'running'>, finishedAt: number): void {
    withBusyRetry(() =>
      this.sqlite.prepare('UPDATE ssh_runs SET state = ?, finished_at = ? WHERE id = ? AND tenant_id = ?').run(state, finishedAt, runId, this.scope.tenantId),
    );
  }

  summary(runId: string): RunSummary {
    const row = this.sqlite.prepare(`${SELECT_RUN} AND r.id = ?`).get(this.scope.tenantId, runId) as RunRow | undefined;
    if (row === undefined) throw new NocError('NOT_FOUND', 'No such automation run.', { runId });
    return toSummary(row);
  }

  results(runId: string): RunResult[] {
    return this.sqlite
      .prepare(
        `SELECT x.device_id AS deviceId, x.device_name AS deviceName, x.state, x.exit_code AS exitCode, x.stdout, x.stderr, x.error,
           x.duration_ms AS durationMs
         FROM ssh_run_results x JOIN ssh_runs r ON r.id = x.run_id
         WHERE x.run_id = ? AND r.tenant_id = ? ORDER BY x.rowid`,
      )
      .all(runId, this.scope.tenantId) as RunResult[];
  }

  list(limit: number): RunSummary[] {
    return (this.sqlite.prepare(`${SELECT_RUN} ORDER BY r.started_at DESC, r.id DESC LIMIT ?`).all(this.scope.tenantId, limit) as RunRow[]).map(toSummary);
  }
}

function toSummary(r: RunRow): RunSummary {
  return { ...r, stopOnError: r.stopOnError === 1 };
}
