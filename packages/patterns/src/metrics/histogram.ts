/**
 * A latency histogram with logarithmic buckets (16 per doubling, from 1 µs to days): O(1) to
 * record, O(buckets) to read a percentile, within about 4.5% of the true value.
 *
 * @module
 */

/** Summary of a latency distribution, in milliseconds. */
export interface Percentiles {
  /** How many durations were recorded. */
  readonly count: number;
  /** The mean. */
  readonly mean: number;
  /** The median. */
  readonly p50: number;
  readonly p95: number;
  readonly p99: number;
  /** The largest. */
  readonly max: number;
}

const smallest = 1e-3; // 1 µs, in milliseconds
const perDoubling = 16;
const buckets = 1 + 40 * perDoubling;

/** Records durations in milliseconds and summarises them. */
export class Histogram {
  private readonly counts = new Float64Array(buckets);
  private count = 0;
  private sum = 0;
  private max = 0;

  /** Adds one duration (milliseconds). */
  record(ms: number): void {
    this.count++;
    this.sum += ms;
    if (ms > this.max) this.max = ms;
    const index = ms <= smallest ? 0 : Math.min(buckets - 1, 1 + Math.floor(Math.log2(ms / smallest) * perDoubling));
    this.counts[index]!++;
  }

  /** The count, mean, p50, p95, p99 and max recorded so far (all 0 when empty). */
  summary(): Percentiles {
    return {
      count: this.count,
      mean: this.count === 0 ? 0 : this.sum / this.count,
      p50: this.percentile(0.5),
      p95: this.percentile(0.95),
      p99: this.percentile(0.99),
      max: this.max,
    };
  }

  /** The smallest bucket bound below which a fraction `q` of the values fall (capped at the max). */
  private percentile(q: number): number {
    if (this.count === 0) return 0;
    const rank = Math.max(1, Math.ceil(q * this.count));
    let seen = 0;
    for (let index = 0; index < buckets; index++) {
      seen += this.counts[index]!;
      if (seen >= rank) return Math.min(this.max, smallest * 2 ** (index / perDoubling));
    }
    return this.max;
  }
}
