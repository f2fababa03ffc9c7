/**
 * What a bounded channel fed by a source that cannot wait (events) or should not (a stream read
 * ahead) does when it is full: the overflow policies of {@link fromEvent} and {@link fromReadable}.
 *
 * @module
 */
import type { Chan } from '@csp/channel';
import { describeValue, parkedOperations } from '@csp/channel/internal';
import { ChannelOverflowError } from '../errors.js';

/**
 * - `'block'`: wait for room, as Go's `ch <- v` (for a stream: stop reading, which is
 *   back-pressure; for events, which cannot wait: each waits as a parked send, in order).
 * - `'drop-newest'`: drop the value that does not fit.
 * - `'drop-oldest'`: drop the oldest buffered value to make room (a sliding window).
 * - `'error'`: stop with {@link ChannelOverflowError}.
 */
export type OverflowPolicy = 'block' | 'drop-newest' | 'drop-oldest' | 'error';

const policies: readonly OverflowPolicy[] = ['block', 'drop-newest', 'drop-oldest', 'error'];

/**
 * `overflow` when it is a policy; `'drop-oldest'` needs a buffer (`capacity ≥ 1`).
 * @throws TypeError naming `owner` for an unknown policy; RangeError for `'drop-oldest'` without a buffer.
 */
export function overflowPolicy(owner: string, overflow: OverflowPolicy, capacity: number): OverflowPolicy {
  if (!policies.includes(overflow)) {
    throw new TypeError(
      `${owner}: overflow must be one of ${policies.map((p) => `'${p}'`).join(', ')}, got ${describeValue(overflow)}`,
    );
  }
  if (overflow === 'drop-oldest' && capacity < 1) {
    throw new RangeError(`${owner}: overflow 'drop-oldest' needs a capacity of at least 1, got ${capacity}`);
  }
  return overflow;
}

/**
 * Puts `value` into `channel` under `policy`. Returns `null` when done at once (sent or dropped),
 * or the promise of a send that waits for room (`'block'` only).
 * @throws ChannelOverflowError under `'error'` when the channel is full.
 */
export function offer<T>(owner: string, channel: Chan<T>, value: T, policy: OverflowPolicy): Promise<void> | null {
  if (channel.trySend(value)) return null;
  switch (policy) {
    case 'block':
      // The adapter's own goroutine waits here: values left unread when the program ends are not
      // a deadlock (a reader that can never get one still is, at its own line).
      return parkedOperations.parkDaemon(() => channel.send(value));
    case 'drop-newest':
      return null;
    case 'drop-oldest':
      channel.tryRecv(); // only this source sends, so one value out makes room for this one
      channel.trySend(value);
      return null;
    case 'error':
      throw new ChannelOverflowError(owner, channel.capacity);
  }
}
