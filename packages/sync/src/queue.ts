/**
 * Helpers on a `WaitQueue` of parked waiters, shared by the primitives.
 *
 * @module
 */
import type { Waiter, WaitQueue } from '@csp/channel/internal';
import { handOff } from './hand-off.js';

/** The usual `undo` of a parked waiter: leave the queue it waits in. */
export function leaveQueue(waiter: Waiter<any>): void {
  waiter.queue?.remove(waiter);
}

/**
 * Resolves every waiter in `queue`, first come first served, and empties it (within the
 * event-loop budget, see {@link handOff}).
 */
export function wakeAll(queue: WaitQueue<Waiter<void>>): void {
  for (let waiter = queue.dequeue(); waiter !== null; waiter = queue.dequeue()) handOff(waiter, undefined, null);
}
