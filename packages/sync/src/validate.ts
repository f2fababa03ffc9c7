/**
 * Argument checks shared by the primitives: a bad count is a programming error and throws a
 * `RangeError` that names the setting and says what is accepted.
 *
 * @module
 */

/**
 * Returns `value` when it is a non-negative safe integer.
 * @throws RangeError naming `setting` otherwise.
 */
export function nonNegativeInteger(value: number, setting: string): number {
  if (!Number.isSafeInteger(value) || value < 0) {
    throw new RangeError(`${setting} must be a non-negative integer, got ${String(value)}`);
  }
  return value;
}

/**
 * Returns `value` when it is a safe integer (negative allowed).
 * @throws RangeError naming `setting` otherwise.
 */
export function integer(value: number, setting: string): number {
  if (!Number.isSafeInteger(value)) {
    throw new RangeError(`${setting} must be an integer, got ${String(value)}`);
  }
  return value;
}
