/**
 * Single producer, single consumer on a channel of the given capacity: the producer sends `n`
 * values and closes, the consumer receives until closed. Meanwhile the fairness probe counts how
 * often a self-rescheduling `setTimeout(0)` gets to fire.
 *
 * @module
 */
import { opsPerSecond, repeat, repeats, startFairnessProbe } from '../../harness/measure.js';
import type { Workload } from '../../harness/workload.js';
import { channelWorkload } from './define.js';

export function spsc(capacity: number): Workload {
  return channelWorkload((lib, settings) => {
    const n = settings.quick ? 50_000 : 300_000;
    return repeat(repeats(settings), async () => {
      const ch = lib.make(capacity);
      const probe = startFairnessProbe();
      const produce = async (): Promise<void> => {
        for (let i = 0; i < n; i++) await lib.send(ch, i);
        lib.close(ch);
      };
      let received = 0;
      const opsPerSec = await opsPerSecond(n, async () => {
        const producing = produce();
        while (lib.valueOf(await lib.recv(ch)) !== undefined) received++;
        await producing;
      });
      const timerFiresPerSec = probe.stop();
      if (received !== n) throw new Error(`spsc: received ${received} of ${n}`);
      return { opsPerSec, timerFiresPerSec };
    });
  });
}
