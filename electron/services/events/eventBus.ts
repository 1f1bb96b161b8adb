// Main-side events (progress, data changes) that every host forwards to its connected renderers.
import type { EventName, EventOf } from '../../../shared/ipc/schemas';

type Listener = (name: EventName, payload: unknown) => void;

export class EventBus {
  private readonly listeners = new Set<Listener>();

  emit<E extends EventName>(name: E, payload: EventOf<E>): void {
    for (const l of this.listeners) {
      try {
        l(name, payload);
      } catch (err) {
        // one broken connection must not stop the others from hearing the event
        console.error(`event listener failed for ${name}:`, err instanceof Error ? err.message : err);
      }
    }
  }

  subscribe(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}

/** Reports progress of one long task, throttled so a tight loop cannot flood the transport. */
export class ProgressReporter {
  private lastSent = 0;

  constructor(
    private readonly bus: EventBus,
    readonly taskId: string,
    private readonly label: string,
    private readonly minIntervalMs = 100,
  ) {}

  update(done: number, total: number, label = this.label): void {
    const now = Date.now();
    if (now - this.lastSent < this.minIntervalMs && done < total) return;
    this.lastSent = now;
    this.bus.emit('task.progress', { taskId: this.taskId, label, done, total, finished: false });
  }

  finish(total: number, error?: string, label = this.label): void {
    this.bus.emit('task.progress', {
      taskId: this.taskId,
      label,
      done: total,
      total,
      finished: true,
      ...(error ? { error } : {}),
    });
  }
}
