// What the sync engine needs to know about the caller and the database. Structural, so the engine
// does not depend on how app.ts authenticates (AuthUser satisfies SyncUser).
import type { Role } from '../../../shared/domain/permissions';
import type { Db } from '../db/database';

export interface SyncUser {
  id: string;
  /** Every read and write is scoped to this tenant: it comes from the verified token only. */
  tenantId: string;
  username: string;
  role: Role;
}

export type SyncDb = Db;

/** The NOTIFY channel every instance LISTENs on; payload `{"tenantId":…,"cursor":N}`. */
export const SYNC_CHANNEL = 'noc_sync';

/** The caller's tenant row is gone (deleted after the token was issued). */
export class UnknownTenantError extends Error {
  constructor() {
    super('unknown tenant');
    this.name = 'UnknownTenantError';
  }
}
