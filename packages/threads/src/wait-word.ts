/**
 * Waiting for a word of shared memory to change, asynchronously (`Atomics.waitAsync`, the
 * thread's event loop keeps running) or synchronously (`Atomics.wait`, for CPU loops in
 * workers). Two pitfalls of `Atomics.waitAsync` (measured on Node 20) are handled here: a pending
 * wait does not keep its thread alive, so in a worker thread a ref'd timer is held while any wait
 * is pending (the thread that completes it may send much later); and a wait cannot be cancelled,
 * so whoever gives up changes the word and notifies it (see the callers' abort paths), which ends
 * the wait at once.
 *
 * The main thread holds no such timer: whatever can complete its waits is another thread, alive
 * and ref'd while it works (a pool's thread running a job, a user's `Worker`). So when the main
 * thread waits with no such thread left, the process reaches `beforeExit`, and the deadlock
 * report (`@csp/channel/deadlock`) names the parked operations, as Go does. While the report is
 * on, every wait that slept is counted when it ends (`thread-sleep-board.ts`), which is how the
 * report tells that threads parked for good stay parked.
 *
 * @module
 */
import { SharedMemoryUnavailableError } from './errors.js';
import { canBlock } from './shared-lock.js';
import { blockingWait, countWake, countedWake } from './thread-sleep-board.js';

/** Loads of the word before sleeping: waking a sleeping thread costs tens of µs. */
const SPINS = 64;

type WaitAsync = (
  words: Int32Array,
  index: number,
  expected: number,
) => { async: false; value: string } | { async: true; value: Promise<string> };
const atomicsWaitAsync = (Atomics as unknown as { waitAsync?: WaitAsync }).waitAsync;

const workerThreads = (globalThis as { process?: { getBuiltinModule?: (id: string) => unknown } }).process?.getBuiltinModule?.(
  'node:worker_threads',
) as typeof import('node:worker_threads') | undefined;
/** Whether pending waits must keep this thread alive: in Node's worker threads. */
const holdThread = workerThreads !== undefined && !workerThreads.isMainThread;

let pending = 0;
let keepAlive: ReturnType<typeof setInterval> | undefined;
const noop = (): void => {};

function release(): void {
  countWake();
  if (--pending === 0) {
    clearInterval(keepAlive);
    keepAlive = undefined;
  }
}

/**
 * Resolves once `words[index]` is no longer `expected` (or a notify woke it; callers re-check).
 * Spins briefly first, then sleeps without blocking the thread.
 */
export function waitAsync(words: Int32Array, index: number, expected: number): Promise<unknown> | undefined {
  for (let i = 0; i < SPINS; i++) if (Atomics.load(words, index) !== expected) return undefined;
  if (atomicsWaitAsync === undefined) {
    throw new SharedMemoryUnavailableError(
      'this runtime has no Atomics.waitAsync, which a SharedChan needs to wait without blocking',
    );
  }
  const result = atomicsWaitAsync(words, index, expected);
  if (!result.async) return undefined;
  if (!holdThread) return countedWake(result.value);
  if (pending++ === 0) keepAlive = setInterval(noop, 0x7fffffff);
  return result.value.then(release);
}

/**
 * Blocks this thread until `words[index]` is no longer `expected` (or a notify woke it).
 * @throws {@link SharedMemoryUnavailableError} where this thread may not block (a browser's
 *   main thread): use the asynchronous operations there.
 */
export function waitSync(words: Int32Array, index: number, expected: number): void {
  if (!canBlock) {
    throw new SharedMemoryUnavailableError(
      'this thread may not block (Atomics.wait is not allowed here, e.g. on a browser main thread): use the async send/recv',
    );
  }
  for (let i = 0; i < SPINS; i++) if (Atomics.load(words, index) !== expected) return;
  blockingWait(words, index, expected);
}

/**
 * Whether this thread holds the timer that keeps it alive for its pending waits (see the
 * module's notes): the deadlock detector does not count it as the thread's own work.
 */
export function holdsKeepAlive(): boolean {
  return keepAlive !== undefined;
}
