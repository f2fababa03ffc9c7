/**
 * `explore`: one test under many seeded schedules.
 *
 * @module
 */
import { func, nonNegativeInteger } from '@csp/channel/internal';
import { test } from './synctest.js';
import { ScheduleFailureError } from './errors.js';
import { checkSeed, freshSeed, seedOfRun } from './seeded-random.js';

/** Options of {@link explore}. */
export interface ExploreOptions {
  /** How many schedules to try; default 100. */
  runs?: number | undefined;
  /** The seed of the first run (later runs derive theirs from it); default a fresh random one. */
  seed?: number | undefined;
}

/** What {@link explore} tried when every run passed. */
export interface ExploreSummary {
  readonly runs: number;
  /** The seed of the first run. */
  readonly seed: number;
}

/**
 * Runs `fn` in a fresh bubble (see `synctest.test`) once per run, each under the schedule of its
 * own seed: `select`'s choices, the start order of goroutines and the order of simultaneous
 * timers differ from run to run. Resolves with what it tried when every run passed. At the
 * first failing run it rejects with {@link ScheduleFailureError}, whose message names the seed
 * that replays it (`synctest.test(fn, { seed })`) and whose `cause` is the run's failure.
 *
 * @throws TypeError when `fn` is not a function, RangeError when `runs` is not a non-negative
 *   integer or `seed` not an unsigned 32-bit integer.
 * @example
 * ```ts
 * await explore(async () => {
 *   // start goroutines that race, then assert the invariant
 * }, { runs: 1000 });
 * ```
 */
export function explore(fn: () => unknown, options: ExploreOptions = {}): Promise<ExploreSummary> {
  func(fn, 'explore: fn');
  const runs = options.runs === undefined ? 100 : nonNegativeInteger(options.runs, 'explore: runs');
  const seed = options.seed === undefined ? freshSeed() : checkSeed(options.seed, 'explore: seed');
  return exploreRuns(fn, runs, seed);
}

/** The runs of {@link explore}, its arguments checked. */
async function exploreRuns(fn: () => unknown, runs: number, seed: number): Promise<ExploreSummary> {
  for (let run = 0; run < runs; run++) {
    const runSeed = seedOfRun(seed, run);
    try {
      await test(fn, { seed: runSeed });
    } catch (error) {
      throw new ScheduleFailureError(runSeed, run + 1, runs, error);
    }
  }
  return { runs, seed };
}
