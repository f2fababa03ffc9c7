/**
 * Errors thrown where Go panics. Each `message` is Go's panic text, so a ported program fails
 * with the words its Go original would print; each extends {@link GoPanicError}.
 *
 * @module
 */
import { GoPanicError } from './panic-error.js';

/**
 * Thrown by a send on a closed channel: Go's `panic: send on closed channel`.
 *
 * Thrown synchronously by {@link Chan.trySend} and `trySelect`; the promise of
 * {@link Chan.send} or `select` rejects with it, both for a send started after `close` and
 * for a sender that was parked when the channel was closed.
 */
export class SendOnClosedChannelError extends GoPanicError {
  constructor() {
    super('send on closed channel');
  }
}

/**
 * Thrown synchronously by `close` on a channel that is already closed: Go's
 * `panic: close of closed channel`. Close a channel exactly once, from the sending side.
 */
export class CloseOfClosedChannelError extends GoPanicError {
  constructor() {
    super('close of closed channel');
  }
}

/**
 * Thrown synchronously by `close(null)`: Go's `panic: close of nil channel`.
 */
export class CloseOfNilChannelError extends GoPanicError {
  constructor() {
    super('close of nil channel');
  }
}

/**
 * Thrown synchronously by `time.newTicker`, `time.tick` and `Ticker.reset` for an interval that is
 * not a positive number: Go's `panic: non-positive interval for NewTicker` (for `reset`, Go's
 * `non-positive interval for Ticker.Reset`).
 */
export class NonPositiveIntervalError extends GoPanicError {
  constructor(message = 'non-positive interval for NewTicker') {
    super(message);
  }
}
