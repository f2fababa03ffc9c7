/**
 * A worker of a {@link WorkerPool}: Go's `for job := range jobs { ... }` goroutine, run as a direct
 * hand-off. When a job settles, the worker takes the next one at once (no channel round trip, no
 * closure per job), and keeps its own statistics for per-worker metrics.
 *
 * @module
 */
import { settleNextTurn, spend } from '@csp/channel/internal';
import { JobTimeoutError } from '../errors.js';
import { isThenable } from '../pipeline/scope.js';
import type { PoolJob } from './job.js';

/** What a worker needs from its pool. */
export interface WorkerHost {
  /** `job` starts on `worker` at `now`. */
  started(job: PoolJob, now: number): void;
  /** `worker` finished `job` at `now`; returns its next job, or `null` (the pool then owns the worker). */
  finished(worker: PoolWorker, job: PoolJob, now: number): PoolJob | null;
}

/** Aborts a job whose timeout expired and rejects its result; its worker stays with it. */
function expire(job: PoolJob): void {
  job.expire();
  const error = new JobTimeoutError(job.timeout);
  job.stop(error);
  job.fail(error);
}

/** @internal One worker: runs one job at a time. */
export class PoolWorker {
  /** The job it runs, or `null` when idle. */
  job: PoolJob | null = null;
  /** Jobs run, and how many of those failed. */
  jobs = 0;
  failed = 0;
  /** Milliseconds spent running jobs. */
  busyTime = 0;
  /** When it last became idle. */
  idleSince: number;
  /** When its current job started (meaningful while `job` is set). */
  get runningSince(): number {
    return this.job === null ? 0 : this.job.startedAt;
  }

  /** When its last job ended; the next job starts at that moment. */
  private lastEnd = 0;

  constructor(
    readonly id: number,
    readonly spawnedAt: number,
    private readonly host: WorkerHost,
  ) {
    this.idleSince = spawnedAt;
  }

  /**
   * Runs `job`, then every next job the pool hands over, until there is none. Jobs that complete
   * synchronously run in a loop; past the event-loop budget the rest waits for the next turn.
   */
  run(job: PoolJob | null, now = performance.now()): void {
    while (job !== null) {
      if (!spend()) {
        const deferred = job;
        settleNextTurn(() => this.run(deferred));
        return;
      }
      this.job = job;
      job.worker = this.id;
      job.startedAt = now;
      this.host.started(job, now);
      job.startTimer(expire);
      let value: unknown;
      try {
        value = job.fn(job);
      } catch (error) {
        job = this.end(false, error);
        now = this.lastEnd;
        continue;
      }
      if (isThenable(value)) {
        value.then(this.onFulfilled, this.onRejected);
        return;
      }
      job = this.end(true, value);
      now = this.lastEnd;
    }
  }

  private end(ok: boolean, value: unknown): PoolJob | null {
    const job = this.job!;
    const now = (this.lastEnd = performance.now());
    job.release();
    if (ok) job.succeed(value);
    else job.fail(value);
    this.jobs++;
    if (job.state === 'failed') this.failed++;
    this.busyTime += now - job.startedAt;
    this.job = null;
    return this.host.finished(this, job, now);
  }

  private readonly onFulfilled = (value: unknown): void => this.run(this.end(true, value), this.lastEnd);
  private readonly onRejected = (error: unknown): void => this.run(this.end(false, error), this.lastEnd);
}
