/**
 * A parked operation: a node in a {@link WaitQueue} whose promise settles when a counterpart
 * completes it, or rejects with `signal.reason` when its signal aborts. Channels, `select` and
 * every `@csp/sync` primitive park through this one class, so abort handling and the deadlock
 * report work the same everywhere.
 *
 * @module
 */
import { parkedOperations, type Subject } from './parked-operations.js';
import { WaitNode } from './wait-queue.js';

const unset = (): void => {};

/**
 * One blocked call. Create it, enqueue it, then {@link Waiter.park}; whoever completes the
 * operation dequeues it and calls {@link Waiter.resolve} (or {@link Waiter.reject}).
 */
export class Waiter<R = unknown> extends WaitNode {
  private resolver: (value: R) => void = unset;
  private rejecter: (reason: unknown) => void = unset;
  private signal: AbortSignal | null = null;
  private onAbort: (() => void) | null = null;
  /** Whether the waiter has settled (resolved, rejected or aborted). */
  settled = false;

  /**
   * Returns the promise of this waiter. `reason` is Go's wait reason (`chan receive`,
   * `sync.Mutex.Lock`, ...) and `subject` names what it waits on; both appear in the deadlock
   * report. When `signal` aborts, `undo` must remove every trace of the operation (it is called
   * once, before the promise rejects with `signal.reason`).
   */
  park(reason: string, subject: Subject, signal: AbortSignal | null | undefined, undo: (waiter: this) => void): Promise<R> {
    const promise = new Promise<R>((resolve, reject) => {
      this.resolver = resolve;
      this.rejecter = reject;
    });
    if (signal != null) {
      this.signal = signal;
      this.onAbort = () => {
        if (this.settled) return;
        undo(this);
        this.reject(signal.reason);
      };
      signal.addEventListener('abort', this.onAbort, { once: true });
    }
    parkedOperations.add(this, reason, subject);
    return promise;
  }

  /** Settles the promise with `value`; later calls are ignored. */
  resolve(value: R): void {
    if (this.release()) this.resolver(value);
  }

  /** Rejects the promise with `reason`; later calls are ignored. */
  reject(reason: unknown): void {
    if (this.release()) this.rejecter(reason);
  }

  private release(): boolean {
    if (this.settled) return false;
    this.settled = true;
    if (this.onAbort !== null) {
      this.signal!.removeEventListener('abort', this.onAbort);
      this.onAbort = null;
      this.signal = null;
    }
    parkedOperations.delete(this);
    return true;
  }
}
