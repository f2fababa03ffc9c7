/**
 * Contexts with a deadline: Go's `context.WithDeadline`, `WithTimeout`, `WithDeadlineCause`
 * and `WithTimeoutCause`.
 *
 * Time is read, and the deadline's timer armed, through `currentClock()`, as `time` does: long
 * delays are chained, and inside a virtual-time test bubble (`@csp/testing`) deadlines follow the
 * bubble's clock. A live deadline holds one timer, which keeps the process alive until the
 * deadline or until the context is cancelled (by its cancel function or an ancestor), when it is
 * cleared.
 *
 * @module
 */
import { checkParent, deadlineOf, type Canceler } from './base.js';
import { CancelContext, propagateCancel, withCancel } from './cancel-context.js';
import type { CancelFunc, Context } from './context.js';
import { Canceled, DeadlineExceeded } from './errors.js';
import { currentClock, type Clock, type TimerHandle } from '@csp/channel/internal';

/** The latest time a `Date` holds (epoch milliseconds). */
const maxDate = 8.64e15;

/** A context cancelled at its deadline (Go's `timerCtx`). */
class TimerContext extends CancelContext {
  private timer: TimerHandle | null = null;

  constructor(
    parent: Context,
    deadlineAt: number,
    /** The cause recorded when the deadline passes. */
    private readonly deadlineCause: unknown,
    /** The clock in force when the context was made (real, or a test bubble's virtual one). */
    private readonly clock: Clock,
  ) {
    super(parent, deadlineAt);
  }

  /** Starts the wait for the deadline. */
  arm(): void {
    this.timer = this.clock.setTimer(this.onTimer, this.deadlineAt! - this.clock.now());
  }

  /** The timer fired: cancel at the deadline, or wait on when it fired early. */
  private readonly onTimer = (): void => {
    this.timer = null;
    if (this.clock.now() < this.deadlineAt!) this.arm();
    else this.expire();
  };

  /** The deadline passed: cancel with `DeadlineExceeded`. */
  expire(): void {
    this.cancel(true, DeadlineExceeded, this.deadlineCause);
  }

  override markCanceled(err: Error, cause: unknown, pending: Canceler[]): boolean {
    if (!super.markCanceled(err, cause, pending)) return false;
    if (this.timer !== null) {
      this.clock.clearTimer(this.timer);
      this.timer = null;
    }
    return true;
  }

  protected override get kind(): string {
    return 'WithDeadline';
  }

  override toString(): string {
    return `${String(this.parent)}.WithDeadline(${new Date(this.deadlineAt!).toISOString()})`;
  }
}

/**
 * Go's `context.WithDeadline(parent, d)`: like `withCancel`, and also done once `deadline`
 * passes, with `err()` `DeadlineExceeded`. A deadline later than `parent`'s changes nothing
 * (the result is then `withCancel(parent)`): a child never outlives its parent's deadline. A
 * deadline already past gives a context that is done at once. Call `cancel` as soon as the work
 * is over: it clears the timer, which otherwise keeps the process alive until the deadline.
 * Never blocks.
 *
 * @throws RangeError when `deadline` is not a valid `Date`.
 * @throws TypeError when `parent` is missing.
 */
export function withDeadline(parent: Context, deadline: Date): [ctx: Context, cancel: CancelFunc] {
  return withDeadlineCause(parent, deadline, undefined);
}

/**
 * Go's `context.WithDeadlineCause(parent, d, cause)`: like {@link withDeadline}; when the
 * deadline passes, `cause` is the context's cause (see `cause`). Never blocks.
 */
export function withDeadlineCause(parent: Context, deadline: Date, cause: unknown): [ctx: Context, cancel: CancelFunc] {
  checkParent(parent);
  const at = deadline instanceof Date ? deadline.getTime() : NaN;
  if (Number.isNaN(at)) throw new RangeError(`deadline must be a valid Date, got ${String(deadline)}`);
  return deadlineContext(parent, at, cause, currentClock());
}

/** The context behind `withDeadline` and `withTimeout`: done at `at` on `clock`. */
function deadlineContext(parent: Context, at: number, cause: unknown, clock: Clock): [ctx: Context, cancel: CancelFunc] {
  const current = deadlineOf(parent);
  if (current !== undefined && current < at) return withCancel(parent);
  const ctx = new TimerContext(parent, at, cause, clock);
  propagateCancel(parent, ctx);
  const cancel = (): void => ctx.cancel(true, Canceled, undefined);
  if (at <= clock.now()) ctx.expire();
  else if (ctx.err() === undefined) ctx.arm();
  return [ctx, cancel];
}

/**
 * Go's `context.WithTimeout(parent, d)`: `withDeadline(parent, now + timeout)`, `timeout` in
 * milliseconds (`time.second` is 1000), `now` read from the shared clock (`time.now()`). A
 * timeout so long that its deadline is past what a `Date` holds, `Infinity` included, never
 * expires: the context then has no deadline (`withCancel(parent)`). Never blocks.
 *
 * @throws RangeError when `timeout` is not a number, or is NaN.
 */
export function withTimeout(parent: Context, timeout: number): [ctx: Context, cancel: CancelFunc] {
  return withTimeoutCause(parent, timeout, undefined);
}

/** Go's `context.WithTimeoutCause(parent, d, cause)`: see {@link withDeadlineCause}. */
export function withTimeoutCause(parent: Context, timeout: number, cause: unknown): [ctx: Context, cancel: CancelFunc] {
  if (typeof timeout !== 'number' || Number.isNaN(timeout)) {
    throw new RangeError(`timeout must be a number of milliseconds, got ${String(timeout)}`);
  }
  checkParent(parent);
  const clock = currentClock();
  const at = clock.now() + timeout;
  return at > maxDate ? withCancel(parent) : deadlineContext(parent, at, cause, clock);
}
