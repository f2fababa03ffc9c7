// Exercise 09, solution: wait with `time.sleep`, which goes through csp's clock. In production
// it is the real clock; inside a test bubble (`@csp/testing`) it is the bubble's virtual clock,
// so a backoff of hours is tested in milliseconds, to the exact millisecond.
import { time } from '@csp/channel';

/**
 * Calls `op` until it succeeds, at most `attempts` times, waiting `base` ms before the second
 * try, then twice as long before each next one (exponential backoff). Resolves with the first
 * success; rejects with the last error once every attempt failed.
 */
export async function retry<T>(op: () => Promise<T>, attempts: number, base: number): Promise<T> {
  let wait = base;
  for (let attempt = 1; ; attempt++) {
    try {
      return await op();
    } catch (error) {
      if (attempt >= attempts) throw error;
    }
    await time.sleep(wait);
    wait *= 2;
  }
}

/** The program `pnpm workshop 09 --main` runs: an operation that succeeds at its third try. */
export async function main(): Promise<void> {
  const start = time.now();
  let calls = 0;
  const result = await retry(
    async () => {
      calls++;
      console.log(`attempt ${calls} after ${time.since(start)} ms`);
      if (calls < 3) throw new Error('not yet');
      return 'ok';
    },
    5,
    20,
  );
  console.log(result);
}
