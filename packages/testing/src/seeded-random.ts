/**
 * The seeded pseudo-random numbers behind a replayable schedule.
 *
 * @module
 */

/**
 * Mulberry32: a fast 32-bit generator with a full period of 2^32, plenty for choosing among a
 * few ready cases or goroutines. The same seed gives the same sequence on every engine.
 *
 * @returns a function giving the next number in [0, 1).
 */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A fresh seed for a run that was given none (an unsigned 32-bit integer). */
export function freshSeed(): number {
  return Math.floor(Math.random() * 4294967296);
}

/** The seed of run `run` (0-based) of an exploration started from `seed`: run 0 uses `seed` itself. */
export function seedOfRun(seed: number, run: number): number {
  return (seed + Math.imul(run, 0x9e3779b9)) >>> 0;
}

/**
 * @throws RangeError naming `setting` unless `seed` is an unsigned 32-bit integer.
 */
export function checkSeed(seed: number, setting: string): number {
  if (!Number.isInteger(seed) || seed < 0 || seed > 0xffffffff) {
    throw new RangeError(`${setting} must be an unsigned 32-bit integer, got ${String(seed)}`);
  }
  return seed;
}
