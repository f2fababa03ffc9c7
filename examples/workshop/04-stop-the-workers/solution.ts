// Exercise 04, solution: a `done` channel, closed when the caller has its answer, releases every
// worker: each one selects between sending its match and `done`, so none is left blocked.
import { Chan, close, go, recv, select, send, trySelect } from '@csp/channel';
import { WaitGroup } from '@csp/sync';

/**
 * Checks `items` with `workers` goroutines and resolves with the first item found to match
 * (whichever worker finds one first), or `undefined` when none matches. Every worker has been
 * told to stop when it resolves.
 */
export async function firstMatch<T>(
  items: readonly T[],
  matches: (item: T) => Promise<boolean>,
  workers: number,
): Promise<T | undefined> {
  const jobs = new Chan<T>(items.length, { name: 'jobs' });
  const found = new Chan<T>(0, { name: 'found' });
  const done = new Chan<void>(0, { name: 'done' });
  for (const item of items) jobs.trySend(item);
  jobs.close();

  const wg = new WaitGroup();
  for (let w = 0; w < workers; w++) {
    wg.go(async () => {
      for (;;) {
        // `done` first: when both are ready, a plain select would pick at random (as Go's does)
        // and sometimes start another check after the answer is known.
        if (trySelect([recv(done)]) !== undefined) return;
        const job = await select([recv(jobs), recv(done)]);
        if (job.index === 1 || !job.ok) return;
        if (!(await matches(job.value!))) continue;
        await select([send(found, job.value!), recv(done)]);
        return;
      }
    });
  }
  go(async () => {
    await wg.wait();
    found.close();
  });

  const [first] = await found.recvOk();
  close(done);
  return first;
}

/** The program `pnpm workshop 04 --main` runs, with the deadlock report on. */
export async function main(): Promise<void> {
  const isEven = async (n: number) => n % 2 === 0;
  console.log('first even:', await firstMatch([1, 2, 3, 4, 5, 6, 7, 8], isEven, 4));
}
