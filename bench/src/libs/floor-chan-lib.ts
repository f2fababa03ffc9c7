/** The hand-written floor channel as a {@link ChannelLib}. @module */
import type { ChannelLib } from './channel-lib.js';
import { FloorChan, floorSelect } from './floor-chan.js';
import { clearNaiveTimers, naiveAfter } from './timers.js';

type Num = FloorChan<number>;

export const floorChan: ChannelLib<Num, number | undefined> = {
  make: (capacity) => new FloorChan<number>(capacity),
  send: (ch, value) => ch.send(value),
  recv: (ch) => ch.recv(),
  valueOf: (received) => received,
  close: (ch) => ch.close(),
  selectLoop: (chans) => ({ next: () => floorSelect(chans), index: (i: number) => i }),
  recvOrTimeout: (ready, ms) => {
    const timeout = naiveAfter(
      ms,
      () => new FloorChan<number>(1),
      (ch) => void ch.send(0),
    );
    return floorSelect([ready, timeout]);
  },
  clearTimers: clearNaiveTimers,
};
