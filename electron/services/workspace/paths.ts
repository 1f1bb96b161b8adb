// Where a workspace lives when none is named: the per-user data folder of each desktop OS, the
// same folder Electron's app.getPath('userData') resolves to for this product name.
import os from 'node:os';
import path from 'node:path';

export const PRODUCT_DIR_NAME = 'DotMac NOC Console';

export function defaultWorkspaceDir(env: NodeJS.ProcessEnv = process.env): string {
  if (env.NOC_WORKSPACE) return path.resolve(env.NOC_WORKSPACE);
  const home = os.homedir();
  switch (process.platform) {
    case 'win32':
      return path.join(env.APPDATA ?? path.join(home, 'AppData', 'Roaming'), PRODUCT_DIR_NAME);
    case 'darwin':
      return path.join(home, 'Library', 'Application Support', PRODUCT_DIR_NAME);
    default:
      return path.join(env.XDG_CONFIG_HOME ?? path.join(home, '.config'), PRODUCT_DIR_NAME);
  }
}
