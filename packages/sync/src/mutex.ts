/**
 * `Mutex`: Go's `sync.Mutex`.
 *
 * @module
 */
import type { BlockingOptions } from '@csp/channel';
import { completed, tracer, Waiter, WaitQueue } from '@csp/channel/internal';
import { parkAcquire } from './acquire.js';
import { leaveQueue } from './queue.js';
import { UnlockOfUnlockedMutexError } from './errors.js';
import { guardOf, withLocked, type LockGuard, type Locker } from './locker.js';

/**
 * A mutual exclusion lock: Go's `sync.Mutex` (`var mu sync.Mutex` → `const mu = new Mutex()`).
 * It is not tied to a caller: any code may unlock a locked mutex, as in Go.
 *
 * Waiters are served first come, first served, and every operation is O(1). `unlock` hands the
 * lock straight to the first waiter, so nobody can take it between the `unlock` and that
 * waiter's resumption (Go's starvation mode, always on).
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
  private locked = false;
  private readonly waiters = new WaitQueue<Waiter<void>>();
  /** The name given at creation (`new Mutex({ name: 'accounts' })`), shown by traces. */
  declare readonly name: string | undefined;

  /** Go's `var mu sync.Mutex`: an unlocked mutex. `name` labels it in traces and wait-for graphs. */
  constructor(options?: { name?: string | undefined }) {
    if (options?.name !== undefined) this.name = options.name;
  }

  /**
   * Go's `mu.Lock()`. Blocks until the mutex is locked by this call.
   *
   * The promise resolves once the lock is held (at once when it was free). It rejects with
   * `signal.reason` when `signal` aborts first; an aborted lock holds nothing and leaves no
   * trace in the queue (also when the abort comes after the lock was handed over but before the
   * caller resumed: the lock then passes on to the next waiter).
   */
  lock(options?: BlockingOptions): Promise<void> {
    const signal = options?.signal;
    if (signal?.aborted) return Promise.reject(signal.reason);
    if (tracer !== null) tracer.acquire(this, 'sync.Mutex', 1, !this.locked);
    if (!this.locked) {
      this.locked = true;
      return completed(undefined);
    }
    const waiter = new Waiter<void>();
    this.waiters.push(waiter);
    return parkAcquire(waiter, 'sync.Mutex.Lock', undefined, signal, leaveQueue, () => this.unlock());
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
    else next.resolve(undefined);
  }

  /**
   * Go's `mu.Lock(); defer mu.Unlock(); return fn()`. Blocks like {@link Mutex.lock}, runs `fn`,
   * and unlocks once `fn`'s result settles. Resolves or rejects with what `fn` returns or throws;
   * rejects with `signal.reason` (without running `fn`) when `signal` aborts before the lock.
   */
  withLock<T>(fn: () => T | PromiseLike<T>, options?: BlockingOptions): Promise<Awaited<T>> {
    return withLocked(this, fn, options);
  }

  /**
   * Blocks like {@link Mutex.lock}, then resolves with a {@link LockGuard} that unlocks when
   * disposed: `using _ = await mu.guard();` is Go's `mu.Lock(); defer mu.Unlock()`. Rejects with
   * `signal.reason` (holding nothing) when `signal` aborts before the lock.
   */
  guard(options?: BlockingOptions): Promise<LockGuard> {
    return guardOf(this, options);
  }
}
