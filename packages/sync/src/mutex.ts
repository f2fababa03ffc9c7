/**
 * `Mutex`: Go's `sync.Mutex`.
 *
 * @module
 */
import type { BlockingOptions } from '@csp/channel';
import { completed, formatState, inspectCustom, signalOf, tracer, Waiter, WaitQueue } from '@csp/channel/internal';
import { parkAcquire } from './acquire.js';
import { handOff } from './hand-off.js';
import { leaveQueue } from './queue.js';
import { UnlockOfUnlockedMutexError } from './errors.js';
import { guardOf, withLocked, type LockGuard, type Locker } from './locker.js';
import { nameOf, type PrimitiveOptions } from './options.js';

/**
 * A mutual exclusion lock: Go's `sync.Mutex` (`var mu sync.Mutex` → `const mu = new Mutex()`).
 * It is not tied to a caller: any code may unlock a locked mutex, as in Go.
 *
 * Waiters are served first come, first served, and every operation is O(1). `unlock` hands the
 * lock straight to the first waiter, so nobody can take it between the `unlock` and that
 * waiter's resumption (Go's starvation mode, always on).
 *
 * `console.log(mu)` shows `Mutex<name> { locked: true, waiting: 2 }`.
 *
 * @example
 * ```ts
 * const mu = new Mutex();
 * await mu.lock();
 * try {
 *   count++;
 * } finally {
 *   mu.unlock();
 * }
 * ```
 */
export class Mutex implements Locker {
  /** The name given at creation (`{ name: 'accounts' }`), shown by inspect and the deadlock report. */
  declare readonly name: string | undefined;
  private locked = false;
  private readonly waiters = new WaitQueue<Waiter<void>>();

  /**
   * Go's `var mu sync.Mutex`: an unlocked mutex.
   *
   * @throws TypeError when `options` is not an object or its `name` not a string.
   */
  constructor(options?: PrimitiveOptions) {
    const name = nameOf(options, 'Mutex');
    // Set only when given, so that an unnamed mutex has no slot for it.
    if (name !== undefined) this.name = name;
  }

  /**
   * Go's `mu.Lock()`. Blocks until the mutex is locked by this call.
   *
   * The promise resolves once the lock is held (at once when it was free). It rejects with
   * `signal.reason` when `signal` aborts first; an aborted lock holds nothing and leaves no
   * trace in the queue (also when the abort comes after the lock was handed over but before the
   * caller resumed: the lock then passes on to the next waiter).
   *
   * @throws TypeError when `options.signal` is not an `AbortSignal` (e.g. a context instead of `ctx.signal`).
   */
  lock(options?: BlockingOptions): Promise<void> {
    const signal = signalOf(options, 'Mutex.lock');
    if (signal?.aborted) return Promise.reject(signal.reason);
    if (tracer !== null) tracer.acquire(this, 'sync.Mutex', 1, !this.locked);
    if (!this.locked) {
      this.locked = true;
      return completed(undefined);
    }
    const waiter = new Waiter<void>();
    this.waiters.push(waiter);
    return parkAcquire(waiter, 'sync.Mutex.Lock', this.name, signal, leaveQueue, this.giveBack);
  }

  /**
   * Go's `mu.TryLock()`. Never blocks: locks and returns `true` when the mutex is free, else
   * returns `false` (also while others wait for it).
   */
  tryLock(): boolean {
    if (this.locked) return false;
    if (tracer !== null) tracer.acquire(this, 'sync.Mutex', 1, true);
    this.locked = true;
    return true;
  }

  /**
   * Go's `mu.Unlock()`. Never blocks. Hands the lock to the first waiter, if any, else frees it.
   *
   * @throws UnlockOfUnlockedMutexError when the mutex is not locked.
   */
  unlock(): void {
    if (!this.locked) throw new UnlockOfUnlockedMutexError();
    if (tracer !== null) tracer.release(this, 1);
    const next = this.waiters.dequeue();
    if (next === null) this.locked = false;
    else handOff(next, undefined, this.giveBack);
  }

  /** `[object Mutex]`. */
  get [Symbol.toStringTag](): string {
    return 'Mutex';
  }

  /** `Mutex<name> { locked: true, waiting: 2 }`, for `console.log` and `util.inspect`. */
  [inspectCustom](): string {
    return formatState('Mutex', this.name, { locked: this.locked, waiting: this.waiters.size });
  }

  /** A waiter handed the lock was aborted before it resumed: the lock passes on. */
  private readonly giveBack = (): void => this.unlock();

  /**
   * Go's `mu.Lock(); defer mu.Unlock(); return fn()`. Blocks like {@link Mutex.lock}, runs `fn`,
   * and unlocks once `fn`'s result settles. Resolves or rejects with what `fn` returns or throws;
   * rejects with `signal.reason` (without running `fn`) when `signal` aborts before the lock.
   *
   * @throws TypeError when `fn` is not a function.
   * @throws TypeError when `options.signal` is not an `AbortSignal` (e.g. a context instead of `ctx.signal`).
   */
  withLock<T>(fn: () => T | PromiseLike<T>, options?: BlockingOptions): Promise<Awaited<T>> {
    return withLocked(this, fn, options, 'Mutex.withLock');
  }

  /**
   * Blocks like {@link Mutex.lock}, then resolves with a {@link LockGuard} that unlocks when
   * disposed: `using _ = await mu.guard();` is Go's `mu.Lock(); defer mu.Unlock()`. Rejects with
   * `signal.reason` (holding nothing) when `signal` aborts before the lock.
   *
   * @throws TypeError when `options.signal` is not an `AbortSignal` (e.g. a context instead of `ctx.signal`).
   */
  guard(options?: BlockingOptions): Promise<LockGuard> {
    return guardOf(this, options, 'Mutex.guard');
  }
}
