// Exercise 02, solution: the sender closes the channel after its last value, so `for await` ends.
import { Chan, go, type Receiver } from '@csp/channel';

/** Sends 1, 2, ..., n on a new channel from a goroutine, then closes it. Returns the channel. */
export function generate(n: number): Receiver<number> {
  const numbers = new Chan<number>(0, { name: 'numbers' });
  go(async () => {
    for (let i = 1; i <= n; i++) await numbers.send(i);
    numbers.close();
  });
  return numbers;
}

/** Receives every value until the channel is closed; resolves with their sum. */
export async function sum(numbers: Receiver<number>): Promise<number> {
  let total = 0;
  for await (const n of numbers) total += n;
  return total;
}

/** The program `pnpm workshop 02 --main` runs, with the deadlock report on. */
export async function main(): Promise<void> {
  console.log('sum:', await sum(generate(10)));
}
