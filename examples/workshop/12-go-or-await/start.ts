// Exercise 12: `go` or `await`? Make the tests pass: `pnpm workshop 12`.
import { time } from '@csp/channel';
import { context } from '@csp/sync';

/** Saves one item (a slow call); rejects when it fails. */
export type Save = (item: string) => Promise<void>;

/**
 * Saves `items` one after the other, in order. Resolves once every item is saved; rejects with
 * the first failure, and saves nothing after it.
 */
export async function saveAll(items: readonly string[], save: Save): Promise<void> {
  // TODO: what does calling an async function without `await` do?
  for (const item of items) void save(item);
}

/** Whether `n` is a prime (trial division: slow on purpose). */
export function isPrime(n: number): boolean {
  if (n < 2) return false;
  for (let d = 2; d * d <= n; d++) if (n % d === 0) return false;
  return true;
}

/**
 * Counts the primes below `limit`, a long computation. Rejects with `signal.reason` soon after
 * `signal` aborts, and lets timers and I/O run while it counts.
 */
export async function countPrimes(limit: number, signal: AbortSignal): Promise<number> {
  let count = 0;
  for (let n = 2; n < limit; n++) {
    // TODO: who could abort `signal` while this loop runs?
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
