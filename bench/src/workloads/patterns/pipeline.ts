/**
 * A 3-stage pipeline over unbuffered channels, as in the Go pipelines article: generate `n`
 * numbers, double them, add one, square them, and sum at the end. `hand-channels` writes every
 * stage by hand with `@csp/channel`; `ours` uses `@csp/patterns`. One op is one number through
 * all stages.
 *
 * @module
 */
import { Chan, go, type Receiver } from '@csp/channel';
import { opsPerSecond, repeat, repeats } from '../../harness/measure.js';
import type { Workload } from '../../harness/workload.js';

export const stages = [(x: number) => x * 2, (x: number) => x + 1, (x: number) => x * x] as const;

/** Sends 0 to `n - 1` through the pipeline; resolves with the sum of what comes out. */
type RunPipeline = (n: number) => Promise<number>;

const handWritten: RunPipeline = async (n) => {
  const source = new Chan<number>();
  go(async () => {
    for (let i = 0; i < n; i++) await source.send(i);
    source.close();
  });
  const stage = (input: Receiver<number>, f: (x: number) => number): Receiver<number> => {
    const out = new Chan<number>();
    go(async () => {
      for await (const x of input) await out.send(f(x));
      out.close();
    });
    return out;
  };
  let sum = 0;
  for await (const x of stages.reduce(stage, source as Receiver<number>)) sum += x;
  return sum;
};

async function load(id: string): Promise<RunPipeline> {
  switch (id) {
    case 'ours':
      return (await import('../../libs/ours-pool.js')).oursPipeline(stages);
    case 'hand-channels':
      return handWritten;
    default:
      throw new Error(`unknown pipeline library ${id}`);
  }
}

const workload: Workload = {
  run: async (id, settings) => {
    const runPipeline = await load(id);
    const n = settings.quick ? 20_000 : 100_000;
    let expected = 0;
    for (let i = 0; i < n; i++) expected += stages.reduce((x, f) => f(x), i);
    return repeat(repeats(settings), async () => {
      let sum = 0;
      const opsPerSec = await opsPerSecond(n, async () => {
        sum = await runPipeline(n);
      });
      if (sum !== expected) throw new Error(`pipeline: sum ${sum}, expected ${expected}`);
      return { opsPerSec };
    });
  },
};
export default workload;
