/**
 * `@csp/testing/fast-check`: a bubble's schedule as a fast-check value, so that
 * `fc.assert` explores schedules together with the test's other inputs, shrinks a failing one to
 * the fewest decisions that still fail, prints it, and replays it from its `seed` and `path`.
 * A separate entry point: only the code that imports it loads `fast-check` (an optional peer
 * dependency).
 *
 * @module
 */
import fc from 'fast-check';
import { nonNegativeInteger } from '@csp/channel/internal';

/** Options of {@link schedule}. */
export interface ScheduleConstraints {
  /** The most decisions a schedule spells out (the bubble's later ones are 0); default fast-check's own bound. */
  maxLength?: number | undefined;
  /** How many decisions fast-check generates at most, as for `fc.array`; default its global `baseSize`. */
  size?: fc.SizeForArbitrary;
}

/** Decisions are thousandths: printed short, and fine-grained enough for up to 1,000 ready cases. */
const STEPS = 1000;

/**
 * The arbitrary of a bubble's schedule: a list of decisions, each a number in [0, 1) (in
 * thousandths), to give as `synctest.test(fn, { schedule })`. The bubble takes them in the
 * order it makes its decisions (each new goroutine's start delay, each `select`'s choice among
 * several ready cases, each timer's place among those due at the same instant) and uses 0, the
 * default order, once they are used up. fast-check shrinks a failing schedule toward fewer and
 * smaller decisions, that is toward the default order, so the counterexample it prints is a
 * short list of the deviations that make the test fail; pasted into
 * `synctest.test(fn, { schedule: [...] })` it replays the failure, as does `fc.assert` with the
 * reported `seed` and `path`.
 *
 * Never blocks. It mirrors no Go construct: Go's scheduler cannot be driven from a test.
 *
 * @throws TypeError when `maxLength` is not a number, RangeError when it is not a non-negative
 *   integer.
 * @example
 * ```ts
 * import fc from 'fast-check';
 * import { synctest } from '@csp/testing';
 * import { schedule } from '@csp/testing/fast-check';
 *
 * await fc.assert(
 *   fc.asyncProperty(schedule(), fc.integer({ min: 1, max: 8 }), (order, workers) =>
 *     synctest.test(() => runWorkers(workers), { schedule: order }),
 *   ),
 * );
 * ```
 */
export function schedule(constraints: ScheduleConstraints = {}): fc.Arbitrary<number[]> {
  const maxLength =
    constraints.maxLength === undefined ? undefined : nonNegativeInteger(constraints.maxLength, 'schedule: maxLength');
  const decision = fc.integer({ min: 0, max: STEPS - 1 }).map((step) => step / STEPS);
  return fc.array(decision, {
    ...(maxLength === undefined ? {} : { maxLength }),
    ...(constraints.size === undefined ? {} : { size: constraints.size }),
  });
}
