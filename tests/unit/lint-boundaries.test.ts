// The layering rules are only worth something if lint really fails on a breach: lint code that
// breaks each rule, as if it stood at the named path, and expect the boundary rule to fire.
import { ESLint } from 'eslint';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const root = path.resolve(__dirname, '../..');
const eslint = new ESLint({ cwd: root });

async function boundaryErrors(file: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: path.join(root, file) });
  return (result?.messages ?? []).filter((m) => m.ruleId === '@typescript-eslint/no-restricted-imports').map((m) => m.message);
}

describe('layering enforced by lint', () => {
  it('fails an Electron-free service that imports electron at run time', async () => {
    const errs = await boundaryErrors('electron/services/devices/x.ts', "import { app } from 'electron';\nexport const p = app.getPath('userData');\n");
    expect(errs.join()).toMatch(/Electron-free/);
    expect(await boundaryErrors('electron/hosts/web/x.ts', "import { shell } from 'electron';\nexport const s = shell;\n")).not.toEqual([]);
  });

  it('allows a type-only electron import in services (erased at build time)', async () => {
    expect(await boundaryErrors('electron/services/x.ts', "import type { App } from 'electron';\nexport type A = App;\n")).toEqual([]);
  });

  it('fails a renderer file that imports node:fs, fs, child_process or electron', async () => {
    for (const mod of ['node:fs', 'fs', 'child_process', 'electron']) {
      const errs = await boundaryErrors('renderer/src/x.ts', `import * as m from '${mod}';\nexport const x = m;\n`);
      expect(errs.length, mod).toBeGreaterThan(0);
    }
  });

  it('fails a renderer file that reaches into main-process code', async () => {
    const errs = await boundaryErrors('renderer/src/x.ts', "import { Workspace } from '../../electron/services/workspace/workspace';\nexport const w = Workspace;\n");
    expect(errs.join()).toMatch(/only shared/);
  });

  it('fails shared/ importing anything of ours or Node', async () => {
    expect(await boundaryErrors('shared/ipc/x.ts', "import { Workspace } from '../../electron/services/workspace/workspace';\nexport const w = Workspace;\n")).not.toEqual([]);
    expect(await boundaryErrors('shared/ipc/x.ts', "import fs from 'node:fs';\nexport const f = fs;\n")).not.toEqual([]);
  });

  it('fails the preload importing zod or the schemas', async () => {
    expect(await boundaryErrors('electron/preload/x.ts', "import { z } from 'zod';\nexport const s = z.string();\n")).not.toEqual([]);
  });

  it('passes the same imports where they belong', async () => {
    expect(await boundaryErrors('electron/main/x.ts', "import { app } from 'electron';\nexport const a = app;\n")).toEqual([]);
    expect(await boundaryErrors('renderer/src/x.ts', "import { contract } from '../../shared/ipc/schemas';\nexport const c = contract;\n")).toEqual([]);
  });
});
