/** Heap per job queued behind 8 busy workers. @module */
import { bytesPerItem, memoryRepeats, repeat } from '../../harness/measure.js';
import type { Workload } from '../../harness/workload.js';
import { loadPoolLib } from '../../libs/pool-lib.js';

const task = async (): Promise<void> => {};

const workload: Workload = {
  run: async (id, settings) => {
    const lib = await loadPoolLib(id);
    const count = settings.quick ? 20_000 : 100_000;
    return repeat(memoryRepeats(settings), async () => {
      const submit = lib.blockedPool(8);
      return { bytesPerJob: await bytesPerItem(count, () => submit(task)) };
    });
  },
};
export default workload;
