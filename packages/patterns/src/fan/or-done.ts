/**
 * `orDone`: the or-done channel of "Concurrency in Go", which ends a `range` over a channel when a
 * done channel closes, so a consumer does not have to write the nested `select` itself.
 *
 * @module
 */
import { Chan, recv, select, send, type Receiver } from '@csp/channel';
import { spawnStage } from '../pipeline/scope.js';
import { channel } from '../settings.js';

/**
 * A channel that delivers the values of `input` until `input` closes or `done` delivers or
 * closes (e.g. `ctx.done()`), whichever comes first; then it closes. Never blocks. Go's
 * `orDone(done, c)`: `for v := range orDone(done, c)` stops promptly on cancellation. A `null`
 * `done` never fires, as Go's nil channel. As in Go, when a value and `done` are both ready, the
 * choice is random, so one more value may come through after `done` fired.
 *
 * @example
 * ```ts
 * for await (const job of orDone(ctx.done(), jobs)) handle(job);
 * ```
 */
export function orDone<T>(done: Receiver<unknown> | null, input: Receiver<T>): Receiver<T> {
  channel('orDone: done', done, true);
  channel('orDone: input', input);
  const output = new Chan<T>();
  spawnStage(null, output, undefined, async function orDone() {
    for (;;) {
      const received = await select([recv(done), recv(input)]);
      if (received.index === 0 || !received.ok) return;
      const sent = await select([recv(done), send(output, received.value as T)]);
      if (sent.index === 0) return;
    }
  });
  return output;
}
