/**
 * The `Context` interface, Go's `context.Context`, and the cancel function types.
 *
 * @module
 */
import type { Receiver } from '@csp/channel';

/**
 * Go's `context.Context`: carries a deadline, a cancellation signal and request-scoped values
 * across API boundaries. Contexts form a tree: cancelling one cancels every context derived from
 * it, never its parent. Make them with `context.background()` and the `context.with*` functions.
 */
export interface Context {
  /**
   * Go's `ctx.Deadline()`: `[deadline, true]` when the context will be cancelled at `deadline`,
   * `[undefined, false]` when it has no deadline. Never blocks.
   */
  deadline(): [deadline: Date | undefined, ok: boolean];
  /**
   * Go's `ctx.Done()`: a channel that is closed when the context is done (cancelled or past its
   * deadline), so receiving from it blocks until then; usable in `select`, e.g.
   * `select([recv(ctx.done()), recv(results)])`. `null` (Go's nil channel) for a context that
   * can never be cancelled, such as `background()`. Never blocks; returns the same channel on
   * every call.
   */
  done(): Receiver<void> | null;
  /**
   * Go's `ctx.Err()`: `undefined` while the context is live, then `Canceled` or
   * `DeadlineExceeded` forever. Never blocks.
   */
  err(): Error | undefined;
  /**
   * Go's `ctx.Value(key)`: the value stored under `key` (compared with `===`) by the nearest
   * `withValue` on the path to the root, or `undefined`. Never blocks.
   */
  value(key: unknown): unknown;
  /**
   * An `AbortSignal` that aborts when the context is done, with `ctx.err()` (`Canceled` or
   * `DeadlineExceeded`) as its `reason`, so that an operation aborted through it rejects with
   * that error, as a Go call given `ctx` returns `ctx.Err()`; why the context was cancelled is
   * `context.cause(ctx)`. It never aborts for a context that can never be cancelled. Pass it to
   * `fetch` and to this toolkit's `{ signal }` options.
   */
  readonly signal: AbortSignal;
}

/**
 * Go's `context.CancelFunc`: cancels its context and every context derived from it, releasing
 * their resources (a pending deadline timer). Never blocks; calling it again does nothing.
 */
export type CancelFunc = () => void;

/**
 * Go's `context.CancelCauseFunc`: like {@link CancelFunc}, also recording `cause`, which
 * `context.cause(ctx)` returns (`ctx.err()` and `ctx.signal.reason` are still `Canceled`).
 * Without a cause, the cause is `Canceled`. Only the first cancellation counts.
 */
export type CancelCauseFunc = (cause?: unknown) => void;
