/**
 * A worker of a {@link WorkerPool}: Go's `for job := range jobs { ... }` goroutine, run as a direct
 * hand-off. When a job settles, the worker takes the next one at once (no channel round trip, no
 * closure per job), and keeps its own statistics for per-worker metrics.
 *
 * @module
 */
import { currentClock, isThenable, settleNextTurn, spend, tracer } from '@csp/channel/internal';
import { JobTimeoutError } from '../errors.js';
import type { PoolJob } from './job.js';

/** What a worker needs from its pool. */
export interface WorkerHost {
  /** `worker` starts the timed `job` (at `worker.startedAt`). */
  started(worker: PoolWorker, job: PoolJob): void;
  /**
   * `worker` finished `job`: `ok` and `value` are how the job's function ended (the result may
   * have been settled earlier, see `PoolJob.settled`). Returns the worker's next job, or `null`
   * (the pool then owns the worker).
   */
  finished(worker: PoolWorker, job: PoolJob, ok: boolean, value: unknown): PoolJob | null;
}

/** Gives up on a job whose timeout expired; its worker stays with it until it settles. */
function expire(job: PoolJob): void {
  job.expire(new JobTimeoutError(job.timeout));
}

/** @internal One worker: runs one job at a time. */
export class PoolWorker {
  /** The job it runs, or `null`. */
  job: PoolJob | null = null;
  /** When its current job started, if that job is timed. */
  startedAt = 0;
  /** Jobs run, and how many of those failed. */
  jobs = 0;
  failed = 0;
  /** Whether it waits among the pool's idle workers, since `idleSince`. */
  idle = true;
  idleSince: number;
  /** Milliseconds spent idle before `idleSince`. */
  idleTime = 0;

  constructor(
    readonly id: number,
    readonly spawnedAt: number,
    private readonly host: WorkerHost,
  ) {
    this.idleSince = spawnedAt;
  }

  /** It leaves the idle workers at `now`. */
  wake(now: number): void {
    this.idle = false;
    this.idleTime += now - this.idleSince;
  }

  /** It joins the idle workers at `now`. */
  rest(now: number): void {
    this.idle = true;
    this.idleSince = now;
  }

  /**
   * Runs `job`, then every next job the pool hands over, until there is none. Jobs that complete
   * synchronously run in a loop; past the event-loop budget the rest waits for the next turn.
   */
  run(job: PoolJob | null): void {
    while (job !== null) {
      this.job = job;
      job.worker = this.id;
      if (!spend()) {
        const deferred = job;
        settleNextTurn(() => this.run(deferred));
        return;
      }
      if (job.enqueuedAt >= 0) {
        this.startedAt = currentClock().monotonic();
        this.host.started(this, job);
      }
      job.startTimer(expire);
      let value: unknown;
      try {
        const running = job;
        value = tracer === null ? job.fn(job) : tracer.poolRun(this.host, this.id, job.id, () => running.fn(running));
      } catch (error) {
        job = this.end(false, error);
        continue;
      }
      if (isThenable(value)) {
        value.then(this.onFulfilled, this.onRejected);
        return;
      }
      job = this.end(true, value);
    }
  }

  /** Ends the current job; returns the next one. */
  private end(ok: boolean, value: unknown): PoolJob | null {
    const job = this.job!;
    if (tracer !== null) tracer.poolJob(this.host, this.id, job.id, 'end', ok);
    job.release();
    if (ok) job.succeed(value);
    else job.fail(value);
    this.jobs++;
    if (!ok || job.earlyError !== undefined) this.failed++;
    this.job = null;
    return this.host.finished(this, job, ok, value);
  }

  private readonly onFulfilled = (value: unknown): void => this.run(this.end(true, value));
  private readonly onRejected = (error: unknown): void => this.run(this.end(false, error));
}
