/**
 * One job of a {@link WorkerPool}: the function, its result promise, its place in the queue and
 * its (lazily created) abort signal. A job is one small object plus its promise; what only some
 * jobs need (a timeout, a submitter's signal, an abort controller) lives in a side object
 * allocated on demand, because a pool may hold hundreds of thousands of queued jobs.
 *
 * @module
 */
import { currentClock, watchAbort, type AbortLink, type Clock, type TimerHandle } from '@csp/channel/internal';
import type { HeapEntry } from '../queue/binary-heap.js';

/** What a job's function receives. */
export interface JobContext {
  /** The job's number in its pool, from 1 in submission order. */
  readonly id: number;
  /** The number of the worker running it. */
  readonly worker: number;
  /**
   * Aborts when the job must stop: its timeout expired (reason: `JobTimeoutError`), its submitter's
   * signal aborted, or the pool was aborted. Pass it to your I/O. (Created on first use, so a job
   * that never reads it costs no `AbortController`.)
   */
  readonly signal: AbortSignal;
}

/** A job's function: Go's `func(ctx context.Context) (T, error)`. It may return a value or a promise. */
export type Task<T> = (job: JobContext) => T | PromiseLike<T>;

/** A handle on a submitted job. */
export interface Job<T> {
  /** The job's number in its pool, from 1 in submission order. */
  readonly id: number;
  /**
   * Settles with the job's outcome: its value, or its error. It rejects early, at that moment,
   * when the job times out (`JobTimeoutError`), when its submitter's signal aborts
   * (`signal.reason`), or when the pool is aborted before it started (`PoolAbortedError`). It
   * settles no earlier than the handle reaches the submitter, so a handler attached as soon as
   * `submit` resolves is always in time.
   */
  readonly result: Promise<T>;
}

/** What the results channel delivers for every job that ran: its outcome and timings. */
export type JobResult<T> = {
  /** The job's number. */
  readonly id: number;
  /** The worker that ran it. */
  readonly worker: number;
  /** Milliseconds it waited in the queue. */
  readonly waited: number;
  /** Milliseconds it ran. */
  readonly ran: number;
} & ({ readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: unknown });

let capturedResolve: (value: any) => void = () => {};
/**
 * One shared executor, so a job's promise costs no closure. Only `resolve` is kept (a rejection
 * resolves with a rejected promise): `reject` becomes garbage at once instead of living as long
 * as the queued job, which matters with hundreds of thousands of queued jobs.
 */
function capture(resolve: (value: any) => void): void {
  capturedResolve = resolve;
}

/**
 * Keeps a job's outcome until its handle has arrived (see `PoolJob.holdResult`). A function of
 * its own, so that `succeed` and `fail` allocate no closure context on their hot path.
 */
function hold(extras: JobExtras, resolve: (value: any) => void, outcome: unknown, failed: boolean): void {
  extras.held = { settle: () => resolve(failed ? Promise.reject(outcome) : outcome) };
}

/** What only some jobs need. */
class JobExtras {
  /** Milliseconds before the job times out; 0 for never. */
  timeout = 0;
  timedOut = false;
  /** The timeout's timer and the clock that armed it. */
  timer: { readonly clock: Clock; readonly handle: TimerHandle } | null = null;
  controller: AbortController | null = null;
  stopReason: { reason: unknown } | null = null;
  /** The pool's watch on the submitter's signal. */
  watched: AbortLink | null = null;
  /** The error the result was rejected with before the job ended (timeout, given up). */
  error: unknown = undefined;
  /**
   * While the job's handle is on its way to the submitter (see {@link PoolJob.holdResult}): the
   * outcome to settle the result with once it arrives, or `null` if there is none yet.
   */
  held: { readonly settle: () => void } | null | undefined = undefined;
}

/**
 * The pool's record of a job (not exported by the package). Kept small on purpose (see the module comment): the
 * result's resolve function doubles as the "settled" flag, and the start time lives on the worker.
 */
export class PoolJob<T = unknown> implements Job<T>, JobContext {
  /** The next job in the FIFO queue. */
  next: PoolJob | null = null;
  /** Set when the pool accepts the job. */
  id = 0;
  /** The worker running it; 0 until it starts. */
  worker = 0;
  /** When it was accepted, if it is timed (see `Sampler`); -1 when it is not. */
  enqueuedAt = -1;
  readonly result: Promise<T>;
  private resolveResult: ((value: T | PromiseLike<T>) => void) | null;
  private extras: JobExtras | null = null;

  constructor(readonly fn: Task<T>) {
    this.result = new Promise<T>(capture);
    this.resolveResult = capturedResolve;
  }

  private get more(): JobExtras {
    return (this.extras ??= new JobExtras());
  }

  /** Whether the result promise has settled. */
  get settled(): boolean {
    return this.resolveResult === null;
  }

  /** The error the result was rejected with before the job ended, if it was. */
  get earlyError(): unknown {
    return this.extras?.error;
  }

  /** Milliseconds before the job times out; 0 for never. */
  get timeout(): number {
    return this.extras === null ? 0 : this.extras.timeout;
  }

  set timeout(ms: number) {
    if (ms > 0) this.more.timeout = ms;
  }

  /** Whether its timeout expired. */
  get timedOut(): boolean {
    return this.extras !== null && this.extras.timedOut;
  }

  get signal(): AbortSignal {
    const more = this.more;
    if (more.controller === null) {
      more.controller = new AbortController();
      if (more.stopReason !== null) more.controller.abort(more.stopReason.reason);
    }
    return more.controller.signal;
  }

  /** Starts the timeout's timer (on the current clock), if the job has one; `onExpiry` runs when it expires. */
  startTimer(onExpiry: (job: PoolJob<T>) => void): void {
    const more = this.extras;
    if (more === null || more.timeout <= 0) return;
    const clock = currentClock();
    more.timer = { clock, handle: clock.setTimer(() => onExpiry(this), more.timeout) };
  }

  /**
   * The job's handle reaches its submitter only on a later turn (the event-loop budget was spent):
   * until {@link PoolJob.releaseResult}, the result settles nowhere the submitter could see, so a
   * job that fails in between is not an unhandled rejection the submitter had no chance to handle.
   */
  holdResult(): void {
    this.more.held = null;
  }

  /** The handle has reached the submitter: settles the result if the job ended meanwhile. */
  releaseResult(): void {
    const more = this.more;
    const held = more.held;
    more.held = undefined;
    held?.settle();
  }

  /** The timeout expired: aborts the job's signal and rejects its result with `error`. */
  expire(error: unknown): void {
    const more = this.more;
    more.timedOut = true;
    more.timer = null;
    this.giveUp(error);
  }

  /** Aborts the job's signal and rejects its result with `reason`, now; the job may still run. */
  giveUp(reason: unknown): void {
    this.stop(reason);
    if (!this.settled) this.more.error = reason;
    this.fail(reason);
  }

  /** Aborts the job's signal with `reason` (once). */
  stop(reason: unknown): void {
    const more = this.more;
    if (more.stopReason !== null) return;
    more.stopReason = { reason };
    more.controller?.abort(reason);
  }

  /** Resolves the result promise unless it already settled. */
  succeed(value: T): void {
    const resolve = this.resolveResult;
    if (resolve === null) return;
    this.resolveResult = null;
    if (this.extras?.held === null) hold(this.extras, resolve, value, false);
    else resolve(value);
  }

  /** Rejects the result promise unless it already settled. */
  fail(error: unknown): void {
    const resolve = this.resolveResult;
    if (resolve === null) return;
    this.resolveResult = null;
    if (this.extras?.held === null) hold(this.extras, resolve, error, true);
    else resolve(Promise.reject(error));
  }

  /**
   * Calls `onAbort` when the submitter's `signal` (not aborted yet) aborts, until
   * {@link PoolJob.release}. One listener per signal however many jobs share it (`watchAbort`).
   */
  watch(signal: AbortSignal, onAbort: (job: PoolJob<T>, reason: unknown) => void): void {
    this.more.watched = watchAbort(signal, (reason) => {
      this.more.watched = null;
      onAbort(this, reason);
    });
  }

  /** Forgets the submitter's signal and the timeout: the job is over. */
  release(): void {
    const more = this.extras;
    if (more === null) return;
    if (more.timer !== null) {
      more.timer.clock.clearTimer(more.timer.handle);
      more.timer = null;
    }
    if (more.watched === null) return;
    more.watched.unlink();
    more.watched = null;
  }
}

/** A job of a pool with priorities (not exported by the package): also an entry of the priority heap. */
export class PriorityJob<T = unknown> extends PoolJob<T> implements HeapEntry {
  key = 0;
  seq = 0;
  index = -1;
}
