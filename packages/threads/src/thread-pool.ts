/**
 * `ThreadPool`: the `WorkerPool` of `@csp/patterns` whose jobs run on threads. The `WorkerPool`
 * does the scheduling (fixed or dynamic size, bounded queue with back-pressure, priorities,
 * per-job timeouts, abort, graceful close, metrics); each of its jobs borrows a thread, posts
 * the function's module, name and arguments to it, and returns the thread when the result
 * comes back. A job that overruns its timeout or is aborted has its thread terminated (the only
 * way to stop CPU work) and replaced; a thread that dies fails only its own job.
 *
 * @module
 */
import type { BlockingOptions, Receiver } from '@csp/channel';
import { describeValue, watchAbort } from '@csp/channel/internal';
import {
  WorkerPool,
  type Job,
  type JobContext,
  type JobResult,
  type PoolMetrics,
  type PoolOptions,
  type SubmitOptions,
} from '@csp/patterns';
import { ThreadExitedError, UncopyableValueError } from './errors.js';
import { availableParallelism, startThread, type Thread, type ThreadOptions } from './thread-host.js';
import { inbound, outbound } from './transfer.js';

/**
 * Settings of `new ThreadPool(options)`: those of `WorkerPool` (with `concurrency` defaulting to
 * {@link availableParallelism}, Go's GOMAXPROCS) plus how threads start.
 */
export interface ThreadPoolOptions extends PoolOptions, ThreadOptions {}

/** Where a function to run in a thread lives: an absolute module URL (`new URL('./work.js', import.meta.url)`). */
export type ModuleURL = string | URL;

type Settle = { resolve(value: unknown): void; reject(reason: unknown): void };

/** One thread of the pool. */
class PooledThread {
  readonly thread: Thread;
  /** The job it runs, or `null` when idle. */
  running: (Settle & { id: number }) | null = null;
  idleTimer: ReturnType<typeof setTimeout> | undefined = undefined;

  constructor(pool: ThreadPool<any>, options: ThreadOptions) {
    this.thread = startThread(
      {
        message: (data) => pool.finished(this, data as [number, boolean, unknown]),
        exit: (error) => pool.exited(this, error),
      },
      options,
    );
  }
}

let nextJobId = 1;

/**
 * A pool of threads running exported functions of modules: Go's CPU-bound worker pool
 * (`workers = runtime.NumCPU()`) on every core. Its API is `WorkerPool`'s, with a job given as
 * `(moduleURL, exportName, args)` instead of a closure (closures cannot cross threads).
 *
 * Arguments and results are copied (structured clone); `SharedChan`s among them arrive as the
 * same channel. Functions in arguments throw `UncopyableValueError` at the call.
 *
 * @example
 * ```ts
 * const pool = new ThreadPool(); // one thread per core
 * const blurred = await pool.run(new URL('./filters.js', import.meta.url), 'blur', [image, 3]);
 * await pool.close();
 * ```
 */
export class ThreadPool<R = unknown> {
  private readonly pool: WorkerPool<R>;
  private readonly threadOptions: ThreadOptions;
  private readonly threads = new Set<PooledThread>();
  /** Idle threads; the most recently idle is reused first. */
  private readonly idle: PooledThread[] = [];
  private readonly min: number;
  private readonly idleTimeout: number;
  private stopped = false;

  /**
   * Creates the pool and starts its first threads (`concurrency`, or `min`). Never blocks.
   * @throws RangeError naming an invalid setting (see `WorkerPool`);
   *   `SharedMemoryUnavailableError` where threads cannot share memory.
   */
  constructor(options: ThreadPoolOptions = {}) {
    const sized = options.concurrency === undefined && options.max === undefined;
    this.pool = new WorkerPool<R>(sized ? { ...options, concurrency: availableParallelism() } : options);
    this.min = this.pool.metrics().workers;
    this.idleTimeout = options.idleTimeout ?? 1000;
    this.threadOptions = { execArgv: options.execArgv, resourceLimits: options.resourceLimits };
    this.topUp();
  }

  /** See `WorkerPool.results`: every job that ran, with its outcome and timings. */
  get results(): Receiver<JobResult<R>> | null {
    return this.pool.results;
  }

  /** Threads alive now (running a job or idle). */
  get threadCount(): number {
    return this.threads.size;
  }

  /**
   * Runs `exportName` of `moduleURL` in a thread with `args` and resolves with its result: like
   * `WorkerPool.run`. Blocks while the queue is full, then until the job has run. Rejects with
   * the function's error, `JobTimeoutError` (its thread was terminated and replaced),
   * `signal.reason` (likewise, when it was running), `ThreadExitedError` when its thread died,
   * `PoolAbortedError` or `SubmitOnClosedPoolError`.
   *
   * @throws TypeError for a relative or invalid URL or a non-string `exportName`;
   *   `UncopyableValueError` for a function or promise in `args` (nothing was submitted).
   */
  run<T extends R>(moduleURL: ModuleURL, exportName: string, args: readonly unknown[] = [], options?: SubmitOptions): Promise<T> {
    return this.pool.run(this.task<T>(moduleURL, exportName, args, 'ThreadPool.run'), options);
  }

  /** Like `WorkerPool.submit`, for a job given as in {@link ThreadPool.run}. */
  submit<T extends R>(
    moduleURL: ModuleURL,
    exportName: string,
    args: readonly unknown[] = [],
    options?: SubmitOptions,
  ): Promise<Job<T>> {
    return this.pool.submit(this.task<T>(moduleURL, exportName, args, 'ThreadPool.submit'), options);
  }

  /** Like `WorkerPool.trySubmit`: never blocks; `undefined` when the queue is full. */
  trySubmit<T extends R>(
    moduleURL: ModuleURL,
    exportName: string,
    args: readonly unknown[] = [],
    options?: SubmitOptions,
  ): Job<T> | undefined {
    return this.pool.trySubmit(this.task<T>(moduleURL, exportName, args, 'ThreadPool.trySubmit'), options);
  }

  /** See `WorkerPool.pause`. */
  pause(): void {
    this.pool.pause();
  }

  /** See `WorkerPool.resume`. */
  resume(): void {
    this.pool.resume();
  }

  /** See `WorkerPool.done`: closes when the pool has finished. */
  done(): Receiver<void> {
    return this.pool.done();
  }

  /**
   * Graceful shutdown (see `WorkerPool.close`): runs every accepted job, then stops the threads.
   * Blocks until then.
   */
  async close(options?: BlockingOptions): Promise<void> {
    try {
      await this.pool.close(options);
    } finally {
      if (this.pool.metrics().inFlight === 0) this.stop();
    }
  }

  /**
   * Immediate shutdown (see `WorkerPool.abort`): queued jobs reject with `PoolAbortedError`,
   * running jobs have their threads terminated and reject with `reason`. Resolves once every
   * thread is stopped.
   */
  async abort(reason: unknown = new Error('thread pool aborted')): Promise<void> {
    await this.pool.abort(reason);
    this.stop();
  }

  /** See `WorkerPool.metrics`: counts, queue depth, throughput, p50/p95/p99 of waits and runs. */
  metrics(previous?: PoolMetrics): PoolMetrics {
    return this.pool.metrics(previous);
  }

  /** See `WorkerPool.watch`. */
  watch(interval: number, options?: BlockingOptions): Receiver<PoolMetrics> {
    return this.pool.watch(interval, options);
  }

  /** Checks a job at the call and makes the `WorkerPool` task that runs it on a thread. */
  private task<T>(
    moduleURL: ModuleURL,
    exportName: string,
    args: readonly unknown[],
    call: string,
  ): (job: JobContext) => Promise<T> {
    const url = moduleHref(moduleURL, call);
    if (typeof exportName !== 'string')
      throw new TypeError(`${call}: exportName must be a string, got ${describeValue(exportName)}`);
    if (!Array.isArray(args)) throw new TypeError(`${call}: args must be an array, got ${describeValue(args)}`);
    const message = [0, url, exportName, outbound(args, call)] as [number, string, string, unknown];
    return (job) => this.execute(message, job.signal) as Promise<T>;
  }

  /** Runs one job on an idle (or new) thread. */
  private execute(message: [number, string, string, unknown], signal: AbortSignal): Promise<unknown> {
    if (signal.aborted) return Promise.reject(signal.reason);
    const thread = this.idle.pop() ?? this.spawn();
    clearTimeout(thread.idleTimer);
    thread.thread.ref();
    const id = nextJobId++;
    return new Promise((resolve, reject) => {
      try {
        thread.thread.post([id, message[1], message[2], message[3]]);
      } catch (error) {
        this.release(thread);
        reject(new UncopyableValueError(`${message[2]}: its arguments cannot be copied to a thread: ${String(error)}`));
        return;
      }
      const link = watchAbort(signal, (reason) => {
        // The only way to stop a function in a thread: stop the thread, and start another.
        thread.running = null;
        this.retire(thread);
        reject(reason);
      });
      const done = (): void => link.unlink();
      thread.running = {
        id,
        resolve: (value) => {
          done();
          resolve(value);
        },
        reject: (reason) => {
          done();
          reject(reason);
        },
      };
    });
  }

  /** @internal A thread posted a result. */
  finished(thread: PooledThread, [id, ok, value]: [number, boolean, unknown]): void {
    const running = thread.running;
    if (running === null || running.id !== id) return;
    thread.running = null;
    this.release(thread);
    if (ok) running.resolve(inbound(value));
    else running.reject(value);
  }

  /** @internal A thread died. Its job (if any) fails; the pool keeps its minimum of threads. */
  exited(thread: PooledThread, error: Error): void {
    if (!this.threads.delete(thread)) return;
    clearTimeout(thread.idleTimer);
    const at = this.idle.indexOf(thread);
    if (at >= 0) this.idle.splice(at, 1);
    const running = thread.running;
    thread.running = null;
    running?.reject(new ThreadExitedError(`the thread running the job died: ${error.message}`, { cause: error }));
    this.topUp();
  }

  private spawn(): PooledThread {
    const thread = new PooledThread(this, this.threadOptions);
    this.threads.add(thread);
    return thread;
  }

  /** Returns a thread to the idle list; it stops after `idleTimeout` when above `min`. */
  private release(thread: PooledThread): void {
    if (this.stopped) return this.retire(thread);
    thread.thread.unref();
    this.idle.push(thread);
    if (this.threads.size > this.min) {
      thread.idleTimer = setTimeout(() => {
        if (this.threads.size <= this.min) return;
        const at = this.idle.indexOf(thread);
        if (at >= 0) this.idle.splice(at, 1);
        this.retire(thread);
      }, this.idleTimeout);
      thread.idleTimer.unref?.();
    }
  }

  /** Stops a thread for good. */
  private retire(thread: PooledThread): void {
    this.threads.delete(thread);
    clearTimeout(thread.idleTimer);
    thread.thread.terminate();
    this.topUp();
  }

  /** Starts threads up to the minimum. */
  private topUp(): void {
    while (!this.stopped && this.threads.size < this.min) {
      const thread = this.spawn();
      this.release(thread);
    }
  }

  private stop(): void {
    this.stopped = true;
    for (const thread of this.threads) this.retire(thread);
    this.idle.length = 0;
  }
}

/** The absolute URL of a module, checked at the call. */
function moduleHref(moduleURL: ModuleURL, call: string): string {
  if (moduleURL instanceof URL) return moduleURL.href;
  if (typeof moduleURL === 'string') {
    try {
      return new URL(moduleURL).href;
    } catch {
      // Falls through to the error below.
    }
  }
  throw new TypeError(
    `${call}: moduleURL must be an absolute URL (e.g. new URL('./work.js', import.meta.url)), got ${describeValue(moduleURL)}`,
  );
}
