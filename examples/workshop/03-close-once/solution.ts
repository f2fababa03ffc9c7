// Exercise 03, solution: one goroutine per input forwards its values; a WaitGroup counts them,
// and one closer goroutine closes the output once, after the last forwarder is done.
import { Chan, go, type Receiver } from '@csp/channel';
import { WaitGroup } from '@csp/sync';

/**
 * Go's fan-in: forwards every value of every input to one output channel, which is closed once
 * every input is closed and drained. Returns the output.
 */
export function merge<T>(...inputs: Receiver<T>[]): Receiver<T> {
  const out = new Chan<T>(0, { name: 'merged' });
  const wg = new WaitGroup();
  for (const input of inputs) {
    wg.go(async () => {
      for await (const value of input) await out.send(value);
    });
  }
  go(async () => {
    await wg.wait();
    out.close();
  });
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
