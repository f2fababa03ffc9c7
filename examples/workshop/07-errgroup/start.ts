// Exercise 07: errgroup, a limit and the first error. Make the tests pass: `pnpm workshop 07`.
import { time } from '@csp/channel';

/** Fetches one item; it must stop and reject when `signal` aborts. */
export type FetchOne<T> = (id: number, signal: AbortSignal) => Promise<T>;

/**
 * Fetches every id with at most `limit` fetches running at once. Resolves with the results in
 * the order of `ids`. At the first failure, aborts the signal of the fetches still running, starts
 * no new one, and rejects with that first error once every started fetch has finished.
 */
export async function fetchAll<T>(ids: readonly number[], fetchOne: FetchOne<T>, limit: number): Promise<T[]> {
  // TODO: this starts every fetch at once (no limit), cancels nothing at the first error, and
  // rejects while other fetches still run. Use an errgroup from @csp/sync:
  // Group.withContext(context.background()), g.setLimit(limit), await g.go(...), await g.wait().
  void limit;
  const signal = new AbortController().signal;
  return Promise.all(ids.map((id) => fetchOne(id, signal)));
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
