/**
 * Go's built-in functions on channels, taking `null` as the nil channel: `close`, `len`, `cap`.
 *
 * @module
 */
import type { Receiver, Sender } from './chan.js';
import { CloseOfNilChannelError } from './errors.js';

/**
 * Go's `close(ch)`: see {@link Chan.close}. Never blocks. Parked receivers wake with `undefined`
 * once the buffer is drained; parked and later senders reject with `SendOnClosedChannelError`.
 *
 * @throws {@link CloseOfNilChannelError} for `null`; {@link CloseOfClosedChannelError} when
 *   already closed.
 * @example
 * ```ts
 * close(jobs); // close(jobs)
 * ```
 */
export function close<T>(ch: Sender<T> | null): void {
  if (ch === null) throw new CloseOfNilChannelError();
  ch.close();
}

/**
 * Go's `len(ch)`: how many values are buffered now; 0 for `null` and for unbuffered channels.
 * Never blocks, never throws.
 *
 * @example
 * ```ts
 * console.log(`${len(jobs)} of ${cap(jobs)} slots used`);
 * ```
 */
export function len<T>(ch: Sender<T> | Receiver<T> | null): number {
  return ch === null ? 0 : ch.length;
}

/** Go's `cap(ch)`: the buffer's capacity; 0 for `null` and for unbuffered channels. Never blocks. */
export function cap<T>(ch: Sender<T> | Receiver<T> | null): number {
  return ch === null ? 0 : ch.capacity;
}
