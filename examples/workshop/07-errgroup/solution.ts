// Exercise 07, solution: an errgroup with a limit runs at most `limit` fetches at once, and its
// context, cancelled at the first error, tells the running fetches to stop.
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
