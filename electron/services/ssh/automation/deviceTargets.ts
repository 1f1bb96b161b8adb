// Which devices a selection means (explicit ids in the order given, then a site's devices by
// name) and, for each, whether SSH can reach it: address, SSH profile, profile still present.
// Used by the automation preview and start, and by config backups and templates for the facts.
import type Database from 'better-sqlite3';
import type { TenantScope } from '../../cache/repositories/scope';
import type { SshCredential, SshCredentialVault } from '../credentialVault';

export interface DeviceFacts {
  id: string;
  name: string;
  mgmtAddress: string;
  vendor: string;
  model: string;
  role: string;
  sshProfileId: string | null;
  siteId: string | null;
  siteName: string | null;
  siteCode: string | null;
  siteRegion: string | null;
}

export interface RunTarget {
  deviceId: string;
  deviceName: string;
  host: string;
  port: number;
  username: string | null;
  credentialName: string | null;
  problem: string | null;
}

const SELECT = `SELECT d.id, d.name, d.mgmt_address AS mgmtAddress, d.vendor, d.model, d.role, d.ssh_profile_id AS sshProfileId,
    d.site_id AS siteId, s.name AS siteName, s.code AS siteCode, s.region AS siteRegion
  FROM devices d LEFT JOIN sites s ON s.id = d.site_id AND s.deleted_at IS NULL
  WHERE d.tenant_id = ? AND d.deleted_at IS NULL`;

export class DeviceTargets {
  constructor(
    private readonly sqlite: Database.Database,
    private readonly scope: TenantScope,
  ) {}

  /** Live devices among `ids` (unknown or deleted ids are left out), in the order given. */
  byIds(ids: readonly string[]): DeviceFacts[] {
    if (ids.length === 0) return [];
    const rows = this.sqlite.prepare(`${SELECT} AND d.id IN (SELECT value FROM json_each(?))`).all(this.scope.tenantId, JSON.stringify(ids)) as DeviceFacts[];
    const byId = new Map(rows.map((r) => [r.id, r]));
    return [...new Set(ids)].flatMap((id) => byId.get(id) ?? []);
  }

  bySite(siteId: string): DeviceFacts[] {
    return this.sqlite.prepare(`${SELECT} AND d.site_id = ? ORDER BY d.name, d.id`).all(this.scope.tenantId, siteId) as DeviceFacts[];
  }

  /** Every device that has an SSH profile (the CLI's `all`), by name. */
  withSshProfile(): DeviceFacts[] {
    return this.sqlite.prepare(`${SELECT} AND d.ssh_profile_id IS NOT NULL ORDER BY d.name, d.id`).all(this.scope.tenantId) as DeviceFacts[];
  }

  one(id: string): DeviceFacts | null {
    return this.byIds([id])[0] ?? null;
  }

  /** The devices a selection means: the ids first (in order), then the site's devices not already named. */
  select(selection: { deviceIds?: readonly string[] | undefined; siteId?: string | undefined }): DeviceFacts[] {
    const picked = this.byIds(selection.deviceIds ?? []);
    if (selection.siteId === undefined) return picked;
    const seen = new Set(picked.map((d) => d.id));
    return [...picked, ...this.bySite(selection.siteId).filter((d) => !seen.has(d.id))];
  }
}

/** What a run would do with each device; profiles are looked up once each, not once per device. */
export function describeTargets(devices: readonly DeviceFacts[], vault: SshCredentialVault): RunTarget[] {
  const profiles = new Map<string, SshCredential | null>();
  const profile = (id: string): SshCredential | null => {
    if (!profiles.has(id)) {
      try {
        profiles.set(id, vault.get(id));
      } catch {
        profiles.set(id, null);
      }
    }
    return profiles.get(id) ?? null;
  };
  return devices.map((d) => {
    const base = { deviceId: d.id, deviceName: d.name, host: d.mgmtAddress };
    if (d.sshProfileId === null) return { ...base, port: 22, username: null, credentialName: null, problem: 'no SSH profile: choose one on the device' };
    const p = profile(d.sshProfileId);
    if (p === null) return { ...base, port: 22, username: null, credentialName: null, problem: 'its SSH profile was deleted: choose another one' };
    const problem = d.mgmtAddress.trim() === '' ? 'no management address' : null;
    return { ...base, port: p.port, username: p.username, credentialName: p.name, problem };
  });
}
