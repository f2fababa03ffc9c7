/**
 * `pipeline(source, ...stages)`: Go's pipeline of stages connected by channels, with errgroup's
 * error handling: the first error cancels every stage, and `wait()` reports it once every stage
 * has stopped.
 *
 * @module
 */
import type { Receiver } from '@csp/channel';
import { describeValue, func, signalOf } from '@csp/channel/internal';
import { linkSignal } from '../signals.js';
import { fromIterable } from './from-iterable.js';
import { isReceiver } from '../settings.js';
import type { PipelineScope, Stage } from './scope.js';

/** Settings of {@link pipeline}, given as its last argument. */
export interface PipelineOptions {
  /** Cancels the whole pipeline: every stage stops, and `wait()` rejects with `signal.reason`. */
  signal?: AbortSignal | undefined;
}

/** What feeds a pipeline: a channel, or any iterable or async iterable (read by a source stage). */
export type PipelineSource<T> = Receiver<T> | Iterable<T> | AsyncIterable<T>;

/**
 * A running pipeline: iterate it (or receive from {@link Pipeline.output}, also in `select`) to
 * get the last stage's values, and `await wait()` to learn whether it ended well.
 */
export class Pipeline<T> implements AsyncIterable<T> {
  /** The last stage's output channel; it closes when the pipeline ends, well or not. */
  readonly output: Receiver<T>;
  private readonly controller = new AbortController();
  private readonly stages: Promise<void>[] = [];
  private failure: { error: unknown } | null = null;

  /** Not meant to be called directly: use {@link pipeline}. */
  constructor(source: PipelineSource<unknown>, stages: readonly Stage<any, any>[], options: PipelineOptions | undefined) {
    const { controller } = this;
    const unlink = linkSignal(signalOf(options, 'pipeline'), controller);
    const owned = new Set<unknown>();
    const scope: PipelineScope = {
      signal: controller.signal,
      onError: (error) => {
        if (this.failure !== null) return;
        this.failure = { error };
        controller.abort(error);
      },
      track: (stage) => this.stages.push(stage),
      adopt: (output) => owned.add(output),
      owns: (channel) => owned.has(channel),
    };
    let channel = isReceiver(source) ? source : fromIterable(source, scope);
    for (const stage of stages) channel = stage(channel, scope);
    this.output = channel as Receiver<T>;
    void Promise.all(this.stages).then(unlink);
  }

  /**
   * Go's `errgroup.Wait()`: blocks until every stage has stopped and every call it started has
   * settled. Resolves when the pipeline ran to completion; rejects with the first error a stage
   * threw, or with the abort reason when it was cancelled. The output is closed by then.
   */
  async wait(): Promise<void> {
    await Promise.all(this.stages);
    if (this.failure !== null) throw this.failure.error;
    if (this.controller.signal.aborted) throw this.controller.signal.reason;
  }

  /**
   * Stops every stage now (Go's closing of `done`): they stop receiving and sending, their calls
   * get an aborted signal, and their outputs close. Never blocks; `wait()` then rejects with
   * `reason`. Does nothing once the pipeline has failed or was cancelled.
   */
  cancel(reason: unknown = new Error('pipeline cancelled')): void {
    this.controller.abort(reason);
  }

  /** `for await (const v of p)`: receives from {@link Pipeline.output} until it closes. */
  [Symbol.asyncIterator](): AsyncIterator<T> {
    return this.output[Symbol.asyncIterator]();
  }
}

/**
 * Connects `source` through `stages`, each stage's output feeding the next stage's input: Go's
 * `sq(sq(gen(2, 3)))`. Never blocks; the stages run as goroutines. `source` is a channel, or an
 * iterable / async iterable that the pipeline reads (and stops reading when cancelled). The last
 * argument may be {@link PipelineOptions}.
 *
 * Every stage closes its output when its input is closed and drained, so the end of the source
 * flows to the end of the pipeline. The first error a stage throws cancels all of them (Go's
 * `errgroup.WithContext`); `cancel()` or the `signal` option do the same on request. Nothing
 * leaks: `wait()` resolves only once every stage and every call has settled.
 *
 * @example
 * ```ts
 * const p = pipeline(urls, map(fetchPage, { concurrency: 8 }), filter((page) => page.ok));
 * for await (const page of p) save(page);
 * await p.wait(); // throws the first error, if any
 * ```
 */
export function pipeline<A>(source: PipelineSource<A>, options?: PipelineOptions): Pipeline<A>;
export function pipeline<A, B>(source: PipelineSource<A>, s1: Stage<A, B>, options?: PipelineOptions): Pipeline<B>;
export function pipeline<A, B, C>(
  source: PipelineSource<A>,
  s1: Stage<A, B>,
  s2: Stage<B, C>,
  options?: PipelineOptions,
): Pipeline<C>;
export function pipeline<A, B, C, D>(
  source: PipelineSource<A>,
  s1: Stage<A, B>,
  s2: Stage<B, C>,
  s3: Stage<C, D>,
  options?: PipelineOptions,
): Pipeline<D>;
export function pipeline<A, B, C, D, E>(
  source: PipelineSource<A>,
  s1: Stage<A, B>,
  s2: Stage<B, C>,
  s3: Stage<C, D>,
  s4: Stage<D, E>,
  options?: PipelineOptions,
): Pipeline<E>;
export function pipeline<A, B, C, D, E, F>(
  source: PipelineSource<A>,
  s1: Stage<A, B>,
  s2: Stage<B, C>,
  s3: Stage<C, D>,
  s4: Stage<D, E>,
  s5: Stage<E, F>,
  options?: PipelineOptions,
): Pipeline<F>;
export function pipeline<A, B, C, D, E, F, G>(
  source: PipelineSource<A>,
  s1: Stage<A, B>,
  s2: Stage<B, C>,
  s3: Stage<C, D>,
  s4: Stage<D, E>,
  s5: Stage<E, F>,
  s6: Stage<F, G>,
  options?: PipelineOptions,
): Pipeline<G>;
/** More than six stages: untyped between stages (split the pipeline to keep the types). */
export function pipeline(
  source: PipelineSource<unknown>,
  ...rest: [
    Stage<any, any>,
    Stage<any, any>,
    Stage<any, any>,
    Stage<any, any>,
    Stage<any, any>,
    Stage<any, any>,
    Stage<any, any>,
    ...(Stage<any, any> | PipelineOptions | undefined)[],
  ]
): Pipeline<unknown>;
export function pipeline(
  source: PipelineSource<unknown>,
  ...rest: (Stage<any, any> | PipelineOptions | undefined)[]
): Pipeline<unknown> {
  const last = rest.at(-1);
  const options = typeof last === 'function' ? undefined : (rest.pop() as PipelineOptions | undefined);
  rest.forEach((stage, i) => func(stage as Stage<any, any>, `pipeline: stage ${i + 1}`));
  if (!isReceiver(source) && !isIterable(source)) {
    throw new TypeError(`pipeline: source must be a channel or an (async) iterable, got ${describeValue(source)}`);
  }
  return new Pipeline(source, rest as Stage<any, any>[], options);
}

function isIterable(source: unknown): boolean {
  const value = source as { [Symbol.iterator]?: unknown; [Symbol.asyncIterator]?: unknown } | null | undefined;
  return typeof value?.[Symbol.iterator] === 'function' || typeof value?.[Symbol.asyncIterator] === 'function';
}
