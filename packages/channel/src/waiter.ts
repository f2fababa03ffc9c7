/**
 * A parked operation: a node in a {@link WaitQueue} whose promise settles when a counterpart
 * completes it, or rejects with `signal.reason` when its signal aborts. Channels, `select` and
 * every `@csp/sync` primitive park through this one class, so abort handling and the deadlock
 * report work the same everywhere.
 *
 * Memory matters here (one per blocked call): only the promise's resolve function is kept; a
 * rejection settles it with a rejected promise instead, which is rare (abort, close of a
 * channel with parked senders) and costs two extra microtask ticks.
 *
 * @module
 */
import { parkedOperations, type Subject } from './parked-operations.js';
import type { WaitNode, WaitQueue } from './wait-queue.js';
import { watchAbort, type AbortLink } from './abort-watch.js';
import { tracer } from './trace-hooks.js';

let capturedResolve: (value: any) => void = () => {};
/** One shared promise executor, so parking allocates no closure for it. */
function captureResolve(resolve: (value: any) => void): void {
  capturedResolve = resolve;
}
const notParked = (): void => {};

/**
 * One blocked call. Create it, enqueue it, then {@link Waiter.park}; whoever completes the
 * operation dequeues it and calls {@link Waiter.resolve} (or {@link Waiter.reject}).
 */
export class Waiter<R = unknown> implements WaitNode {
  /** The previous node in {@link Waiter.queue}. */ prev: WaitNode | null = null;
  /** The next node in {@link Waiter.queue}. */ next: WaitNode | null = null;
  /** The queue this waiter is in, or `null`. */
  queue: WaitQueue<any> | null = null;
  /** The promise's resolve function; `null` once settled. */
  private resolver: ((value: R | PromiseLike<R>) => void) | null = notParked;
  /** Set only for a waiter parked with a signal, so the others have no slot for it. */
  declare private abort: AbortLink | undefined;

  /** Whether the waiter has settled (resolved, rejected or aborted). */
  get settled(): boolean {
    return this.resolver === null;
  }

  /**
   * Returns the promise of this waiter. `reason` is Go's wait reason (`chan receive`,
   * `sync.Mutex.Lock`, ...) and `subject` names what it waits on; both appear in the deadlock
   * report. When `signal` aborts, `undo` must remove every trace of the operation (it is called
   * once, before the promise rejects with `signal.reason`).
   */
  park(reason: string, subject: Subject, signal: AbortSignal | null | undefined, undo: (waiter: this) => void): Promise<R> {
    const promise = new Promise<R>(captureResolve);
    this.resolver = capturedResolve;
    if (signal !== null && signal !== undefined) {
      this.abort = watchAbort(signal, (reason) => {
        this.abort = undefined;
        if (this.settled) return;
        undo(this);
        this.reject(reason);
      });
    }
    parkedOperations.add(this, reason, subject);
    if (tracer !== null) tracer.park(this, reason, subject);
    return promise;
  }

  /** Settles the promise with `value`; later calls are ignored. */
  resolve(value: R): void {
    const resolver = this.release();
    if (tracer !== null && resolver !== null) tracer.unpark(this, true);
    if (resolver !== null) resolver(value);
  }

  /** Rejects the promise with `reason`; later calls are ignored. */
  reject(reason: unknown): void {
    const resolver = this.release();
    if (tracer !== null && resolver !== null) tracer.unpark(this, false);
    if (resolver !== null) resolver(Promise.reject(reason));
  }

  private release(): ((value: R | PromiseLike<R>) => void) | null {
    const resolver = this.resolver;
    if (resolver === null) return null;
    this.resolver = null;
    if (this.abort !== undefined) {
      this.abort.unlink();
      this.abort = undefined;
    }
    parkedOperations.delete(this);
    return resolver;
  }
}
