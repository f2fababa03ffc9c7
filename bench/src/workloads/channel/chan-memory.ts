/** Heap per unbuffered channel with one parked receiver. @module */
import { bytesPerItem, memoryRepeats, repeat } from '../../harness/measure.js';
import { channelWorkload } from './define.js';

export default channelWorkload((lib, settings) => {
  const count = settings.quick ? 20_000 : 100_000;
  return repeat(memoryRepeats(settings), async () => ({
    bytesPerChannel: await bytesPerItem(count, () => {
      const ch = lib.make(0);
      void lib.recv(ch);
      return ch;
    }),
  }));
});
