/**
 * `WaitGroup`: Go's `sync.WaitGroup`.
 *
 * @module
 */
import { go, type BlockingOptions } from '@csp/channel';
import { completed, formatState, func, inspectCustom, integer, signalOf, Waiter, WaitQueue } from '@csp/channel/internal';
import { leaveQueue, wakeAll } from './queue.js';
import { NegativeWaitGroupCounterError } from './errors.js';

/**
 * Waits for a collection of tasks to finish: Go's `sync.WaitGroup`. `add` counts tasks in,
 * `done` counts them out, `wait` blocks until the count is zero. `go(fn)` does all three for one
 * function, like Go 1.25's `wg.Go(f)`. `console.log(wg)` shows `WaitGroup { counter: 3, waiting: 1 }`.
 *
 * @example
 * ```ts
 * const wg = new WaitGroup();
 * for (const url of urls) wg.go(() => fetchOne(url));
 * await wg.wait();
 * ```
 */
export class WaitGroup {
  private counter = 0;
  private readonly waiters = new WaitQueue<Waiter<void>>();

  /**
   * Go's `wg.Add(delta)`. Never blocks. Adds `delta` (may be negative) to the counter; when it
   * reaches zero, every `wait` resolves.
   *
   * @throws NegativeWaitGroupCounterError when the counter would go below zero (it is left
   *   unchanged).
   * @throws RangeError when `delta` is not an integer.
   */
  add(delta = 1): void {
    const counter = this.counter + integer(delta, 'WaitGroup delta');
    if (counter < 0) throw new NegativeWaitGroupCounterError();
    this.counter = counter;
    if (counter === 0) wakeAll(this.waiters);
  }

  /**
   * Go's `wg.Done()`: `add(-1)`. Never blocks.
   *
   * @throws NegativeWaitGroupCounterError when the counter is already zero.
   */
  done(): void {
    this.add(-1);
  }

  /**
   * Go's `wg.Wait()`. Blocks until the counter is zero; resolves at once when it already is.
   * Rejects with `signal.reason` when `signal` aborts first, leaving nothing behind.
   *
   * @throws TypeError when `options.signal` is not an `AbortSignal` (e.g. a context instead of `ctx.signal`).
   */
  wait(options?: BlockingOptions): Promise<void> {
    const signal = signalOf(options, 'WaitGroup.wait');
    if (signal?.aborted) return Promise.reject(signal.reason);
    if (this.counter === 0) return completed(undefined);
    const waiter = new Waiter<void>();
    this.waiters.push(waiter);
    return waiter.park('sync.WaitGroup.Wait', undefined, signal, leaveQueue);
  }

  /** `[object WaitGroup]`. */
  get [Symbol.toStringTag](): string {
    return 'WaitGroup';
  }

  /** `WaitGroup { counter: 3, waiting: 1 }`, for `console.log` and `util.inspect`. */
  [inspectCustom](): string {
    return formatState('WaitGroup', undefined, { counter: this.counter, waiting: this.waiters.size });
  }

  /**
   * Go's `wg.Go(f)`: adds one to the counter, starts `fn` as a goroutine (see `go` in
   * `@csp/channel`) and calls `done` once `fn`'s result settles. Never blocks.
   *
   * As in Go, an error thrown or rejected by `fn` is a goroutine panic and crashes the program
   * (after `done`); catch inside `fn` what must not, or use an errgroup {@link Group}.
   *
   * @throws TypeError when `fn` is not a function.
   */
  go(fn: () => unknown): void {
    func(fn, 'WaitGroup.go fn');
    this.add(1);
    go(async () => {
      try {
        await fn();
      } finally {
        this.done();
      }
    });
  }
}
