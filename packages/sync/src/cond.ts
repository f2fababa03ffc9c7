/**
 * `Cond`: Go's `sync.Cond`.
 *
 * @module
 */
import type { BlockingOptions } from '@csp/channel';
import { formatState, inspectCustom, signalOf, Waiter, WaitQueue } from '@csp/channel/internal';
import { leaveQueue } from './queue.js';
import type { Locker } from './locker.js';

/**
 * A condition variable: Go's `sync.Cond` (`sync.NewCond(&mu)` → `new Cond(mu)`). Code that
 * holds `c.l` waits with `c.wait()` until another call `signal`s or `broadcast`s. As in Go,
 * wait in a loop that re-checks the condition. A woken wait is resumed at once (an abort after
 * the wake-up cannot undo it) and then locks `c.l` again, which is where it spends the event-loop
 * budget that keeps a loop of waits from starving timers and I/O.
 *
 * @example
 * ```ts
 * await mu.lock();
 * while (queue.length === 0) await cond.wait();
 * const item = queue.shift();
 * mu.unlock();
 * ```
 */
export class Cond {
  private readonly waiters = new WaitQueue<Waiter<void>>();

  /**
   * Go's `sync.NewCond(l)`.
   *
   * @param l The lock held while observing or changing the condition (Go's `c.L`).
   */
  constructor(readonly l: Locker) {}

  /**
   * Go's `c.Wait()`. The caller must hold `c.l`. Unlocks `c.l`, blocks until woken by
   * {@link Cond.signal} or {@link Cond.broadcast}, then locks `c.l` again before resolving.
   *
   * Rejects with `l`'s "unlock of unlocked" error (`sync: unlock of unlocked mutex` for a
   * {@link Mutex}) when the lock is not held. When `signal` aborts before the wait was woken,
   * the wait leaves the queue, locks `c.l` again, and only then rejects with `signal.reason`, so
   * the caller holds the lock either way. A wait already woken completes normally. An already
   * aborted `signal` rejects at once without unlocking.
   *
   * @throws TypeError when `options.signal` is not an `AbortSignal` (e.g. a context instead of `ctx.signal`).
   */
  wait(options?: BlockingOptions): Promise<void> {
    const signal = signalOf(options, 'Cond.wait');
    if (signal?.aborted) return Promise.reject(signal.reason);
    try {
      this.l.unlock();
    } catch (error) {
      return Promise.reject(error);
    }
    const waiter = new Waiter<void>();
    this.waiters.push(waiter);
    return waiter.park('sync.Cond.Wait', undefined, signal, leaveQueue).then(
      () => this.l.lock(),
      async (reason: unknown) => {
        await this.l.lock();
        throw reason;
      },
    );
  }

  /** Go's `c.Signal()`. Never blocks. Wakes the longest waiting {@link Cond.wait}, if any. */
  signal(): void {
    this.waiters.dequeue()?.resolve(undefined);
  }

  /** Go's `c.Broadcast()`. Never blocks. Wakes every waiting {@link Cond.wait}. */
  broadcast(): void {
    const waiters = this.waiters;
    for (let waiter = waiters.dequeue(); waiter !== null; waiter = waiters.dequeue()) waiter.resolve(undefined);
  }

  /** `[object Cond]`. */
  get [Symbol.toStringTag](): string {
    return 'Cond';
  }

  /** `Cond { waiting: 1 }`, for `console.log` and `util.inspect`. */
  [inspectCustom](): string {
    return formatState('Cond', undefined, { waiting: this.waiters.size });
  }
}
