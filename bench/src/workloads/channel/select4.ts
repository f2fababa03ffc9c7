/**
 * One consumer selecting over 4 unbuffered channels, each fed by its own producer that never
 * stops. Reports throughput and each channel's share of the selections (a fair select gives 25%
 * each).
 *
 * @module
 */
import { opsPerSecond, repeat, repeats } from '../../harness/measure.js';
import { channelWorkload } from './define.js';

export default channelWorkload((lib, settings) => {
  const n = settings.quick ? 20_000 : 200_000;
  return repeat(repeats(settings), async () => {
    const chans = [lib.make(0), lib.make(0), lib.make(0), lib.make(0)] as const;
    const counts = [0, 0, 0, 0];
    const produce = async (ch: (typeof chans)[number]): Promise<void> => {
      try {
        for (let i = 0; ; i++) await lib.send(ch, i);
      } catch {
        // The channel was closed: the run is over.
      }
    };
    const loop = lib.selectLoop(chans);
    let producing: Promise<void[]> | undefined;
    const opsPerSec = await opsPerSecond(n, async () => {
      producing = Promise.all(chans.map(produce));
      for (let i = 0; i < n; i++) counts[loop.index(await loop.next())]!++;
    });
    for (const ch of chans) lib.close(ch);
    await producing;
    const [share0, share1, share2, share3] = counts.map((count) => (100 * count) / n) as [number, number, number, number];
    const maxDeviationPp = Math.max(...[share0, share1, share2, share3].map((share) => Math.abs(share - 25)));
    return { opsPerSec, share0, share1, share2, share3, maxDeviationPp };
  });
});
