/**
 * `Semaphore`: golang.org/x/sync's `semaphore.Weighted`.
 *
 * @module
 */
import type { BlockingOptions } from '@csp/channel';
import {
  completed,
  formatState,
  inspectCustom,
  nonNegativeInteger,
  signalOf,
  tracer,
  Waiter,
  WaitQueue,
} from '@csp/channel/internal';
import { parkAcquire } from './acquire.js';
import { handOff } from './hand-off.js';
import { ReleasedMoreThanHeldError } from './errors.js';
import { nameOf, type PrimitiveOptions } from './options.js';

/** A parked `acquire(n)`. */
class AcquireWaiter extends Waiter<void> {
  constructor(readonly n: number) {
    super();
  }
}

/** Parks forever unless `signal` aborts: a request that can never be granted. */
function awaitAbort(signal: AbortSignal | undefined, name: string | undefined): Promise<void> {
  const subject = name === undefined ? 'a request larger than the semaphore' : `a request larger than semaphore ${name}`;
  return new Waiter<void>().park('semacquire', subject, signal, () => {});
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
 * `console.log(sem)` shows `Semaphore<name> { size: 8, held: 3, waiting: 2 }`.
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
  /** The name given at creation (`{ name: 'db' }`), shown by inspect and the deadlock report. */
  declare readonly name: string | undefined;
  /** How many permits are held. */
  private held = 0;
  private readonly waiters = new WaitQueue<AcquireWaiter>();

  /**
   * x/sync's `semaphore.NewWeighted(size)`.
   *
   * @throws RangeError when `size` is not a non-negative integer.
   * @throws TypeError when `options` is not an object or its `name` not a string.
   */
  constructor(size: number, options?: PrimitiveOptions) {
    this.size = nonNegativeInteger(size, 'semaphore size');
    const name = nameOf(options, 'Semaphore');
    // Set only when given, so that an unnamed semaphore has no slot for it.
    if (name !== undefined) this.name = name;
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
   * @throws TypeError when `options.signal` is not an `AbortSignal` (e.g. a context instead of `ctx.signal`).
   */
  acquire(n = 1, options?: BlockingOptions): Promise<void> {
    nonNegativeInteger(n, 'semaphore acquire weight');
    const signal = signalOf(options, 'Semaphore.acquire');
    if (signal?.aborted) return Promise.reject(signal.reason);
    if (tracer !== null) tracer.acquire(this, 'semaphore', n, this.fits(n));
    if (this.fits(n)) {
      this.held += n;
      return completed(undefined);
    }
    if (n > this.size) return awaitAbort(signal, this.name);
    const waiter = new AcquireWaiter(n);
    this.waiters.push(waiter);
    return parkAcquire(waiter, 'semacquire', this.name, signal, this.undoAcquire, this.giveBack);
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

  /** `[object Semaphore]`. */
  get [Symbol.toStringTag](): string {
    return 'Semaphore';
  }

  /** `Semaphore<name> { size: 8, held: 3, waiting: 2 }`, for `console.log` and `util.inspect`. */
  [inspectCustom](): string {
    return formatState('Semaphore', this.name, { size: this.size, held: this.held, waiting: this.waiters.size });
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
      handOff(head, undefined, this.giveBack);
    }
  }

  /** A waiter granted its permits was aborted before it resumed: they go back (and on). */
  private readonly giveBack = (waiter: AcquireWaiter): void => this.release(waiter.n);

  /** An aborted waiter leaves; if it was the head, those behind it may fit now. */
  private readonly undoAcquire = (waiter: AcquireWaiter): void => {
    const wasHead = this.waiters.head === waiter;
    this.waiters.remove(waiter);
    if (wasHead) this.grantWaiters();
  };
}
