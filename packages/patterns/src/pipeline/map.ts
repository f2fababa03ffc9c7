/**
 * `map`: the pipeline stage that transforms every value, Go's
 * `for n := range in { out <- f(n) }` with an optional bounded concurrency.
 *
 * @module
 */
import { func } from '@csp/channel/internal';
import type { Stage } from './scope.js';
import { transform, type StageContext, type TransformOptions } from './transform.js';

/**
 * A stage that sends `fn(value)` for every value of its input, Go's
 * `go func() { defer close(out); for n := range in { out <- f(n) } }()`.
 *
 * Up to `concurrency` calls run at once (default 1); with `ordered` (the default) results leave in
 * input order. The output is unbuffered unless `capacity` says otherwise, so a slow consumer holds
 * the stage back (back-pressure). The output closes once the input is closed and drained and every
 * call has settled. When the scope's signal aborts, the stage stops receiving at once (consuming
 * nothing more), aborts `context.signal`, waits for the calls it started, and closes its output.
 * A throw or rejection from `fn` stops the stage and goes to the scope's `onError` (see
 * `Scope`).
 *
 * @throws RangeError at once for a `concurrency` that is not a positive integer or a negative `capacity`.
 *
 * @example
 * ```ts
 * const squares = pipeline(generate(1, 2, 3), map((n: number) => n * n));
 * for await (const n of squares) console.log(n); // 1 4 9
 * ```
 */
export function map<A, B>(fn: (value: A, context: StageContext) => B | PromiseLike<B>, options?: TransformOptions): Stage<A, B> {
  return transform<A, B>('map', func(fn, 'map: fn'), options);
}
