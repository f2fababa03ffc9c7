/**
 * Go 1.21's `sync.OnceFunc`, `sync.OnceValue` and `sync.OnceValues`: a function wrapped so that
 * it runs at most once and every call returns the first call's outcome.
 *
 * @module
 */

/** What the first call of a once-function produced. */
type Outcome<T> = { readonly threw: false; readonly value: T } | { readonly threw: true; readonly error: unknown };

/**
 * Go's `sync.OnceValue(f)`: returns a function that calls `f` on its first call and returns the
 * same result on every call. Never blocks by itself.
 *
 * If `f` throws, every call throws that same error. If `f` is async, every call returns the
 * same promise: concurrent callers wait for the one running `f`, and if it rejects, every call
 * rejects with the same error. `f` is released after it ran.
 *
 * @example
 * ```ts
 * const config = onceValue(() => loadConfig());
 * config(); // loads
 * config(); // the same object, not loaded again
 * ```
 */
export function onceValue<T>(f: () => T): () => T {
  let pending: (() => T) | null = f;
  let outcome: Outcome<T> | null = null;
  return () => {
    if (outcome === null) {
      const run = pending!;
      pending = null;
      try {
        outcome = { threw: false, value: run() };
      } catch (error) {
        outcome = { threw: true, error };
      }
    }
    if (outcome.threw) throw outcome.error;
    return outcome.value;
  };
}

/**
 * Go's `sync.OnceFunc(f)`: returns a function that calls `f` only on its first call. See
 * {@link onceValue}: the same rules for a throwing or async `f` (every call of an async `f`'s
 * wrapper returns the first call's promise).
 */
export function onceFunc<R extends void | Promise<void>>(f: () => R): () => R {
  return onceValue(f);
}

/**
 * Go's `sync.OnceValues(f)`: like {@link onceValue} for an `f` that returns two values, as a
 * tuple (Go's `(T1, T2)`, typically a value and an error).
 *
 * @example
 * ```ts
 * const readConfig = onceValues((): [string | undefined, Error | undefined] => [text, undefined]);
 * const [text, err] = readConfig();
 * ```
 */
export function onceValues<A, B>(f: () => [A, B]): () => [A, B];
export function onceValues<A, B>(f: () => Promise<[A, B]>): () => Promise<[A, B]>;
export function onceValues<A, B>(f: () => [A, B] | Promise<[A, B]>): () => [A, B] | Promise<[A, B]> {
  return onceValue(f);
}
