// Inventory set-up for the automation, backup and template tests: SSH profiles, devices, a site,
// and trusting a device's host key the way the UI does (an exec naming the accepted fingerprint).
import { readFileSync } from 'node:fs';
import type { ConsoleServices } from '../../../electron/services/consoleServices';
import { uuidv7 } from '../../../electron/services/util/uuidv7';

const ctx = { host: 'cli' } as const;

export async function saveKeyProfile(c: ConsoleServices, name: string, privateKeyPath: string, port: number, backupCommand: string | null = null): Promise<string> {
  const saved = await c.dispatcher.call(
    'ssh.credentials.save',
    { name, kind: 'ssh_key', username: 'root', port, privateKey: readFileSync(privateKeyPath, 'utf8'), backupCommand },
    ctx,
  );
  return saved.id;
}

export async function addDevice(
  c: ConsoleServices,
  d: { name: string; address: string; profileId: string | null; vendor?: string; model?: string; siteId?: string | null },
): Promise<string> {
  const created = await c.dispatcher.call(
    'devices.create',
    { name: d.name, mgmtAddress: d.address, role: 'core_router', vendor: d.vendor ?? 'linux', model: d.model ?? '', sshProfileId: d.profileId, siteId: d.siteId ?? null },
    ctx,
  );
  return created.id;
}

/** Sites have no create channel yet (they come from sync or the demo): written straight to the cache. */
export function addSite(c: ConsoleServices, s: { name: string; code: string; region: string }): string {
  const id = uuidv7();
  c.workspace.sqlite
    .prepare('INSERT INTO sites (id, tenant_id, version, updated_at, name, code, region) VALUES (?, ?, 0, ?, ?, ?, ?)')
    .run(id, c.workspace.scope().tenantId, Date.now(), s.name, s.code, s.region);
  return id;
}

export async function trustDevice(c: ConsoleServices, deviceId: string, fingerprint: string): Promise<void> {
  await c.dispatcher.call('ssh.exec', { target: { deviceId }, command: 'true', trustFingerprint: fingerprint }, ctx);
}
