/**
 * Rounds of fork/join: `add(64)`, 64 tasks that each await once and call `done()`, then `wait()`.
 * Compared with the hand-written floor and with `Promise.all` over the tasks' promises, the usual
 * JavaScript way. One op is one task joined.
 *
 * @module
 */
import { opsPerSecond, repeat, repeats } from '../../harness/measure.js';
import type { Workload } from '../../harness/workload.js';

const width = 64;

interface Group {
  add(n: number): void;
  done(): void;
  wait(): Promise<void>;
}

/** One round: starts `width` tasks and resolves once all are done. */
type Round = () => Promise<unknown>;

function withGroup(make: () => Group): Round {
  const task = async (group: Group): Promise<void> => {
    await null;
    group.done();
  };
  return () => {
    const group = make();
    group.add(width);
    for (let i = 0; i < width; i++) void task(group);
    return group.wait();
  };
}

async function load(id: string): Promise<Round> {
  switch (id) {
    case 'ours': {
      const { WaitGroup } = await import('@csp/sync');
      return withGroup(() => new WaitGroup());
    }
    case 'floor': {
      const { FloorWaitGroup } = await import('../../libs/floor-sync.js');
      return withGroup(() => new FloorWaitGroup());
    }
    case 'promise-all': {
      const task = async (): Promise<void> => {
        await null;
      };
      return () => Promise.all(Array.from({ length: width }, task));
    }
    default:
      throw new Error(`unknown wait group library ${id}`);
  }
}

const workload: Workload = {
  run: async (id, settings) => {
    const round = await load(id);
    const rounds = settings.quick ? 4_000 : 20_000;
    return repeat(repeats(settings), async () => ({
      opsPerSec: await opsPerSecond(rounds * width, async () => {
        for (let i = 0; i < rounds; i++) await round();
      }),
    }));
  },
};
export default workload;
