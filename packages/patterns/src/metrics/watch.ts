/**
 * A periodic stream of metrics snapshots on a channel, for dashboards and logs: Go's
 * `for range ticker.C { report(stats) }` loop, packaged.
 *
 * @module
 */
import { Chan, newTicker, recv, select, type BlockingOptions, type Receiver } from '@csp/channel';
import { signalOf } from '@csp/channel/internal';
import { positiveDuration } from '../settings.js';

/**
 * A channel that delivers `snapshot(previous)` every `interval` milliseconds: Go's
 * `for range ticker.C { report(stats) }` loop, packaged. Never blocks. It
 * holds one snapshot; if the reader is slower than the ticker, snapshots are dropped (as Go's
 * ticker drops ticks) rather than queued. When `until` delivers or closes (e.g. a pool's
 * `done()`), a last snapshot replaces any unread one and the channel closes: the last snapshot is
 * never lost, and a reader that stopped reading (a `break` out of `for await`) leaves nothing
 * blocked behind. When `signal` aborts, it closes at once. Until then its ticker keeps the
 * program alive.
 *
 * @throws RangeError naming `interval` unless it is a positive number of milliseconds.
 */
export function watch<M>(
  snapshot: (previous: M | undefined) => M,
  interval: number,
  until: Receiver<unknown> | null,
  options?: BlockingOptions,
): Receiver<M> {
  positiveDuration('watch', 'interval', interval);
  const signal = signalOf(options, 'watch');
  const output = new Chan<M>(1, { name: 'metrics' });
  const blocking = { signal };
  void (async () => {
    const ticker = newTicker(interval);
    let previous: M | undefined;
    try {
      for (;;) {
        const fired = await select([recv(ticker.c), recv(until)], blocking);
        previous = snapshot(previous);
        if (fired.index === 1) {
          if (!output.trySend(previous)) {
            output.tryRecv(); // only this loop sends: once the unread snapshot is out, there is room
            output.trySend(previous);
          }
          return;
        }
        output.trySend(previous);
      }
    } catch {
      // aborted: close without a last snapshot
    } finally {
      ticker.stop();
      output.close();
    }
  })();
  return output;
}
