/**
 * Errors thrown where Go panics. Each is a `GoPanicError` (the base class of `@csp/channel`'s
 * panics too) whose `name` is its class name and whose `message` is Go's panic text, so a ported
 * program fails with the words its Go original would print.
 *
 * @module
 */
import { GoPanicError } from '@csp/channel/internal';

/**
 * Thrown synchronously by {@link Mutex.unlock} on a mutex that is not locked: Go's
 * `fatal error: sync: unlock of unlocked mutex`. `Cond.wait` rejects with it when the caller
 * does not hold the condition's lock. Unlock exactly once per successful `lock`/`tryLock`.
 */
export class UnlockOfUnlockedMutexError extends GoPanicError {
  constructor() {
    super('sync: unlock of unlocked mutex');
  }
}

/**
 * Thrown synchronously by {@link RWMutex.rUnlock} when no reader holds the lock: Go's
 * `fatal error: sync: RUnlock of unlocked RWMutex`.
 */
export class RUnlockOfUnlockedRWMutexError extends GoPanicError {
  constructor() {
    super('sync: RUnlock of unlocked RWMutex');
  }
}

/**
 * Thrown synchronously by {@link RWMutex.unlock} when no writer holds the lock: Go's
 * `fatal error: sync: Unlock of unlocked RWMutex`.
 */
export class UnlockOfUnlockedRWMutexError extends GoPanicError {
  constructor() {
    super('sync: Unlock of unlocked RWMutex');
  }
}

/**
 * Thrown synchronously by {@link WaitGroup.add} and {@link WaitGroup.done} when the counter would
 * go below zero: Go's `panic: sync: negative WaitGroup counter`. The counter is left unchanged.
 * Call `done` once per unit added with `add`.
 */
export class NegativeWaitGroupCounterError extends GoPanicError {
  constructor() {
    super('sync: negative WaitGroup counter');
  }
}

/**
 * Thrown synchronously by {@link Semaphore.release} when more permits would be released than are
 * held: x/sync's `panic: semaphore: released more than held`. Nothing is released.
 */
export class ReleasedMoreThanHeldError extends GoPanicError {
  constructor() {
    super('semaphore: released more than held');
  }
}

/**
 * Thrown synchronously by {@link Group.setLimit} while functions started under the current limit
 * are still running: errgroup's
 * `panic: errgroup: modify limit while N goroutines in the group are still active`.
 * Set the limit before the first `go`, or after `wait`.
 */
export class ModifyLimitWhileActiveError extends GoPanicError {
  /** How many functions were still running. */
  readonly active: number;

  constructor(active: number) {
    super(`errgroup: modify limit while ${active} goroutines in the group are still active`);
    this.active = active;
  }
}
