/**
 * `ThreadPool`: the `WorkerPool` of `@csp/patterns` whose jobs run on threads. The `WorkerPool`
 * does the scheduling (fixed or dynamic size, bounded queue with back-pressure, priorities,
 * per-job timeouts, abort, graceful close, metrics); each of its jobs borrows a thread, writes
 * the function and its arguments into the thread's {@link JobSlot} in shared memory, and returns
 * the thread when the result is back in the slot (see `job-slot.ts` and `job-doorbell.ts`: no
 * message, and no sleep on either side while jobs stream). A job that overruns its timeout or is
 * aborted is taken back if its thread has not started it; else the thread is terminated (the
 * only way to stop CPU work) and replaced. A thread that dies fails only its own job.
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
import { JobSlot, SlotState, byMessage } from './job-slot.js';
import type { ArgsMessage, ResultMessage } from './thread-entry.js';
import { availableParallelism, startThread, type Thread, type ThreadOptions } from './thread-host.js';
import { inbound, outbound } from './transfer.js';

/**
 * Settings of `new ThreadPool(options)`: those of `WorkerPool` (with `concurrency` defaulting to
 * {@link availableParallelism}, Go's GOMAXPROCS) plus how threads start.
 */
export interface ThreadPoolOptions extends PoolOptions, ThreadOptions {}

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

/** The job a thread runs. */
interface Running {
  readonly seq: number;
  /** The function's number, if the job told the thread its names (forgotten if the job is taken back). */
  readonly named: number;
  resolve(value: unknown): void;
  reject(reason: unknown): void;
  /** The watch on the job's signal, for a job with a timeout or a signal. */
  link: AbortLink | null;
}

/** One thread of the pool. */
class PooledThread {
  readonly slot = new JobSlot();
  readonly thread: Thread;
  /** The functions this thread has been told about. */
  readonly known = new Set<number>();
  /** The job it runs, or `null` when idle. */
  running: Running | null = null;
  /** Its index in the pool's busy threads, or -1. */
  busyAt = -1;
  /** When it became idle (`performance.now()`). */
  idleSince = 0;

  constructor(pool: ThreadPool<any>, options: ThreadOptions, doorbell: JobDoorbell) {
    this.thread = startThread(
      {
        message: (data) => pool.received(this, data as ResultMessage),
        exit: (error) => pool.exited(this, error),
      },
      options,
      { slot: this.slot.buffer, doorbell: doorbell.words.buffer as SharedArrayBuffer },
    );
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
  private readonly min: number;
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
    const sized = options.concurrency === undefined && options.max === undefined;
    // The pool's signal aborts this pool (which stops the threads), not only the WorkerPool.
    const settings = { ...options, signal: undefined };
    this.pool = new WorkerPool<R>(sized ? { ...settings, concurrency: availableParallelism() } : settings);
    this.min = this.pool.metrics().workers;
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
    for (const thread of [...this.busy]) this.abandon(thread, reason);
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
   * Runs one job on an idle (or new) thread. While it runs, the deadlock report counts it as a
   * `thread job` parked at `site`, where it was submitted: Go's goroutine waiting for the result.
   */
  private execute(
    fn: FunctionRef,
    args: readonly unknown[],
    signal: AbortSignal | undefined,
    site: string | undefined,
  ): Promise<unknown> {
    if (signal?.aborted) return Promise.reject(signal.reason);
    const thread = this.idle.pop() ?? this.spawn();
    const seq = nextSeq++;
    const known = thread.known.has(fn.id);
    let awake: boolean;
    try {
      awake = thread.slot.post(seq, fn.id, known ? undefined : fn.names, args, (seq, args) =>
        thread.thread.post([seq, args] satisfies ArgsMessage),
      );
    } catch (error) {
      this.release(thread);
      return Promise.reject(
        error instanceof RangeError
          ? error
          : new UncopyableValueError(`${fn.names[1]}: its arguments cannot be copied to a thread: ${String(error)}`),
      );
    }
    if (!known) thread.known.add(fn.id);
    thread.thread.ref();
    thread.busyAt = this.busy.push(thread) - 1;
    const promise = new Promise((resolve, reject) => {
      thread.running = { seq, named: known ? -1 : fn.id, resolve, reject, link: null };
    });
    if (site !== undefined) {
      const running = thread.running!;
      parkedOperations.parkFrom(site, () => parkedOperations.add(running, 'thread job', fn.names[1]));
    }
    if (signal !== undefined) {
      const running = thread.running!;
      running.link = watchAbort(signal, (reason) => {
        if (thread.running === running) this.abandon(thread, reason);
      });
    }
    this.doorbell.watch(awake);
    return promise;
  }

  /** What the doorbell polls. */
  private readonly doorbellHost: DoorbellHost = {
    reap: () => {
      let reaped = 0;
      const busy = this.busy;
      // Downwards: settling a job moves the last busy thread into its place.
      for (let i = busy.length - 1; i >= 0; i--) {
        const thread = busy[i]!;
        if (thread.slot.state !== SlotState.Done) continue;
        const value = thread.slot.reap();
        if (value === byMessage) continue;
        this.settle(thread, true, value);
        reaped++;
      }
      return reaped;
    },
    waiting: () => this.busy.length > 0,
  };

  /** @internal A thread posted a message: a result its slot could not carry. */
  received(thread: PooledThread, [seq, ok, value]: ResultMessage): void {
    if (thread.running?.seq !== seq) return;
    this.settle(thread, ok, ok ? inbound(value) : value);
  }

  /** @internal A thread died. Its job (if any) fails; the pool keeps its minimum of threads. */
  exited(thread: PooledThread, error: Error): void {
    if (!this.threads.has(thread)) return;
    this.forget(thread);
    if (thread.running !== null) {
      // A result already in the slot is not lost with the thread.
      const value = thread.slot.state === SlotState.Done ? thread.slot.reap() : byMessage;
      if (value !== byMessage) this.settle(thread, true, value, false);
      else {
        const died = new ThreadExitedError(`the thread running the job died: ${error.message}`, { cause: error });
        this.settle(thread, false, died, false);
      }
    }
    this.topUp();
  }

  /** Ends the job of `thread`, which goes back to the idle threads (unless it is gone: `release` false). */
  private settle(thread: PooledThread, ok: boolean, value: unknown, release = true): void {
    const running = thread.running!;
    thread.running = null;
    parkedOperations.delete(running);
    this.unbusy(thread);
    running.link?.unlink();
    if (release) this.release(thread);
    if (ok) running.resolve(value);
    else running.reject(value);
  }

  /**
   * Gives up the job of `thread` (aborted, timed out, the pool aborted): taken back if the thread
   * has not started it, its result kept if it has just finished, else the thread is terminated.
   */
  private abandon(thread: PooledThread, reason: unknown): void {
    const running = thread.running;
    if (running === null) return;
    const slot = thread.slot;
    if (slot.retract()) {
      thread.known.delete(running.named);
      return this.settle(thread, false, reason);
    }
    if (slot.state === SlotState.Done) {
      const value = slot.reap();
      if (value !== byMessage) return this.settle(thread, true, value);
    }
    // The only way to stop a function in a thread: stop the thread, and start another.
    thread.running = null;
    parkedOperations.delete(running);
    running.link?.unlink();
    this.retire(thread);
    running.reject(reason);
  }

  private spawn(): PooledThread {
    const thread = new PooledThread(this, this.threadOptions, this.doorbell);
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

  /** Stops a thread for good. */
  private retire(thread: PooledThread): void {
    this.forget(thread);
    thread.thread.terminate();
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
