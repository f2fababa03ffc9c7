/**
 * `WorkerPool`: the seeds' worker pool (`jobs` channel, N workers, `results` channel, WaitGroup)
 * made reusable: fixed or dynamic size, bounded queue with back-pressure, priorities, per-job
 * timeouts, pause/resume, graceful close, abort, and metrics.
 *
 * The pool itself is the lifecycle (open, closed, aborted, finished) and the public API; it
 * delegates to three parts, one concept each: {@link Admission} (the queue, back-pressure and
 * submits), {@link Scaling} (the workers: grow and shrink) and {@link Reporting} (metrics and the
 * results channel).
 *
 * @module
 */
import { Chan, type BlockingOptions, type Receiver } from '@csp/channel';
import { failed, formatState, inspectCustom, settleNextTurn, signalOf, spend, tracer } from '@csp/channel/internal';
import { PoolAbortedError, SubmitOnClosedPoolError } from '../errors.js';
import type { PoolMetrics } from '../metrics/pool-metrics.js';
import { watch } from '../metrics/watch.js';
import { positiveDuration } from '../settings.js';
import { onAbort } from '../signals.js';
import { acceptJob, Admission } from './admission.js';
import type { Job, JobResult, PoolJob, Task } from './job.js';
import { poolSettings, type PoolOptions, type PoolSettings, type SubmitOptions } from './options.js';
import { Reporting } from './reporting.js';
import { Scaling } from './scaling.js';
import type { PoolWorker, WorkerHost } from './worker.js';

const owner = 'WorkerPool';
/** The calls' names for error messages, as constants: no string is built on the hot path. */
const calls = { submit: 'WorkerPool.submit', run: 'WorkerPool.run', trySubmit: 'WorkerPool.trySubmit' } as const;
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
 *   queued jobs with `PoolAbortedError` and aborts the running jobs' signals. `await using pool`
 *   closes it gracefully at the end of the scope.
 * - **Results**: each submission's promise, and optionally a `results` channel.
 * - **Metrics**: `metrics()` and the periodic `watch(ms)` stream; `console.log(pool)` prints
 *   `WorkerPool<name> { workers: 4, queued: 10, inFlight: 4, closed: false }`.
 * - **Time**: every timer and clock read (timeouts, idle shrink, metrics) goes through the
 *   current clock of `@csp/channel`, so a virtual-time test harness drives them.
 *
 * Jobs start synchronously inside `submit`/`run` when a worker is free, and a finishing worker
 * takes the next job directly, with no channel or timer in between.
 *
 * Invariants (checked by the property test in `test/worker-pool.test.ts`):
 *
 *	workers ≤ max, and workers ≥ min until the pool finishes
 *	jobs running ≤ workers (a timed-out job keeps its worker until it settles)
 *	queued jobs ≤ queueSize; a submit parks only while the queue is full
 *	every accepted job settles its result exactly once and runs at most once:
 *	  created = processed + canceled + inFlight, and inFlight = 0 once the pool has finished
 *	after close(), every accepted job runs (none is canceled)
 *
 * @example
 * ```ts
 * const pool = new WorkerPool({ concurrency: 8 });
 * const page = await pool.run(({ signal }) => fetch(url, { signal }), { timeout: 5000 });
 * await pool.close();
 * ```
 */
export class WorkerPool<R = unknown> implements AsyncDisposable {
  /** The name given in the options, if any. */
  readonly name: string | undefined;
  private readonly settings: PoolSettings;
  private readonly admission: Admission;
  private readonly scaling: Scaling;
  private readonly reporting: Reporting<R>;
  private readonly doneChan: Chan<void>;
  private stopWatchingSignal: () => void = noop;
  private nextJobId = 1;
  private isPaused = false;
  private closed = false;
  private aborted = false;
  private isFinished = false;

  /**
   * Creates the pool and its first workers (`concurrency`, or `min`). Never blocks.
   * @throws TypeError when `options` is missing, or `signal` is not an `AbortSignal`.
   * @throws RangeError naming the setting when one is invalid: a `concurrency`, `max` or `growAt`
   *   that is not a positive integer, a negative `min`, `min > max`, a negative `queueSize` or
   *   `results`, a non-positive `timeout`, `idleTimeout` or `aging`, or `aging` without `priorities`.
   */
  constructor(options: PoolOptions) {
    this.settings = poolSettings(options);
    const signal = signalOf(options, owner);
    this.name = options.name;
    this.admission = new Admission(this.settings, this);
    this.reporting = new Reporting<R>(this.settings.results, options.name);
    this.doneChan = new Chan<void>(0, { name: options.name && `${options.name}.done` });
    if (tracer !== null) tracer.pool(this.host, options.name);
    this.scaling = new Scaling(this.settings, this.host);
    this.stopWatchingSignal = onAbort(signal, () => void this.abort(signal!.reason));
  }

  /**
   * The results channel (with the `results` option), Go's `results` channel: every job that ran
   * is reported there with its outcome and timings, in completion order. It closes when the pool
   * has finished (after `close()` or `abort()`). Read it: a worker waits for room to report.
   * `null` (Go's nil channel) without the option.
   */
  get results(): Receiver<JobResult<R>> | null {
    return this.reporting.results;
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
   * A job may run, and even end, before its handle arrives (a free worker starts it at once); its
   * `result` never counts as an unhandled rejection before the handle has arrived.
   *
   * @throws TypeError naming `fn` unless it is a function, or `signal` unless an `AbortSignal`.
   * @throws RangeError naming `timeout` or `priority` when invalid.
   */
  submit<T extends R>(fn: Task<T>, options?: SubmitOptions): Promise<Job<T>> {
    const signal = signalOf(options, calls.submit);
    const job = this.admission.newJob(calls.submit, fn, options);
    if (signal?.aborted) return Promise.reject(signal.reason);
    if (this.closed) return failed(new SubmitOnClosedPoolError());
    // Decide before the job can start (a free worker runs it inside admit): past the event-loop
    // budget the handle arrives on the next turn, and the result is held until then.
    const onTime = spend();
    if (!onTime) job.holdResult();
    if (this.admit(job, signal)) return onTime ? Promise.resolve(job) : this.handOverLater(job);
    if (!onTime) job.releaseResult(); // not accepted: nothing settled, and the park resolves in time
    return this.park(job, signal);
  }

  /**
   * Submits `fn` and returns its result: `submit(fn).then((job) => job.result)`, without the
   * handle. Blocks while the queue is full, then until the job has run. Resolves with the job's
   * value; rejects with its error, `JobTimeoutError`, `signal.reason`, `PoolAbortedError` or
   * `SubmitOnClosedPoolError` (see {@link Job.result} and {@link WorkerPool.submit}).
   *
   * @throws TypeError naming `fn` unless it is a function, or `signal` unless an `AbortSignal`.
   * @throws RangeError naming `timeout` or `priority` when invalid.
   */
  run<T extends R>(fn: Task<T>, options?: SubmitOptions): Promise<T> {
    const signal = signalOf(options, calls.run);
    const job = this.admission.newJob(calls.run, fn, options);
    if (signal?.aborted) return Promise.reject(signal.reason);
    if (this.closed) return Promise.reject(new SubmitOnClosedPoolError());
    if (this.admit(job, signal)) return job.result;
    return this.park(job, signal).then(resultOf);
  }

  /**
   * Go's `select { case jobs <- job: default: }`: submits `fn` if the queue has room (or a worker
   * is free) and returns its handle, else returns `undefined` and submits nothing. Never blocks.
   *
   * @throws SubmitOnClosedPoolError once the pool is closed; `signal.reason` if `signal` already
   *   aborted; TypeError naming `fn` or `signal` when not a function or an `AbortSignal`;
   *   RangeError naming `timeout` or `priority` when invalid.
   */
  trySubmit<T extends R>(fn: Task<T>, options?: SubmitOptions): Job<T> | undefined {
    const signal = signalOf(options, calls.trySubmit);
    const job = this.admission.newJob(calls.trySubmit, fn, options);
    if (signal?.aborted) throw signal.reason;
    if (this.closed) throw new SubmitOnClosedPoolError();
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
    while (this.scaling.hasIdle) {
      const job = this.admission.takeNext();
      if (job === null) break;
      this.scaling.wakeIdle()!.run(job);
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
   *
   * @throws TypeError when `signal` is not an `AbortSignal` (nothing was closed).
   */
  close(options?: BlockingOptions): Promise<void> {
    const signal = signalOf(options, `${owner}.close`);
    if (signal?.aborted) return Promise.reject(signal.reason);
    if (!this.closed) {
      this.closed = true;
      this.admission.rejectSubmitters(new SubmitOnClosedPoolError());
      this.checkFinished();
    }
    if (signal === undefined) return this.doneChan.recv().then(noop);
    const stopWatching = onAbort(signal, () => void this.abort(signal.reason));
    return this.doneChan.recv({ signal }).then(stopWatching, (reason: unknown) => {
      stopWatching();
      throw reason;
    });
  }

  /** `await using pool = new WorkerPool(...)`: {@link WorkerPool.close} at the end of the scope. */
  [Symbol.asyncDispose](): Promise<void> {
    return this.close();
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
      this.admission.rejectSubmitters(error);
      for (const job of this.admission.drain()) this.cancel(job, error);
      for (const worker of this.scaling.workers) worker.job?.stop(reason);
      this.checkFinished();
    }
    return this.doneChan.recv().then(noop);
  }

  /**
   * A snapshot of the pool's metrics (see {@link PoolMetrics}). Rates are computed over the
   * window since `previous` when given, else since the pool was created. Never blocks.
   */
  metrics(previous?: PoolMetrics): PoolMetrics {
    const { admission } = this;
    return this.reporting.snapshot(
      { queueDepth: admission.queued, waitingSubmitters: admission.waitingSubmitters, workers: this.scaling.workers },
      previous,
    );
  }

  /**
   * A channel of metrics snapshots, one every `interval` milliseconds (rates over each interval),
   * with a last one when the pool finishes; then it closes (see `watch`). Never blocks.
   * @throws RangeError naming `interval` unless it is a positive number of milliseconds;
   *   TypeError when `signal` is not an `AbortSignal`.
   */
  watch(interval: number, options?: BlockingOptions): Receiver<PoolMetrics> {
    positiveDuration(owner, 'interval', interval);
    signalOf(options, `${owner}.watch`);
    return watch((previous) => this.metrics(previous), interval, this.doneChan, options);
  }

  /** `Object.prototype.toString.call(pool)` is `[object WorkerPool]`. */
  get [Symbol.toStringTag](): string {
    return owner;
  }

  /**
   * What `console.log(pool)` prints: `WorkerPool<name> { workers: 4, queued: 10, inFlight: 4, closed: false }`
   * (`inFlight`: jobs running now; `queued`: jobs waiting for a worker).
   */
  [inspectCustom](): string {
    return formatState(owner, this.name, {
      workers: this.scaling.size,
      queued: this.admission.queued,
      inFlight: this.scaling.busy,
      closed: this.closed,
    });
  }

  /** What the workers call back: a timed job started, a job finished. */
  private readonly host: WorkerHost = {
    started: (worker, job) => this.reporting.started(worker, job),
    finished: (worker, job, ok, value) => {
      const reporting = this.reporting.finished(worker, job, ok, value);
      if (reporting === null) return this.next(worker);
      void reporting.then(() => worker.run(this.next(worker)));
      return null;
    },
  };

  /** Delivers the handle of a job `submit` accepted on the next turn, then releases its held result. */
  private handOverLater<T>(job: PoolJob<T>): Promise<Job<T>> {
    return new Promise<Job<T>>((resolve) =>
      settleNextTurn(() => {
        resolve(job);
        job.releaseResult();
      }),
    );
  }

  /** Starts `job` on an idle worker or queues it; returns `false` when the queue is full. */
  private admit(job: PoolJob<any>, signal: AbortSignal | undefined): boolean {
    const { admission } = this;
    if (!this.isPaused && admission.queued === 0) {
      const worker = this.scaling.wakeIdle();
      if (worker !== undefined) {
        this[acceptJob](job, signal);
        worker.run(job);
        return true;
      }
    }
    if (!admission.hasRoom) return false;
    admission.enqueue(job, signal);
    this.grow();
    return true;
  }

  /** @internal Numbers, counts and watches a job that was accepted (admission's host call). */
  [acceptJob](job: PoolJob<any>, signal: AbortSignal | undefined): void {
    job.id = this.nextJobId++;
    if (tracer !== null) tracer.poolJob(this.host, -1, job.id, 'queue', true);
    this.reporting.accepted(job);
    if (signal !== undefined) job.watch(signal, this.giveUp);
  }

  /** Parks a submit until the queue has room. */
  private park<T>(job: PoolJob<T>, signal: AbortSignal | undefined): Promise<PoolJob<T>> {
    const parked = this.admission.park(job, signal, this.doneChan.name);
    this.grow();
    return parked;
  }

  /** Starts workers while jobs wait (unless paused). */
  private grow(): void {
    if (!this.isPaused) this.scaling.grow(this.admission);
  }

  /** The next job for `worker`, or `null` after it joined the idle workers. */
  private next(worker: PoolWorker): PoolJob | null {
    if (!this.isPaused) {
      const job = this.admission.takeNext();
      if (job !== null) return job;
    }
    this.scaling.rest(worker);
    this.checkFinished();
    return null;
  }

  /** A submitter's signal aborted: drop its job if queued, give it up if running. */
  private readonly giveUp = (job: PoolJob, reason: unknown): void => {
    if (job.worker === 0) {
      this.cancel(job, reason);
      this.admission.remove(job);
      this.checkFinished();
    } else {
      job.giveUp(reason);
    }
  };

  /** Rejects a job that never ran. */
  private cancel(job: PoolJob, error: unknown): void {
    job.release();
    job.fail(error);
    this.reporting.canceled();
  }

  private checkFinished(): void {
    if (!this.closed || this.isFinished || this.admission.queued > 0 || this.scaling.busy > 0) return;
    this.isFinished = true;
    this.scaling.stop();
    this.stopWatchingSignal();
    this.reporting.results?.close();
    this.doneChan.close();
  }
}
