/**
 * 64 tasks contending on one mutex; each iteration locks, awaits once inside the critical
 * section, and unlocks. A run fails if two tasks are ever inside at once. One op is one
 * lock/unlock pair.
 *
 * @module
 */
import { opsPerSecond, repeat, repeats } from '../../harness/measure.js';
import type { Workload } from '../../harness/workload.js';
import { loadMutexLib } from '../../libs/mutex-lib.js';

const tasks = 64;

const workload: Workload = {
  run: async (id, settings) => {
    const lib = await loadMutexLib(id);
    const perTask = settings.quick ? 500 : 3_000;
    return repeat(repeats(settings), async () => {
      const mutex = lib.make();
      let inside = 0;
      const task = async (): Promise<void> => {
        for (let i = 0; i < perTask; i++) {
          const token = await lib.lock(mutex);
          if (inside++ !== 0) throw new Error('mutex: two holders at once');
          await null;
          inside--;
          lib.unlock(mutex, token);
        }
      };
      const opsPerSec = await opsPerSecond(tasks * perTask, async () => {
        await Promise.all(Array.from({ length: tasks }, task));
      });
      return { opsPerSec };
    });
  },
};
export default workload;
