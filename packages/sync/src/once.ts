/**
 * `Once`: Go's `sync.Once`.
 *
 * @module
 */
import type { BlockingOptions } from '@csp/channel';
import {
  completed,
  failed,
  formatState,
  func,
  inspectCustom,
  isThenable,
  signalOf,
  Waiter,
  WaitQueue,
} from '@csp/channel/internal';
import { leaveQueue, wakeAll } from './queue.js';

/** Where a {@link Once} is: `fn` not started, running, or finished. */
const State = { Idle: 0, Running: 1, Done: 2 } as const;

/**
 * Runs a function exactly once: Go's `sync.Once`. `console.log(once)` shows
 * `Once { done: false, running: true, waiting: 1 }`.
 *
 * @example
 * ```ts
 * const once = new Once();
 * await once.do(loadConfig); // runs loadConfig
 * await once.do(loadConfig); // does nothing
 * ```
 */
export class Once {
  private state: (typeof State)[keyof typeof State] = State.Idle;
  /** Callers waiting for the running `fn`. */
  private readonly waiters = new WaitQueue<Waiter<void>>();

  /**
   * Go's `once.Do(f)`. The first call runs `fn` (at once, synchronously up to its first
   * `await`) and resolves when `fn`'s result settles. Every later call resolves without running
   * anything; a call made while `fn` is still running blocks until it has finished.
   *
   * If `fn` throws or rejects, that first call rejects with the error and `do` is still done:
   * later calls resolve without running `fn` (as in Go, where a panicking `f` counts as
   * returned). `signal` only cuts short the wait for another call's `fn`: that call then rejects
   * with `signal.reason`; it cannot stop a running `fn`.
   *
   * @throws TypeError when `fn` is not a function.
   * @throws TypeError when `options.signal` is not an `AbortSignal` (e.g. a context instead of `ctx.signal`).
   */
  do(fn: () => unknown, options?: BlockingOptions): Promise<void> {
    func(fn, 'Once.do fn');
    const signal = signalOf(options, 'Once.do');
    if (signal?.aborted) return Promise.reject(signal.reason);
    if (this.state === State.Done) return completed(undefined);
    if (this.state === State.Running) {
      const waiter = new Waiter<void>();
      this.waiters.push(waiter);
      return waiter.park('sync.Mutex.Lock', 'sync.Once', signal, leaveQueue);
    }
    this.state = State.Running;
    let result: unknown;
    try {
      result = fn();
    } catch (error) {
      this.finish();
      return failed(error);
    }
    if (!isThenable(result)) {
      this.finish();
      return completed(undefined);
    }
    return Promise.resolve(result).then(
      () => this.finish(),
      (error: unknown) => {
        this.finish();
        throw error;
      },
    );
  }

  /** `[object Once]`. */
  get [Symbol.toStringTag](): string {
    return 'Once';
  }

  /** `Once { done: false, running: true, waiting: 1 }`, for `console.log` and `util.inspect`. */
  [inspectCustom](): string {
    return formatState('Once', undefined, {
      done: this.state === State.Done,
      running: this.state === State.Running,
      waiting: this.waiters.size,
    });
  }

  /** `fn` returned or threw: `do` is done, and whoever waited for it resumes. */
  private finish(): void {
    this.state = State.Done;
    wakeAll(this.waiters);
  }
}
