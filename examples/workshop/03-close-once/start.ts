// Exercise 03: close once. Make the tests pass: `pnpm workshop 03`.
import { Chan, go, type Receiver } from '@csp/channel';

/**
 * Go's fan-in: forwards every value of every input to one output channel, which is closed once
 * every input is closed and drained. Returns the output.
 */
export function merge<T>(...inputs: Receiver<T>[]): Receiver<T> {
  const out = new Chan<T>(0, { name: 'merged' });
  for (const input of inputs) {
    go(async () => {
      for await (const value of input) await out.send(value);
      // TODO: every forwarder closes `out`, but a channel can be closed only once.
      // Count the forwarders with a WaitGroup (from @csp/sync) and close `out` once, after all.
      out.close();
    });
  }
  return out;
}

/** A channel that delivers `values`, then is closed. */
export function from<T>(...values: T[]): Receiver<T> {
  const ch = new Chan<T>(values.length);
  for (const value of values) ch.trySend(value);
  ch.close();
  return ch;
}

/** The program `pnpm workshop 03 --main` runs. */
export async function main(): Promise<void> {
  const merged: number[] = [];
  for await (const value of merge(from(1, 2), from(3), from(4, 5, 6))) merged.push(value);
  console.log(merged.sort((a, b) => a - b));
}
