/**
 * `context.fromSignal`: the bridge from an `AbortSignal` to a context.
 *
 * @module
 */
import { describeValue, isAbortSignal, watchAbort } from '@csp/channel/internal';
import { CancelContext } from './cancel-context.js';
import type { Context } from './context.js';
import { background } from './empty-context.js';
import { Canceled, DeadlineExceeded } from './errors.js';

/** A context cancelled when its signal aborts. */
class SignalContext extends CancelContext {
  protected override get kind(): string {
    return 'FromSignal';
  }

  override toString(): string {
    return 'context.FromSignal';
  }
}

/** The context error for an abort `reason`: `DeadlineExceeded` for `AbortSignal.timeout`'s. */
function errorFor(reason: unknown): Error {
  const timedOut = typeof DOMException === 'function' && reason instanceof DOMException && reason.name === 'TimeoutError';
  return timedOut ? DeadlineExceeded : Canceled;
}

/**
 * A context that is done when `signal` aborts, for code that receives an `AbortSignal` (a
 * request's, a framework's) and calls an API that takes a `Context`. There is no Go
 * counterpart: it is the reverse of `ctx.signal`. Never blocks.
 *
 * Once `signal` aborts, `ctx.err()` is `DeadlineExceeded` when the reason is the `TimeoutError`
 * of `AbortSignal.timeout`, else `Canceled`, and `context.cause(ctx)` is `signal.reason`. At once
 * when `signal` is already aborted. The context has no deadline and no values, and no cancel
 * function: derive one with `withCancel` to cancel it earlier. However many contexts follow one
 * signal, the signal has one listener, removed once it fired.
 *
 * @throws TypeError when `signal` is not an `AbortSignal` (a context's is `ctx.signal`).
 */
export function fromSignal(signal: AbortSignal): Context {
  if (!isAbortSignal(signal)) {
    const hint = typeof signal === 'object' && signal !== null && isAbortSignal((signal as { signal?: unknown }).signal);
    throw new TypeError(
      `context.fromSignal: signal must be an AbortSignal, got ${describeValue(signal)}${hint ? ': pass its .signal (e.g. ctx.signal)' : ''}`,
    );
  }
  const ctx = new SignalContext(background());
  if (signal.aborted) {
    ctx.cancel(false, errorFor(signal.reason), signal.reason);
    return ctx;
  }
  const link = watchAbort(signal, (reason) => ctx.cancel(false, errorFor(reason), reason));
  ctx.detach = () => link.unlink();
  return ctx;
}
