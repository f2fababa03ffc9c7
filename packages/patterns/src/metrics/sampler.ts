/**
 * Which jobs a worker pool times. Counting every job is cheap; reading the clock is not (for a
 * job that does little, the clock reads alone cost a quarter of its time in the pool). So the pool
 * times every job, except in a sustained flood: after 64 timed jobs in a row came faster than one
 * per 20 µs, it times one job in two, then (64 timed jobs later, if the flood goes on) one in
 * four, down to one in 64; as soon as jobs come slower than one per 200 µs, it times more again.
 * The sample is uniform (by job number), so percentiles stay representative, and timing costs a
 * few percent at most.
 *
 * @module
 */

/** The largest sampling interval. */
const sparsest = 64;
/** Below this spacing between jobs (ms), time fewer of them; above `dense * 10`, time more. */
const dense = 0.02;
/** How many timed jobs in a row must come densely before one job in two fewer is timed. */
const streakToThin = 64;

/** Decides which job numbers are timed, adapting to the rate jobs come at. */
export class Sampler {
  /** One job in `every` is timed (a power of two). */
  private every = 1;
  private lastTime = -1;
  private lastId = 0;
  private streak = 0;

  /** With `timeAll`, every job is timed (a results channel reports every job's timings). */
  constructor(private readonly timeAll: boolean) {}

  /** Whether job number `id` is timed. */
  picks(id: number): boolean {
    return (id & (this.every - 1)) === 0;
  }

  /** The timed job `id` was accepted at `now`: adapts the sampling to the spacing of jobs. */
  adapt(id: number, now: number): void {
    if (this.timeAll) return;
    if (this.lastTime >= 0 && id > this.lastId) {
      const spacing = (now - this.lastTime) / (id - this.lastId);
      if (spacing >= dense) this.streak = 0;
      else if (++this.streak >= streakToThin && this.every < sparsest) {
        this.every *= 2;
        this.streak = 0;
      }
      if (spacing > dense * 10 && this.every > 1) this.every /= 2;
    }
    this.lastTime = now;
    this.lastId = id;
  }
}
