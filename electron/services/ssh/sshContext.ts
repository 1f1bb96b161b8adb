// What the SSH sub-services share: the workspace, the event bus, one engine (one connection pool
// and host-key policy for terminals, automation and backups), the vault and the target resolver.
import type { EventBus } from '../events/eventBus';
import type { Workspace } from '../workspace/workspace';
import { AuditWriter } from '../cache/repositories/auditWriter';
import type { TenantScope } from '../cache/repositories/scope';
import type { SshCredentialVault } from './credentialVault';
import type { SshEngine } from './sshEngine';
import type { SshTargetResolver } from './targetResolver';
import type { UnknownHostDecision } from './hostKeys';

export interface SshContext {
  readonly workspace: Workspace;
  readonly bus: EventBus;
  readonly engine: SshEngine;
  readonly vault: SshCredentialVault;
  readonly resolver: SshTargetResolver;
  /** Folder for per-host session logs (profile option "session log"). */
  readonly sessionLogDir: string;
  audit(): AuditWriter;
}

/** First-contact decision from a fingerprint the user accepted: trust exactly that key, nothing else. */
export function trustOnly(fingerprint: string | undefined): UnknownHostDecision | undefined {
  if (fingerprint === undefined) return undefined;
  return (info) => info.fingerprint === fingerprint;
}

export function auditFor(workspace: Workspace): AuditWriter {
  return new AuditWriter(workspace.sqlite, workspace.scope());
}

/** A scope that follows the workspace's active tenant (a demo seed or a sync can switch it). */
export function liveScope(workspace: Workspace): TenantScope {
  return {
    get tenantId(): string {
      return workspace.scope().tenantId;
    },
    get actor(): string {
      return workspace.scope().actor;
    },
  };
}
