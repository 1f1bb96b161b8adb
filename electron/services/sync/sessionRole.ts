// Which role the console enforces once it has been linked to a sync server. Pure, so the offline
// unlock window can be tested with a clock. Rules:
// - never linked: the local role (settings.localRole, admin by default) — a standalone console;
// - a session whose last successful server contact is within the unlock window: the synced role;
// - linked, but logged out, revoked, or offline for longer than the window: viewer, until the next
//   login. A lost or stolen laptop thus loses write access on its own.
import type { Role } from '../../../shared/domain/permissions';
import { ROLES } from '../../../shared/domain/permissions';

export const DEFAULT_OFFLINE_UNLOCK_HOURS = 72;

export interface SessionRoleInput {
  localRole: string | null;
  linked: boolean;
  /** The role of the current session, null when logged out. */
  syncedRole: string | null;
  lastContactAt: number | null;
  now: number;
  offlineUnlockHours: number;
}

function asRole(r: string | null): Role | null {
  return r !== null && (ROLES as readonly string[]).includes(r) ? (r as Role) : null;
}

export function offlineUnlockHours(env: NodeJS.ProcessEnv = process.env): number {
  const n = Number(env.NOC_OFFLINE_UNLOCK_HOURS);
  return env.NOC_OFFLINE_UNLOCK_HOURS !== undefined && env.NOC_OFFLINE_UNLOCK_HOURS !== '' && Number.isFinite(n) && n >= 0 ? n : DEFAULT_OFFLINE_UNLOCK_HOURS;
}

/** Until when the session works without contact (null: no session). */
export function unlockUntil(lastContactAt: number | null, hours: number): number | null {
  return lastContactAt === null ? null : lastContactAt + Math.round(hours * 3_600_000);
}

export function effectiveRole(i: SessionRoleInput): Role {
  if (!i.linked) return asRole(i.localRole) ?? 'admin';
  const synced = asRole(i.syncedRole);
  const until = unlockUntil(i.lastContactAt, i.offlineUnlockHours);
  if (synced !== null && until !== null && i.now <= until) return synced;
  return 'viewer';
}
