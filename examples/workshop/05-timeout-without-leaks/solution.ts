// Exercise 05, solution: `select` commits exactly one case. The losing receive leaves nothing on
// the channel, and a losing `time.after` holds no timer.
import { Chan, recv, select, time, type Receiver } from '@csp/channel';

/**
 * Go's `select { case v := <-ch: ...; case <-time.After(d): ... }`: receives from `ch` if a value
 * comes within `ms`. Resolves with `[value, true]`, or `[undefined, false]` after `ms`.
 */
export async function receiveWithin<T>(ch: Receiver<T>, ms: number): Promise<[value: T | undefined, ok: boolean]> {
  const r = await select([recv(ch), recv(time.after(ms))]);
  return r.index === 0 ? [r.value, true] : [undefined, false];
}

/** The program `pnpm workshop 05 --main` runs, with the deadlock report on. */
export async function main(): Promise<void> {
  const replies = new Chan<string>(1, { name: 'replies' });
  console.log('no reply yet:', await receiveWithin(replies, 20));
  await replies.send('pong');
  console.log('reply:', await receiveWithin(replies, time.second));
}
