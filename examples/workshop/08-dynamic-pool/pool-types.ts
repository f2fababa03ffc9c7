// Exercise 08: what the pool takes and reports, shared by start.ts and solution.ts.
import type { BlockingOptions, Receiver } from '@csp/channel';

/** How a {@link DynamicPool} sizes itself. */
export interface PoolOptions {
  /** Workers that always run (at least 1). */
  readonly minWorkers: number;
  /** The most workers that ever run at once (at least `minWorkers`). */
  readonly maxWorkers: number;
  /** How many submitted jobs may wait for a worker before `submit` blocks. */
  readonly queueSize: number;
  /** A worker beyond `minWorkers` that waits this long (ms) without a job exits. */
  readonly idleMs: number;
}

/** A snapshot of a pool's counters. */
export interface PoolMetrics {
  /** Jobs accepted by `submit`. */
  readonly submitted: number;
  /** Jobs whose handler resolved. */
  readonly completed: number;
  /** Jobs whose handler threw or rejected. */
  readonly failed: number;
  /** Workers running now. */
  readonly workers: number;
  /** The most workers that ran at once so far. */
  readonly peakWorkers: number;
  /** Jobs waiting in the queue now. */
  readonly queued: number;
}

/** What the pool delivers on `results` for each job. */
export type Outcome<J, R> =
  { readonly job: J; readonly ok: true; readonly value: R } | { readonly job: J; readonly ok: false; readonly error: unknown };

/** What a pool offers; start.ts's and solution.ts's `DynamicPool` both implement it. */
export interface Pool<J, R> {
  /** One outcome per job, in completion order; closed by {@link Pool.close}. */
  readonly results: Receiver<Outcome<J, R>>;
  /** Queues a job; blocks while the queue is full. */
  submit(job: J, options?: BlockingOptions): Promise<void>;
  /** Stops accepting jobs, finishes the queued ones, then closes `results`. */
  close(): Promise<void>;
  /** The pool's counters now. */
  metrics(): PoolMetrics;
}

/** How a pool is made: `new DynamicPool(handle, options)`. */
export type PoolConstructor = new <J, R>(handle: (job: J) => Promise<R>, options: PoolOptions) => Pool<J, R>;

/** Throws a `RangeError` that says what to fix when `options` cannot make a pool. */
export function checkPoolOptions(options: PoolOptions): void {
  const { minWorkers, maxWorkers, queueSize, idleMs } = options;
  if (!Number.isInteger(minWorkers) || minWorkers < 1) {
    throw new RangeError(`DynamicPool: minWorkers must be an integer of at least 1, not ${minWorkers}`);
  }
  if (!Number.isInteger(maxWorkers) || maxWorkers < minWorkers) {
    throw new RangeError(`DynamicPool: maxWorkers must be an integer of at least minWorkers (${minWorkers}), not ${maxWorkers}`);
  }
  if (!Number.isInteger(queueSize) || queueSize < 0) {
    throw new RangeError(`DynamicPool: queueSize must be a non-negative integer, not ${queueSize}`);
  }
  if (!(idleMs > 0) || !Number.isFinite(idleMs)) {
    throw new RangeError(`DynamicPool: idleMs must be a positive number of milliseconds, not ${idleMs}`);
  }
}
