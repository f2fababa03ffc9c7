/**
 * Jobs with 10 priority levels (job `i` has priority `i % 10`) submitted at once to a pool of 8
 * workers; each job awaits once. Reports throughput and how many jobs started out of priority
 * order after the first 8 (which start as soon as they are submitted). One op is one job.
 *
 * @module
 */
import { opsPerSecond, repeat, repeats } from '../../harness/measure.js';
import type { Workload } from '../../harness/workload.js';

const concurrency = 8;
const levels = 10;

/** Runs job `i` for every `i < count` with priority `i % levels`; resolves once all finished. */
type RunPrioritized = (count: number, job: (i: number) => Promise<void>) => Promise<void>;

async function load(id: string): Promise<RunPrioritized> {
  switch (id) {
    case 'ours':
      return (await import('../../libs/ours-pool.js')).oursPrioritized(concurrency, levels);
    case 'p-queue': {
      const PQueue = (await import('p-queue')).default;
      return async (count, job) => {
        const q = new PQueue({ concurrency });
        for (let i = 0; i < count; i++) void q.add(() => job(i), { priority: i % levels });
        await q.onIdle();
      };
    }
    default:
      throw new Error(`unknown priority library ${id}`);
  }
}

const workload: Workload = {
  run: async (id, settings) => {
    const runPrioritized = await load(id);
    const count = settings.quick ? 20_000 : 100_000;
    return repeat(repeats(settings), async () => {
      const started: number[] = [];
      const job = async (i: number): Promise<void> => {
        started.push(i % levels);
        await null;
      };
      const opsPerSec = await opsPerSecond(count, () => runPrioritized(count, job));
      if (started.length !== count) throw new Error(`priority: ${started.length} of ${count} jobs ran`);
      let outOfOrder = 0;
      for (let k = concurrency + 1; k < count; k++) if (started[k]! > started[k - 1]!) outOfOrder++;
      return { opsPerSec, outOfOrder };
    });
  },
};
export default workload;
