/**
 * The errors `@csp/patterns` throws. Each names what went wrong and says what to do; the ones
 * that mirror a Go panic carry Go's wording (`submit on closed pool` reads like Go's
 * `send on closed channel`).
 *
 * @module
 */
import { DeadlineExceededError } from '@csp/sync';

/**
 * A job was submitted to a {@link WorkerPool} after `close()` or `abort()`: the pool's
 * `send on closed channel`. Thrown synchronously by `trySubmit`; `submit` and `run` reject with
 * it, and so does a `submit` that was waiting for room in the queue when the pool was closed.
 */
export class SubmitOnClosedPoolError extends Error {
  constructor() {
    super('submit on closed pool (submit every job before calling close(); create a new pool to start again)');
    this.name = 'SubmitOnClosedPoolError';
  }
}

/**
 * A job was still waiting in a {@link WorkerPool}'s queue (or waiting for room in it) when the
 * pool was aborted: it never ran. `cause` is the abort reason.
 */
export class PoolAbortedError extends Error {
  constructor(cause: unknown) {
    super('worker pool aborted: the job was discarded before it started (use close() to finish queued jobs instead)', {
      cause,
    });
    this.name = 'PoolAbortedError';
  }
}

/**
 * A job ran longer than its timeout: its signal was aborted with this error and its result
 * promise rejected with it. The job keeps its worker until it really settles. It is a
 * `DeadlineExceededError` (Go's `context.DeadlineExceeded`, what a Go job would get from a
 * `context.WithTimeout`), so `error instanceof DeadlineExceededError` holds.
 */
export class JobTimeoutError extends DeadlineExceededError {
  constructor(
    /** The timeout that expired, in milliseconds. */
    readonly timeout: number,
  ) {
    super();
    this.message = `context deadline exceeded: job timed out after ${timeout} ms (its signal was aborted; pass a larger timeout if the job needs more time)`;
    this.name = 'JobTimeoutError';
  }
}

/**
 * A value was enqueued on a {@link PriorityQueue} after `close()`: the queue's
 * `send on closed channel`. Thrown synchronously by `enqueue`.
 */
export class EnqueueOnClosedQueueError extends Error {
  constructor() {
    super('enqueue on closed queue (enqueue every value before calling close())');
    this.name = 'EnqueueOnClosedQueueError';
  }
}

/**
 * A {@link CircuitBreaker} refused a call because it is open: too many calls failed recently.
 * It lets a trial call through once `retryAfter` has passed.
 */
export class CircuitOpenError extends Error {
  constructor(
    /** Milliseconds until the breaker lets a trial call through. */
    readonly retryAfter: number,
  ) {
    super(`circuit breaker is open: call refused (retry in ${Math.ceil(retryAfter)} ms)`);
    this.name = 'CircuitOpenError';
  }
}

/**
 * A source adapter ({@link fromEvent}, {@link fromReadable}) with `overflow: 'error'` received a
 * value while its channel was full: the reader is slower than the source. The adapter stops and
 * its channel closes.
 */
export class ChannelOverflowError extends Error {
  constructor(
    owner: string,
    /** The channel's capacity. */
    readonly capacity: number,
  ) {
    super(
      `${owner}: channel full (capacity ${capacity}): the reader is slower than the source (raise capacity, or pick overflow 'block', 'drop-newest' or 'drop-oldest')`,
    );
    this.name = 'ChannelOverflowError';
  }
}
