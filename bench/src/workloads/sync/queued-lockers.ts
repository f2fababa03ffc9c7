/**
 * Many lockers queued on one held mutex, then served one after the other: the time from the
 * first `lock()` call to the last locker's unlock, at 50k and at 200k lockers. A queue with O(1)
 * dequeue takes about 4 times as long for 4 times the lockers; one built on `Array.shift` grows
 * quadratically (async-mutex at 200k takes tens of seconds, so it runs 50k once per round
 * without warm-up, and 200k only once, not with `--quick`).
 *
 * @module
 */
import { cpuMs, repeat, repeats } from '../../harness/measure.js';
import type { Sample, Workload } from '../../harness/workload.js';
import { loadMutexLib, type MutexLib } from '../../libs/mutex-lib.js';

/** Serves `count` queued lockers; returns the milliseconds it took. */
async function serve(lib: MutexLib, count: number): Promise<number> {
  const mutex = lib.make();
  const first = await lib.lock(mutex);
  return cpuMs(
    () =>
      new Promise<void>((resolve) => {
        let served = 0;
        const unlock = (token: unknown): void => {
          lib.unlock(mutex, token);
          if (++served === count) resolve();
        };
        for (let i = 0; i < count; i++) void lib.lock(mutex).then(unlock);
        lib.unlock(mutex, first);
      }),
  );
}

const slow = 'async-mutex';

const workload: Workload = {
  run: async (id, settings) => {
    const lib = await loadMutexLib(id);
    // async-mutex: one 50k run per round, 200k once in the first round of a full run.
    const quadratic = id === slow;
    const small = await repeat(quadratic ? { warmupMs: 0, runs: 1 } : repeats(settings), async (): Promise<Sample> => {
      const ms = await serve(lib, 50_000);
      return { opsPerSec: 50_000 / (ms / 1000), ms50k: ms };
    });
    if (quadratic && (settings.quick || settings.round > 0)) return small;
    const large = await repeat(quadratic || settings.quick ? { warmupMs: 0, runs: 1 } : repeats(settings), async () => ({
      ms200k: await serve(lib, 200_000),
    }));
    return { ...small, ...large };
  },
};
export default workload;
