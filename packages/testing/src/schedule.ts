/**
 * An explicit schedule: a bubble's scheduling decisions written out as a list of numbers, the
 * form in which fast-check generates, shrinks and prints them (see `@csp/testing/fast-check`).
 *
 * @module
 */
import { describeValue } from '@csp/channel/internal';

/**
 * Returns `schedule` when it is an array of numbers in [0, 1).
 * @throws TypeError naming `setting` when it is not an array, RangeError naming the entry that is
 *   not a number in [0, 1).
 */
export function checkSchedule(schedule: readonly number[], setting: string): readonly number[] {
  if (!Array.isArray(schedule)) {
    throw new TypeError(`${setting} must be an array of numbers in [0, 1), got ${describeValue(schedule)}`);
  }
  for (let i = 0; i < schedule.length; i++) {
    const draw: unknown = schedule[i];
    if (typeof draw !== 'number' || !(draw >= 0 && draw < 1)) {
      throw new RangeError(`${setting}[${i}] must be a number in [0, 1), got ${describeValue(draw)}`);
    }
  }
  return schedule;
}

/**
 * The decisions of `schedule` in order, then 0 (the default decision: no start delay, the first
 * ready case, creation order) once it is used up. Copies it, so that changing the array later
 * changes nothing.
 *
 * @returns a function giving the next decision, in [0, 1).
 */
export function scheduleDraws(schedule: readonly number[]): () => number {
  const draws = [...schedule];
  let next = 0;
  return () => (next < draws.length ? draws[next++]! : 0);
}
