/**
 * 8 producers and 8 consumers on one channel of capacity 64. Every value is sent once; the check
 * afterwards fails the run unless every value was received exactly once.
 *
 * @module
 */
import { opsPerSecond, repeat, repeats } from '../../harness/measure.js';
import { channelWorkload } from './define.js';

const producers = 8;
const consumers = 8;

export default channelWorkload((lib, settings) => {
  const perProducer = settings.quick ? 8_000 : 40_000;
  const total = producers * perProducer;
  return repeat(repeats(settings), async () => {
    const ch = lib.make(64);
    const seen = new Uint8Array(total);
    const produce = async (p: number): Promise<void> => {
      for (let k = 0; k < perProducer; k++) await lib.send(ch, p * perProducer + k);
    };
    const consume = async (): Promise<void> => {
      for (let v = lib.valueOf(await lib.recv(ch)); v !== undefined; v = lib.valueOf(await lib.recv(ch))) seen[v]!++;
    };
    const opsPerSec = await opsPerSecond(total, async () => {
      const consuming = Array.from({ length: consumers }, consume);
      await Promise.all(Array.from({ length: producers }, (_, p) => produce(p)));
      lib.close(ch);
      await Promise.all(consuming);
    });
    const wrong = seen.findIndex((count) => count !== 1);
    if (wrong >= 0) throw new Error(`mpmc: value ${wrong} received ${seen[wrong]} times`);
    return { opsPerSec, exactlyOnce: 1 };
  });
});
