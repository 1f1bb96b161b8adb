// What the SSH sub-services share: the workspace, the event bus, one engine (one connection pool
// and host-key policy for terminals, automation and backups), the vault and the target resolver.
import type { EventBus } from '../events/eventBus';
import type { Workspace } from '../workspace/workspace';
import { AuditWriter } from '../cache/repositories/auditWriter';
import type { TenantScope } from '../cache/repositories/scope';
import type { SshCredentialVault } from './credentialVault';
import type { SshEngine } from './sshEngine';
import type { SshTargetResolver } from './targetResolver';
import type { HostKeyMismatchDetails, UnknownHostDecision } from './hostKeys';
import { NocError } from '../../../shared/ipc/errors';

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

/**
 * First contact from a fingerprint the user accepted: trust exactly that key. Any other unknown key
 * is refused as "unknown" with the key it presented (not "rejected"), so the UI asks about that one
 * too: a jump chain costs one question per new hop instead of an unexplained refusal at the second.
 */
export function trustOnly(accepted: string | undefined): UnknownHostDecision | undefined {
  if (accepted === undefined) return undefined;
  return (info) => {
    if (info.fingerprint === accepted) return true;
    const details: HostKeyMismatchDetails = { reason: 'unknown', host: info.host, port: info.port, keyType: info.keyType, presented: info.fingerprint, known: [] };
    throw new NocError('HOST_KEY_MISMATCH', `${info.host}:${info.port} is not a known host (${info.keyType} ${info.fingerprint}); accept its key first.`, details);
  };
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
