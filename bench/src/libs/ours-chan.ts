/** `@csp/channel` as a {@link ChannelLib}. @module */
import { Chan, recv, select, time } from '@csp/channel';
import type { ChannelLib } from './channel-lib.js';

type Num = Chan<number>;

export const oursChan: ChannelLib<Num, number | undefined> = {
  make: (capacity) => new Chan<number>(capacity),
  send: (ch, value) => ch.send(value),
  recv: (ch) => ch.recv(),
  valueOf: (received) => received,
  close: (ch) => ch.close(),
  selectLoop: ([a, b, c, d]) => ({
    next: () => select([recv(a), recv(b), recv(c), recv(d)]),
    index: (selected: { index: number }) => selected.index,
  }),
  recvOrTimeout: (ready, ms) => select([recv(ready), recv(time.after(ms))]),
  clearTimers: () => {},
};
