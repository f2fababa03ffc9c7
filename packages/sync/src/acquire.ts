/**
 * Parking for acquire-like operations (`lock`, `rLock`, `acquire`): the shared rules that make
 * an aborted acquire hold nothing.
 *
 * Ownership is handed over at release time: the releasing call resolves the head waiter's
 * promise while the lock (or the permits) stays taken on its behalf, so no newcomer can barge in
 * before the waiter resumes. If the waiter's signal aborts after that hand-over but before the
 * waiter resumes, the acquire gives what it was handed back (passing it on to the next waiter)
 * and rejects with `signal.reason`, as x/sync's `Weighted.Acquire` does.
 *
 * @module
 */
import type { Subject, Waiter } from '@csp/channel/internal';

/**
 * Parks `waiter` (already queued) for an acquire. `undo` removes it when `signal` aborts first;
 * `giveBack` releases what was granted when `signal` aborted after the grant. The releasing side
 * grants with `handOff(waiter, undefined, giveBack)`, which covers an abort between the grant
 * and the settling of a hand-off put off to the next turn.
 */
export function parkAcquire<W extends Waiter<void>>(
  waiter: W,
  reason: string,
  subject: Subject,
  signal: AbortSignal | null | undefined,
  undo: (waiter: W) => void,
  giveBack: (waiter: W) => void,
): Promise<void> {
  const granted = waiter.park(reason, subject, signal, undo);
  if (signal === null || signal === undefined) return granted;
  return granted.then(() => {
    if (!signal.aborted) return;
    giveBack(waiter);
    throw signal.reason;
  });
}
