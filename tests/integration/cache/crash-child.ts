// Child process for crash-safety.test.ts: starts a transaction that writes devices with their
// outbox entries, and dies by SIGKILL in the middle of it, as a power cut or a crash would.
import { Workspace } from '../../../electron/services/workspace/workspace';
import { DeviceRepository } from '../../../electron/services/cache/repositories/deviceRepository';

const dir = process.argv[2];
if (!dir) throw new Error('usage: crash-child DIR');
const ws = Workspace.open({ dir, actor: 'crash-test' });
const repo = new DeviceRepository(ws.sqlite, ws.scope());
repo.create({
  name: 'committed-before-crash', mgmtAddress: '192.0.2.1', role: 'switch', vendor: '', model: '', siteId: null,
  snmpProfileId: null, sshProfileId: null, status: 'unknown', location: '', notes: '',
});
// a tiny page cache makes SQLite spill dirty pages of the open transaction into the WAL file,
// so the crash really leaves uncommitted frames on disk for recovery to discard
ws.sqlite.pragma('cache_size = 5');
repo.transaction(() => {
  for (let i = 0; i < 3000; i++) {
    repo.insertInTransaction(
      { name: `half-${i}`, mgmtAddress: `198.51.100.${i % 250}`, role: 'switch', vendor: '', model: '', siteId: null, snmpProfileId: null, sshProfileId: null, status: 'unknown', location: '', notes: '' },
      Date.now(),
    );
  }
  process.stdout.write('in-transaction\n');
  process.kill(process.pid, 'SIGKILL');
});
