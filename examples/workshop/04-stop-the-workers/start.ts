// Exercise 04: stop the workers. Make the tests pass: `pnpm workshop 04`.
import { Chan, go } from '@csp/channel';
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
  for (const item of items) jobs.trySend(item);
  jobs.close();

  const wg = new WaitGroup();
  for (let w = 0; w < workers; w++) {
    wg.go(async () => {
      for await (const item of jobs) {
        // TODO: after the caller took the first match, nobody receives from `found` any more,
        // so a worker that finds another match blocks here forever. Tell the workers to stop.
        if (await matches(item)) await found.send(item);
      }
    });
  }
  go(async () => {
    await wg.wait();
    found.close();
  });

  const [first] = await found.recvOk();
  return first;
}

/** The program `pnpm workshop 04 --main` runs, with the deadlock report on. */
export async function main(): Promise<void> {
  const isEven = async (n: number) => n % 2 === 0;
  console.log('first even:', await firstMatch([1, 2, 3, 4, 5, 6, 7, 8], isEven, 4));
}
