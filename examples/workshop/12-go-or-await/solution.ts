// Exercise 12, solution: `await` each save (calling an async function without `await` is a `go`
// statement: it runs on its own, and nobody waits for it or sees its error), and let a long loop
// give the event loop a turn now and then: JavaScript never preempts running code, as Go's
// scheduler does, so no timer can abort a signal while the loop holds the thread.
import { time } from '@csp/channel';
import { context } from '@csp/sync';

/** Saves one item (a slow call); rejects when it fails. */
export type Save = (item: string) => Promise<void>;

/**
 * Saves `items` one after the other, in order. Resolves once every item is saved; rejects with
 * the first failure, and saves nothing after it.
 */
export async function saveAll(items: readonly string[], save: Save): Promise<void> {
  for (const item of items) await save(item);
}

/** Whether `n` is a prime (trial division: slow on purpose). */
export function isPrime(n: number): boolean {
  if (n < 2) return false;
  for (let d = 2; d * d <= n; d++) if (n % d === 0) return false;
  return true;
}

/** How many numbers `countPrimes` checks between two turns of the event loop. */
const slice = 10_000;

/** Gives the event loop a turn (its timers and I/O run), Go's `runtime.Gosched()`. */
function yieldTurn(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/**
 * Counts the primes below `limit`, a long computation. Rejects with `signal.reason` soon after
 * `signal` aborts, and lets timers and I/O run while it counts.
 */
export async function countPrimes(limit: number, signal: AbortSignal): Promise<number> {
  let count = 0;
  for (let n = 2; n < limit; n++) {
    if (n % slice === 0) await yieldTurn();
    if (signal.aborted) throw signal.reason;
    if (isPrime(n)) count++;
  }
  return count;
}

/** The program `pnpm workshop 12 --main` runs. */
export async function main(): Promise<void> {
  await saveAll(['a', 'b', 'c'], async (item) => {
    await time.sleep(5);
    console.log(`saved ${item}`);
  });
  console.log('saveAll resolved');
  const [ctx, cancel] = context.withTimeout(context.background(), 20);
  try {
    console.log('primes:', await countPrimes(1_000_000, ctx.signal));
  } catch (error) {
    console.log('countPrimes rejected:', error instanceof Error ? error.message : error);
  } finally {
    cancel();
  }
}
