/**
 * Go's built-in functions on channels, taking `null` as the nil channel: `close`, `len`, `cap`.
 *
 * @module
 */
import { chanArgument, type Receiver, type Sender } from './chan.js';
import { CloseOfNilChannelError } from './errors.js';

/**
 * Go's `close(ch)`: see {@link Chan.close}. Never blocks. Parked receivers wake with `undefined`
 * once the buffer is drained; parked and later senders reject with `SendOnClosedChannelError`.
 *
 * @throws {@link CloseOfNilChannelError} for `null`; {@link CloseOfClosedChannelError} when
 *   already closed; TypeError when `ch` is not a channel (`undefined` is not Go's nil: use `null`).
 * @example
 * ```ts
 * close(jobs); // close(jobs)
 * ```
 */
export function close<T>(ch: Sender<T> | null): void {
  const chan = chanArgument(ch, 'close');
  if (chan === null) throw new CloseOfNilChannelError();
  chan.close();
}

/**
 * Go's `len(ch)`: how many values are buffered now; 0 for `null` and for unbuffered channels.
 * Never blocks.
 *
 * @throws TypeError when `ch` is neither a channel nor `null`.
 * @example
 * ```ts
 * console.log(`${len(jobs)} of ${cap(jobs)} slots used`);
 * ```
 */
export function len<T>(ch: Sender<T> | Receiver<T> | null): number {
  const chan = chanArgument(ch, 'len');
  return chan === null ? 0 : chan.length;
}

/**
 * Go's `cap(ch)`: the buffer's capacity; 0 for `null` and for unbuffered channels. Never blocks.
 *
 * @throws TypeError when `ch` is neither a channel nor `null`.
 */
export function cap<T>(ch: Sender<T> | Receiver<T> | null): number {
  const chan = chanArgument(ch, 'cap');
  return chan === null ? 0 : chan.capacity;
}
