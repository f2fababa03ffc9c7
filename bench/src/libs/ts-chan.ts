/**
 * `ts-chan` 0.6.0 as a {@link ChannelLib}, in its default mode (every high-level operation
 * yields to the macrotask queue) or with `setUnsafe(true)` on every channel and select, which
 * skips that yield. Its `Select` is built once per loop and reused, as its README advises.
 *
 * @module
 */
import { Chan, Select, recv } from 'ts-chan';
import type { ChannelLib } from './channel-lib.js';
import { clearNaiveTimers, naiveAfter } from './timers.js';

type Num = Chan<number>;

export function tsChan(unsafe: boolean): ChannelLib<Num, IteratorResult<number, number | undefined>> {
  const make = (capacity: number): Num => new Chan<number>(capacity).setUnsafe(unsafe);
  return {
    make,
    send: (ch, value) => ch.send(value),
    recv: (ch) => ch.recv(),
    valueOf: (received) => (received.done === true ? undefined : received.value),
    close: (ch) => ch.close(),
    selectLoop: (chans) => {
      const s = new Select(chans.map((ch) => recv(ch))).setUnsafe(unsafe);
      return {
        next: () => s.wait(),
        index: (i: number) => {
          s.recv(s.cases[i]!);
          return i;
        },
      };
    },
    recvOrTimeout: async (ready, ms) => {
      const timeout = naiveAfter(
        ms,
        () => make(1),
        (ch) => ch.trySend(0),
      );
      const s = new Select([recv(ready), recv(timeout)]).setUnsafe(unsafe);
      const i = await s.wait();
      return s.recv(s.cases[i]!);
    },
    clearTimers: clearNaiveTimers,
  };
}
