// The Lab owns every resource its peers create (processes, namespaces, host
// links, temp dirs). stop() is idempotent and kills only what this lab
// recorded, by PID+start time and by the names it generated.
import { chmodSync, mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { threadId } from 'node:worker_threads';
import { spawnDaemon, type DaemonSpec, type SpawnedDaemon } from './daemon';
import { processStartTime } from './proc';
import { releaseAll, releaseAllSync, releaseResource, type LabResource } from './resources';
import { removeState, writeState } from './state';

type NewResource =
  | { readonly kind: 'netns'; readonly name: string }
  | { readonly kind: 'link'; readonly name: string }
  | { readonly kind: 'dir'; readonly path: string };

export interface LabOptions {
  /**
   * Kill everything synchronously if the owning Node process exits without
   * calling stop() (crashed test worker). The CLI turns this off after a
   * successful detached `up`, whose whole point is to outlive the process.
   */
  readonly cleanupOnExit?: boolean;
}

let labsInThisProcess = 0;

export class Lab {
  /** Unique per lab run; used in namespace and interface names. */
  readonly id: string;
  /** Private temp dir holding every config file, key and log of this lab. */
  readonly dir: string;
  private resources: LabResource[] = [];
  private readonly peers: Record<string, unknown> = {};
  private readonly createdAt = new Date().toISOString();
  private tagCounter = 0;
  private stopped = false;
  private cleanupOnExit: boolean;
  private readonly exitHook = (): void => {
    if (this.cleanupOnExit && !this.stopped) this.stopSync();
  };

  constructor(options: LabOptions = {}) {
    if (process.getuid?.() !== 0) throw new Error('the test lab needs root (network namespaces, sshd, freeradius)');
    labsInThisProcess += 1;
    // Test runners may use worker threads (same PID): the thread id keeps names unique.
    const thread = threadId > 0 ? `t${threadId}` : '';
    this.id = `${process.pid}${thread}${labsInThisProcess > 1 ? `-${labsInThisProcess}` : ''}`;
    this.dir = mkdtempSync(join(tmpdir(), `noclab-${this.id}-`));
    // Unprivileged helpers (lldpd's privilege-separated child, sshd's checks) must traverse it; secrets inside are 0600.
    chmodSync(this.dir, 0o755);
    this.cleanupOnExit = options.cleanupOnExit ?? true;
    this.resources.push({ kind: 'dir', tag: 'lab', path: this.dir });
    process.on('exit', this.exitHook);
    this.save();
  }

  /** A fresh tag; a peer records its resources under it so its own stop() releases just those. */
  newTag(prefix: string): string {
    this.tagCounter += 1;
    return `${prefix}#${this.tagCounter}`;
  }

  /** A subdirectory of the lab dir for one peer's files. */
  subdir(name: string): string {
    const path = join(this.dir, name);
    mkdirSync(path, { recursive: true, mode: 0o755 });
    return path;
  }

  /** Records something just created (namespace, host link...) so that stop() removes it. */
  track(tag: string, resource: NewResource): void {
    if (this.stopped) {
      // Created while stop() ran (Ctrl-C during start-up): remove it now rather than leak it.
      void releaseResource({ ...resource, tag });
      throw new Error(`lab ${this.id} is already stopped`);
    }
    this.resources.push({ ...resource, tag });
    this.save();
  }

  spawn(tag: string, spec: DaemonSpec): SpawnedDaemon {
    this.assertRunning();
    const daemon = spawnDaemon(spec);
    const startTime = processStartTime(daemon.pid) ?? '';
    this.resources.push({ kind: 'process', tag, name: spec.name, pid: daemon.pid, startTime });
    this.save();
    return daemon;
  }

  /** Publishes a peer's connection details to the state file (for `lab status`). */
  describe(key: string, details: unknown): void {
    this.peers[key] = details;
    this.save();
  }

  setCleanupOnExit(enabled: boolean): void {
    this.cleanupOnExit = enabled;
  }

  /** Releases the resources of one peer (its handle's stop()). */
  async release(tag: string, peerKey?: string): Promise<void> {
    const mine = this.resources.filter((r) => r.tag === tag);
    this.resources = this.resources.filter((r) => r.tag !== tag);
    if (peerKey !== undefined) delete this.peers[peerKey];
    for (const resource of mine.reverse()) await releaseResource(resource);
    if (!this.stopped) this.save();
  }

  /** Stops everything this lab started and deletes its temp dir and state file. Safe to call twice. */
  async stop(): Promise<void> {
    if (this.stopped) return;
    this.stopped = true;
    process.off('exit', this.exitHook);
    const all = this.resources;
    this.resources = [];
    await releaseAll(all);
    removeState(this.id);
  }

  private stopSync(): void {
    this.stopped = true;
    releaseAllSync(this.resources);
    this.resources = [];
    removeState(this.id);
  }

  private assertRunning(): void {
    if (this.stopped) throw new Error(`lab ${this.id} is already stopped`);
  }

  private save(): void {
    writeState({
      id: this.id,
      ownerPid: process.pid,
      createdAt: this.createdAt,
      dir: this.dir,
      resources: this.resources,
      peers: this.peers,
    });
  }
}
