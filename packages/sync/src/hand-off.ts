/**
 * Completing a parked waiter within the event-loop budget the channels use (see `scheduler.ts`
 * in `@csp/channel`). A lock passed from task to task, or a wait group joined in a loop, runs on
 * promise jobs only; every hand-off spends one unit of the budget, and once it is spent the
 * waiter's promise settles on the next macrotask instead, so timers and I/O get their turn. The
 * hand-off itself still happens at once: the lock or the permits are the waiter's from the
 * call on, nobody can barge in meanwhile.
 *
 * @module
 */
import { settleNextTurn, spend, type Waiter } from '@csp/channel/internal';

/**
 * Resolves `waiter` (already out of its queue) with `value`, now or, over budget, on the next
 * turn. When `waiter` was aborted before that turn came, `giveBack(waiter)` returns what it was
 * granted (passes the lock on, releases the permits).
 */
export function handOff<W extends Waiter<any>>(
  waiter: W,
  value: W extends Waiter<infer R> ? R : never,
  giveBack: ((waiter: W) => void) | null,
): void {
  if (spend()) {
    waiter.resolve(value);
    return;
  }
  settleNextTurn(() => {
    if (!waiter.settled) waiter.resolve(value);
    else if (giveBack !== null) giveBack(waiter);
  });
}

/** Rejects `waiter` (already out of its queue) with `reason`, now or, over budget, on the next turn. */
export function handOffError(waiter: Waiter<any>, reason: unknown): void {
  if (spend()) waiter.reject(reason);
  else settleNextTurn(() => waiter.reject(reason));
}
