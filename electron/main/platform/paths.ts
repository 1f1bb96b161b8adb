// Where the host finds its own files. Pure (inputs are passed in) so the layout is one readable
// table: electron-vite writes out/main, out/preload and out/renderer side by side; packaged
// builds carry the drizzle migrations as an extraResource (see electron-builder.yml).
import path from 'node:path';

export interface HostPathInputs {
  isPackaged: boolean;
  /** process.resourcesPath */
  resourcesPath: string;
  /** The folder of the built main bundle (out/main). */
  mainDir: string;
}

export interface HostPaths {
  preload: string;
  rendererRoot: string;
  migrationsFolder: string;
  /** Our vendor RADIUS dictionaries (FreeRADIUS format). */
  radiusDictionaryDir: string;
  /** The VOLTHA .proto files the gRPC client loads. */
  volthaProtosDir: string;
}

export function hostPaths(i: HostPathInputs): HostPaths {
  return {
    preload: path.join(i.mainDir, '..', 'preload', 'index.cjs'),
    rendererRoot: path.join(i.mainDir, '..', 'renderer'),
    migrationsFolder: i.isPackaged
      ? path.join(i.resourcesPath, 'migrations')
      : // out/main → project root; not app.getAppPath(), which is out/main when started as `electron out/main/index.js`
        path.join(i.mainDir, '..', '..', 'electron', 'services', 'cache', 'migrations'),
    radiusDictionaryDir: i.isPackaged
      ? path.join(i.resourcesPath, 'radius-dictionaries')
      : path.join(i.mainDir, '..', '..', 'electron', 'services', 'radius', 'dictionaries'),
    volthaProtosDir: i.isPackaged
      ? path.join(i.resourcesPath, 'voltha-protos')
      : path.join(i.mainDir, '..', '..', 'electron', 'services', 'voltha', 'protos'),
  };
}
