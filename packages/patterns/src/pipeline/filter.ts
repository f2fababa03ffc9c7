/**
 * `filter`: the pipeline stage that keeps the values a predicate accepts.
 *
 * @module
 */
import type { Stage } from './scope.js';
import { func, isThenable } from '@csp/channel/internal';
import { skip, transform, type StageContext, type TransformOptions } from './transform.js';

/**
 * A stage that forwards the values for which `predicate` returns (or resolves to) `true`, Go's
 * `for v := range in { if keep(v) { out <- v } }`. Concurrency, order, close and abort behave as
 * in {@link map}.
 *
 * @throws RangeError at once for a `concurrency` that is not a positive integer or a negative `capacity`.
 */
export function filter<T>(
  predicate: (value: T, context: StageContext) => boolean | PromiseLike<boolean>,
  options?: TransformOptions,
): Stage<T, T> {
  func(predicate, 'filter: predicate');
  return transform<T, T>(
    'filter',
    (value, context) => {
      const keep = predicate(value, context);
      if (isThenable(keep)) return Promise.resolve(keep).then((kept) => (kept ? value : skip));
      return keep ? value : skip;
    },
    options,
  );
}
