import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CACHE_FILE_NAME } from '../../../electron/services/cache/database';
import { DeviceRepository } from '../../../electron/services/cache/repositories/deviceRepository';
import { Workspace } from '../../../electron/services/workspace/workspace';
import { tempDir } from '../../helpers/tempWorkspace';

// Another process (a second console, the CLI) holds the write lock longer than busy_timeout: the
// repository must retry the transaction and succeed once the lock is gone, not fail the user.
const HOLDER = `
const Database = require('better-sqlite3');
const db = new Database(process.argv[1]);
db.exec('BEGIN IMMEDIATE');
db.prepare("INSERT INTO settings (key, value) VALUES ('lock-holder', '1')").run();
process.stdout.write('locked\\n');
setTimeout(() => { db.exec('COMMIT'); db.close(); }, Number(process.argv[2]));
`;

describe('SQLITE_BUSY', () => {
  const dir = tempDir('noc-busy-');
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('retries a write blocked by another process past busy_timeout', async () => {
    const ws = Workspace.open({ dir });
    const scope = ws.scope();
    const holder = spawn(process.execPath, ['-e', HOLDER, path.join(dir, CACHE_FILE_NAME), '3000'], { cwd: path.resolve(__dirname, '../../..') });
    await new Promise<void>((resolve, reject) => {
      holder.stdout.on('data', (d: Buffer) => d.toString().includes('locked') && resolve());
      holder.on('exit', (c) => reject(new Error(`lock holder exited ${c}`)));
    });
    const started = Date.now();
    const repo = new DeviceRepository(ws.sqlite, scope);
    const d = repo.create({
      name: 'written-after-lock', mgmtAddress: '192.0.2.1', role: 'switch', vendor: '', model: '', siteId: null,
      snmpProfileId: null, sshProfileId: null, status: 'unknown', location: '', notes: '',
    });
    const waited = Date.now() - started;
    expect(d.name).toBe('written-after-lock');
    expect(waited).toBeGreaterThan(2000); // it really was blocked beyond one busy_timeout
    expect(ws.getSetting('lock-holder')).toBe('1'); // and the other writer's work is intact
    ws.close();
  });
});
