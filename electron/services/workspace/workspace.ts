// A workspace is one folder: the SQLite cache and, for the web and CLI hosts, the key file that
// seals secrets. It knows the active tenant and the local role the console enforces.
import path from 'node:path';
import type { Role } from '../../../shared/domain/permissions';
import { CACHE_FILE_NAME, openCache, type OpenCache } from '../cache/database';
import type { TenantScope } from '../cache/repositories/scope';
import { FileKeyProvider, SecretBox, type KeyProvider } from '../secrets/secretBox';
import { effectiveRole, offlineUnlockHours } from '../sync/sessionRole';
import { SYNC_KEYS } from '../sync/syncState';
import { uuidv7 } from '../util/uuidv7';

export interface WorkspaceOptions {
  dir: string;
  /** Defaults to a 0600 key file in the workspace (web/CLI hosts); Electron passes safeStorage. */
  keyProvider?: KeyProvider;
  actor?: string;
  migrationsFolder?: string;
  /** The clock the offline unlock window is measured with (tests move it). */
  now?: () => number;
}

export interface TenantInfo {
  id: string;
  name: string;
  currency: string;
  timezone: string;
  isDemo: boolean;
}

export class Workspace {
  readonly cache: OpenCache;
  readonly box: SecretBox;
  readonly dir: string;
  readonly actor: string;
  readonly now: () => number;

  private constructor(opts: WorkspaceOptions) {
    this.dir = path.resolve(opts.dir);
    this.cache = openCache(path.join(this.dir, CACHE_FILE_NAME), { migrationsFolder: opts.migrationsFolder });
    this.box = new SecretBox(opts.keyProvider ?? new FileKeyProvider(path.join(this.dir, 'workspace.key')));
    this.actor = opts.actor ?? 'local';
    this.now = opts.now ?? Date.now;
  }

  static open(opts: WorkspaceOptions): Workspace {
    return new Workspace(opts);
  }

  get sqlite() {
    return this.cache.sqlite;
  }

  /** True when the workspace has never held a tenant: the UI hosts seed the demo ISP then. */
  isEmpty(): boolean {
    return (this.sqlite.prepare('SELECT count(*) AS n FROM tenants').get() as { n: number }).n === 0;
  }

  getSetting(key: string): string | null {
    const row = this.sqlite.prepare('SELECT value FROM settings WHERE key = ?').get(key) as { value: string } | undefined;
    return row?.value ?? null;
  }

  setSetting(key: string, value: string): void {
    this.sqlite.prepare('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value').run(key, value);
  }

  deleteSetting(key: string): void {
    this.sqlite.prepare('DELETE FROM settings WHERE key = ?').run(key);
  }

  /** The active tenant, creating a plain local one on first use so the CLI works on a new folder. */
  tenant(): TenantInfo {
    const active = this.getSetting('activeTenantId');
    const pick = (id: string | null) =>
      (id
        ? this.sqlite.prepare('SELECT id, name, currency, timezone, is_demo AS isDemo FROM tenants WHERE id = ? AND deleted_at IS NULL').get(id)
        : this.sqlite.prepare('SELECT id, name, currency, timezone, is_demo AS isDemo FROM tenants WHERE deleted_at IS NULL ORDER BY name LIMIT 1').get()) as
        | (Omit<TenantInfo, 'isDemo'> & { isDemo: number })
        | undefined;
    let row = pick(active) ?? pick(null);
    if (!row) {
      const id = uuidv7();
      this.sqlite
        .prepare("INSERT INTO tenants (id, tenant_id, version, updated_at, name, slug, currency, timezone) VALUES (?, ?, 0, ?, 'Local', 'local', 'USD', 'UTC')")
        .run(id, id, Date.now());
      row = pick(id);
    }
    if (!row) throw new Error('tenant row vanished');
    if (row.id !== active) this.setSetting('activeTenantId', row.id);
    return { ...row, isDemo: row.isDemo === 1 };
  }

  /**
   * The role this console enforces in main. A standalone workspace: the local role (admin until
   * set). Once logged in to a sync server: the role the server granted, for as long as the
   * session is fresh (NOC_OFFLINE_UNLOCK_HOURS after the last contact), else viewer.
   */
  role(): Role {
    const contact = Number(this.getSetting(SYNC_KEYS.lastContactAt));
    return effectiveRole({
      localRole: this.getSetting('localRole'),
      linked: this.getSetting(SYNC_KEYS.linked) === '1',
      syncedRole: this.getSetting(SYNC_KEYS.role),
      lastContactAt: this.getSetting(SYNC_KEYS.lastContactAt) !== null && Number.isFinite(contact) ? contact : null,
      now: this.now(),
      offlineUnlockHours: offlineUnlockHours(),
    });
  }

  scope(): TenantScope {
    return { tenantId: this.tenant().id, actor: this.actor };
  }

  close(): void {
    this.cache.close();
  }
}
