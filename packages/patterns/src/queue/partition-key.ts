/**
 * The keys a {@link PartitionedQueue} routes by, and the text they are hashed as: what Go's
 * `fmt.Sprint(key)` prints, so a program ported from Go sends every key to the same partition.
 *
 * @module
 */

/** A partition key: a string, or a number or bigint (Go's integer and float keys). */
export type PartitionKey = string | number | bigint;

/**
 * The text of `key` as Go's `fmt.Sprint` formats it: a string as is; a bigint, and a number that
 * is a safe integer (a Go `int`), in decimal; any other number as Go's `%v` of a `float64`: the
 * shortest text that reads back the same, with an exponent (`1.5e+06`, `1e-07`) when the exponent
 * is below -4 or at least 6 (Go's `%g` rule for the shortest precision), `NaN`, `+Inf` and `-Inf`.
 */
export function formatKey(key: PartitionKey): string {
  if (typeof key !== 'number') return String(key);
  if (Number.isSafeInteger(key)) return String(key);
  return formatFloat(key);
}

/** Go's `strconv.FormatFloat(x, 'g', -1, 64)`, which `fmt`'s `%v` prints for a `float64`. */
function formatFloat(x: number): string {
  if (Number.isNaN(x)) return 'NaN';
  if (x === Number.POSITIVE_INFINITY) return '+Inf';
  if (x === Number.NEGATIVE_INFINITY) return '-Inf';
  const [mantissa, exponentText] = x.toExponential().split('e') as [string, string];
  const exponent = Number(exponentText);
  if (exponent < -4 || exponent >= 6) {
    const sign = exponent < 0 ? '-' : '+';
    return `${mantissa}e${sign}${String(Math.abs(exponent)).padStart(2, '0')}`;
  }
  return String(x); // JavaScript prints plain decimals in this range, with the shortest digits, as Go does
}
