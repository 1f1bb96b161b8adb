// Bounded concurrency: at most `size` jobs in flight, the next one starting when one ends (a
// small pool, not Promise.all over hundreds of devices). `shouldContinue` is asked before each
// job starts, so a stop or a stop-on-error takes effect for everything not yet started.
export async function runPool<T>(items: readonly T[], size: number, job: (item: T, index: number) => Promise<void>, shouldContinue: () => boolean = () => true): Promise<void> {
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length && shouldContinue()) {
      const index = next++;
      await job(items[index] as T, index);
    }
  };
  const workers = Array.from({ length: Math.max(1, Math.min(size, items.length)) }, () => worker());
  await Promise.all(workers);
}
