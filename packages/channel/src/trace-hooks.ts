/**
 * The one slot through which `@csp/trace` watches the toolkit. While no tracer is installed (the
 * default) every emit point costs one `tracer !== null` check; `@csp/trace` installs one with
 * {@link setTracer}. Not part of the semver-stable API.
 *
 * @module
 */
import type { Chan } from './chan.js';
import type { SelectCase } from './cases.js';
import type { Subject } from './parked-operations.js';

/**
 * What the toolkit tells a tracer. Every method is called synchronously, in the goroutine that
 * does the operation, before the operation's own state changes unless said otherwise. Parked
 * operations (`waiter`, `receiver`, `sender`) are passed as the toolkit's internal objects.
 */
export interface Tracer {
  /**
   * `go(fn, ...args)` was called (or a goroutine of the toolkit's own starts, e.g. a pipeline
   * stage, `name`d): returns the function to run in its place (same behaviour).
   */
  goroutine<A extends unknown[]>(fn: (...args: A) => unknown, args: A, name?: string): (...args: A) => unknown;
  /** `waiter` parks with Go's wait `reason` on `subject`. */
  park(waiter: object, reason: string, subject: Subject): void;
  /**
   * `waiter` settles now: its goroutine is runnable again. `completed` is `false` when it was
   * rejected (aborted, or a send on a channel closed meanwhile).
   */
  unpark(waiter: object, completed: boolean): void;
  /** A value is sent on `chan` now: handed to the parked `receiver`, or buffered when `null`. */
  send(chan: Chan<any>, value: unknown, receiver: object | null): void;
  /**
   * A receive from `chan` completes now: from the parked `sender` (through the buffer when there
   * is one) or, when `null`, from the buffer, a due timer, or the closed channel.
   */
  receive(chan: Chan<any>, sender: object | null): void;
  /** `chan` is closed now (before its parked operations are woken). */
  close(chan: Chan<any>): void;
  /** A `select` or `trySelect` looked at `cases` and commits case `chosen` now (-1: none ready). */
  select(cases: readonly SelectCase[], chosen: number): void;
  /**
   * `lock` (a mutex, a semaphore, a reader/writer mutex) is asked for `n` units now; `free` says
   * whether it is granted at once; `read` is `true` for an `RWMutex`'s read lock.
   */
  acquire(lock: object, kind: string, n: number, free: boolean, read?: boolean): void;
  /** `n` units of `lock` are given back now (before they pass to its waiters, if any). */
  release(lock: object, n: number): void;
  /** A context is cancelled now with `cause`. */
  cancel(context: object, cause: unknown): void;
  /** A worker pool is made (`pool` is the key of its later events). */
  pool(pool: object, name: string | undefined): void;
  /** Worker `worker` of `pool` starts (`alive`) or is retired. */
  poolWorker(pool: object, worker: number, alive: boolean): void;
  /** Job `job` of `pool` is queued now (`worker` is -1), or ends on `worker` (`ok` false when it failed). */
  poolJob(pool: object, worker: number, job: number, phase: 'queue' | 'end', ok: boolean): void;
  /**
   * Job `job` of `pool` starts on `worker` now: calls `run` (the job's function) as code of that
   * worker's lane and returns what `run` returns (or throws what it throws).
   */
  poolRun<T>(pool: object, worker: number, job: number, run: () => T): T;
  /** `time.sleep` parks `waiter` next, for `ms` milliseconds (before its `park`). */
  sleep(waiter: object, ms: number): void;
}

/** The installed tracer, or `null` (the default: tracing off). */
export let tracer: Tracer | null = null;

/** Installs `next` as the tracer (`null` turns tracing off). */
export function setTracer(next: Tracer | null): void {
  tracer = next;
}
