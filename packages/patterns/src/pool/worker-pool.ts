/**
 * `WorkerPool`: the seeds' worker pool (`jobs` channel, N workers, `results` channel, WaitGroup)
 * made reusable: fixed or dynamic size, bounded queue with back-pressure, priorities, per-job
 * timeouts, pause/resume, graceful close, abort, and metrics.
 *
 * @module
 */
import { Chan, type BlockingOptions, type Receiver } from '@csp/channel';
import { WaitQueue, Waiter, completed, failed, tracer } from '@csp/channel/internal';
import { PoolAbortedError, SubmitOnClosedPoolError } from '../errors.js';
import { PoolRecorder, type PoolMetrics } from '../metrics/pool-metrics.js';
import { Sampler } from '../metrics/sampler.js';
import { watch } from '../metrics/watch.js';
import { PriorityKeys } from '../queue/priority-key.js';
import { positiveDuration } from '../settings.js';
import { onAbort } from '../signals.js';
import { PoolJob, PriorityJob, type Job, type JobResult, type Task } from './job.js';
import { JobFifo, JobHeap, type JobQueue } from './job-queue.js';
import { poolSettings, type PoolOptions, type PoolSettings, type SubmitOptions } from './options.js';
import { PoolWorker, type WorkerHost } from './worker.js';

/** A `submit` waiting for room in a full queue. */
class SubmitWaiter extends Waiter<PoolJob<any>> {
  constructor(
    readonly job: PoolJob<any>,
    readonly signal: AbortSignal | undefined,
  ) {
    super();
  }
}

const owner = 'WorkerPool';
const noop = (): void => {};
const resultOf = <T>(job: Job<T>): Promise<T> => job.result;

/**
 * A pool of workers that run submitted jobs, at most `max` at once: Go's worker pool
 * (`for w := 1; w <= n; w++ { go worker(w, jobs, results) }`) without the boilerplate.
 *
 * - **Size**: `concurrency: n` is a fixed pool; `min`/`max` is a dynamic pool that starts a worker
 *   whenever `growAt` jobs wait (up to `max`) and stops workers above `min` after `idleTimeout`.
 * - **Queue**: FIFO (or by priority with `priorities`), bounded by `queueSize`: when full,
 *   `submit` and `run` wait for room and `trySubmit` refuses (back-pressure).
 * - **Failures**: a job that throws or rejects fails only its own result; the worker goes on.
 * - **Timeouts**: a job past its timeout has its signal aborted and its result rejected with
 *   `JobTimeoutError` at that moment, but it keeps its worker until it really settles, so the pool
 *   never runs more than `max` jobs at once. (`p-queue` frees the slot at the timeout instead, and
 *   a job that ignores its signal then runs beside the next ones, over the concurrency limit.)
 * - **Shutdown**: `close()` finishes every accepted job and loses none; `abort()` rejects the
 *   queued jobs with `PoolAbortedError` and aborts the running jobs' signals.
 * - **Results**: each submission's promise, and optionally a `results` channel.
 * - **Metrics**: `metrics()` and the periodic `watch(ms)` stream.
 *
 * Jobs start synchronously inside `submit`/`run` when a worker is free, and a finishing worker
 * takes the next job directly, with no channel or timer in between.
 *
 * @example
 * ```ts
 * const pool = new WorkerPool({ concurrency: 8 });
 * const page = await pool.run(({ signal }) => fetch(url, { signal }), { timeout: 5000 });
 * await pool.close();
 * ```
 */
export class WorkerPool<R = unknown> {
  private readonly settings: PoolSettings;
  private readonly queue: JobQueue;
  private readonly keys: PriorityKeys | null;
  private readonly submitters = new WaitQueue<SubmitWaiter>();
  private readonly workers = new Set<PoolWorker>();
  /** Idle workers, the longest idle first; the most recently idle is reused first. */
  private readonly idle: PoolWorker[] = [];
  private readonly recorder = new PoolRecorder();
  private readonly sampler: Sampler;
  private readonly resultsChan: Chan<JobResult<R>> | null;
  private readonly doneChan: Chan<void>;
  private stopWatchingSignal: () => void = noop;
  private nextJobId = 1;
  private nextWorkerId = 1;
  private isPaused = false;
  private closed = false;
  private aborted = false;
  private isFinished = false;
  private shrinkTimer: ReturnType<typeof setTimeout> | undefined = undefined;

  /**
   * Creates the pool and its first workers (`concurrency`, or `min`). Never blocks.
   * @throws RangeError naming the setting when one is invalid: a `concurrency`, `max` or `growAt`
   *   that is not a positive integer, a negative `min`, `min > max`, a negative `queueSize` or
   *   `results`, a non-positive `timeout`, `idleTimeout` or `aging`, or `aging` without `priorities`.
   */
  constructor(options: PoolOptions) {
    this.settings = poolSettings(options);
    if (options.aging !== undefined && options.priorities !== true) {
      throw new RangeError(`${owner}: aging needs a pool created with { priorities: true }, got aging ${options.aging}`);
    }
    this.keys = options.priorities === true ? new PriorityKeys(owner, options.aging) : null;
    this.queue = this.keys === null ? new JobFifo() : new JobHeap();
    this.sampler = new Sampler(this.settings.results !== undefined);
    this.resultsChan =
      this.settings.results === undefined
        ? null
        : new Chan(this.settings.results, { name: options.name && `${options.name}.results` });
    this.doneChan = new Chan<void>(0, { name: options.name && `${options.name}.done` });
    if (tracer !== null) tracer.pool(this.host, options.name);
    for (let i = 0; i < this.settings.min; i++) this.idle.push(this.spawn());
    const signal = options.signal;
    this.stopWatchingSignal = onAbort(signal, () => void this.abort(signal!.reason));
  }

  /**
   * The results channel (with the `results` option), Go's `results` channel: every job that ran
   * is reported there with its outcome and timings, in completion order. It closes when the pool
   * has finished (after `close()` or `abort()`). Read it: a worker waits for room to report.
   * `null` (Go's nil channel) without the option.
   */
  get results(): Receiver<JobResult<R>> | null {
    return this.resultsChan;
  }

  /** Whether the pool is paused (see {@link WorkerPool.pause}). */
  get paused(): boolean {
    return this.isPaused;
  }

  /**
   * A channel that closes when the pool has finished: closed (or aborted), with no job left
   * queued or running. Like `ctx.done()`, for `select`. Never blocks; always the same channel.
   */
  done(): Receiver<void> {
    return this.doneChan;
  }

  /**
   * Go's `jobs <- job`: submits `fn` and resolves with its {@link Job} handle once the job is
   * accepted. Blocks only while the queue is full (back-pressure). Rejects with
   * `SubmitOnClosedPoolError` once the pool is closed (also for a submit still waiting for room),
   * with `PoolAbortedError` if the pool is aborted while it waits, and with `signal.reason` when
   * `signal` aborts first (then nothing was submitted).
   *
   * @throws RangeError naming `timeout` or `priority` when invalid.
   */
  submit<T extends R>(fn: Task<T>, options?: SubmitOptions): Promise<Job<T>> {
    const signal = options?.signal;
    if (signal?.aborted) return Promise.reject(signal.reason);
    if (this.closed) return failed(new SubmitOnClosedPoolError());
    const job = this.newJob(fn, options);
    if (this.admit(job, signal)) return completed(job);
    return this.park(job, signal);
  }

  /**
   * Submits `fn` and returns its result: `submit(fn).then((job) => job.result)`, without the
   * handle. Blocks while the queue is full, then until the job has run. Resolves with the job's
   * value; rejects with its error, `JobTimeoutError`, `signal.reason`, `PoolAbortedError` or
   * `SubmitOnClosedPoolError` (see {@link Job.result} and {@link WorkerPool.submit}).
   *
   * @throws RangeError naming `timeout` or `priority` when invalid.
   */
  run<T extends R>(fn: Task<T>, options?: SubmitOptions): Promise<T> {
    const signal = options?.signal;
    if (signal?.aborted) return Promise.reject(signal.reason);
    if (this.closed) return Promise.reject(new SubmitOnClosedPoolError());
    const job = this.newJob(fn, options);
    if (this.admit(job, signal)) return job.result;
    return this.park(job, signal).then(resultOf);
  }

  /**
   * Go's `select { case jobs <- job: default: }`: submits `fn` if the queue has room (or a worker
   * is free) and returns its handle, else returns `undefined` and submits nothing. Never blocks.
   *
   * @throws SubmitOnClosedPoolError once the pool is closed; `signal.reason` if `signal` already
   *   aborted; RangeError naming `timeout` or `priority` when invalid.
   */
  trySubmit<T extends R>(fn: Task<T>, options?: SubmitOptions): Job<T> | undefined {
    const signal = options?.signal;
    if (signal?.aborted) throw signal.reason;
    if (this.closed) throw new SubmitOnClosedPoolError();
    const job = this.newJob(fn, options);
    return this.admit(job, signal) ? job : undefined;
  }

  /**
   * Stops starting jobs: running jobs go on, submissions are still accepted and queued. Never blocks.
   */
  pause(): void {
    this.isPaused = true;
  }

  /** Starts jobs again after {@link WorkerPool.pause}. Never blocks. */
  resume(): void {
    if (!this.isPaused) return;
    this.isPaused = false;
    while (this.idle.length > 0) {
      const job = this.takeNext();
      if (job === null) break;
      const worker = this.idle.pop()!;
      worker.wake(performance.now());
      worker.run(job);
    }
    this.grow();
  }

  /**
   * Graceful shutdown, Go's `close(jobs); wg.Wait()`: refuses new jobs (submits waiting for room
   * reject with `SubmitOnClosedPoolError`), runs every job already accepted, then closes the
   * results channel. Blocks until then. (A paused pool finishes only after `resume()`.) Calling it
   * again returns the same wait.
   *
   * When `signal` aborts first, the shutdown turns into {@link WorkerPool.abort} and the promise
   * rejects with `signal.reason` (a deadline for the graceful part).
   */
  close(options?: BlockingOptions): Promise<void> {
    const signal = options?.signal;
    if (signal?.aborted) return Promise.reject(signal.reason);
    if (!this.closed) {
      this.closed = true;
      this.rejectSubmitters(new SubmitOnClosedPoolError());
      this.checkFinished();
    }
    if (signal === undefined) return this.doneChan.recv().then(noop);
    const stopWatching = onAbort(signal, () => void this.abort(signal.reason));
    return this.doneChan.recv({ signal }).then(stopWatching, (reason: unknown) => {
      stopWatching();
      throw reason;
    });
  }

  /**
   * Immediate shutdown: refuses new jobs, rejects every queued job (and every submit waiting for
   * room) with `PoolAbortedError` (its `cause` is `reason`), and aborts the running jobs' signals
   * with `reason`; their results settle with whatever they do then. Blocks until the running jobs
   * have settled; resolves then. Also triggered by the pool's `signal` option.
   */
  abort(reason: unknown = new Error('worker pool aborted')): Promise<void> {
    if (!this.aborted && !this.isFinished) {
      this.aborted = this.closed = true;
      const error = new PoolAbortedError(reason);
      this.rejectSubmitters(error);
      for (let job = this.queue.shift(); job !== null; job = this.queue.shift()) this.cancel(job, error);
      for (const worker of this.workers) worker.job?.stop(reason);
      this.checkFinished();
    }
    return this.doneChan.recv().then(noop);
  }

  /**
   * A snapshot of the pool's metrics (see {@link PoolMetrics}). Rates are computed over the
   * window since `previous` when given, else since the pool was created. Never blocks.
   */
  metrics(previous?: PoolMetrics): PoolMetrics {
    return this.recorder.snapshot(
      { queueDepth: this.queue.size, waitingSubmitters: this.submitters.size, workers: this.workers },
      previous,
    );
  }

  /**
   * A channel of metrics snapshots, one every `interval` milliseconds (rates over each interval),
   * with a last one when the pool finishes; then it closes (see `watch`). Never blocks.
   * @throws RangeError naming `interval` unless it is a positive number of milliseconds.
   */
  watch(interval: number, options?: BlockingOptions): Receiver<PoolMetrics> {
    positiveDuration(owner, 'interval', interval);
    return watch((previous) => this.metrics(previous), interval, this.doneChan, options);
  }

  /** What the workers call back: a timed job started, a job finished. */
  private readonly host: WorkerHost = {
    started: (worker, job) => this.recorder.waits.record(worker.startedAt - job.enqueuedAt),
    finished: (worker, job, ok, value) => {
      const recorder = this.recorder;
      const error = job.earlyError;
      const failed = !ok || error !== undefined;
      if (!failed) recorder.succeeded++;
      else {
        recorder.failed++;
        if (job.timedOut) recorder.timedOut++;
      }
      if (job.enqueuedAt < 0) return this.next(worker);
      const now = performance.now();
      recorder.runs.record(now - worker.startedAt);
      const results = this.resultsChan;
      if (results !== null) {
        const timings = { id: job.id, worker: worker.id, waited: worker.startedAt - job.enqueuedAt, ran: now - worker.startedAt };
        const result: JobResult<R> = !failed
          ? { ...timings, ok: true, value: value as R }
          : { ...timings, ok: false, error: error !== undefined ? error : value };
        if (!results.trySend(result)) {
          void results.send(result).then(() => worker.run(this.next(worker)));
          return null;
        }
      }
      return this.next(worker);
    },
  };

  private newJob<T>(fn: Task<T>, options: SubmitOptions | undefined): PoolJob<T> {
    const timeout = options?.timeout === undefined ? this.settings.timeout : positiveDuration(owner, 'timeout', options.timeout);
    const priority = options?.priority;
    let job: PoolJob<T>;
    if (this.keys !== null) {
      const prioritised = new PriorityJob<T>(fn);
      prioritised.key = this.keys.key(priority ?? 0);
      job = prioritised;
    } else if (priority === undefined) {
      job = new PoolJob<T>(fn);
    } else {
      throw new RangeError(`${owner}: priority needs a pool created with { priorities: true }, got priority ${priority}`);
    }
    job.timeout = timeout;
    return job;
  }

  /** Starts `job` on an idle worker or queues it; returns `false` when the queue is full. */
  private admit(job: PoolJob<any>, signal: AbortSignal | undefined): boolean {
    if (!this.isPaused && this.queue.size === 0) {
      const worker = this.idle.pop();
      if (worker !== undefined) {
        this.accept(job, signal);
        worker.wake(performance.now());
        worker.run(job);
        return true;
      }
    }
    if (this.queue.size >= this.settings.queueSize) return false;
    this.accept(job, signal);
    this.queue.push(job);
    this.grow();
    return true;
  }

  private accept(job: PoolJob<any>, signal: AbortSignal | undefined): void {
    const id = (job.id = this.nextJobId++);
    if (tracer !== null) tracer.poolJob(this.host, -1, id, 'queue', true);
    this.recorder.created++;
    if (this.sampler.picks(id)) {
      const now = (job.enqueuedAt = performance.now());
      this.sampler.adapt(id, now);
    }
    if (signal !== undefined) job.watch(signal, this.giveUp);
  }

  /** Parks a submit until the queue has room. */
  private park<T>(job: PoolJob<T>, signal: AbortSignal | undefined): Promise<PoolJob<T>> {
    const waiter = new SubmitWaiter(job, signal);
    this.submitters.push(waiter);
    const parked = waiter.park('WorkerPool.submit', this.doneChan.name, signal, this.unpark);
    this.grow();
    return parked;
  }

  private readonly unpark = (waiter: SubmitWaiter): void => {
    this.submitters.remove(waiter);
  };

  /** The next job for a free worker: the queue's head, or a waiting submit's job (refilling the queue). */
  private takeNext(): PoolJob | null {
    const job = this.queue.shift();
    if (job === null) return this.promote();
    this.refill();
    return job;
  }

  /** Moves a waiting submit's job into the queue if it has room. */
  private refill(): void {
    if (this.submitters.size === 0 || this.queue.size >= this.settings.queueSize) return;
    this.queue.push(this.promote()!);
  }

  /** Accepts the first waiting submit's job and returns it, or `null` when none waits. */
  private promote(): PoolJob | null {
    const waiter = this.submitters.dequeue();
    if (waiter === null) return null;
    this.accept(waiter.job, waiter.signal);
    waiter.resolve(waiter.job);
    return waiter.job;
  }

  /** Starts workers (up to `max`) while `growAt` jobs or more are waiting. */
  private grow(): void {
    const { max, growAt } = this.settings;
    while (!this.isPaused && this.workers.size < max && this.queue.size + this.submitters.size >= growAt) {
      const worker = this.spawn();
      worker.wake(worker.spawnedAt);
      worker.run(this.takeNext());
    }
  }

  private spawn(): PoolWorker {
    const worker = new PoolWorker(this.nextWorkerId++, performance.now(), this.host);
    this.workers.add(worker);
    if (tracer !== null) tracer.poolWorker(this.host, worker.id, true);
    return worker;
  }

  /** The next job for `worker`, or `null` after parking it among the idle workers. */
  private next(worker: PoolWorker): PoolJob | null {
    if (!this.isPaused) {
      const job = this.takeNext();
      if (job !== null) return job;
    }
    worker.rest(performance.now());
    this.idle.push(worker);
    this.armShrink();
    this.checkFinished();
    return null;
  }

  /** A submitter's signal aborted: drop its job if queued, give it up if running. */
  private readonly giveUp = (job: PoolJob, reason: unknown): void => {
    if (job.worker === 0) {
      this.queue.remove(job);
      this.cancel(job, reason);
      this.refill();
      this.checkFinished();
    } else {
      job.giveUp(reason);
    }
  };

  /** Rejects a job that never ran. */
  private cancel(job: PoolJob, error: unknown): void {
    job.release();
    job.fail(error);
    this.recorder.canceled++;
  }

  private rejectSubmitters(error: Error): void {
    for (let waiter = this.submitters.dequeue(); waiter !== null; waiter = this.submitters.dequeue()) waiter.reject(error);
  }

  private checkFinished(): void {
    if (!this.closed || this.isFinished || this.queue.size > 0 || this.idle.length < this.workers.size) return;
    this.isFinished = true;
    if (this.shrinkTimer !== undefined) clearTimeout(this.shrinkTimer);
    this.stopWatchingSignal();
    this.resultsChan?.close();
    this.doneChan.close();
  }

  /** Schedules the retirement of the longest-idle worker above `min`, if any. */
  private armShrink(): void {
    if (this.shrinkTimer !== undefined || this.isFinished || this.workers.size <= this.settings.min) return;
    const oldest = this.idle[0];
    if (oldest === undefined) return;
    const delay = Math.max(1, oldest.idleSince + this.settings.idleTimeout - performance.now());
    this.shrinkTimer = setTimeout(this.shrink, delay);
    (this.shrinkTimer as { unref?: () => void }).unref?.();
  }

  /** Stops the workers above `min` that have been idle for `idleTimeout`. */
  private readonly shrink = (): void => {
    this.shrinkTimer = undefined;
    const now = performance.now();
    let excess = this.workers.size - this.settings.min;
    let kept = 0;
    for (const worker of this.idle) {
      if (excess > 0 && now - worker.idleSince >= this.settings.idleTimeout) {
        this.workers.delete(worker);
        if (tracer !== null) tracer.poolWorker(this.host, worker.id, false);
        excess--;
      } else {
        this.idle[kept++] = worker;
      }
    }
    this.idle.length = kept;
    this.armShrink();
  };
}
