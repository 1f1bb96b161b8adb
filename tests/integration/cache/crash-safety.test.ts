import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { Workspace } from '../../../electron/services/workspace/workspace';
import { tempDir } from '../../helpers/tempWorkspace';

const root = path.resolve(__dirname, '../../..');

describe('local cache on a real file', () => {
  const dir = tempDir('noc-crash-');
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('a crash in the middle of a transaction leaves no partial write, and committed work survives', () => {
    const child = spawnSync(process.execPath, ['--import', 'tsx', path.join(__dirname, 'crash-child.ts'), dir], { cwd: root, encoding: 'utf8' });
    expect(child.signal).toBe('SIGKILL');
    expect(child.stdout).toContain('in-transaction');

    const ws = Workspace.open({ dir });
    try {
      expect(ws.sqlite.pragma('integrity_check', { simple: true })).toBe('ok');
      const names = (ws.sqlite.prepare('SELECT name FROM devices').all() as { name: string }[]).map((r) => r.name);
      expect(names).toEqual(['committed-before-crash']);
      const outbox = ws.sqlite.prepare('SELECT table_name, op, row_id FROM outbox').all() as { table_name: string; op: string; row_id: string }[];
      expect(outbox).toHaveLength(1);
      const id = (ws.sqlite.prepare('SELECT id FROM devices').get() as { id: string }).id;
      expect(outbox[0]).toEqual({ table_name: 'devices', op: 'insert', row_id: id });
      expect(ws.sqlite.pragma('journal_mode', { simple: true })).toBe('wal');
      expect(ws.sqlite.pragma('foreign_keys', { simple: true })).toBe(1);
    } finally {
      ws.close();
    }
  });
});
