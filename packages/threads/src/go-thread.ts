/**
 * `goThread`: Go's `go f(x)` on another core. Runs in the shared default {@link ThreadPool},
 * sized {@link availableParallelism} (Go's GOMAXPROCS defaults to the number of CPUs), created
 * at the first call. Its threads are started lazily, stop after a second idle, and never keep
 * the process alive while idle.
 *
 * @module
 */
import { ThreadPool, type ModuleURL } from './thread-pool.js';
import { availableParallelism } from './thread-host.js';

let defaultPool: ThreadPool | undefined;
let maxProcs = 0;

/**
 * Go's `runtime.GOMAXPROCS(n)`: how many threads `goThread` runs at once. With no argument (or
 * 0) only reports it (default {@link availableParallelism}); with `n` sets it for the default
 * pool (it takes effect when the default pool is next created: at the first `goThread`, or after
 * the running one was replaced). Returns the previous setting. Never blocks.
 *
 * @throws RangeError when `n` is not a non-negative integer.
 */
export function gomaxprocs(n = 0): number {
  if (!Number.isSafeInteger(n) || n < 0) throw new RangeError(`gomaxprocs: n must be a non-negative integer, got ${String(n)}`);
  const previous = maxProcs || availableParallelism();
  if (n > 0 && n !== previous) {
    maxProcs = n;
    const old = defaultPool;
    defaultPool = undefined;
    void old?.close();
  }
  return previous;
}

/**
 * Go's `go f(args...)` when `f` is CPU-bound: runs the function exported as `exportName` by the
 * module at `moduleURL` in a thread of the default pool, with `args` (copied; `SharedChan`s
 * arrive as the same channel, which is how the thread talks to the caller), and returns a
 * promise of its result. Never blocks the caller; the call waits for a free thread when all
 * `gomaxprocs()` threads are busy. Rejects with the function's error, or `ThreadExitedError`
 * when its thread died (the thread is replaced).
 *
 * @throws TypeError for a relative or invalid URL; `UncopyableValueError` for a function (a
 *   closure cannot cross threads) or promise in `args`; `SharedMemoryUnavailableError` where
 *   threads cannot share memory.
 * @example
 * ```ts
 * const results = new SharedChan<number>(16, { type: 'number' });
 * const work = new URL('./work.js', import.meta.url);
 * for (let i = 0; i < 4; i++) void goThread(work, 'crunch', i, results);
 * for (let i = 0; i < 4; i++) console.log(await results.recv());
 * ```
 */
export function goThread<T = unknown>(moduleURL: ModuleURL, exportName: string, ...args: unknown[]): Promise<T> {
  defaultPool ??= new ThreadPool({ min: 0, max: maxProcs || availableParallelism() });
  return defaultPool.run<T>(moduleURL, exportName, args);
}
