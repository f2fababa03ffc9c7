/**
 * Argument checks shared by the three packages. Bad input is a programming error: it throws at
 * the call, before any state changes, a `TypeError` (wrong kind of value) or a `RangeError`
 * (right kind, out of range) whose message names the call or setting, what it got and what it
 * accepts.
 *
 * @module
 */

/** A short description of `value` for an error message: `42`, `'50'`, `null`, `a Context`, ... */
export function describeValue(value: unknown): string {
  if (value === null) return 'null';
  if (typeof value === 'string') return `'${value}' (a string)`;
  if (typeof value === 'function') return 'a function';
  if (typeof value === 'bigint') return `${String(value)}n (a bigint)`;
  if (typeof value !== 'object') return String(value);
  const name = (value as { constructor?: { name?: unknown } }).constructor?.name;
  return typeof name === 'string' && name !== '' && name !== 'Object' ? `a ${name}` : 'an object';
}

/** Whether `value` is an `AbortSignal`, of this realm or another (duck-typed). */
export function isAbortSignal(value: unknown): value is AbortSignal {
  if (typeof AbortSignal === 'function' && value instanceof AbortSignal) return true;
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as AbortSignal).aborted === 'boolean' &&
    typeof (value as AbortSignal).addEventListener === 'function' &&
    typeof (value as AbortSignal).removeEventListener === 'function'
  );
}

/**
 * The `signal` of a blocking call's options, checked before the call changes anything.
 * `undefined` and `null` (options or signal) mean no signal.
 *
 * @param call The call, for the message, e.g. `'Chan.send'` or `'Mutex.lock'`.
 * @throws TypeError when `options` is not an object, or `signal` is not an `AbortSignal` (a
 *   context passed where its `ctx.signal` belongs gets a message that says so).
 */
export function signalOf(
  options: { signal?: AbortSignal | null | undefined } | null | undefined,
  call: string,
): AbortSignal | undefined {
  if (options === undefined || options === null) return undefined;
  if (typeof options !== 'object') {
    throw new TypeError(`${call}: options must be an object such as { signal }, got ${describeValue(options)}`);
  }
  const signal: unknown = options.signal;
  if (signal === undefined || signal === null) return undefined;
  if (isAbortSignal(signal)) return signal;
  if (typeof signal === 'object' && isAbortSignal((signal as { signal?: unknown }).signal)) {
    throw new TypeError(
      `${call}: { signal } must be an AbortSignal, got ${describeValue(signal)}: pass its .signal (e.g. { signal: ctx.signal })`,
    );
  }
  throw new TypeError(`${call}: { signal } must be an AbortSignal, got ${describeValue(signal)}`);
}

/**
 * Returns `value` when it is a non-negative safe integer.
 * @throws TypeError when `value` is not a number, RangeError naming `setting` otherwise.
 */
export function nonNegativeInteger(value: number, setting: string): number {
  if (typeof value !== 'number') throw new TypeError(`${setting} must be a non-negative integer, got ${describeValue(value)}`);
  if (!Number.isSafeInteger(value) || value < 0) {
    throw new RangeError(`${setting} must be a non-negative integer, got ${String(value)}`);
  }
  return value;
}

/**
 * Returns `value` when it is a safe integer (negative allowed).
 * @throws TypeError when `value` is not a number, RangeError naming `setting` otherwise.
 */
export function integer(value: number, setting: string): number {
  if (typeof value !== 'number') throw new TypeError(`${setting} must be an integer, got ${describeValue(value)}`);
  if (!Number.isSafeInteger(value)) {
    throw new RangeError(`${setting} must be an integer, got ${String(value)}`);
  }
  return value;
}

/**
 * Returns `value` when it is a function.
 * @throws TypeError naming `what` otherwise.
 */
export function func<F extends (...args: any[]) => unknown>(value: F, what: string): F {
  if (typeof value !== 'function') throw new TypeError(`${what} must be a function, got ${describeValue(value)}`);
  return value;
}
