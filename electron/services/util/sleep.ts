const shared = new Int32Array(new SharedArrayBuffer(4));

/** Block the current thread; used only for short SQLite busy backoffs, which are synchronous. */
export function sleepSync(ms: number): void {
  Atomics.wait(shared, 0, 0, ms);
}
