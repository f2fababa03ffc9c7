/**
 * Cancellable contexts: Go's `context.WithCancel`, `context.WithCancelCause` and
 * `context.Cause`, and the wiring that links a derived context (or an `afterFunc`) to the
 * nearest cancellable ancestor.
 *
 * @module
 */
import { Chan, type Receiver } from '@csp/channel';
import { tracer, WaitQueue, watchAbort, type WaitNode } from '@csp/channel/internal';
import {
  cancelContextKey,
  cancelTree,
  checkParent,
  ContextBase,
  deadlineOf,
  notFound,
  sourceOf,
  type Canceler,
  type Children,
} from './base.js';
import type { CancelCauseFunc, CancelFunc, Context } from './context.js';
import { Canceled } from './errors.js';

/**
 * The `done()` channel of every context that was already done when `done()` was first called:
 * Go's `closedchan`, made at load time as Go makes it in `init`, so that it belongs to no test
 * bubble however it is first used.
 */
const closedDone = new Chan<void>(0, { name: 'ctx.done()' });
closedDone.close();

/**
 * A context with its own cancellation (Go's `cancelCtx`). Its `done()` channel and `signal` are
 * made on first use.
 */
export class CancelContext extends ContextBase implements Canceler {
  /** The contexts and `afterFunc`s to cancel with this one; `null` until the first. */
  children: Children | null = null;
  /** `Canceled` or `DeadlineExceeded` once done. */
  error: Error | undefined = undefined;
  /** The cause once done (see `cause`). */
  reason: unknown = undefined;
  detach: (() => void) | null = null;
  /** Links in the parent's {@link CancelContext.children} (a `WaitNode`). */
  prev: WaitNode | null = null;
  /** See {@link CancelContext.prev}. */
  next: WaitNode | null = null;
  /** See {@link CancelContext.prev}. */
  queue: WaitQueue<any> | null = null;
  private doneChan: Chan<void> | null = null;
  private controller: AbortController | null = null;

  constructor(parent: Context, deadlineAt = deadlineOf(parent)) {
    super(parent, deadlineAt);
  }

  protected get kind(): string {
    return 'WithCancel';
  }

  cancelSource(): Context {
    return this;
  }

  ownValue(key: unknown): unknown {
    return key === cancelContextKey ? this : notFound;
  }

  override done(): Receiver<void> {
    this.doneChan ??= this.error === undefined ? new Chan<void>(0, { name: 'ctx.done()' }) : closedDone;
    return this.doneChan;
  }

  override err(): Error | undefined {
    return this.error;
  }

  override get signal(): AbortSignal {
    if (this.controller === null) {
      this.controller = new AbortController();
      if (this.error !== undefined) this.controller.abort(this.error);
    }
    return this.controller.signal;
  }

  /**
   * Go's `cancelCtx.cancel`: cancels this context and its subtree with `err` and `cause`
   * (`err` when `undefined`); only the first cancellation counts.
   */
  cancel(removeFromParent: boolean, err: Error, cause: unknown): void {
    if (this.error !== undefined) return;
    if (removeFromParent) removeChild(this);
    cancelTree(this, err, cause === undefined ? err : cause);
  }

  markCanceled(err: Error, cause: unknown, pending: Canceler[]): boolean {
    if (this.error !== undefined) return false;
    this.error = err;
    this.reason = cause;
    if (tracer !== null) tracer.cancel(this, cause);
    this.detach?.();
    this.detach = null;
    this.doneChan?.close();
    const children = this.children;
    if (children !== null) {
      for (let child = children.dequeue(); child !== null; child = children.dequeue()) pending.push(child);
      this.children = null;
    }
    return true;
  }

  /** Aborts the signal, if made, with `err()`, as Go's calls return `ctx.Err()`. */
  notifyCanceled(): void {
    this.controller?.abort(this.error);
  }

  override toString(): string {
    return `${String(this.parent)}.WithCancel`;
  }
}

/**
 * Go's `propagateCancel`: arranges for `child` to be cancelled when `parent` is, at once when
 * `parent` is already done. A foreign parent (a `Context` implemented elsewhere) is followed
 * through its `signal`.
 */
export function propagateCancel(parent: Context, child: Canceler): void {
  const source = sourceOf(parent);
  if (source === null) return;
  if (source instanceof CancelContext) {
    if (source.error !== undefined) cancelTree(child, source.error, source.reason);
    else (source.children ??= new WaitQueue()).push(child);
    return;
  }
  const err = source.err();
  if (err !== undefined) {
    cancelTree(child, err, cause(source));
    return;
  }
  const link = watchAbort(source.signal, () => cancelTree(child, source.err() ?? Canceled, cause(source)));
  child.detach = () => link.unlink();
}

/** Go's `removeChild`: `child` no longer follows its parent (it was cancelled or stopped). */
export function removeChild(child: Canceler): void {
  child.queue?.remove(child);
  child.detach?.();
  child.detach = null;
}

/**
 * Go's `context.WithCancel(parent)`: returns a copy of `parent` with a new `done()` channel,
 * and the {@link CancelFunc} that cancels it. The new context is done when `cancel` is called or
 * when `parent` is done, whichever happens first; its `err()` is then `Canceled` (or the
 * parent's error). Call `cancel` once the work is over, as Go's `defer cancel()` does, to
 * release the link to `parent`. Never blocks.
 *
 * @throws TypeError when `parent` is missing.
 */
export function withCancel(parent: Context): [ctx: Context, cancel: CancelFunc] {
  const ctx = new CancelContext(checkParent(parent));
  propagateCancel(parent, ctx);
  return [ctx, () => ctx.cancel(true, Canceled, undefined)];
}

/**
 * Go's `context.WithCancelCause(parent)`: like {@link withCancel}, but `cancel(cause)` records
 * `cause`, which {@link cause} returns; `ctx.err()` and `ctx.signal.reason` are still
 * `Canceled`, so an operation aborted through `ctx.signal` rejects with `Canceled`, as in Go.
 * Never blocks.
 *
 * @throws TypeError when `parent` is missing.
 */
export function withCancelCause(parent: Context): [ctx: Context, cancel: CancelCauseFunc] {
  const ctx = new CancelContext(checkParent(parent));
  propagateCancel(parent, ctx);
  return [ctx, (reason?: unknown) => ctx.cancel(true, Canceled, reason)];
}

/**
 * Go's `context.Cause(ctx)`: why `ctx` is done. The cause given to a `withCancelCause` cancel
 * function (or to `withDeadlineCause` / `withTimeoutCause`), else `ctx.err()`; when an ancestor
 * was cancelled first, the ancestor's cause. `undefined` while `ctx` is live. The first
 * cancellation's cause is kept; later ones are ignored. Never blocks.
 */
export function cause(ctx: Context): unknown {
  const cancellable = ctx.value(cancelContextKey);
  if (cancellable instanceof CancelContext) return cancellable.reason;
  return ctx.err();
}
