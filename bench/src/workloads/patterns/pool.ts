/** 200k tasks of one `await` each through a pool of 8 workers. One op is one task. @module */
import { opsPerSecond, repeat, repeats } from '../../harness/measure.js';
import type { Workload } from '../../harness/workload.js';
import { loadPoolLib } from '../../libs/pool-lib.js';

const task = async (): Promise<void> => {
  await null;
};

const workload: Workload = {
  run: async (id, settings) => {
    const lib = await loadPoolLib(id);
    const count = settings.quick ? 40_000 : 200_000;
    return repeat(repeats(settings), async () => ({
      opsPerSec: await opsPerSecond(count, () => lib.runAll(count, 8, task)),
    }));
  },
};
export default workload;
