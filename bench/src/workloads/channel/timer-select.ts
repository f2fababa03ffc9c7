/**
 * The timeout loop every Go server has: `select { case v := <-ready: case <-time.After(10 * time.Second): }`,
 * with a producer feeding `ready`. Reports throughput, how many timers are still armed after the
 * loop, and the heap each iteration leaves behind: the growth of the live heap (after a full
 * collection) between the middle and the end of the loop, divided by the iterations in between,
 * so one-time costs (code, caches) in the first half do not count as a leak.
 *
 * @module
 */
import { armedTimers, cpuMs, liveHeap, repeat, repeats } from '../../harness/measure.js';
import { channelWorkload } from './define.js';

export default channelWorkload((lib, settings) => {
  const half = settings.quick ? 10_000 : 50_000;
  return repeat(repeats(settings), async () => {
    const timersBefore = armedTimers();
    const ready = lib.make(0);
    const produce = async (): Promise<void> => {
      for (let i = 0; ; i++) await lib.send(ready, i);
    };
    const loop = (): Promise<number> =>
      cpuMs(async () => {
        for (let i = 0; i < half; i++) await lib.recvOrTimeout(ready, 10_000);
      });
    void produce().catch(() => {});
    const firstMs = await loop();
    const heapMiddle = liveHeap();
    const secondMs = await loop();
    const heapEnd = liveHeap();
    lib.close(ready);
    const timersArmed = armedTimers() - timersBefore;
    lib.clearTimers();
    return {
      opsPerSec: (2 * half) / ((firstMs + secondMs) / 1000),
      retainedBytesPerIter: (heapEnd - heapMiddle) / half,
      timersArmed,
    };
  });
});
