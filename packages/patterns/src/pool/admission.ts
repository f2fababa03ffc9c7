/**
 * The admission part of a {@link WorkerPool}: Go's `jobs` channel. It makes jobs from submitted
 * functions, queues them (FIFO, or by priority), parks the submits that find the queue full
 * (back-pressure) and hands the next job to a free worker, refilling the queue from the parked
 * submits. It knows nothing of workers or metrics: the pool tells it when a job is accepted.
 *
 * @module
 */
import { WaitQueue, Waiter, func } from '@csp/channel/internal';
import { PriorityKeys } from '../queue/priority-key.js';
import { positiveDuration } from '../settings.js';
import { PoolJob, PriorityJob, type Task } from './job.js';
import { JobFifo, JobHeap, type JobQueue } from './job-queue.js';
import type { PoolSettings, SubmitOptions } from './options.js';

/** A `submit` waiting for room in a full queue. */
class SubmitWaiter extends Waiter<PoolJob<any>> {
  constructor(
    readonly job: PoolJob<any>,
    readonly signal: AbortSignal | undefined,
  ) {
    super();
  }
}

/**
 * What admission needs from its pool. An object with a method, not a closure per pool, so that
 * the call stays monomorphic however many pools a program creates.
 */
export interface AdmissionHost {
  /** Admission accepted `job`: the pool numbers it, counts it and watches its signal. */
  [acceptJob](job: PoolJob<any>, signal: AbortSignal | undefined): void;
}

/** The key of {@link AdmissionHost}'s method: a symbol, so it is no public name of the pool. */
export const acceptJob: unique symbol = Symbol('acceptJob');

/** @internal The queue of a pool and the submits waiting for room in it. */
export class Admission {
  private readonly queue: JobQueue;
  private readonly keys: PriorityKeys | null;
  private readonly submitters = new WaitQueue<SubmitWaiter>();

  constructor(
    private readonly settings: PoolSettings,
    private readonly host: AdmissionHost,
  ) {
    this.keys = settings.priorities ? new PriorityKeys('WorkerPool', settings.aging) : null;
    this.queue = this.keys === null ? new JobFifo() : new JobHeap();
  }

  /** Jobs waiting in the queue. */
  get queued(): number {
    return this.queue.size;
  }

  /** Submits waiting for room. */
  get waitingSubmitters(): number {
    return this.submitters.size;
  }

  /** Everything waiting for a worker: queued jobs and submits waiting for room. */
  get backlog(): number {
    return this.queue.size + this.submitters.size;
  }

  /** Whether the queue can take another job. */
  get hasRoom(): boolean {
    return this.queue.size < this.settings.queueSize;
  }

  /**
   * Makes the job of `fn`, checking everything before any state changes.
   * @throws TypeError naming `fn` unless a function; RangeError naming `timeout` or `priority`.
   */
  newJob<T>(call: string, fn: Task<T>, options: SubmitOptions | undefined): PoolJob<T> {
    if (typeof fn !== 'function') func(fn, `${call}: fn`); // the message is built only for the error
    const timeout = options?.timeout === undefined ? this.settings.timeout : positiveDuration(call, 'timeout', options.timeout);
    const priority = options?.priority;
    let job: PoolJob<T>;
    if (this.keys !== null) {
      const prioritised = new PriorityJob<T>(fn);
      prioritised.key = this.keys.key(priority ?? 0);
      job = prioritised;
    } else if (priority === undefined) {
      job = new PoolJob<T>(fn);
    } else {
      throw new RangeError(`${call}: priority needs a pool created with { priorities: true }, got priority ${priority}`);
    }
    job.timeout = timeout;
    return job;
  }

  /** Accepts `job` into the queue; the caller checked {@link Admission.hasRoom}. */
  enqueue(job: PoolJob<any>, signal: AbortSignal | undefined): void {
    this.host[acceptJob](job, signal);
    this.queue.push(job);
  }

  /** Parks a submit until the queue has room; resolves with the job once it is accepted. */
  park<T>(job: PoolJob<T>, signal: AbortSignal | undefined, subject: string | undefined): Promise<PoolJob<T>> {
    const waiter = new SubmitWaiter(job, signal);
    this.submitters.push(waiter);
    return waiter.park('WorkerPool.submit', subject, signal, this.unpark);
  }

  private readonly unpark = (waiter: SubmitWaiter): void => {
    this.submitters.remove(waiter);
  };

  /** The next job for a free worker: the queue's head, or a waiting submit's job (refilling the queue). */
  takeNext(): PoolJob | null {
    const job = this.queue.shift();
    if (job === null) return this.promote();
    this.refill();
    return job;
  }

  /** Takes out a queued job that was given up (its result settled), and lets a waiting submit in. */
  remove(job: PoolJob): void {
    this.queue.remove(job);
    this.refill();
  }

  /** Removes and returns every queued job (the pool is aborted). */
  *drain(): Generator<PoolJob> {
    for (let job = this.queue.shift(); job !== null; job = this.queue.shift()) yield job;
  }

  /** Rejects every submit waiting for room with `error` (the pool closed). */
  rejectSubmitters(error: Error): void {
    for (let waiter = this.submitters.dequeue(); waiter !== null; waiter = this.submitters.dequeue()) waiter.reject(error);
  }

  /** Moves a waiting submit's job into the queue if it has room. */
  private refill(): void {
    if (this.submitters.size === 0 || !this.hasRoom) return;
    this.queue.push(this.promote()!);
  }

  /** Accepts the first waiting submit's job and returns it, or `null` when none waits. */
  private promote(): PoolJob | null {
    const waiter = this.submitters.dequeue();
    if (waiter === null) return null;
    this.host[acceptJob](waiter.job, waiter.signal);
    waiter.resolve(waiter.job);
    return waiter.job;
  }
}
