/**
 * Go's `sync.Locker`, and the scoped forms every lock offers on top of it: `withLock(fn)` and a
 * {@link LockGuard} that unlocks when disposed by `using` / `await using`.
 *
 * @module
 */
import type { BlockingOptions } from '@csp/channel';
import { func, signalOf } from '@csp/channel/internal';

/**
 * Go's `sync.Locker`: something that can be locked and unlocked. {@link Mutex}, {@link RWMutex}
 * and {@link RWMutex.rLocker} are lockers; {@link Cond} takes one.
 */
export interface Locker {
  /** Blocks until the lock is held; rejects with `signal.reason` (holding nothing) on abort. */
  lock(options?: BlockingOptions): Promise<void>;
  /** Releases the lock; throws the locker's "unlock of unlocked" error when it is not held. */
  unlock(): void;
}

/**
 * A held lock that unlocks when disposed, for `using` and `await using` (a scope exit, a
 * `return` or a throw all unlock). Returned by `Mutex.guard()`, `RWMutex.guard()` and
 * `RWMutex.rGuard()`; it mirrors Go's `mu.Lock(); defer mu.Unlock()`.
 *
 * @example
 * ```ts
 * {
 *   using _ = await mu.guard();
 *   balance += amount;
 * } // unlocked here
 * ```
 */
export class LockGuard implements Disposable, AsyncDisposable {
  private held: Locker | null;

  /** Wraps a lock the caller holds now. Not meant to be called directly: use `guard()` of a lock. */
  constructor(locker: Locker) {
    this.held = locker;
  }

  /**
   * Unlocks. Never blocks; disposing a second time does nothing. Throws the locker's "unlock of
   * unlocked" error when the lock was already unlocked by other code.
   */
  [Symbol.dispose](): void {
    const locker = this.held;
    if (locker === null) return;
    this.held = null;
    locker.unlock();
  }

  /** Same as `[Symbol.dispose]()`, for `await using`; resolves once unlocked. */
  [Symbol.asyncDispose](): Promise<void> {
    this[Symbol.dispose]();
    return Promise.resolve();
  }
}

/**
 * Locks `locker`, runs `fn`, and unlocks when `fn`'s result settles (also when it throws).
 * The shared body of every `withLock` / `withRLock`; `call` names it in errors.
 *
 * @throws TypeError when `fn` is not a function or `options.signal` not an `AbortSignal`.
 */
export function withLocked<T>(
  locker: Locker,
  fn: () => T | PromiseLike<T>,
  options: BlockingOptions | undefined,
  call: string,
): Promise<Awaited<T>> {
  if (typeof fn !== 'function') func(fn, `${call} fn`);
  signalOf(options, call);
  return runLocked(locker, fn, options);
}

async function runLocked<T>(
  locker: Locker,
  fn: () => T | PromiseLike<T>,
  options: BlockingOptions | undefined,
): Promise<Awaited<T>> {
  await locker.lock(options);
  try {
    return await fn();
  } finally {
    locker.unlock();
  }
}

/**
 * Locks `locker` and wraps it in a {@link LockGuard}. The shared body of every `guard()`;
 * `call` names it in errors.
 *
 * @throws TypeError when `options.signal` is not an `AbortSignal`.
 */
export function guardOf(locker: Locker, options: BlockingOptions | undefined, call: string): Promise<LockGuard> {
  signalOf(options, call);
  return locker.lock(options).then(() => new LockGuard(locker));
}
