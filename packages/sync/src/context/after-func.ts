/**
 * Go's `context.AfterFunc`.
 *
 * @module
 */
import { go } from '@csp/channel';
import type { WaitNode, WaitQueue } from '@csp/channel/internal';
import { checkParent, type Canceler } from './base.js';
import { propagateCancel, removeChild } from './cancel-context.js';
import type { Context } from './context.js';

/** An `afterFunc` registration: a child of its context that runs `f` instead of cancelling. */
class AfterFunc implements Canceler {
  detach: (() => void) | null = null;
  prev: WaitNode | null = null;
  next: WaitNode | null = null;
  queue: WaitQueue<any> | null = null;
  /** `f` until it was started or stopped, then `null`. */
  private f: (() => unknown) | null;
  private started = false;

  constructor(f: () => unknown) {
    this.f = f;
  }

  markCanceled(): boolean {
    if (this.f === null || this.started) return false;
    this.started = true;
    this.detach?.();
    this.detach = null;
    return true;
  }

  notifyCanceled(): void {
    const f = this.f;
    this.f = null;
    if (f !== null) go(f);
  }

  /** Whether `f` is neither started nor stopped; stops it if so. */
  stop(): boolean {
    if (this.f === null || this.started) return false;
    this.f = null;
    return true;
  }
}

/**
 * Go's `context.AfterFunc(ctx, f)`: arranges to run `f` as a goroutine (see `go` in
 * `@csp/channel`) once `ctx` is done, at once when it already is. Never blocks.
 *
 * Returns `stop`, which unregisters `f`: it returns `true` when it kept `f` from running, and
 * `false` when `f` has already been started or stopped. As with `go`, an error thrown by `f`
 * crashes the program.
 *
 * @throws TypeError when `ctx` is missing.
 */
export function afterFunc(ctx: Context, f: () => unknown): () => boolean {
  const registration = new AfterFunc(f);
  propagateCancel(checkParent(ctx), registration);
  return () => {
    if (!registration.stop()) return false;
    removeChild(registration);
    return true;
  };
}
