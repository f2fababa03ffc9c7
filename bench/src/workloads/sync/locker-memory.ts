/** Heap per locker parked on a held mutex. @module */
import { bytesPerItem, memoryRepeats, repeat } from '../../harness/measure.js';
import type { Workload } from '../../harness/workload.js';
import { loadMutexLib } from '../../libs/mutex-lib.js';

const workload: Workload = {
  run: async (id, settings) => {
    const lib = await loadMutexLib(id);
    const count = settings.quick ? 20_000 : 100_000;
    return repeat(memoryRepeats(settings), async () => {
      const mutex = lib.make();
      await lib.lock(mutex);
      return { bytesPerLocker: await bytesPerItem(count, () => lib.lock(mutex)) };
    });
  },
};
export default workload;
