/**
 * The settings of a {@link WorkerPool}, checked once at construction.
 *
 * @module
 */
import { describeValue } from '@csp/channel/internal';
import { nonNegativeInteger, positiveDuration, positiveInteger } from '../settings.js';

/** Settings of `new WorkerPool(options)`. Give either `concurrency`, or `max` (and `min`). */
export interface PoolOptions {
  /** A fixed pool: exactly this many workers, all the time. */
  concurrency?: number | undefined;
  /** A dynamic pool: the fewest workers kept alive when idle; default 1 (0 lets the pool shrink to none). */
  min?: number | undefined;
  /** A dynamic pool: the most workers, reached when the queue backs up. */
  max?: number | undefined;
  /** A dynamic pool: milliseconds a worker above `min` may stay idle before it stops; default 1000. */
  idleTimeout?: number | undefined;
  /** A dynamic pool: how many waiting jobs make it start another worker (up to `max`); default 1. */
  growAt?: number | undefined;
  /**
   * How many jobs may wait for a worker; default `Infinity`. When full, `submit` waits for room
   * and `trySubmit` refuses (back-pressure). 0 makes every submission wait for a free worker.
   */
  queueSize?: number | undefined;
  /** Default per-job timeout in milliseconds; default: none. */
  timeout?: number | undefined;
  /** Serve queued jobs by `priority` (higher first, FIFO among equals) instead of FIFO. */
  priorities?: boolean | undefined;
  /** With `priorities`: milliseconds of waiting that raise a job's priority by 1 (no starvation). */
  aging?: number | undefined;
  /**
   * Gives the pool a results channel ({@link WorkerPool.results}) with this buffer: every job that
   * ran is reported there, and a worker waits for room to report (back-pressure, as Go's
   * `results <- r`). Default: no results channel.
   */
  results?: number | undefined;
  /** Aborts the pool (see {@link WorkerPool.abort}) when it aborts. */
  signal?: AbortSignal | undefined;
  /** A name, shown by `console.log(pool)` and in the deadlock report (`<name>.done`, `<name>.results`). */
  name?: string | undefined;
}

/** Options of one submission. */
export interface SubmitOptions {
  /**
   * Gives up on the job: while waiting for room nothing was submitted; while queued the job is
   * removed and never runs; while running its signal aborts. The result rejects with `signal.reason`.
   */
  signal?: AbortSignal | undefined;
  /** This job's timeout in milliseconds, instead of the pool's. */
  timeout?: number | undefined;
  /** With `priorities`: the job's priority (a finite number, default 0; higher runs first). */
  priority?: number | undefined;
}

/** Validated pool settings. @internal */
export interface PoolSettings {
  readonly min: number;
  readonly max: number;
  readonly idleTimeout: number;
  readonly growAt: number;
  readonly queueSize: number;
  readonly timeout: number;
  readonly results: number | undefined;
  readonly priorities: boolean;
  readonly aging: number | undefined;
}

const owner = 'WorkerPool';

/**
 * Checks `options`. @internal
 * @throws TypeError when `options` is missing or not an object; RangeError naming the first bad setting.
 */
export function poolSettings(options: PoolOptions): PoolSettings {
  if (typeof options !== 'object' || options === null) {
    throw new TypeError(
      `${owner}: options must be given, e.g. new WorkerPool({ concurrency: 4 }) or new WorkerPool({ max: 8 }), got ${describeValue(options)}`,
    );
  }
  if (options.aging !== undefined && options.priorities !== true) {
    throw new RangeError(`${owner}: aging needs a pool created with { priorities: true }, got aging ${options.aging}`);
  }
  let min: number;
  let max: number;
  if (options.concurrency !== undefined) {
    if (options.min !== undefined || options.max !== undefined) {
      throw new RangeError(
        `${owner}: concurrency cannot be combined with min/max; give concurrency for a fixed pool, or min and max for a dynamic one`,
      );
    }
    min = max = positiveInteger(owner, 'concurrency', options.concurrency);
  } else if (options.max !== undefined) {
    max = positiveInteger(owner, 'max', options.max);
    min = nonNegativeInteger(owner, 'min', options.min ?? Math.min(1, max));
    if (min > max) throw new RangeError(`${owner}: min must not exceed max, got min ${min} > max ${max}`);
  } else {
    throw new RangeError(`${owner}: concurrency must be given (or max, for a dynamic pool), got undefined`);
  }
  return {
    min,
    max,
    idleTimeout: positiveDuration(owner, 'idleTimeout', options.idleTimeout ?? 1000),
    growAt: positiveInteger(owner, 'growAt', options.growAt ?? 1),
    queueSize: nonNegativeInteger(owner, 'queueSize', options.queueSize ?? Number.POSITIVE_INFINITY, true),
    timeout: options.timeout === undefined ? 0 : positiveDuration(owner, 'timeout', options.timeout),
    results: options.results === undefined ? undefined : nonNegativeInteger(owner, 'results', options.results),
    priorities: options.priorities === true,
    aging: options.aging,
  };
}
