// Exercise 07, solution: an errgroup with a limit runs at most `limit` fetches at once, and its
// context, cancelled at the first error, tells the running fetches to stop.
import { time } from '@csp/channel';
import { context, Group } from '@csp/sync';

/** Fetches one item; it must stop and reject when `signal` aborts. */
export type FetchOne<T> = (id: number, signal: AbortSignal) => Promise<T>;

/**
 * Fetches every id with at most `limit` fetches running at once. Resolves with the results in
 * the order of `ids`. At the first failure, aborts the signal of the fetches still running, starts
 * no new one, and rejects with that first error once every started fetch has finished.
 */
export async function fetchAll<T>(ids: readonly number[], fetchOne: FetchOne<T>, limit: number): Promise<T[]> {
  const [g, ctx] = Group.withContext(context.background());
  g.setLimit(limit);
  const results: T[] = new Array<T>(ids.length);
  for (const [i, id] of ids.entries()) {
    if (ctx.err() !== undefined) break;
    await g.go(async () => {
      // The slot may have been freed by the failure itself: do not start work for a dead context.
      if (ctx.err() !== undefined) return;
      results[i] = await fetchOne(id, ctx.signal);
    });
  }
  await g.wait();
  return results;
}

/** The program `pnpm workshop 07 --main` runs, with the deadlock report on. */
export async function main(): Promise<void> {
  const fetchOne: FetchOne<string> = async (id, signal) => {
    console.log(`fetch ${id} starts`);
    await time.sleep(id * 10, { signal });
    if (id === 3) throw new Error(`fetch ${id} failed`);
    console.log(`fetch ${id} done`);
    return `item ${id}`;
  };
  try {
    console.log(await fetchAll([1, 2, 3, 4, 5], fetchOne, 2));
  } catch (error) {
    console.log('fetchAll rejected:', error instanceof Error ? error.message : error);
  }
}
