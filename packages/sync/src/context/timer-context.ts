/**
 * Contexts with a deadline: Go's `context.WithDeadline`, `WithTimeout`, `WithDeadlineCause`
 * and `WithTimeoutCause`.
 *
 * A live deadline holds one `setTimeout`, which keeps the process alive until the deadline or
 * until the context is cancelled (by its cancel function or an ancestor), when it is cleared.
 *
 * @module
 */
import { checkParent, deadlineOf, type Canceler } from './base.js';
import { CancelContext, propagateCancel, withCancel } from './cancel-context.js';
import type { CancelFunc, Context } from './context.js';
import { Canceled, DeadlineExceeded } from './errors.js';

/** The longest delay `setTimeout` takes; longer waits are made of several. */
const maxTimeout = 2 ** 31 - 1;

/** A context cancelled at its deadline (Go's `timerCtx`). */
class TimerContext extends CancelContext {
  private timer: ReturnType<typeof setTimeout> | null = null;

  constructor(
    parent: Context,
    deadlineAt: number,
    /** The cause recorded when the deadline passes. */
    private readonly deadlineCause: unknown,
  ) {
    super(parent, deadlineAt);
  }

  /** Starts (or continues) the wait for the deadline. */
  arm(): void {
    const remaining = this.deadlineAt! - Date.now();
    this.timer = setTimeout(onTimer, Math.min(Math.max(remaining, 0), maxTimeout), this);
  }

  /** The deadline passed: cancel with `DeadlineExceeded`. */
  expire(): void {
    this.cancel(true, DeadlineExceeded, this.deadlineCause);
  }

  override markCanceled(err: Error, cause: unknown, pending: Canceler[]): boolean {
    if (!super.markCanceled(err, cause, pending)) return false;
    if (this.timer !== null) {
      clearTimeout(this.timer);
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

/** The timer callback: cancel at the deadline, or wait on when the timer fired early. */
function onTimer(ctx: TimerContext): void {
  if (Date.now() < ctx.deadlineAt!) ctx.arm();
  else ctx.expire();
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
  const current = deadlineOf(parent);
  if (current !== undefined && current < at) return withCancel(parent);
  const ctx = new TimerContext(parent, at, cause);
  propagateCancel(parent, ctx);
  const cancel = (): void => ctx.cancel(true, Canceled, undefined);
  if (at <= Date.now()) ctx.expire();
  else if (ctx.err() === undefined) ctx.arm();
  return [ctx, cancel];
}

/**
 * Go's `context.WithTimeout(parent, d)`: `withDeadline(parent, now + timeout)`, `timeout` in
 * milliseconds (`time.second` is 1000). Never blocks.
 *
 * @throws RangeError when `timeout` is not a finite number.
 */
export function withTimeout(parent: Context, timeout: number): [ctx: Context, cancel: CancelFunc] {
  return withTimeoutCause(parent, timeout, undefined);
}

/** Go's `context.WithTimeoutCause(parent, d, cause)`: see {@link withDeadlineCause}. */
export function withTimeoutCause(parent: Context, timeout: number, cause: unknown): [ctx: Context, cancel: CancelFunc] {
  if (typeof timeout !== 'number' || !Number.isFinite(timeout)) {
    throw new RangeError(`timeout must be a finite number of milliseconds, got ${String(timeout)}`);
  }
  return withDeadlineCause(parent, new Date(Date.now() + timeout), cause);
}
