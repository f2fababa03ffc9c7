/**
 * `Semaphore`: golang.org/x/sync's `semaphore.Weighted`.
 *
 * @module
 */
import type { BlockingOptions } from '@csp/channel';
import { completed, tracer, Waiter, WaitQueue } from '@csp/channel/internal';
import { parkAcquire } from './acquire.js';
import { ReleasedMoreThanHeldError } from './errors.js';
import { nonNegativeInteger } from '@csp/channel/internal';

/** A parked `acquire(n)`. */
class AcquireWaiter extends Waiter<void> {
  constructor(readonly n: number) {
    super();
  }
}

/** Parks forever unless `signal` aborts: a request that can never be granted. */
function awaitAbort(signal: AbortSignal | undefined): Promise<void> {
  return new Waiter<void>().park('semacquire', 'a request larger than the semaphore', signal, () => {});
}

/**
 * A weighted semaphore: x/sync's `semaphore.NewWeighted(size)` → `new Semaphore(size)`.
 * `acquire(n)` takes `n` permits out of `size`, `release(n)` gives them back.
 *
 * Strictly first come, first served, as in x/sync: a request at the head of the queue that does
 * not fit yet blocks every smaller request behind it, so large requests are not starved. Permits
 * pass to waiters at release time (nobody barges in between) and every operation is O(1), except
 * that a release granting `k` waiters is O(k).
 *
 * @example
 * ```ts
 * const sem = new Semaphore(3);
 * await sem.acquire();
 * try {
 *   await work();
 * } finally {
 *   sem.release();
 * }
 * ```
 */
export class Semaphore {
  /** The number of permits, given to the constructor. */
  readonly size: number;
  /** How many permits are held. */
  private held = 0;
  private readonly waiters = new WaitQueue<AcquireWaiter>();

  /** The name given at creation (`new Semaphore(3, { name: 'slots' })`), shown by traces. */
  declare readonly name: string | undefined;

  /**
   * x/sync's `semaphore.NewWeighted(size)`. `name` labels it in traces and wait-for graphs.
   *
   * @throws RangeError when `size` is not a non-negative integer.
   */
  constructor(size: number, options?: { name?: string | undefined }) {
    this.size = nonNegativeInteger(size, 'semaphore size');
    if (options?.name !== undefined) this.name = options.name;
  }

  /**
   * x/sync's `s.Acquire(ctx, n)`. Blocks until `n` permits are held by this call.
   *
   * Resolves once they are held (at once when they are free and nobody waits). Rejects with
   * `signal.reason` when `signal` aborts first, holding nothing; permits handed over just before
   * the abort are given back. A request for more than `size` permits can never be granted: it
   * waits only for its signal (forever without one) and does not hold up smaller requests.
   *
   * @throws RangeError when `n` is not a non-negative integer.
   */
  acquire(n = 1, options?: BlockingOptions): Promise<void> {
    nonNegativeInteger(n, 'semaphore acquire weight');
    const signal = options?.signal;
    if (signal?.aborted) return Promise.reject(signal.reason);
    if (tracer !== null) tracer.acquire(this, 'semaphore', n, this.fits(n));
    if (this.fits(n)) {
      this.held += n;
      return completed(undefined);
    }
    if (n > this.size) return awaitAbort(signal);
    const waiter = new AcquireWaiter(n);
    this.waiters.push(waiter);
    return parkAcquire(waiter, 'semacquire', undefined, signal, this.undoAcquire, () => this.release(n));
  }

  /**
   * x/sync's `s.TryAcquire(n)`. Never blocks: takes `n` permits and returns `true` when they are
   * free and nobody waits, else returns `false` and takes nothing.
   *
   * @throws RangeError when `n` is not a non-negative integer.
   */
  tryAcquire(n = 1): boolean {
    nonNegativeInteger(n, 'semaphore tryAcquire weight');
    if (!this.fits(n)) return false;
    if (tracer !== null) tracer.acquire(this, 'semaphore', n, true);
    this.held += n;
    return true;
  }

  /**
   * x/sync's `s.Release(n)`. Never blocks. Gives back `n` permits and hands them to the waiters
   * at the head of the queue, as far as they fit.
   *
   * @throws ReleasedMoreThanHeldError when fewer than `n` permits are held (nothing is released).
   * @throws RangeError when `n` is not a non-negative integer.
   */
  release(n = 1): void {
    nonNegativeInteger(n, 'semaphore release weight');
    if (n > this.held) throw new ReleasedMoreThanHeldError();
    if (tracer !== null) tracer.release(this, n);
    this.held -= n;
    this.grantWaiters();
  }

  /** Whether `n` permits can be taken now without overtaking a waiter. */
  private fits(n: number): boolean {
    return this.waiters.size === 0 && this.size - this.held >= n;
  }

  /** Grants waiters from the head while their requests fit (x/sync's `notifyWaiters`). */
  private grantWaiters(): void {
    for (let head = this.waiters.head; head !== null && this.size - this.held >= head.n; head = this.waiters.head) {
      this.waiters.dequeue();
      this.held += head.n;
      head.resolve(undefined);
    }
  }

  /** An aborted waiter leaves; if it was the head, those behind it may fit now. */
  private readonly undoAcquire = (waiter: Waiter<void>): void => {
    const wasHead = this.waiters.head === waiter;
    this.waiters.remove(waiter as AcquireWaiter);
    if (wasHead) this.grantWaiters();
  };
}
