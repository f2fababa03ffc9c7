/**
 * The errors a context reports from `err()` once it is done: Go's `context.Canceled` and
 * `context.DeadlineExceeded`.
 *
 * @module
 */

/**
 * The class of {@link Canceled}, the error of a context cancelled by its cancel function (or by
 * a cancelled parent): message `context canceled`. Compare with `err === context.Canceled` or
 * `err instanceof CanceledError`.
 */
export class CanceledError extends Error {
  constructor() {
    super('context canceled');
    this.name = 'CanceledError';
  }
}

/**
 * The class of {@link DeadlineExceeded}, the error of a context whose deadline passed: message
 * `context deadline exceeded`.
 */
export class DeadlineExceededError extends Error {
  constructor() {
    super('context deadline exceeded');
    this.name = 'DeadlineExceededError';
  }
}

/** Go's `context.Canceled`: what `ctx.err()` returns once the context was cancelled. */
export const Canceled: CanceledError = new CanceledError();

/** Go's `context.DeadlineExceeded`: what `ctx.err()` returns once the deadline passed. */
export const DeadlineExceeded: DeadlineExceededError = new DeadlineExceededError();
