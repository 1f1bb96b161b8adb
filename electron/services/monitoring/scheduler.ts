// Timing of the poller: a bounded worker pool (one slow device occupies one slot, never the
// others) and a cycle loop that starts the next cycle one interval after the previous one started,
// or right after it ended when a cycle overran its interval (cycles never overlap).

/** Runs `fn` over `items` with at most `concurrency` in flight; results in input order. */
export async function mapPool<T, R>(items: readonly T[], concurrency: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const out = new Array<R>(items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i] as T);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(concurrency, items.length)) }, worker));
  return out;
}

export class CycleLoop {
  private timer: NodeJS.Timeout | undefined;
  private stopped = true;
  private current: Promise<void> | undefined;

  constructor(
    private readonly runCycle: () => Promise<void>,
    private readonly intervalMs: () => number,
    private readonly onError: (error: unknown) => void,
  ) {}

  get running(): boolean {
    return !this.stopped;
  }

  start(firstDelayMs = 0): void {
    if (!this.stopped) return;
    this.stopped = false;
    this.schedule(firstDelayMs);
  }

  private schedule(delayMs: number): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      const started = Date.now();
      this.current = this.runCycle()
        .catch(this.onError)
        .finally(() => {
          this.current = undefined;
          this.schedule(Math.max(0, started + this.intervalMs() - Date.now()));
        });
    }, delayMs);
    // a pending cycle must not keep a CLI or test process alive
    this.timer.unref();
  }

  /** Stops scheduling; resolves when a cycle in progress has finished. */
  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.current;
  }
}
