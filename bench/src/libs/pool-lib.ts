/**
 * The worker-pool operations the pattern workloads need, once per library: `async.queue`,
 * `fastq`, `p-limit` and `p-queue` (and `@csp/patterns`, see `ours-pool.ts`). Tasks are
 * functions returning a promise.
 *
 * @module
 */
export type Task = () => Promise<unknown>;

export interface PoolLib {
  /** Runs `count` calls of `task` through a pool of `concurrency` workers; resolves once all finished. */
  runAll(count: number, concurrency: number, task: Task): Promise<void>;
  /**
   * A pool of `concurrency` workers all busy forever; returns its submit function, whose result
   * (a promise, or nothing) the memory workload keeps.
   */
  blockedPool(concurrency: number): (task: Task) => unknown;
}

/** A task that never finishes: keeps a worker busy for the memory workload. */
export const forever: Task = () => new Promise(() => {});

/** Loads the library `id` (only the child process that runs it does). */
export async function loadPoolLib(id: string): Promise<PoolLib> {
  switch (id) {
    case 'ours':
      return (await import('./ours-pool.js')).oursPool;
    case 'async.queue': {
      const { queue } = await import('async');
      const make = (concurrency: number) =>
        queue<Task>((task, callback) => void task().then(() => callback(), callback), concurrency);
      return {
        runAll: async (count, concurrency, task) => {
          const q = make(concurrency);
          for (let i = 0; i < count; i++) void q.push(task);
          await q.drain();
        },
        blockedPool: (concurrency) => blocked(make(concurrency), (q, task) => q.push(task), concurrency),
      };
    }
    case 'fastq': {
      const { promise } = (await import('fastq')).default;
      const make = (concurrency: number) => promise((task: Task) => task(), concurrency);
      return {
        runAll: async (count, concurrency, task) => {
          const q = make(concurrency);
          for (let i = 0; i < count; i++) void q.push(task);
          await q.drained();
        },
        blockedPool: (concurrency) => blocked(make(concurrency), (q, task) => q.push(task), concurrency),
      };
    }
    case 'p-limit': {
      const pLimit = (await import('p-limit')).default;
      return {
        runAll: async (count, concurrency, task) => {
          const limit = pLimit(concurrency);
          await Promise.all(Array.from({ length: count }, () => limit(task)));
        },
        blockedPool: (concurrency) => blocked(pLimit(concurrency), (limit, task) => limit(task), concurrency),
      };
    }
    case 'p-queue': {
      const PQueue = (await import('p-queue')).default;
      return {
        runAll: async (count, concurrency, task) => {
          const q = new PQueue({ concurrency });
          for (let i = 0; i < count; i++) void q.add(task);
          await q.onIdle();
        },
        blockedPool: (concurrency) => blocked(new PQueue({ concurrency }), (q, task) => q.add(task), concurrency),
      };
    }
    default:
      throw new Error(`unknown pool library ${id}`);
  }
}

/** Fills every worker of `pool` with a task that never ends; returns the submit function. */
function blocked<P>(pool: P, submit: (pool: P, task: Task) => unknown, concurrency: number): (task: Task) => unknown {
  for (let i = 0; i < concurrency; i++) void submit(pool, forever);
  return (task) => submit(pool, task);
}
