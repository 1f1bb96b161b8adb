// Shared pieces of the SSH engine tests: a real cache for known hosts, and sshd log checks.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { openCache, type OpenCache } from '../../../electron/services/cache/database';
import { KnownHostRepository } from '../../../electron/services/cache/repositories/knownHostRepository';
import { tempDir } from '../../helpers/tempWorkspace';

export function openKnownHosts(): { cache: OpenCache; knownHosts: KnownHostRepository } {
  const cache = openCache(join(tempDir('noc-ssh-'), 'cache.sqlite'));
  return { cache, knownHosts: new KnownHostRepository(cache.sqlite, { tenantId: 'tenant-ssh', actor: 'test' }) };
}

export function sshdLog(path: string): string {
  return readFileSync(path, 'utf8');
}
