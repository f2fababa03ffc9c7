/**
 * Which test bubble a channel belongs to. Go's `testing/synctest` associates a channel made inside
 * a bubble with that bubble, and panics when a goroutine outside it (or in another bubble) sends,
 * receives, selects on or closes it. Here the bubble is known by its clock (see
 * `Clock.bubbled` and `setClockProvider`); outside every bubble nothing is recorded, so an
 * ordinary channel pays one `undefined` check per operation.
 *
 * @module
 */
import { currentClock, type Clock } from './clock.js';
import { GoPanicError } from './panic-error.js';

/** The operations Go's panic names. */
export type BubbledOperation = 'send on' | 'receive on' | 'close of' | 'select on';

/**
 * Thrown (or the promise rejects with it) when a channel made inside a test bubble
 * (`@csp/testing`'s `synctest.test`) is sent to, received from, selected on or closed from
 * outside that bubble, after it ended or from another bubble. Go panics with the same text,
 * `send on synctest channel from outside bubble` (or `receive on`, `select on`, `close of`).
 */
export class ChanOutsideBubbleError extends GoPanicError {
  constructor(readonly operation: BubbledOperation) {
    super(
      `${operation} synctest channel from outside bubble: the channel was made inside a synctest bubble, ` +
        'so only the goroutines of that bubble may use it; make it outside the bubble to share it',
    );
  }
}

/** The bubble running here and now, known by its clock; `undefined` outside every bubble. Never blocks. */
export function currentBubble(): Clock | undefined {
  const clock = currentClock();
  return clock.bubbled === true ? clock : undefined;
}

/** Whether the code running now is outside `bubble` (the clock of the bubble a channel belongs to). */
export function outsideBubble(bubble: Clock): boolean {
  return currentClock() !== bubble;
}
