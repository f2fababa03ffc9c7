/**
 * `fanOut`: Go's fan-out, "multiple functions can read from the same channel until that channel
 * is closed": `workers` goroutines share one input, and each writes its results to its own output.
 *
 * @module
 */
import type { Receiver } from '@csp/channel';
import { func } from '@csp/channel/internal';
import { channel, positiveInteger } from '../settings.js';
import { checkScope } from '../pipeline/scope.js';
import { map } from '../pipeline/map.js';
import type { StageContext } from '../pipeline/transform.js';
import type { FanOptions } from './merge.js';

/** What a fan-out worker receives besides the value. */
export interface WorkerContext extends StageContext {
  /** The worker's number, from 0 to `workers - 1` (for per-worker metrics and logs). */
  readonly worker: number;
}

/**
 * Starts `workers` goroutines that each receive from `input` and send `fn(value)` to their own
 * output channel; returns those channels. Never blocks. The input is shared: each value goes to
 * exactly one worker, whichever is free: Go's fan-out, several goroutines ranging over one
 * channel (and its automatic load balancing). Feed the outputs to
 * {@link merge} for fan-in.
 *
 * Each output closes when `input` is closed and drained and its worker's last call settled. When
 * `signal` aborts, the workers stop receiving at once, their calls see `context.signal` abort,
 * and the outputs close. A throw from `fn` stops that worker and goes to `onError` (a goroutine
 * panic without it, as in Go).
 *
 * @throws RangeError at once for a `workers` that is not a positive integer or a negative `capacity`.
 *
 * @example
 * ```ts
 * const results = merge(fanOut(jobs, 4, (job, { worker }) => process(job, worker)));
 * ```
 */
export function fanOut<A, B>(
  input: Receiver<A>,
  workers: number,
  fn: (value: A, context: WorkerContext) => B | PromiseLike<B>,
  options?: FanOptions,
): Receiver<B>[] {
  channel('fanOut: input', input);
  positiveInteger('fanOut', 'workers', workers);
  func(fn, 'fanOut: fn');
  checkScope('fanOut', options);
  const outputs: Receiver<B>[] = [];
  for (let worker = 0; worker < workers; worker++) {
    let context: WorkerContext | undefined;
    const stage = map<A, B>((value, { signal }) => fn(value, (context ??= { signal, worker })), options);
    outputs.push(stage(input, options));
  }
  return outputs;
}
