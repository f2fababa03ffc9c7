/**
 * `ThreadPool`: the `WorkerPool` of `@csp/patterns` whose jobs run on threads. The `WorkerPool`
 * does the scheduling (fixed or dynamic size, bounded queue with back-pressure, priorities,
 * per-job timeouts, abort, graceful close, metrics); each of its jobs is posted into a free slot
 * of a thread's {@link JobInbox} in shared memory (an idle thread first, then a new one up to the
 * maximum, then the one holding the fewest jobs, up to `jobsPerThread` each), and settles when
 * the result is back in the slot (see `job-slot.ts` and `job-doorbell.ts`: no message, and no
 * sleep on either side while jobs stream). A job that overruns its timeout or is aborted is taken
 * back if its thread has not started it; else the thread is terminated (the only way to stop CPU
 * work) and replaced. A thread that dies fails only the jobs it had started; the others go to
 * another thread.
 *
 * @module
 */
import type { BlockingOptions, Receiver } from '@csp/channel';
import { describeValue, parkedOperations, signalOf, watchAbort, type AbortLink } from '@csp/channel/internal';
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
import { JobDoorbell, type DoorbellHost } from './job-doorbell.js';
import { JobInbox } from './job-inbox.js';
import { SlotState, byMessage } from './job-slot.js';
import type { ArgsMessage, ResultMessage } from './thread-entry.js';
import { availableParallelism, startThread, type Thread, type ThreadOptions } from './thread-host.js';
import { inbound, outbound } from './transfer.js';

/**
 * Settings of `new ThreadPool(options)`: those of `WorkerPool` (with `concurrency`, `min` and
 * `max` counting threads, `concurrency` defaulting to {@link availableParallelism}, Go's
 * GOMAXPROCS) plus how threads start.
 */
export interface ThreadPoolOptions extends PoolOptions, ThreadOptions {
  /**
   * How many jobs one thread holds at once; default 1. Above 1 (like piscina's
   * `concurrentTasksPerWorker`), a thread runs asynchronous jobs side by side (one awaiting I/O
   * or a channel lets the next start) and keeps the next synchronous jobs ready in shared memory,
   * so it never waits for the main thread between them. What changes with it:
   * - the pool's `WorkerPool` runs `threads × jobsPerThread` jobs at once, so its metrics count
   *   that many `workers`, and a job's `timeout` and run time count from when its thread was
   *   given it, which may be while the thread still runs earlier jobs;
   * - a thread stopped for a job that overran its timeout or was aborted takes the other jobs it
   *   had started with it (they reject with `ThreadExitedError`); those it had not started go to
   *   another thread.
   * @throws RangeError unless a positive integer, at most 64.
   */
  jobsPerThread?: number | undefined;
}

/** The most jobs a thread may hold (each has a slot of 16 KB in shared memory). */
const MAX_JOBS_PER_THREAD = 64;

/** Where a function to run in a thread lives: an absolute module URL (`new URL('./work.js', import.meta.url)`). */
export type ModuleURL = string | URL;

/** A function to run in threads: its number in this process, its module and its export. */
interface FunctionRef {
  readonly id: number;
  readonly names: readonly [url: string, name: string];
}

/** Modules by URL (as given, and absolute), with their functions by export name. */
const modules = new Map<string, { readonly href: string; readonly functions: Map<string, FunctionRef> }>();
let nextFunctionId = 0;
/** Sequence numbers of jobs, unique in the process. */
let nextSeq = 1;

/** A job given to a thread. */
interface Running {
  readonly fn: FunctionRef;
  readonly args: readonly unknown[];
  resolve(value: unknown): void;
  reject(reason: unknown): void;
  /** The thread it was given to; `null` once it has ended. */
  thread: PooledThread | null;
  /** Its sequence number, new at each post (a job taken back from a dead thread is posted again). */
  seq: number;
  /** The slot of its thread it is in. */
  slot: number;
  /** The watch on the job's signal, for a job with a timeout or a signal. */
  link: AbortLink | null;
}

/** One thread of the pool. */
class PooledThread {
  readonly inbox: JobInbox;
  readonly thread: Thread;
  /**
   * The functions this thread is known to have loaded: a job of one of them has succeeded on it.
   * Until then every job tells it the function's module and export (a job that told it may be
   * taken back before the thread saw it, or its import may have failed).
   */
  readonly known = new Set<number>();
  /** The jobs it holds, by slot (`null`: the slot is free). */
  readonly jobs: (Running | null)[];
  /** How many it holds. */
  load = 0;
  /** Its index in the pool's busy threads, or -1. */
  busyAt = -1;
  /** When it became idle (`performance.now()`). */
  idleSince = 0;

  constructor(pool: ThreadPool<any>, options: ThreadOptions, doorbell: JobDoorbell, jobsPerThread: number) {
    this.inbox = new JobInbox(jobsPerThread);
    this.jobs = new Array<Running | null>(jobsPerThread).fill(null);
    this.thread = startThread(
      {
        message: (data) => pool.received(this, data as ResultMessage),
        exit: (error) => pool.exited(this, error),
      },
      options,
      { inbox: this.inbox.memory, doorbell: doorbell.words.buffer as SharedArrayBuffer },
    );
  }

  /** A free slot (there is one while `load` is below `jobsPerThread`). */
  freeSlot(): number {
    return this.jobs.indexOf(null);
  }
}

/**
 * A pool of threads running exported functions of modules: Go's CPU-bound worker pool
 * (`workers = runtime.NumCPU()`) on every core. Its API is `WorkerPool`'s, with a job given as
 * `(moduleURL, exportName, args)` instead of a closure (closures cannot cross threads).
 *
 * Arguments and results are copied: numbers in typed slots of shared memory, other values by the
 * structured codec, and what that cannot copy (a `SharedChan`, which arrives as the same channel;
 * a value over 16 KB; an error) by structured clone. Functions in arguments throw
 * `UncopyableValueError` at the call.
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
  /** Idle threads, the longest idle first; the most recently idle is reused first. */
  private readonly idle: PooledThread[] = [];
  /** Threads running a job, whose slots the doorbell polls. */
  private readonly busy: PooledThread[] = [];
  private readonly doorbell: JobDoorbell;
  /** Threads kept alive, and the most there may be. */
  private readonly min: number;
  private readonly max: number;
  private readonly jobsPerThread: number;
  private readonly idleTimeout: number;
  /** Whether jobs time out by default: then every job's signal is watched. */
  private readonly timed: boolean;
  private shrinkTimer: ReturnType<typeof setTimeout> | undefined = undefined;
  private stopWatchingSignal: (() => void) | undefined = undefined;
  /** Set by `abort` and `stop`: no thread is started or kept any more. */
  private stopping = false;
  private stopped = false;

  /**
   * Creates the pool and starts its first threads (`concurrency`, or `min`). Never blocks.
   * @throws RangeError naming an invalid setting (see `WorkerPool`);
   *   `SharedMemoryUnavailableError` where threads cannot share memory.
   */
  constructor(options: ThreadPoolOptions = {}) {
    const signal = signalOf(options, 'ThreadPool');
    const jobsPerThread = options.jobsPerThread ?? 1;
    if (!Number.isInteger(jobsPerThread) || jobsPerThread < 1 || jobsPerThread > MAX_JOBS_PER_THREAD) {
      throw new RangeError(
        `ThreadPool: jobsPerThread must be an integer from 1 to ${MAX_JOBS_PER_THREAD}, got ${describeValue(jobsPerThread)}`,
      );
    }
    this.jobsPerThread = jobsPerThread;
    const sized = options.concurrency === undefined && options.max === undefined;
    // The pool's signal aborts this pool (which stops the threads), not only the WorkerPool.
    const settings: PoolOptions = { ...options, signal: undefined };
    if (sized) settings.concurrency = availableParallelism();
    // The WorkerPool runs jobsPerThread jobs per thread; its checks name the settings as given.
    this.pool = new WorkerPool<R>(jobsPerThread === 1 ? settings : jobPlaces(settings, jobsPerThread));
    const { workers } = this.pool.metrics();
    // Whole threads: a dynamic pool keeps at least one job place, so at least one thread.
    this.min = Math.ceil(workers / jobsPerThread);
    this.max = settings.concurrency ?? settings.max!;
    this.idleTimeout = options.idleTimeout ?? 1000;
    this.timed = options.timeout !== undefined;
    this.threadOptions = { execArgv: options.execArgv, resourceLimits: options.resourceLimits };
    this.doorbell = new JobDoorbell(this.doorbellHost);
    this.topUp();
    if (signal !== undefined) {
      const link = watchAbort(signal, (reason) => void this.abort(reason));
      this.stopWatchingSignal = () => link.unlink();
      if (signal.aborted) void this.abort(signal.reason);
    }
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
    return this.pool.run(this.task<T>(moduleURL, exportName, args, options, 'ThreadPool.run'), options);
  }

  /** Like `WorkerPool.submit`, for a job given as in {@link ThreadPool.run}. */
  submit<T extends R>(
    moduleURL: ModuleURL,
    exportName: string,
    args: readonly unknown[] = [],
    options?: SubmitOptions,
  ): Promise<Job<T>> {
    return this.pool.submit(this.task<T>(moduleURL, exportName, args, options, 'ThreadPool.submit'), options);
  }

  /** Like `WorkerPool.trySubmit`: never blocks; `undefined` when the queue is full. */
  trySubmit<T extends R>(
    moduleURL: ModuleURL,
    exportName: string,
    args: readonly unknown[] = [],
    options?: SubmitOptions,
  ): Job<T> | undefined {
    return this.pool.trySubmit(this.task<T>(moduleURL, exportName, args, options, 'ThreadPool.trySubmit'), options);
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
   * Blocks until then. When `signal` aborts first, the shutdown turns into {@link ThreadPool.abort}
   * and the promise rejects with `signal.reason`.
   *
   * @throws TypeError when `signal` is not an `AbortSignal` (nothing was closed).
   */
  async close(options?: BlockingOptions): Promise<void> {
    const signal = signalOf(options, 'ThreadPool.close');
    if (signal?.aborted) throw signal.reason;
    const link = signal && watchAbort(signal, (reason) => void this.abort(reason));
    try {
      await this.pool.close();
    } finally {
      link?.unlink();
      if (this.pool.metrics().inFlight === 0) this.stop();
    }
    if (signal?.aborted) throw signal.reason;
  }

  /**
   * Immediate shutdown (see `WorkerPool.abort`): queued jobs reject with `PoolAbortedError`,
   * running jobs have their threads terminated and reject with `reason`. Resolves once every
   * thread is stopped.
   */
  async abort(reason: unknown = new Error('thread pool aborted')): Promise<void> {
    this.stopping = true;
    const aborted = this.pool.abort(reason);
    // Jobs without a signal of their own (the WorkerPool aborts only those that have one).
    for (const thread of [...this.busy]) this.retire(thread, reason);
    await aborted;
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
    options: SubmitOptions | undefined,
    call: string,
  ): (job: JobContext) => Promise<T> {
    const fn = functionRef(moduleURL, exportName, call);
    if (!Array.isArray(args)) throw new TypeError(`${call}: args must be an array, got ${describeValue(args)}`);
    const payload = outbound(args, call) as readonly unknown[];
    // Where the job was submitted, for the deadlock report (only while it is on).
    const site = parkedOperations.callSite();
    // Reading `job.signal` costs an AbortController: only a job that can be stopped needs it.
    if (this.timed || options?.timeout !== undefined || options?.signal !== undefined) {
      return (job) => this.execute(fn, payload, job.signal, site) as Promise<T>;
    }
    return () => this.execute(fn, payload, undefined, site) as Promise<T>;
  }

  /**
   * Runs one job on a thread. While it runs, the deadlock report counts it as a `thread job`
   * parked at `site`, where it was submitted: Go's goroutine waiting for the result.
   */
  private execute(
    fn: FunctionRef,
    args: readonly unknown[],
    signal: AbortSignal | undefined,
    site: string | undefined,
  ): Promise<unknown> {
    if (signal?.aborted) return Promise.reject(signal.reason);
    let running!: Running;
    const promise = new Promise((resolve, reject) => {
      running = { fn, args, resolve, reject, seq: 0, slot: -1, thread: null, link: null };
    });
    const error = this.dispatch(running);
    if (error !== undefined) return Promise.reject(error);
    if (site !== undefined) parkedOperations.parkFrom(site, () => parkedOperations.add(running, 'thread job', fn.names[1]));
    if (signal !== undefined) running.link = watchAbort(signal, (reason) => this.abandon(running, reason));
    return promise;
  }

  /**
   * Posts a job to a thread: an idle one, else a new one (up to `max`), else the one holding the
   * fewest jobs. Returns the error when its arguments cannot be copied (nothing was posted).
   */
  private dispatch(running: Running): Error | undefined {
    const thread = this.pick();
    const slot = thread.freeSlot();
    const seq = nextSeq++;
    const { fn, args } = running;
    try {
      thread.inbox.slots[slot]!.post(seq, fn.id, thread.known.has(fn.id) ? undefined : fn.names, args, (seq, args) =>
        thread.thread.post([seq, args] satisfies ArgsMessage),
      );
    } catch (error) {
      if (thread.load === 0) this.release(thread);
      return error instanceof RangeError
        ? error
        : new UncopyableValueError(`${fn.names[1]}: its arguments cannot be copied to a thread: ${String(error)}`);
    }
    running.seq = seq;
    running.slot = slot;
    running.thread = thread;
    thread.jobs[slot] = running;
    if (thread.load++ === 0) {
      thread.thread.ref();
      thread.busyAt = this.busy.push(thread) - 1;
    }
    this.doorbell.watch(thread.inbox.ring());
    return undefined;
  }

  /** The thread for the next job (see {@link dispatch}). */
  private pick(): PooledThread {
    const idle = this.idle.pop();
    if (idle !== undefined) return idle;
    if (this.threads.size >= this.max) {
      let fewest: PooledThread | undefined;
      for (const thread of this.busy) {
        if (thread.load < this.jobsPerThread && (fewest === undefined || thread.load < fewest.load)) fewest = thread;
      }
      // There is one: the WorkerPool runs at most `max × jobsPerThread` jobs at once.
      if (fewest !== undefined) return fewest;
    }
    return this.spawn();
  }

  /** What the doorbell polls. */
  private readonly doorbellHost: DoorbellHost = {
    reap: () => {
      let reaped = 0;
      const busy = this.busy;
      // Downwards: a thread whose last job settles moves the last busy thread into its place.
      for (let i = busy.length - 1; i >= 0; i--) {
        const thread = busy[i]!;
        const jobs = thread.jobs;
        for (let s = 0; s < jobs.length; s++) {
          const running = jobs[s];
          if (running === null || running === undefined) continue;
          const slot = thread.inbox.slots[s]!;
          if (slot.state !== SlotState.Done) continue;
          const value = slot.reap();
          if (value === byMessage) continue;
          this.settle(running, true, value);
          reaped++;
        }
      }
      return reaped;
    },
    waiting: () => this.busy.length > 0,
  };

  /** @internal A thread posted a message: a result its slot could not carry. */
  received(thread: PooledThread, [seq, ok, value]: ResultMessage): void {
    const running = thread.jobs.find((job) => job?.seq === seq);
    if (running !== undefined && running !== null) this.settle(running, ok, ok ? inbound(value) : value);
  }

  /**
   * @internal A thread died. The jobs it had started fail, those it had not go to another thread;
   * the pool keeps its minimum of threads.
   */
  exited(thread: PooledThread, error: Error): void {
    if (!this.threads.has(thread)) return;
    this.forget(thread);
    this.evacuate(thread, new ThreadExitedError(`the thread running the job died: ${error.message}`, { cause: error }));
    this.topUp();
  }

  /**
   * Ends a job. Its thread, when the job was its last, goes back to the idle threads (unless it
   * is gone: `release` false). A job that succeeded tells that its thread knows its function.
   */
  private settle(running: Running, ok: boolean, value: unknown, release = true): void {
    const thread = this.detach(running);
    if (ok) thread.known.add(running.fn.id);
    if (thread.load === 0) {
      this.unbusy(thread);
      if (release) this.release(thread);
    }
    end(running, ok, value);
  }

  /** Takes a job off its thread's slot; returns the thread. */
  private detach(running: Running): PooledThread {
    const thread = running.thread!;
    running.thread = null;
    thread.jobs[running.slot] = null;
    thread.load--;
    return thread;
  }

  /**
   * Gives up a job (aborted, timed out): taken back if its thread has not started it, its result
   * kept if it has just finished, else its thread is terminated (see {@link retire}).
   */
  private abandon(running: Running, reason: unknown): void {
    const thread = running.thread;
    if (thread === null) return;
    const slot = thread.inbox.slots[running.slot]!;
    if (slot.retract()) return this.settle(running, false, reason);
    if (slot.state === SlotState.Done) {
      const value = slot.reap();
      if (value !== byMessage) return this.settle(running, true, value);
    }
    // The only way to stop a function in a thread: stop the thread, and start another.
    this.settle(running, false, reason, false);
    this.retire(
      thread,
      new ThreadExitedError('the thread running the job was stopped: another job on it overran its timeout or was aborted'),
    );
  }

  /**
   * The jobs of a thread that is gone: a result already in its slot is delivered, a job not
   * started goes to another thread (or rejects with `reason` when the pool stops), a job started
   * rejects with `reason`.
   */
  private evacuate(thread: PooledThread, reason: unknown): void {
    for (const running of thread.jobs) {
      if (running === null) continue;
      const slot = thread.inbox.slots[running.slot]!;
      if (slot.retract() && !this.stopping) {
        this.detach(running);
        const error = this.dispatch(running);
        if (error !== undefined) end(running, false, error);
        continue;
      }
      const value = slot.state === SlotState.Done ? slot.reap() : byMessage;
      if (value !== byMessage) this.settle(running, true, value, false);
      else this.settle(running, false, reason, false);
    }
  }

  private spawn(): PooledThread {
    const thread = new PooledThread(this, this.threadOptions, this.doorbell, this.jobsPerThread);
    this.threads.add(thread);
    return thread;
  }

  /** Returns a thread to the idle list; it stops after `idleTimeout` when above `min`. */
  private release(thread: PooledThread): void {
    if (this.stopping) return this.retire(thread);
    thread.thread.unref();
    thread.idleSince = performance.now();
    this.idle.push(thread);
    this.armShrink();
  }

  /** Arms the one timer that stops the threads above `min` idle for `idleTimeout`. */
  private armShrink(): void {
    if (this.shrinkTimer !== undefined || this.threads.size <= this.min || this.idle.length === 0) return;
    const delay = Math.max(1, this.idle[0]!.idleSince + this.idleTimeout - performance.now());
    this.shrinkTimer = setTimeout(this.shrink, delay);
    this.shrinkTimer.unref?.();
  }

  private readonly shrink = (): void => {
    this.shrinkTimer = undefined;
    const now = performance.now();
    let expired = 0;
    while (
      expired < this.idle.length &&
      this.threads.size - expired > this.min &&
      now - this.idle[expired]!.idleSince >= this.idleTimeout
    ) {
      expired++;
    }
    for (const thread of this.idle.splice(0, expired)) this.retire(thread);
    this.armShrink();
  };

  /** Stops a thread for good; the jobs it holds end as {@link evacuate} says. */
  private retire(thread: PooledThread, reason?: unknown): void {
    this.forget(thread);
    thread.thread.terminate();
    if (thread.load > 0) this.evacuate(thread, reason);
    this.topUp();
  }

  /** Takes a thread out of every list. */
  private forget(thread: PooledThread): void {
    if (!this.threads.delete(thread)) return;
    this.unbusy(thread);
    const at = this.idle.indexOf(thread);
    if (at >= 0) this.idle.splice(at, 1);
  }

  private unbusy(thread: PooledThread): void {
    const at = thread.busyAt;
    if (at < 0) return;
    thread.busyAt = -1;
    const last = this.busy.pop()!;
    if (last !== thread) {
      this.busy[at] = last;
      last.busyAt = at;
    }
  }

  /** Starts threads up to the minimum. */
  private topUp(): void {
    while (!this.stopping && this.threads.size < this.min) {
      const thread = this.spawn();
      this.release(thread);
    }
  }

  private stop(): void {
    if (this.stopped) return;
    this.stopped = this.stopping = true;
    this.stopWatchingSignal?.();
    clearTimeout(this.shrinkTimer);
    for (const thread of this.threads) this.retire(thread);
    this.idle.length = 0;
    this.doorbell.stop();
  }
}

/** Settles a job that has left its thread. */
function end(running: Running, ok: boolean, value: unknown): void {
  parkedOperations.delete(running);
  running.link?.unlink();
  if (ok) running.resolve(value);
  else running.reject(value);
}

/**
 * The WorkerPool's settings for threads holding `jobsPerThread` jobs: its counts of workers are
 * job places. The thread counts are checked first, so that errors name them as given.
 */
function jobPlaces(settings: PoolOptions, jobsPerThread: number): PoolOptions {
  const places = (setting: 'concurrency' | 'min' | 'max', least: number): number | undefined => {
    const count = settings[setting];
    if (count === undefined) return undefined;
    if (!Number.isSafeInteger(count) || count < least) {
      throw new RangeError(`ThreadPool: ${setting} must be an integer of at least ${least}, got ${describeValue(count)}`);
    }
    return count * jobsPerThread;
  };
  return { ...settings, concurrency: places('concurrency', 1), min: places('min', 0), max: places('max', 1) };
}

/** The function `exportName` of `moduleURL`, checked at the call. */
function functionRef(moduleURL: ModuleURL, exportName: string, call: string): FunctionRef {
  if (typeof exportName !== 'string') {
    throw new TypeError(`${call}: exportName must be a string, got ${describeValue(exportName)}`);
  }
  const key = moduleURL instanceof URL ? moduleURL.href : moduleURL;
  let module = typeof key === 'string' ? modules.get(key) : undefined;
  if (module === undefined) {
    const href = moduleHref(moduleURL, call);
    module = modules.get(href) ?? { href, functions: new Map() };
    modules.set(href, module);
    modules.set(key, module);
  }
  let ref = module.functions.get(exportName);
  if (ref === undefined) module.functions.set(exportName, (ref = { id: nextFunctionId++, names: [module.href, exportName] }));
  return ref;
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
