/**
 * `synctest.test` and `synctest.wait`: Go 1.25's `testing/synctest.Test` and `synctest.Wait`.
 *
 * @module
 */
import { func } from '@csp/channel/internal';
import { Bubble, scope, type BubbleOptions } from './bubble.js';
import { installHooks } from './hooks.js';
import { checkSeed } from './seeded-random.js';

export type { BubbleOptions } from './bubble.js';

/**
 * Go's `synctest.Test(t, f)`: runs `fn` in a new bubble and resolves once `fn` and every
 * goroutine it started (with `go`, `WaitGroup.go`, errgroup's `Group.go`, `afterFunc`, ...) are
 * done, with what `fn` returned. Channels, timers and tickers made inside belong to the bubble:
 * using them from outside throws `ChanOutsideBubbleError` / `TimerOutsideBubbleError`. Blocks (asynchronously) for as long as that takes in real time, which is usually a
 * few milliseconds however long the virtual time: inside the bubble, `time.*`, timers, tickers,
 * `time.now()`, `context.withTimeout`/`withDeadline` and whatever is built on them use the
 * bubble's virtual clock, which starts at 2000-01-01T00:00:00Z and jumps to the next timer only
 * when every goroutine of the bubble is durably blocked (see `bubble.ts`).
 *
 * The promise rejects with:
 * - the first error thrown by `fn` or by any goroutine of the bubble (a goroutine panic fails the
 *   test instead of crashing the process);
 * - {@link BubbleDeadlockError} when every goroutine is durably blocked and no timer is pending;
 * - {@link GoroutineLeakError} when `fn` has returned and the goroutines left are all blocked.
 *
 * Use it as the body of a test: `it('...', () => synctest.test(async () => { ... }))`.
 *
 * @throws TypeError when `fn` is not a function; Error when called from inside a bubble (as
 *   Go's `synctest.Test` panics).
 * @example
 * ```ts
 * await synctest.test(async () => {
 *   const start = time.now();
 *   await time.sleep(time.hour); // returns at once, in real time
 *   console.log(time.since(start) === time.hour); // true
 * });
 * ```
 */
export function test<T>(fn: () => T | PromiseLike<T>, options: BubbleOptions = {}): Promise<Awaited<T>> {
  func(fn, 'synctest.test: fn');
  if (options.seed !== undefined) checkSeed(options.seed, 'synctest.test: seed');
  if (scope.getStore() !== undefined) throw new Error('synctest.test: called from within a synctest bubble');
  installHooks();
  return run(fn, new Bubble(options));
}

/** Bubbles running now; when none is, the storage is disabled so its promise hooks cost nothing. */
let running = 0;

/** Runs `fn` as the first goroutine of `bubble` and drives the bubble to its end. */
async function run<T>(fn: () => T | PromiseLike<T>, bubble: Bubble): Promise<Awaited<T>> {
  let result: { value: Awaited<T> } | undefined;
  running++;
  try {
    bubble.start(async () => {
      result = { value: await fn() };
    }, true);
    await bubble.drive();
  } finally {
    if (--running === 0) scope.disable();
  }
  return result!.value;
}

/**
 * Go's `synctest.Wait()`: blocks until every other goroutine of the current bubble is durably
 * blocked (the clock does not move meanwhile), then resolves. Use it to let goroutines reach the
 * point you want to observe: `go(work); await synctest.wait(); expect(...)`.
 *
 * @throws Error when called outside a bubble, or by two goroutines of one bubble at a time (as
 *   Go's panics).
 */
export function wait(): Promise<void> {
  const current = scope.getStore();
  if (current === undefined || current.goroutine === null) {
    throw new Error('synctest.wait: not called from within a synctest bubble goroutine');
  }
  return current.bubble.wait(current.goroutine);
}

/** Whether the code running now is inside a bubble. Never blocks. */
export function inBubble(): boolean {
  return scope.getStore() !== undefined;
}
