/**
 * The reporting part of a {@link WorkerPool}: Go's `results` channel and the seeds' metrics. It
 * counts jobs, times a sample of them on the current clock, and reports every job that ran on the
 * results channel (if the pool has one), where a worker waits for room as Go's `results <- r` does.
 *
 * @module
 */
import { Chan } from '@csp/channel';
import { currentClock } from '@csp/channel/internal';
import { PoolRecorder, type PoolMetrics, type PoolState } from '../metrics/pool-metrics.js';
import { Sampler } from '../metrics/sampler.js';
import type { JobResult, PoolJob } from './job.js';
import type { PoolWorker } from './worker.js';

/** @internal A pool's counters, timings and results channel. */
export class Reporting<R> {
  private readonly recorder = new PoolRecorder();
  private readonly sampler: Sampler;
  /** The results channel, or `null` without the `results` option. */
  readonly results: Chan<JobResult<R>> | null;

  constructor(results: number | undefined, name: string | undefined) {
    this.sampler = new Sampler(results !== undefined);
    this.results = results === undefined ? null : new Chan(results, { name: name && `${name}.results` });
  }

  /** Job `job` (numbered) was accepted: counts it, and stamps it if it is among the timed ones. */
  accepted(job: PoolJob<any>): void {
    this.recorder.created++;
    if (this.sampler.picks(job.id)) {
      const now = (job.enqueuedAt = currentClock().monotonic());
      this.sampler.adapt(job.id, now);
    }
  }

  /** A job that never ran was taken out (given up while queued, or the pool aborted). */
  canceled(): void {
    this.recorder.canceled++;
  }

  /** `worker` started the timed `job`. */
  started(worker: PoolWorker, job: PoolJob): void {
    this.recorder.waits.record(worker.startedAt - job.enqueuedAt);
  }

  /**
   * `worker` finished `job` (`ok` and `value` are how its function ended): counts it and reports
   * it. Returns `null`, or the promise of a report waiting for room on the results channel: the
   * worker must wait for it before taking another job.
   */
  finished(worker: PoolWorker, job: PoolJob, ok: boolean, value: unknown): Promise<void> | null {
    const recorder = this.recorder;
    const error = job.earlyError;
    const failed = !ok || error !== undefined;
    if (!failed) recorder.succeeded++;
    else {
      recorder.failed++;
      if (job.timedOut) recorder.timedOut++;
    }
    if (job.enqueuedAt < 0) return null;
    const now = currentClock().monotonic();
    recorder.runs.record(now - worker.startedAt);
    const results = this.results;
    if (results === null) return null;
    const timings = { id: job.id, worker: worker.id, waited: worker.startedAt - job.enqueuedAt, ran: now - worker.startedAt };
    const result: JobResult<R> = !failed
      ? { ...timings, ok: true, value: value as R }
      : { ...timings, ok: false, error: error !== undefined ? error : value };
    return results.trySend(result) ? null : results.send(result);
  }

  /** A snapshot of the metrics; rates are over the window since `previous`, if given. */
  snapshot(state: PoolState, previous?: PoolMetrics): PoolMetrics {
    return this.recorder.snapshot(state, previous);
  }
}
