/**
 * Where a stage runs. A stage is Go's "goroutine that reads one channel and writes another":
 * {@link spawnStage} starts it, closes its output when it ends (Go's `defer close(out)`), stops it
 * when the scope's signal aborts (Go's `done` channel) and reports a thrown error to the scope.
 *
 * @module
 */
import type { Receiver } from '@csp/channel';
import { panic } from '@csp/channel/internal';
import { linkSignal } from '../signals.js';

/**
 * The environment a stage runs in: `pipeline()` passes one to every stage; a stage applied on its
 * own (`map(fn)(input, { signal })`) gets the one you pass, or none.
 */
export interface Scope {
  /**
   * Stops the stage: it stops receiving and sending at once (nothing is lost in flight: an aborted
   * receive consumed nothing), waits for the calls it already started, and closes its output.
   */
  readonly signal?: AbortSignal | undefined;
  /**
   * Called once with the first error a stage's function throws; the stage then stops and closes
   * its output. Without it, a thrown error is a goroutine panic and crashes the program, as in Go.
   * Errors thrown after the signal aborted are ignored: the stage is shutting down anyway.
   */
  readonly onError?: ((error: unknown) => void) | undefined;
  /** Receives the promise of every stage started in this scope; it settles when the stage ended. */
  readonly track?: ((stage: Promise<void>) => void) | undefined;
}

/**
 * A pipeline stage: takes the input channel and returns the output channel, which it closes once
 * the input is closed and drained (or the scope's signal aborted). Go's
 * `func sq(done <-chan struct{}, in <-chan int) <-chan int`.
 */
export type Stage<A, B> = (input: Receiver<A>, scope?: Scope) => Receiver<B>;

/** What a stage closes when it ends: its output channel (or several, for `tee`). */
export interface Closable {
  close(): void;
}

/** The stage's own handle on itself, given to its body. */
export interface StageRun {
  /** Aborts when the scope's signal aborts or the stage fails; pass it to every blocking call. */
  readonly signal: AbortSignal;
  /** Stops the stage because of `error` (the first error wins; later ones are ignored). */
  fail(error: unknown): void;
}

class Run implements StageRun {
  private readonly controller = new AbortController();
  readonly signal = this.controller.signal;
  failure: { error: unknown } | null = null;

  constructor(private readonly parent: AbortSignal | undefined) {}

  fail(error: unknown): void {
    if (this.failure !== null || this.parent?.aborted === true) return;
    this.failure = { error };
    this.controller.abort(error);
  }

  /** Mirrors the parent signal; returns the function that stops mirroring it. */
  link(): () => void {
    return linkSignal(this.parent, this.controller);
  }
}

/**
 * Starts a stage's `body` as a goroutine. When `body` settles, `output` is closed; an error it
 * threw (or passed to `fail`) goes to `scope.onError`, or panics without one. Use it to write your
 * own stages so that `pipeline()` can stop them and wait for them. Never blocks.
 */
export function spawnStage(output: Closable, scope: Scope | undefined, body: (run: StageRun) => Promise<void>): void {
  const run = new Run(scope?.signal);
  const stage = (async () => {
    const unlink = run.link();
    try {
      await body(run);
    } catch (error) {
      run.fail(error);
    } finally {
      unlink();
      output.close();
    }
    if (run.failure !== null) (scope?.onError ?? panic)(run.failure.error);
  })();
  scope?.track?.(stage);
}

/**
 * Waits until every task has settled (none is left running), then rejects with the first
 * rejection if there was one: `Promise.all` without abandoning the slower tasks.
 */
export async function joinAll(tasks: readonly Promise<unknown>[]): Promise<void> {
  const outcomes = await Promise.allSettled(tasks);
  for (const outcome of outcomes) if (outcome.status === 'rejected') throw outcome.reason;
}

/** Whether `value` is a promise or another thenable. */
export function isThenable<T>(value: T | PromiseLike<T>): value is PromiseLike<T> {
  return typeof (value as PromiseLike<T> | null)?.then === 'function';
}

/** Whether `source` is a channel (as opposed to a plain iterable). */
export function isReceiver<T>(source: unknown): source is Receiver<T> {
  return typeof (source as Receiver<T> | null)?.recvOk === 'function';
}
