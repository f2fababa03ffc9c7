/**
 * Telling a function's promise result from a plain one.
 *
 * @module
 */

/** Whether `value` is a promise or another thenable (primitives are answered without a lookup). */
export function isThenable<T>(value: T | PromiseLike<T>): value is PromiseLike<T> {
  return (
    value !== null &&
    (typeof value === 'object' || typeof value === 'function') &&
    typeof (value as PromiseLike<T>).then === 'function'
  );
}
