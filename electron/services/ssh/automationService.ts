// Automation: one command or a short script on many devices. `start` records the run and returns
// at once; the devices are worked through in the background by a small pool (bounded
// concurrency), each on a channel of the engine's pooled connection to that device. Every result
// is stored and published as 'ssh.run.update'; the run's start and finish are audited (command,
// device count, outcome counts — never a credential). Unknown host keys are not trusted here: such
// a device fails with the host-key message, and the user accepts the key in a terminal (or with
// the CLI's --accept-new, which passes its own decision in `options`).
import { NocError } from '../../../shared/ipc/errors';
import type { ParsedRequestOf, ResponseOf } from '../../../shared/ipc/schemas';
import { SshRunRepository, type RunResult, type RunSummary } from '../cache/repositories/sshRunRepository';
import { uuidv7 } from '../util/uuidv7';
import { DeviceTargets, describeTargets, type RunTarget } from './automation/deviceTargets';
import { runPool } from './automation/workPool';
import type { UnknownHostDecision } from './hostKeys';
import { liveScope, type SshContext } from './sshContext';

export interface RunOptions {
  /** First-contact decision for hosts with no trusted key (CLI --accept-new); default: refuse. */
  onUnknownHost?: UnknownHostDecision;
}

interface ActiveRun {
  runId: string;
  results: RunResult[];
  /** Set by stop(): queued devices become 'stopped'. */
  stopped: boolean;
  /** Set by the first failure of a stop-on-error run: queued devices become 'skipped'. */
  halted: boolean;
  done: Promise<void>;
}

export class AutomationService {
  private readonly active = new Map<string, ActiveRun>();
  /** After close() the cache may be gone: in-flight devices finish without writing. */
  private closed = false;

  constructor(private readonly ctx: SshContext) {}

  private runs(): SshRunRepository {
    return new SshRunRepository(this.ctx.workspace.sqlite, liveScope(this.ctx.workspace));
  }

  private targets(selection: { deviceIds?: string[] | undefined; siteId?: string | undefined }): RunTarget[] {
    const devices = new DeviceTargets(this.ctx.workspace.sqlite, liveScope(this.ctx.workspace)).select(selection);
    return describeTargets(devices, this.ctx.vault);
  }

  preview(req: ParsedRequestOf<'ssh.run.preview'>): ResponseOf<'ssh.run.preview'> {
    return { targets: this.targets(req) };
  }

  start(req: ParsedRequestOf<'ssh.run.start'>, options: RunOptions = {}): ResponseOf<'ssh.run.start'> {
    const targets = this.targets(req);
    if (targets.length === 0) throw new NocError('VALIDATION', 'None of the chosen devices exists any more.');
    const runId = uuidv7();
    const results: RunResult[] = targets.map((t) => ({
      deviceId: t.deviceId,
      deviceName: t.deviceName,
      state: 'queued',
      exitCode: null,
      stdout: '',
      stderr: '',
      error: null,
      durationMs: null,
    }));
    const repo = this.runs();
    repo.create({ runId, command: req.command, startedAt: Date.now(), concurrency: req.concurrency, stopOnError: req.stopOnError }, results);
    this.ctx.audit().write('ssh.run.start', 'ssh_runs', runId, {
      command: req.command,
      devices: targets.length,
      concurrency: req.concurrency,
      stopOnError: req.stopOnError,
    });
    const run: ActiveRun = { runId, results, stopped: false, halted: false, done: Promise.resolve() };
    this.active.set(runId, run);
    run.done = this.execute(run, targets, req, options)
      .catch((error: unknown) => {
        if (!this.closed) console.error(`automation run ${runId} failed:`, error instanceof Error ? error.message : error);
      })
      .finally(() => this.active.delete(runId));
    return repo.summary(runId);
  }

  private async execute(run: ActiveRun, targets: RunTarget[], req: ParsedRequestOf<'ssh.run.start'>, options: RunOptions): Promise<void> {
    // Let start's response reach the caller before the first 'ssh.run.update' names this run.
    await new Promise<void>((resolve) => setImmediate(resolve));
    try {
      await runPool(
        targets,
        req.concurrency,
        async (target, index) => {
          const result = run.results[index] as RunResult;
          if (result.state !== 'queued') return;
          this.update(run, { ...result, state: 'running' });
          const outcome = await this.runOne(target, req, options);
          this.update(run, { ...result, ...outcome });
          if (outcome.state === 'failed' && req.stopOnError && !run.halted) {
            run.halted = true;
            this.settleQueued(run, 'skipped');
          }
        },
        () => !run.stopped && !run.halted,
      );
    } finally {
      if (!this.closed) this.finish(run, req.command);
    }
  }

  private finish(run: ActiveRun, command: string): void {
    const repo = this.runs();
    repo.finish(run.runId, run.stopped ? 'stopped' : 'finished', Date.now());
    const summary = repo.summary(run.runId);
    this.ctx.audit().write('ssh.run.finish', 'ssh_runs', run.runId, {
      command,
      devices: summary.total,
      ok: summary.ok,
      failed: summary.failed,
      skipped: summary.skipped,
      state: summary.state,
    });
    this.ctx.bus.emit('ssh.run.update', { run: summary, result: null });
  }

  /** Runs the command on one device; never throws (a failure is a result). */
  private async runOne(target: RunTarget, req: ParsedRequestOf<'ssh.run.start'>, options: RunOptions): Promise<Partial<RunResult>> {
    if (target.problem !== null) return { state: 'failed', error: target.problem, durationMs: 0 };
    const started = performance.now();
    try {
      const resolved = this.ctx.resolver.resolve({ deviceId: target.deviceId });
      // A multi-line script goes as one command: the remote shell runs it line by line.
      const r = await this.ctx.engine.exec(resolved.target, req.command, {
        timeoutMs: req.timeoutMs,
        ...(options.onUnknownHost === undefined ? {} : { onUnknownHost: options.onUnknownHost }),
      });
      return {
        state: r.exitCode === 0 ? 'ok' : 'failed',
        exitCode: r.exitCode,
        stdout: r.stdout,
        stderr: r.stderr,
        error: r.exitCode === null ? (r.truncated ? 'output too large: cut off' : `ended by signal ${r.signal ?? 'unknown'}`) : null,
        durationMs: Math.round(performance.now() - started),
      };
    } catch (error) {
      const e = error instanceof NocError ? error : new NocError('INTERNAL', error instanceof Error ? error.message : String(error));
      // A timeout keeps what the command printed before it was cut.
      const partial = (e.details ?? {}) as { stdout?: unknown; stderr?: unknown };
      return {
        state: 'failed',
        error: `${e.code}: ${e.message}`,
        stdout: typeof partial.stdout === 'string' ? partial.stdout : '',
        stderr: typeof partial.stderr === 'string' ? partial.stderr : '',
        durationMs: Math.round(performance.now() - started),
      };
    }
  }

  private update(run: ActiveRun, result: RunResult): void {
    const index = run.results.findIndex((r) => r.deviceId === result.deviceId);
    run.results[index] = result;
    if (this.closed) return;
    const repo = this.runs();
    repo.saveResult(run.runId, result);
    this.ctx.bus.emit('ssh.run.update', { run: repo.summary(run.runId), result });
  }

  private settleQueued(run: ActiveRun, state: 'skipped' | 'stopped'): void {
    for (const r of run.results) if (r.state === 'queued') this.update(run, { ...r, state });
  }

  stop(req: ParsedRequestOf<'ssh.run.stop'>): ResponseOf<'ssh.run.stop'> {
    const run = this.active.get(req.runId);
    if (run === undefined) {
      this.runs().summary(req.runId); // NOT_FOUND for an unknown run; a finished one has nothing to stop
      return { stopping: false };
    }
    if (!run.stopped) {
      run.stopped = true;
      this.settleQueued(run, 'stopped');
    }
    return { stopping: true };
  }

  /** Resolves when the run has finished (CLI and tests); the IPC start returns at once. */
  async wait(runId: string): Promise<ResponseOf<'ssh.run.get'>> {
    await this.active.get(runId)?.done;
    return this.get({ runId });
  }

  get(req: ParsedRequestOf<'ssh.run.get'>): ResponseOf<'ssh.run.get'> {
    const repo = this.runs();
    const summary: RunSummary = repo.summary(req.runId);
    return { ...summary, results: repo.results(req.runId) };
  }

  list(req: ParsedRequestOf<'ssh.run.list'>): ResponseOf<'ssh.run.list'> {
    return this.runs().list(req.limit);
  }

  /** Stops every run (the console is closing): queued devices are not started. */
  close(): void {
    for (const run of this.active.values()) {
      if (!run.stopped) {
        run.stopped = true;
        this.settleQueued(run, 'stopped');
      }
    }
    this.closed = true;
  }
}
