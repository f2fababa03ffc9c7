// Exercise 05: a timeout without leaks. Make the tests pass: `pnpm workshop 05`.
import { Chan, time, type Receiver } from '@csp/channel';

/**
 * Go's `select { case v := <-ch: ...; case <-time.After(d): ... }`: receives from `ch` if a value
 * comes within `ms`. Resolves with `[value, true]`, or `[undefined, false]` after `ms`.
 */
export async function receiveWithin<T>(ch: Receiver<T>, ms: number): Promise<[value: T | undefined, ok: boolean]> {
  // TODO: Promise.race does not cancel the loser. When the value wins, the sleep's timer keeps
  // running; when the timeout wins, the receive stays parked on `ch` and takes the next value.
  return Promise.race([
    ch.recv().then((value): [T | undefined, boolean] => [value, true]),
    time.sleep(ms).then((): [T | undefined, boolean] => [undefined, false]),
  ]);
}

/** The program `pnpm workshop 05 --main` runs, with the deadlock report on. */
export async function main(): Promise<void> {
  const replies = new Chan<string>(1, { name: 'replies' });
  console.log('no reply yet:', await receiveWithin(replies, 20));
  await replies.send('pong');
  console.log('reply:', await receiveWithin(replies, time.second));
}
