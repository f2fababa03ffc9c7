/**
 * `@csp/patterns` for the pattern workloads. Pending: the package does not export a pool yet.
 *
 * @module
 */
import type { PoolLib } from './pool-lib.js';

const pending = (): never => {
  throw new Error('@csp/patterns does not export a worker pool yet');
};

export const oursPool: PoolLib = { runAll: pending, blockedPool: pending };
export const oursPrioritized = (_concurrency: number, _levels: number) => pending;
export const oursPipeline = (_stages: readonly ((x: number) => number)[]) => pending;
