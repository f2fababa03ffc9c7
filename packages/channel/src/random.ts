/**
 * The random source behind `select`'s uniform choice among ready cases. A test harness can
 * install a seeded one to replay a schedule (see `setRandomSource`).
 *
 * @module
 */

let source: () => number = Math.random;

/** A number in [0, 1) from the random source in force (`Math.random` by default). */
export function random(): number {
  return source();
}

/**
 * Installs the random source of `select` (`null` restores `Math.random`). Meant for test
 * harnesses that replay schedules from a seed; not part of the stable API.
 */
export function setRandomSource(next: (() => number) | null): void {
  source = next ?? Math.random;
}
