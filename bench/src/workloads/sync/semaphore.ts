/**
 * A weighted semaphore of size 8 shared by 32 tasks; each iteration acquires a weight of 1 to 4,
 * awaits once, and releases the same weight. A run fails if the weights held ever exceed 8. One
 * op is one acquire/release pair.
 *
 * @module
 */
import { opsPerSecond, repeat, repeats } from '../../harness/measure.js';
import type { Workload } from '../../harness/workload.js';

const size = 8;
const tasks = 32;

interface WeightedLib {
  make(size: number): unknown;
  acquire(sem: unknown, weight: number): Promise<unknown>;
  release(sem: unknown, weight: number, token: unknown): void;
}

async function load(id: string): Promise<WeightedLib> {
  switch (id) {
    case 'ours': {
      const { Semaphore } = await import('@csp/sync');
      type S = InstanceType<typeof Semaphore>;
      return {
        make: (n) => new Semaphore(n),
        acquire: (s, w) => (s as S).acquire(w),
        release: (s, w) => (s as S).release(w),
      };
    }
    case 'async-mutex': {
      const { Semaphore } = await import('async-mutex');
      type S = InstanceType<typeof Semaphore>;
      return {
        make: (n) => new Semaphore(n),
        acquire: (s, w) => (s as S).acquire(w),
        release: (_, __, token) => (token as [number, () => void])[1](),
      };
    }
    default:
      throw new Error(`unknown semaphore library ${id}`);
  }
}

const workload: Workload = {
  run: async (id, settings) => {
    const lib = await load(id);
    const perTask = settings.quick ? 1_000 : 6_000;
    return repeat(repeats(settings), async () => {
      const sem = lib.make(size);
      let held = 0;
      const task = async (t: number): Promise<void> => {
        for (let i = 0; i < perTask; i++) {
          const weight = 1 + ((t + i) % 4);
          const token = await lib.acquire(sem, weight);
          if ((held += weight) > size) throw new Error('semaphore: more than its size held');
          await null;
          held -= weight;
          lib.release(sem, weight, token);
        }
      };
      const opsPerSec = await opsPerSecond(tasks * perTask, async () => {
        await Promise.all(Array.from({ length: tasks }, (_, t) => task(t)));
      });
      return { opsPerSec };
    });
  },
};
export default workload;
