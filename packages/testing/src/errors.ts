/**
 * The failures a bubble reports.
 *
 * @module
 */
import { GoPanicError } from '@csp/channel/internal';
import { formatReport, type BlockedGoroutine } from './report.js';

/**
 * A bubble in which every goroutine is durably blocked while no timer is pending: nothing can
 * ever wake them. Go's synctest fails the test with `deadlock: all goroutines in bubble are
 * blocked`; the message goes on with every blocked goroutine and where it parked.
 */
export class BubbleDeadlockError extends GoPanicError {
  constructor(
    /** The blocked goroutines, the test function's first. */
    readonly goroutines: readonly BlockedGoroutine[],
  ) {
    super(formatReport('deadlock: all goroutines in bubble are blocked', goroutines));
  }
}

/**
 * A bubble whose test function returned while other goroutines of the bubble are still blocked:
 * they leaked (what uber-go/goleak reports). Go's synctest fails with `deadlock: main bubble
 * goroutine has exited but blocked goroutines remain`; the message goes on with the leaked
 * goroutines and where they parked.
 */
export class GoroutineLeakError extends GoPanicError {
  constructor(
    /** The leaked goroutines. */
    readonly goroutines: readonly BlockedGoroutine[],
  ) {
    super(formatReport('deadlock: main bubble goroutine has exited but blocked goroutines remain', goroutines));
  }
}

/**
 * A run of `explore` failed. `seed` replays that exact schedule
 * (`synctest.test(fn, { seed })`); `cause` is the run's own failure.
 */
export class ScheduleFailureError extends Error {
  constructor(
    /** The seed of the failing run. */
    readonly seed: number,
    /** Which run failed (1-based). */
    readonly run: number,
    runs: number,
    cause: unknown,
  ) {
    const message = cause instanceof Error ? cause.message : String(cause);
    super(
      `explore: run ${run} of ${runs} failed with seed ${seed}: ${message}\n` +
        `Replay it with synctest.test(fn, { seed: ${seed} }) or explore(fn, { seed: ${seed}, runs: 1 }).`,
      { cause },
    );
    this.name = 'ScheduleFailureError';
  }
}
