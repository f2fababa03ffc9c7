/**
 * `Group`: golang.org/x/sync's `errgroup.Group`.
 *
 * @module
 */
import { Chan, go, type BlockingOptions } from '@csp/channel';
import { completed, func, integer, isThenable, signalOf } from '@csp/channel/internal';
import { withCancelCause } from './context/cancel-context.js';
import type { CancelCauseFunc, Context } from './context/context.js';
import { ModifyLimitWhileActiveError } from './errors.js';
import { WaitGroup } from './wait-group.js';

/** The limit's slots: a buffered channel holding one token per running function, as in errgroup. */
type Slots = Chan<undefined>;

/**
 * A group of functions working on subtasks of one task: x/sync's `errgroup.Group`. `go(fn)`
 * starts each, `wait()` waits for all of them and rejects with the first error. `new Group()`
 * (Go's zero `errgroup.Group`) has no limit and cancels nothing; {@link Group.withContext}
 * makes one that cancels a derived context at the first error.
 *
 * @example
 * ```ts
 * const [g, ctx] = Group.withContext(context.background());
 * for (const url of urls) await g.go(() => fetchOne(ctx, url));
 * await g.wait(); // throws the first error
 * ```
 */
export class Group {
  private readonly running = new WaitGroup();
  private slots: Slots | null = null;
  private failure: { readonly error: unknown } | null = null;
  /** The cancel function of the group's context (see {@link Group.withContext}). */
  private cancel: CancelCauseFunc | null = null;

  /**
   * x/sync's `errgroup.WithContext(ctx)`: a new group and a context derived from `ctx`, which
   * is cancelled when a function of the group first fails, or when {@link Group.wait} returns,
   * whichever comes first. As in Go, its `err()` is then `context.Canceled` (and so is its
   * `signal.reason`: an operation aborted through `ctx.signal` rejects with `Canceled`), while
   * `context.cause(ctx)` is the group's first error. Never blocks.
   */
  static withContext(ctx: Context): [group: Group, ctx: Context] {
    const [derived, cancel] = withCancelCause(ctx);
    const group = new Group();
    group.cancel = cancel;
    return [group, derived];
  }

  /**
   * x/sync's `g.Go(f)`. Blocks while the group has a limit and that many functions run (see
   * {@link Group.setLimit}), then starts `fn` as a goroutine with `go` (so a `@csp/testing` bubble
   * and a tracer see a goroutine of its own, as in Go).
   *
   * Resolves once `fn` has started (a seeded `@csp/testing` schedule may delay the start by a few
   * microtasks, as Go's scheduler may run the caller first). The first `fn` to throw or reject sets the error that
   * {@link Group.wait} rejects with, and cancels the group's context. Rejects with
   * `signal.reason` when `signal` aborts while waiting for a slot; `fn` then never runs.
   *
   * @throws TypeError when `fn` is not a function.
   * @throws TypeError when `options.signal` is not an `AbortSignal` (e.g. a context instead of `ctx.signal`).
   */
  go(fn: () => unknown, options?: BlockingOptions): Promise<void> {
    func(fn, 'Group.go fn');
    const signal = signalOf(options, 'Group.go');
    if (signal?.aborted) return Promise.reject(signal.reason);
    if (this.tryStart(fn)) return completed(undefined);
    // Counted from now on, so that `wait` also waits for a `go` that waits for its slot.
    const slots = this.slots!;
    this.running.add(1);
    return slots.send(undefined, options).then(
      () => {
        if (signal?.aborted) {
          this.finish(slots);
          throw signal.reason;
        }
        this.start(fn, slots);
      },
      (reason: unknown) => {
        this.running.done();
        throw reason;
      },
    );
  }

  /**
   * x/sync's `g.TryGo(f)`. Never blocks: starts `fn` like {@link Group.go} and returns `true`
   * when the group is under its limit, else returns `false` and does not run `fn`.
   *
   * @throws TypeError when `fn` is not a function.
   */
  tryGo(fn: () => unknown): boolean {
    return this.tryStart(func(fn, 'Group.tryGo fn'));
  }

  /** Starts `fn` when the group is under its limit; returns whether it did. */
  private tryStart(fn: () => unknown): boolean {
    const slots = this.slots;
    if (slots !== null && !slots.trySend(undefined)) return false;
    this.running.add(1);
    this.start(fn, slots);
    return true;
  }

  /** Starts `fn` as a goroutine (see `go` in `@csp/channel`), holding a token of `slots`. */
  private start(fn: () => unknown, slots: Slots | null): void {
    go(() => this.run(fn, slots));
  }

  /**
   * x/sync's `g.SetLimit(n)`: at most `n` functions of the group run at once; a negative `n`
   * (such as `-1`) removes the limit, at any time, as in Go. Never blocks.
   *
   * @throws ModifyLimitWhileActiveError when `n >= 0` and functions started under the current
   *   limit still run.
   * @throws TypeError when `n` is not a number, RangeError when it is not an integer.
   */
  setLimit(n: number): void {
    if (integer(n, 'errgroup limit (negative for no limit)') < 0) {
      this.slots = null;
      return;
    }
    if (this.slots !== null && this.slots.length !== 0) throw new ModifyLimitWhileActiveError(this.slots.length);
    this.slots = new Chan<undefined>(n, { name: 'errgroup limit' });
  }

  /**
   * x/sync's `g.Wait()`. Blocks until every function started with {@link Group.go} or
   * {@link Group.tryGo} has finished (a `go` still waiting for its slot counts too), then
   * cancels the group's context.
   *
   * Resolves when none failed; rejects with the first error otherwise. Rejects with
   * `signal.reason` when `signal` aborts first (the context is then left alone).
   *
   * @throws TypeError when `options.signal` is not an `AbortSignal` (e.g. a context instead of `ctx.signal`).
   */
  wait(options?: BlockingOptions): Promise<void> {
    signalOf(options, 'Group.wait');
    return this.join(options);
  }

  /** The body of {@link Group.wait}, once its options are checked. */
  private async join(options: BlockingOptions | undefined): Promise<void> {
    await this.running.wait(options);
    const failure = this.failure;
    this.cancel?.(failure?.error);
    if (failure !== null) throw failure.error;
  }

  /**
   * Runs `fn`, which holds a token of `slots` (when not `null`) until it settles; returns what the
   * goroutine waits for, so that it ends when `fn` does. Never throws or rejects: `fn`'s error is
   * the group's.
   */
  private run(fn: () => unknown, slots: Slots | null): PromiseLike<void> | undefined {
    let result: unknown;
    try {
      result = fn();
    } catch (error) {
      this.fail(error);
      this.finish(slots);
      return undefined;
    }
    if (!isThenable(result)) {
      this.finish(slots);
      return undefined;
    }
    return result.then(
      () => this.finish(slots),
      (error: unknown) => {
        this.fail(error);
        this.finish(slots);
      },
    );
  }

  /** Records the group's first error and cancels its context. */
  private fail(error: unknown): void {
    if (this.failure !== null) return;
    this.failure = { error };
    this.cancel?.(error);
  }

  /** A function finished: free its slot, passing it to a `go` that waits. */
  private finish(slots: Slots | null): void {
    slots?.tryRecv();
    this.running.done();
  }
}
