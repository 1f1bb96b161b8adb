// The SSH side of the console behind the IPC contract: the vault, known hosts, one-off exec, and
// the terminal, automation and config sub-services, all sharing one engine (one pool, one
// host-key policy). Keyboard-interactive prompts are relayed to whoever listens on the bus (the
// UI) and answered through `ssh.prompt.answer`; unanswered prompts give up after two minutes.
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import type { ParsedRequestOf, ResponseOf } from '../../../shared/ipc/schemas';
import type { EventBus } from '../events/eventBus';
import { KnownHostRepository } from '../cache/repositories/knownHostRepository';
import type { Workspace } from '../workspace/workspace';
import { AutomationService } from './automationService';
import { ConfigService } from './configService';
import { SshCredentialVault } from './credentialVault';
import { SshEngine } from './sshEngine';
import { auditFor, liveScope, trustOnly, type SshContext } from './sshContext';
import { SshTargetResolver, type PromptRelay } from './targetResolver';
import { TerminalService } from './terminalService';

const PROMPT_TIMEOUT_MS = 120_000;

export interface SshServiceOptions {
  /** Where session logs go; default <workspace>/session-logs. */
  sessionLogDir?: string;
  /** Relay keyboard-interactive prompts to the bus (UI hosts); the CLI answers on its terminal instead. */
  relayPrompts?: PromptRelay | 'bus' | 'none';
}

export class SshService {
  readonly ctx: SshContext;
  readonly terminals: TerminalService;
  readonly automation: AutomationService;
  readonly config: ConfigService;
  private readonly pendingPrompts = new Map<string, (answers: string[] | null) => void>();

  constructor(
    private readonly workspace: Workspace,
    bus: EventBus,
    options: SshServiceOptions = {},
  ) {
    // Scoped to the active tenant at each call: a demo seed or a sync can switch it while the engine lives.
    const scope = liveScope(workspace);
    const engine = new SshEngine({ knownHosts: new KnownHostRepository(workspace.sqlite, scope) });
    const vault = new SshCredentialVault(workspace.sqlite, scope, workspace.box);
    const relayOption = options.relayPrompts ?? 'bus';
    const relay: PromptRelay | undefined =
      relayOption === 'none' ? undefined : relayOption === 'bus' ? (prompts, meta) => this.relayOverBus(bus, prompts, meta) : relayOption;
    this.ctx = {
      workspace,
      bus,
      engine,
      vault,
      resolver: new SshTargetResolver(workspace.sqlite, scope, vault, relay),
      sessionLogDir: options.sessionLogDir ?? path.join(workspace.dir, 'session-logs'),
      audit: () => auditFor(workspace),
    };
    this.terminals = new TerminalService(this.ctx);
    this.automation = new AutomationService(this.ctx);
    this.config = new ConfigService(this.ctx);
  }

  // ── credentials and known hosts ──────────────────────────────────────────────────────────────

  credentials(): ResponseOf<'ssh.credentials.list'> {
    return this.ctx.vault.list();
  }

  saveCredential(req: ParsedRequestOf<'ssh.credentials.save'>): ResponseOf<'ssh.credentials.save'> {
    return this.ctx.vault.save(req);
  }

  deleteCredential(id: string): ResponseOf<'ssh.credentials.delete'> {
    return this.ctx.vault.delete(id);
  }

  knownHosts(req: ParsedRequestOf<'ssh.knownHosts.list'>): ResponseOf<'ssh.knownHosts.list'> {
    const all = new KnownHostRepository(this.workspace.sqlite, this.workspace.scope()).list();
    return all
      .filter((k) => req.host === undefined || k.host === req.host)
      .map((k) => ({ id: k.id, host: k.host, port: k.port, keyType: k.keyType, fingerprint: k.fingerprint, firstSeen: k.firstSeen, lastSeen: k.lastSeen }));
  }

  removeKnownHost(id: string): ResponseOf<'ssh.knownHosts.remove'> {
    new KnownHostRepository(this.workspace.sqlite, this.workspace.scope()).remove(id);
    return { removed: true };
  }

  // ── one-off exec ─────────────────────────────────────────────────────────────────────────────

  async exec(req: ParsedRequestOf<'ssh.exec'>): Promise<ResponseOf<'ssh.exec'>> {
    const resolved = this.ctx.resolver.resolve(req.target);
    const started = performance.now();
    const onUnknownHost = trustOnly(req.trustFingerprint);
    const result = await this.ctx.engine.exec(resolved.target, req.command, {
      timeoutMs: req.timeoutMs,
      ...(onUnknownHost === undefined ? {} : { onUnknownHost }),
    });
    this.ctx.audit().write('ssh.exec', resolved.deviceId === null ? 'host' : 'devices', resolved.deviceId ?? resolved.target.host, {
      host: resolved.target.host,
      port: resolved.target.port,
      username: resolved.target.username,
      command: req.command,
      exitCode: result.exitCode,
    });
    return {
      stdout: result.stdout,
      stderr: result.stderr,
      exitCode: result.exitCode,
      signal: result.signal,
      truncated: result.truncated,
      hostKeySha256: result.hostKeySha256,
      legacy: result.legacy,
      durationMs: Math.round(performance.now() - started),
    };
  }

  // ── keyboard-interactive relay ───────────────────────────────────────────────────────────────

  answerPrompt(req: ParsedRequestOf<'ssh.prompt.answer'>): ResponseOf<'ssh.prompt.answer'> {
    const resolve = this.pendingPrompts.get(req.promptId);
    if (resolve === undefined) return { delivered: false };
    this.pendingPrompts.delete(req.promptId);
    resolve(req.answers);
    return { delivered: true };
  }

  private relayOverBus(bus: EventBus, prompts: Parameters<PromptRelay>[0], meta: Parameters<PromptRelay>[1]): Promise<string[] | null> {
    const promptId = randomBytes(12).toString('base64url');
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.pendingPrompts.delete(promptId);
        resolve(null);
      }, PROMPT_TIMEOUT_MS);
      timer.unref();
      this.pendingPrompts.set(promptId, (answers) => {
        clearTimeout(timer);
        resolve(answers);
      });
      bus.emit('ssh.prompt', {
        promptId,
        sessionId: null,
        host: meta.host,
        username: meta.username,
        name: meta.name,
        instructions: meta.instructions,
        prompts,
      });
    });
  }

  close(): void {
    for (const resolve of this.pendingPrompts.values()) resolve(null);
    this.pendingPrompts.clear();
    this.terminals.closeAll();
    this.automation.close();
    void this.ctx.engine.close();
  }
}
