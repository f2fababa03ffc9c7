/**
 * A worker pool's metrics, the seeds' "Monitoring and Metrics" list: jobs created, processed and
 * failed, jobs in flight, queue depth, throughput, queue-wait and run-time percentiles,
 * utilisation per worker and error rate.
 *
 * @module
 */
import { currentClock } from '@csp/channel/internal';
import { Histogram, type Percentiles } from './histogram.js';

/** One worker's share of the work (the seeds' "track per-worker metrics, identify slow workers"). */
export interface WorkerMetrics {
  /** The worker's number. */
  readonly id: number;
  /** Whether it is running a job now. */
  readonly busy: boolean;
  /** Jobs it ran. */
  readonly jobs: number;
  /** Of those, how many failed. */
  readonly failed: number;
  /** Milliseconds it spent not idle: running jobs (and reporting them on the results channel). */
  readonly busyTime: number;
  /** The fraction of its lifetime spent running jobs, from 0 to 1. */
  readonly utilisation: number;
}

/** A snapshot of a pool's metrics. Counters are since the pool was created. */
export interface PoolMetrics {
  /** When it was taken, in milliseconds of the current clock's monotonic time (`performance.now()` by default). */
  readonly time: number;
  /** Milliseconds since the pool was created. */
  readonly uptime: number;
  /** Live workers. */
  readonly workers: number;
  /** Workers running a job now. */
  readonly busyWorkers: number;
  /** Jobs waiting in the queue. */
  readonly queueDepth: number;
  /** Submitters waiting for room in a full queue. */
  readonly waitingSubmitters: number;
  /** Jobs accepted. */
  readonly created: number;
  /** Jobs that ran to the end, with success or not (`succeeded + failed`). */
  readonly processed: number;
  /** Jobs that ran and succeeded. */
  readonly succeeded: number;
  /** Jobs that ran and failed: threw, rejected, timed out or were given up while running. */
  readonly failed: number;
  /** Of the failed jobs, those whose timeout expired. */
  readonly timedOut: number;
  /** Jobs removed from the queue before they ran (submitter's signal, or pool aborted). */
  readonly canceled: number;
  /** Jobs accepted and not finished: queued or running (the seed's `created - processed`). */
  readonly inFlight: number;
  /** Jobs processed per second over the window (since the previous snapshot, or since creation). */
  readonly throughput: number;
  /** Jobs failed per second over the same window. */
  readonly errorRate: number;
  /** Failed jobs as a fraction of processed ones over the same window (0 when none). */
  readonly errorRatio: number;
  /**
   * Time jobs waited in the queue before starting, in milliseconds. Measured on every job while
   * jobs come less often than one per 200 µs, on a uniform sample (down to 1 in 64) when they come
   * faster; `count` says how many were measured.
   */
  readonly queueWait: Percentiles;
  /** Time jobs ran, in milliseconds, measured as `queueWait` is. */
  readonly runTime: Percentiles;
  /** Every live worker. */
  readonly perWorker: readonly WorkerMetrics[];
}

/** The live state a snapshot reads. @internal */
export interface PoolState {
  readonly queueDepth: number;
  readonly waitingSubmitters: number;
  readonly workers: Iterable<{
    readonly id: number;
    readonly job: unknown;
    readonly jobs: number;
    readonly failed: number;
    readonly spawnedAt: number;
    /** Whether it is idle now, since `idleSince`; `idleTime` is its idle time before that. */
    readonly idle: boolean;
    readonly idleSince: number;
    readonly idleTime: number;
  }>;
}

/** Counts a pool's jobs and times them. @internal */
export class PoolRecorder {
  readonly createdAt = currentClock().monotonic();
  created = 0;
  succeeded = 0;
  failed = 0;
  timedOut = 0;
  canceled = 0;
  readonly waits = new Histogram();
  readonly runs = new Histogram();

  /** A snapshot of the pool's metrics; rates are over the window since `previous`, if given. */
  snapshot(state: PoolState, previous?: PoolMetrics): PoolMetrics {
    const time = currentClock().monotonic();
    const perWorker: WorkerMetrics[] = [];
    let busyWorkers = 0;
    for (const worker of state.workers) {
      const busy = worker.job !== null;
      if (busy) busyWorkers++;
      const lifetime = time - worker.spawnedAt;
      const busyTime = lifetime - worker.idleTime - (worker.idle ? time - worker.idleSince : 0);
      perWorker.push({
        id: worker.id,
        busy,
        jobs: worker.jobs,
        failed: worker.failed,
        busyTime,
        utilisation: lifetime > 0 ? Math.min(1, busyTime / lifetime) : 0,
      });
    }
    const processed = this.succeeded + this.failed;
    const since = previous ?? { time: this.createdAt, processed: 0, failed: 0 };
    const seconds = (time - since.time) / 1000;
    const windowProcessed = processed - since.processed;
    const windowFailed = this.failed - since.failed;
    return {
      time,
      uptime: time - this.createdAt,
      workers: perWorker.length,
      busyWorkers,
      queueDepth: state.queueDepth,
      waitingSubmitters: state.waitingSubmitters,
      created: this.created,
      processed,
      succeeded: this.succeeded,
      failed: this.failed,
      timedOut: this.timedOut,
      canceled: this.canceled,
      inFlight: this.created - processed - this.canceled,
      throughput: seconds > 0 ? windowProcessed / seconds : 0,
      errorRate: seconds > 0 ? windowFailed / seconds : 0,
      errorRatio: windowProcessed > 0 ? windowFailed / windowProcessed : 0,
      queueWait: this.waits.summary(),
      runTime: this.runs.summary(),
      perWorker,
    };
  }
}
