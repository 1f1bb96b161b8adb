// Every repository is built for one tenant and one actor: the tenant filter is applied inside the
// repository, so no caller can forget it.
export interface TenantScope {
  readonly tenantId: string;
  /** Who acts, for the audit log and outbox (a user name, or "cli", "demo"). */
  readonly actor: string;
}
