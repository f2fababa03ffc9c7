/**
 * Go's `errors` package, for what a port needs: `errors.Is` and `errors.As` over JavaScript's
 * error trees. Go unwraps an error through `Unwrap() error` (one cause) or `Unwrap() []error`
 * (several, from `errors.Join` or a `%w` list); JavaScript's counterparts are an error's
 * `cause` and an `AggregateError`'s `errors`. Exported as the `errors` namespace of
 * `@csp/channel` (`errors.is(err, target)`).
 *
 * @module
 */
import { describeValue } from './validate.js';

/** A class, as taken by {@link is} and {@link as}: the type is `instanceof`'s right-hand side. */
export type ErrorClass<E> = abstract new (...args: never[]) => E;

/**
 * Go's `errors.Is(err, target)`: whether `err`, or any error in its tree, matches `target`. Never
 * blocks, never throws.
 *
 * An error matches when it is `target` itself (`===`), or, when `target` is a class, when it is
 * an instance of that class (so `errors.is(err, SendOnClosedChannelError)` is Go's
 * `errors.Is(err, ErrX)` for an error type with no sentinel value). The tree is walked depth
 * first, as Go does: the error, then its `cause` (Go's `Unwrap() error`), then, for an
 * `AggregateError`, each of its `errors` (Go's `Unwrap() []error`). A cycle of causes ends the
 * walk.
 *
 * @example
 * ```ts
 * try {
 *   await g.wait();
 * } catch (err) {
 *   if (errors.is(err, context.Canceled)) return; // if errors.Is(err, context.Canceled) { return }
 *   throw err;
 * }
 * ```
 */
export function is(err: unknown, target: unknown): boolean {
  const matches =
    typeof target === 'function' ? (e: unknown) => e === target || e instanceof target : (e: unknown) => e === target;
  return find(err, matches) !== notFound;
}

/**
 * Go's `errors.As(err, &target)`: the first error in `err`'s tree (walked as {@link is} does) that
 * is an instance of `Class`, or `undefined` when there is none. Never blocks.
 *
 * @throws TypeError when `Class` is not a class.
 * @example
 * ```ts
 * const closed = errors.as(err, SendOnClosedChannelError); // var e *X; if errors.As(err, &e) { ... }
 * if (closed !== undefined) console.log('sent after close:', closed.message);
 * ```
 */
export function as<E>(err: unknown, Class: ErrorClass<E>): E | undefined {
  if (typeof Class !== 'function') {
    throw new TypeError(`errors.as: the target must be a class such as RangeError, got ${describeValue(Class)}`);
  }
  const found = find(err, (e) => e instanceof Class);
  return found === notFound ? undefined : (found as E);
}

const notFound: unique symbol = Symbol('not found');

/** The first error of `err`'s tree, depth first, for which `matches` holds. */
function find(err: unknown, matches: (e: unknown) => boolean): unknown {
  const pending: unknown[] = [err];
  const seen = new Set<unknown>();
  while (pending.length > 0) {
    const e = pending.pop();
    if (matches(e)) return e;
    if (typeof e !== 'object' || e === null || seen.has(e)) continue;
    seen.add(e);
    // Pushed in reverse, so that they are visited in order: the cause first, then each error.
    if (e instanceof AggregateError && Array.isArray(e.errors)) {
      for (let i = e.errors.length - 1; i >= 0; i--) pending.push(e.errors[i]);
    }
    if ('cause' in e) pending.push(e.cause);
  }
  return notFound;
}
