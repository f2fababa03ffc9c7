/**
 * `@csp/patterns` for the pattern workloads: a fixed `WorkerPool` (jobs submitted with `run`,
 * finished with a graceful `close()`), the same pool with `priorities`, and `pipeline` of `map`
 * stages.
 *
 * @module
 */
import { WorkerPool, map, pipeline } from '@csp/patterns';
import { forever, type PoolLib } from './pool-lib.js';

export const oursPool: PoolLib = {
  runAll: async (count, concurrency, task) => {
    const pool = new WorkerPool({ concurrency });
    for (let i = 0; i < count; i++) void pool.run(task);
    await pool.close();
  },
  blockedPool: (concurrency) => {
    const pool = new WorkerPool({ concurrency });
    for (let i = 0; i < concurrency; i++) void pool.run(forever);
    return (task) => pool.run(task);
  },
};

/** Runs job `i` with priority `i % levels` on a pool of `concurrency` with priorities. */
export const oursPrioritized =
  (concurrency: number, levels: number) =>
  async (count: number, job: (i: number) => Promise<void>): Promise<void> => {
    const pool = new WorkerPool({ concurrency, priorities: true });
    for (let i = 0; i < count; i++) void pool.run(() => job(i), { priority: i % levels });
    await pool.close();
  };

function* range(n: number): Generator<number> {
  for (let i = 0; i < n; i++) yield i;
}

/** Sends 0 to `n - 1` through `pipeline(source, map(f1), map(f2), map(f3))`; resolves with the sum. */
export const oursPipeline =
  ([f1, f2, f3]: readonly [(x: number) => number, (x: number) => number, (x: number) => number]) =>
  async (n: number): Promise<number> => {
    const p = pipeline(range(n), map(f1), map(f2), map(f3));
    let sum = 0;
    for await (const x of p) sum += x;
    await p.wait();
    return sum;
  };
