/**
 * Where a stage runs. A stage is Go's "goroutine that reads one channel and writes another":
 * {@link spawnStage} starts it, closes its output when it ends (Go's `defer close(out)`), stops it
 * when the scope's signal aborts (Go's `done` channel) and reports a thrown error to the scope.
 * A tracer (`@csp/trace`) sees each stage as a goroutine of its own, named after the stage.
 *
 * Stopping is cheap: a stopped stage closes its own output at once, which wakes its parked send
 * and tells the next stage to stop, so sends need no abort signal, and inside a pipeline only the
 * first stage's receive does (abort listeners cost more than the channel operations themselves).
 *
 * @module
 */
import type { BlockingOptions, Receiver } from '@csp/channel';
import { panic, tracer } from '@csp/channel/internal';
import { func, signalOf } from '@csp/channel/internal';
import { linkSignal, onAbort } from '../signals.js';

/**
 * The environment a stage runs in: `pipeline()` passes one to every stage; a stage applied on its
 * own (`map(fn)(input, { signal })`) gets the one you pass, or none.
 */
export interface Scope {
  /**
   * Stops the stage: it stops receiving at once (an aborted receive consumed nothing), aborts
   * the signal its function calls see, closes its output (so its consumer stops too), and waits
   * for the calls it already started.
   */
  readonly signal?: AbortSignal | undefined;
  /**
   * Called once with the first error a stage's function throws; the stage then stops and closes
   * its output. Without it, a thrown error is a goroutine panic and crashes the program, as in Go.
   * Errors thrown after the signal aborted are ignored: the stage is shutting down anyway.
   */
  readonly onError?: ((error: unknown) => void) | undefined;
}

/** @internal What `pipeline()` adds to the scope it gives its stages. */
export interface PipelineScope extends Scope {
  /** Receives every stage's promise; it settles when the stage has ended. */
  track(stage: Promise<void>): void;
  /** Receives every stage's output: it closes when the stage is stopped. */
  adopt(output: Closable): void;
  /** Whether `channel` is a stage output of this pipeline (so it closes when the pipeline stops). */
  owns(channel: unknown): boolean;
}

function isPipelineScope(scope: Scope | undefined): scope is PipelineScope {
  return scope !== undefined && 'adopt' in scope;
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
  /** Aborts when the stage is stopped (scope's signal, or a failure): give it to the calls you make. */
  readonly signal: AbortSignal;
  /** Whether the stage is stopped: `signal.aborted`, as a plain field that is cheap to read per value. */
  readonly stopped: boolean;
  /**
   * Pass these to every receive from the input (and to a `select` on it): they carry `signal`
   * unless the input closes by itself when the stage is stopped. Sends to the output need no
   * options: the output closes when the stage is stopped, which ends a parked send.
   */
  readonly receiving: BlockingOptions;
  /** Stops the stage because of `error` (the first error wins; later ones are ignored). */
  fail(error: unknown): void;
}

const unabortable: BlockingOptions = Object.freeze({});

class Run implements StageRun {
  private readonly controller = new AbortController();
  readonly signal = this.controller.signal;
  stopped = false;
  receiving: BlockingOptions = unabortable;
  failure: { error: unknown } | null = null;

  fail(error: unknown): void {
    if (this.failure !== null || this.signal.aborted) return;
    this.failure = { error };
    this.controller.abort(error);
  }

  /** Mirrors `parent`; returns the function that stops mirroring it. */
  link(parent: AbortSignal | undefined): () => void {
    return linkSignal(parent, this.controller);
  }
}

/**
 * Go's `go func() { defer close(out); ... }()` for a stage: starts `body` as a goroutine reading `input` (or `null` for a source or several inputs) and writing
 * `output`. When `body` settles, `output` is closed; when the stage is stopped, `output` closes at
 * once. An error `body` threw (or passed to `fail`) goes to `scope.onError`, or panics without one.
 * Use it to write your own stages so that `pipeline()` can stop them and wait for them. Never blocks.
 * In traces (`@csp/trace`) the stage is a goroutine named after `body` (`async function squares(run)`
 * shows as `squares`), or `stage` when `body` has no name.
 * @throws TypeError for a `signal` that is not an `AbortSignal`, or an `onError` or `body` that is not a function.
 */
export function spawnStage(
  input: Receiver<unknown> | null,
  output: Closable,
  scope: Scope | undefined,
  body: (run: StageRun) => Promise<void>,
): void {
  checkScope('spawnStage', scope);
  func(body, 'spawnStage: body');
  const run = new Run();
  const parent = scope?.signal;
  const pipeline = isPipelineScope(scope) ? scope : null;
  if (parent !== undefined && (input === null || pipeline?.owns(input) !== true)) run.receiving = { signal: run.signal };
  let open = true;
  const closeOutput = (): void => {
    if (!open) return;
    open = false;
    output.close();
  };
  pipeline?.adopt(output);
  const runStage = async (): Promise<void> => {
    const unlink = run.link(parent);
    const stopClosing = onAbort(run.signal, () => {
      run.stopped = true;
      closeOutput();
    });
    try {
      await body(run);
    } catch (error) {
      run.fail(error);
    } finally {
      stopClosing();
      unlink();
      closeOutput();
    }
    if (run.failure !== null) (scope?.onError ?? panic)(run.failure.error);
  };
  const stage = tracer === null ? runStage() : (tracer.goroutine(runStage, [], body.name || 'stage')() as Promise<void>);
  pipeline?.track(stage);
}

/**
 * Waits until every task has settled (none is left running), then rejects with the first
 * rejection if there was one: `Promise.all` without abandoning the slower tasks.
 */
export async function joinAll(tasks: readonly Promise<unknown>[]): Promise<void> {
  const outcomes = await Promise.allSettled(tasks);
  for (const outcome of outcomes) if (outcome.status === 'rejected') throw outcome.reason;
}

/**
 * Checks a stage's scope at the call, before anything starts: `signal` must be an `AbortSignal`
 * and `onError` a function. Returns `scope`.
 * @throws TypeError naming `owner` and the bad setting.
 */
export function checkScope<S extends Scope | undefined>(owner: string, scope: S): S {
  signalOf(scope, owner);
  if (scope?.onError !== undefined && scope.onError !== null) func(scope.onError, `${owner}: onError`);
  return scope;
}
