/**
 * The errors of `@csp/threads`.
 *
 * @module
 */

/**
 * Thrown at the call (before anything is sent) when a value cannot be copied to another thread:
 * a function, a symbol, a `WeakMap`/`WeakSet`/`WeakRef`, a `Promise`, or a value of the wrong
 * type for a typed channel. Threads share no heap, so every value crosses as a copy; closures and
 * other live objects cannot (structured clone's `DataCloneError`).
 */
export class UncopyableValueError extends TypeError {
  constructor(message: string) {
    super(message);
    this.name = 'UncopyableValueError';
  }
}

/** Thrown at the call when an encoded value does not fit the channel's `slotBytes`. */
export class ValueTooLargeError extends RangeError {
  constructor(message: string) {
    super(message);
    this.name = 'ValueTooLargeError';
  }
}

/**
 * Thrown when threads cannot share memory here: no `SharedArrayBuffer` (a browser page that is
 * not `crossOriginIsolated`), or no `Atomics.waitAsync`.
 */
export class SharedMemoryUnavailableError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SharedMemoryUnavailableError';
  }
}

/** A job's thread exited or crashed while it ran; the thread was replaced. */
export class ThreadExitedError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'ThreadExitedError';
  }
}
