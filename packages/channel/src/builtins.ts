/**
 * Go's built-in functions on channels, taking `null` as the nil channel: `close`, `len`, `cap`.
 *
 * @module
 */
import type { Receiver, Sender } from './chan.js';
import { CloseOfNilChannelError } from './errors.js';

/**
 * Go's `close(ch)`: see {@link Chan.close}. Never blocks.
 * @throws CloseOfNilChannelError for `null`; CloseOfClosedChannelError when already closed.
 */
export function close<T>(ch: Sender<T> | null): void {
  if (ch === null) throw new CloseOfNilChannelError();
  ch.close();
}

/** Go's `len(ch)`: how many values are buffered; 0 for `null`. Never blocks. */
export function len<T>(ch: Sender<T> | Receiver<T> | null): number {
  return ch === null ? 0 : ch.length;
}

/** Go's `cap(ch)`: the buffer's capacity; 0 for `null`. Never blocks. */
export function cap<T>(ch: Sender<T> | Receiver<T> | null): number {
  return ch === null ? 0 : ch.capacity;
}
