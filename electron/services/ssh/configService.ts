// Config backup, diff and templates.
//
// Backup: the device's running configuration is fetched with its vendor's command (or the SSH
// profile's own), normalised (see config/normalise.ts) and hashed. Like Oxidized, a new version
// is stored only when the text changed: an unchanged fetch returns the stored latest version with
// `changed: false`, so the history is a list of real changes, not of polls. A device's first
// version has no predecessor and is stored with `changed: false`. Versions are synced (outbox).
//
// Templates: rendered with device, site and caller variables; what is pushed must be exactly what
// was shown (the caller names the rendered text's sha256), and nothing with a missing variable
// is pushed. After a push a fresh backup records the device's new configuration.
import { backupCommandFor } from '../../../shared/domain/ssh';
import { NocError } from '../../../shared/ipc/errors';
import type { ParsedRequestOf, ResponseOf } from '../../../shared/ipc/schemas';
import { ConfigBackupRepository, type BackupSummary, type BackupVersion } from '../cache/repositories/configBackupRepository';
import { ConfigTemplateRepository, type ConfigTemplate } from '../cache/repositories/configTemplateRepository';
import { ProgressReporter } from '../events/eventBus';
import { DeviceTargets, type DeviceFacts } from './automation/deviceTargets';
import { runPool } from './automation/workPool';
import { diffConfigs, type ConfigDiff } from './config/configDiff';
import { normaliseConfig, sha256Hex } from './config/normalise';
import { feedLines } from './config/shellFeed';
import { renderTemplate, templateVariables, type RenderedTemplate } from './config/templateRenderer';
import type { UnknownHostDecision } from './hostKeys';
import { liveScope, type SshContext } from './sshContext';

export interface ConfigOptions {
  /** First-contact decision for hosts with no trusted key (CLI --accept-new); default: refuse. */
  onUnknownHost?: UnknownHostDecision;
}

type BackupOutcome = { backup: BackupSummary; error: null } | { backup: null; error: string };

const FETCH_TIMEOUT_MS = 120_000;
const PUSH_TIMEOUT_MS = 120_000;

function describe(error: unknown): string {
  if (error instanceof NocError) return `${error.code}: ${error.message}`;
  return error instanceof Error ? error.message : String(error);
}

function versionLabel(v: BackupSummary): string {
  return `${v.deviceName} ${new Date(v.takenAt).toISOString()}`;
}

export class ConfigService {
  constructor(private readonly ctx: SshContext) {}

  private backups(): ConfigBackupRepository {
    return new ConfigBackupRepository(this.ctx.workspace.sqlite, liveScope(this.ctx.workspace));
  }

  private templatesRepo(): ConfigTemplateRepository {
    return new ConfigTemplateRepository(this.ctx.workspace.sqlite, liveScope(this.ctx.workspace));
  }

  private device(id: string): DeviceFacts {
    const d = new DeviceTargets(this.ctx.workspace.sqlite, liveScope(this.ctx.workspace)).one(id);
    if (d === null) throw new NocError('NOT_FOUND', 'That device no longer exists.', { id });
    return d;
  }

  // ── backup ───────────────────────────────────────────────────────────────────────────────────

  async backup(req: ParsedRequestOf<'ssh.backup.run'>, options: ConfigOptions = {}): Promise<ResponseOf<'ssh.backup.run'>> {
    const devices = new DeviceTargets(this.ctx.workspace.sqlite, liveScope(this.ctx.workspace));
    const progress = req.taskId === undefined ? undefined : new ProgressReporter(this.ctx.bus, req.taskId, 'Backing up configurations');
    const ids = [...new Set(req.deviceIds)];
    const results: ResponseOf<'ssh.backup.run'>['results'] = ids.map((deviceId) => ({ deviceId, deviceName: '', backup: null, error: 'device not found' }));
    let done = 0;
    progress?.update(0, ids.length);
    await runPool(ids, req.concurrency, async (id, index) => {
      const device = devices.one(id);
      if (device !== null) {
        const outcome = await this.backupOne(device, options);
        results[index] = { deviceId: id, deviceName: device.name, ...outcome };
      }
      done += 1;
      progress?.update(done, ids.length);
    });
    const failed = results.filter((r) => r.error !== null).length;
    progress?.finish(ids.length, failed > 0 ? `${failed} of ${ids.length} backups failed` : undefined);
    return { results };
  }

  /** Fetches, normalises and stores one device's configuration; a failure is an outcome, not a throw. */
  private async backupOne(device: DeviceFacts, options: ConfigOptions): Promise<BackupOutcome> {
    try {
      const resolved = this.ctx.resolver.resolve({ deviceId: device.id });
      const command = backupCommandFor(device.vendor, resolved.credential.backupCommand);
      if (command === null) {
        return { backup: null, error: `no backup command for vendor ${device.vendor === '' ? '(none)' : device.vendor}; set one on the SSH profile` };
      }
      const r = await this.ctx.engine.exec(resolved.target, command, {
        timeoutMs: FETCH_TIMEOUT_MS,
        ...(options.onUnknownHost === undefined ? {} : { onUnknownHost: options.onUnknownHost }),
      });
      if (r.truncated) return { backup: null, error: `the output of "${command}" was too large and was cut off; nothing stored` };
      if (r.exitCode !== 0) {
        const why = r.stderr.trim().split('\n')[0] ?? '';
        return { backup: null, error: `"${command}" exited with ${r.exitCode ?? r.signal ?? 'no status'}${why === '' ? '' : `: ${why}`}` };
      }
      const config = normaliseConfig(r.stdout, device.vendor);
      const repo = this.backups();
      const latest = repo.latest(device.id);
      if (latest !== null && latest.sha256 === config.sha256) return { backup: { ...summaryOf(latest), changed: false }, error: null };
      const backup = repo.insert({
        deviceId: device.id,
        takenAt: Date.now(),
        command,
        ...config,
        previousId: latest?.id ?? null,
        changed: latest !== null,
      });
      return { backup, error: null };
    } catch (error) {
      return { backup: null, error: describe(error) };
    }
  }

  list(req: ParsedRequestOf<'ssh.backup.list'>): ResponseOf<'ssh.backup.list'> {
    const repo = this.backups();
    return req.deviceId === undefined ? repo.latestPerDevice(req.limit) : repo.forDevice(req.deviceId, req.limit);
  }

  get(req: ParsedRequestOf<'ssh.backup.get'>): ResponseOf<'ssh.backup.get'> {
    return this.backups().get(req.id);
  }

  diff(req: ParsedRequestOf<'ssh.backup.diff'>): ResponseOf<'ssh.backup.diff'> {
    const repo = this.backups();
    const from = repo.get(req.fromId);
    const to = repo.get(req.toId);
    return { from: summaryOf(from), to: summaryOf(to), diff: diffConfigs(versionLabel(from), versionLabel(to), from.content, to.content) };
  }

  // ── templates ────────────────────────────────────────────────────────────────────────────────

  templates(): ResponseOf<'ssh.templates.list'> {
    return this.templatesRepo().list().map(templateOf);
  }

  saveTemplate(req: ParsedRequestOf<'ssh.templates.save'>): ResponseOf<'ssh.templates.save'> {
    return templateOf(this.templatesRepo().save(req));
  }

  deleteTemplate(req: ParsedRequestOf<'ssh.templates.delete'>): ResponseOf<'ssh.templates.delete'> {
    return { deleted: this.templatesRepo().delete(req.id) };
  }

  private renderFor(templateId: string, deviceId: string, vars: Record<string, string>): { template: ConfigTemplate; device: DeviceFacts; out: RenderedTemplate; sha256: string } {
    const template = this.templatesRepo().get(templateId);
    const device = this.device(deviceId);
    const site = device.siteId === null ? null : { name: device.siteName ?? '', code: device.siteCode ?? '', region: device.siteRegion ?? '' };
    const out = renderTemplate(template.body, {
      device: { name: device.name, mgmtAddress: device.mgmtAddress, vendor: device.vendor, model: device.model, role: device.role },
      site,
      vars,
    });
    return { template, device, out, sha256: sha256Hex(out.rendered) };
  }

  render(req: ParsedRequestOf<'ssh.templates.render'>): ResponseOf<'ssh.templates.render'> {
    const { template, device, out, sha256 } = this.renderFor(req.templateId, req.deviceId, req.vars);
    const latest = this.backups().latest(device.id);
    const diff: ConfigDiff | null = latest === null ? null : diffConfigs(versionLabel(latest), `${template.name} for ${device.name}`, latest.content, out.rendered);
    return { rendered: out.rendered, renderedSha256: sha256, missing: out.missing, against: latest === null ? null : summaryOf(latest), diff };
  }

  async push(req: ParsedRequestOf<'ssh.templates.push'>, options: ConfigOptions = {}): Promise<ResponseOf<'ssh.templates.push'>> {
    const { template, device, out, sha256 } = this.renderFor(req.templateId, req.deviceId, req.vars);
    if (sha256 !== req.renderedSha256) {
      throw new NocError('CONFLICT', 'The template, the device or the variables changed since the render you reviewed; render again and check it.', {
        expected: req.renderedSha256,
        now: sha256,
      });
    }
    if (out.missing.length > 0) {
      throw new NocError('VALIDATION', `Not pushed: the template has no value for ${out.missing.join(', ')}.`, out.missing.map((m) => ({ path: m, message: 'no value' })));
    }
    const resolved = this.ctx.resolver.resolve({ deviceId: device.id });
    const audit = { template: template.name, templateId: template.id, device: device.name, sha256 };
    let result;
    try {
      result = await feedLines(this.ctx.engine, resolved.target, out.rendered, PUSH_TIMEOUT_MS, options.onUnknownHost === undefined ? {} : { onUnknownHost: options.onUnknownHost });
    } catch (error) {
      this.ctx.audit().write('ssh.template.push', 'devices', device.id, { ...audit, error: describe(error) });
      throw error;
    }
    this.ctx.audit().write('ssh.template.push', 'devices', device.id, { ...audit, exitCode: result.exitCode });
    const after = await this.backupOne(device, options);
    return { ...result, backupAfter: after.backup };
  }
}

function summaryOf(v: BackupVersion | BackupSummary): BackupSummary {
  return {
    id: v.id,
    deviceId: v.deviceId,
    deviceName: v.deviceName,
    takenAt: v.takenAt,
    command: v.command,
    sha256: v.sha256,
    bytes: v.bytes,
    lines: v.lines,
    changed: v.changed,
    previousId: v.previousId,
  };
}

function templateOf(t: ConfigTemplate): ResponseOf<'ssh.templates.save'> {
  return { id: t.id, name: t.name, vendor: t.vendor, description: t.description, body: t.body, variables: templateVariables(t.body), updatedAt: t.updatedAt };
}
