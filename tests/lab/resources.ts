// Everything the lab creates is recorded as a LabResource, so that the same
// code tears it down from a test's afterAll, from the CLI's signal handlers,
// from a process 'exit' hook, and from `lab down` reading a state file.
import { rmSync } from 'node:fs';
import { run, runSyncQuiet } from './exec';
import { terminate, terminateSync } from './proc';

export type LabResource =
  | { readonly kind: 'process'; readonly tag: string; readonly name: string; readonly pid: number; readonly startTime: string }
  | { readonly kind: 'netns'; readonly tag: string; readonly name: string }
  | { readonly kind: 'link'; readonly tag: string; readonly name: string }
  | { readonly kind: 'dir'; readonly tag: string; readonly path: string };

export async function releaseResource(resource: LabResource): Promise<void> {
  switch (resource.kind) {
    case 'process':
      await terminate(resource.pid, resource.startTime);
      return;
    case 'netns':
      // Deleting the namespace also destroys the veth ends inside it (and their peers).
      await run('ip', ['netns', 'delete', resource.name]);
      return;
    case 'link':
      await run('ip', ['link', 'delete', resource.name]);
      return;
    case 'dir':
      rmSync(resource.path, { recursive: true, force: true });
      return;
  }
}

export function releaseResourceSync(resource: LabResource): void {
  switch (resource.kind) {
    case 'process':
      terminateSync(resource.pid, resource.startTime);
      return;
    case 'netns':
      runSyncQuiet('ip', ['netns', 'delete', resource.name]);
      return;
    case 'link':
      runSyncQuiet('ip', ['link', 'delete', resource.name]);
      return;
    case 'dir':
      rmSync(resource.path, { recursive: true, force: true });
      return;
  }
}

/** Releases in reverse creation order: processes before the namespaces they live in, dirs last. */
export async function releaseAll(resources: readonly LabResource[]): Promise<void> {
  for (const resource of [...resources].reverse()) await releaseResource(resource);
}

export function releaseAllSync(resources: readonly LabResource[]): void {
  for (const resource of [...resources].reverse()) releaseResourceSync(resource);
}
