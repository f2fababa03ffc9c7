/**
 * A latency histogram with log-linear buckets, as HdrHistogram does: durations are counted in
 * whole microseconds, exactly up to 16 µs, then in 16 buckets per doubling, so a percentile is
 * within 6.25% of the true value. Recording is a few integer operations; reading a percentile
 * walks the ~450 buckets.
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
  /** The 95th percentile: 95% of the durations were at most this long. */
  readonly p95: number;
  /** The 99th percentile. */
  readonly p99: number;
  /** The largest. */
  readonly max: number;
}

const subBuckets = 16;
/** Microseconds fit in 31 bits (about 35 minutes); longer durations share the last bucket. */
const largest = 2 ** 31 - 1;
const bucketCount = (31 - 3) * subBuckets;

/** The bucket of a duration of `us` whole microseconds. */
function bucketOf(us: number): number {
  if (us < subBuckets) return us;
  const exponent = 31 - Math.clz32(us); // 4 or more
  return (exponent - 3) * subBuckets + ((us >>> (exponent - 4)) & (subBuckets - 1));
}

/** The largest duration, in microseconds, that falls in `bucket`. */
function upperBoundOf(bucket: number): number {
  if (bucket < subBuckets) return bucket;
  const exponent = Math.floor(bucket / subBuckets) + 3;
  const mantissa = subBuckets + (bucket % subBuckets);
  return (mantissa + 1) * 2 ** (exponent - 4) - 1;
}

/** Records durations in milliseconds and summarises them. */
export class Histogram {
  private readonly counts = new Float64Array(bucketCount);
  private count = 0;
  private sum = 0;
  private max = 0;

  /** Adds one duration (milliseconds). */
  record(ms: number): void {
    this.count++;
    this.sum += ms;
    if (ms > this.max) this.max = ms;
    const us = ms * 1000;
    this.counts[bucketOf(us >= largest ? largest : us > 0 ? us | 0 : 0)]!++;
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

  /** The bucket bound below which a fraction `q` of the values fall (capped at the max). */
  private percentile(q: number): number {
    if (this.count === 0) return 0;
    const rank = Math.max(1, Math.ceil(q * this.count));
    let seen = 0;
    for (let bucket = 0; bucket < bucketCount; bucket++) {
      seen += this.counts[bucket]!;
      if (seen >= rank) return Math.min(this.max, (upperBoundOf(bucket) + 1) / 1000);
    }
    return this.max;
  }
}
