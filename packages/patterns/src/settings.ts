/**
 * Checks of the settings every pattern takes. A bad setting throws a `RangeError` whose message
 * names the setting, the value it got and what it accepts.
 *
 * @module
 */
import type { Receiver } from '@csp/channel';
import { describeValue } from '@csp/channel/internal';

function reject(owner: string, setting: string, value: unknown, expected: string): never {
  throw new RangeError(`${owner}: ${setting} must be ${expected}, got ${String(value)}`);
}

/** `value` when it is an integer ≥ 1. @throws RangeError naming `setting` otherwise. */
export function positiveInteger(owner: string, setting: string, value: number): number {
  if (!Number.isSafeInteger(value) || value < 1) reject(owner, setting, value, 'a positive integer');
  return value;
}

/** `value` when it is an integer ≥ 0, or `Infinity` when `unbounded` allows it. @throws RangeError otherwise. */
export function nonNegativeInteger(owner: string, setting: string, value: number, unbounded = false): number {
  if (unbounded && value === Number.POSITIVE_INFINITY) return value;
  if (!Number.isSafeInteger(value) || value < 0) {
    reject(owner, setting, value, unbounded ? 'a non-negative integer or Infinity' : 'a non-negative integer');
  }
  return value;
}

/** `value` when it is a finite number. @throws RangeError naming `setting` otherwise. */
export function finiteNumber(owner: string, setting: string, value: number): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) reject(owner, setting, value, 'a finite number');
  return value;
}

/** `value` when it is a finite number of milliseconds > 0. @throws RangeError naming `setting` otherwise. */
export function positiveDuration(owner: string, setting: string, value: number): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0) {
    reject(owner, setting, value, 'a positive, finite number of milliseconds');
  }
  return value;
}

/**
 * `options` when it is an object: a constructor's required settings.
 * @throws TypeError naming `owner` and showing `example` when missing or not an object.
 */
export function requiredOptions<O extends object>(owner: string, options: O, example: string): O {
  if (typeof options !== 'object' || options === null) {
    throw new TypeError(`${owner}: options must be given, e.g. ${example}, got ${describeValue(options)}`);
  }
  return options;
}

/**
 * `value` when it is a channel (a `Receiver`: anything with `recvOk`), or `null` when `nullable`
 * (Go's nil channel). @throws TypeError naming `what` otherwise.
 */
export function channel<C>(what: string, value: C, nullable = false): C {
  if (value === null && nullable) return value;
  if (!isReceiver(value)) {
    throw new TypeError(`${what} must be a channel${nullable ? ' or null' : ''}, got ${describeValue(value)}`);
  }
  return value;
}

/** Whether `value` is a channel (as opposed to a plain iterable): it has `recvOk`. */
export function isReceiver<T>(value: unknown): value is Receiver<T> {
  return typeof (value as Receiver<T> | null)?.recvOk === 'function';
}
