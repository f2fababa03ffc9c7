/**
 * `tee`: broadcast, the `tee` channel of "Concurrency in Go": every value of one input goes to
 * every one of several outputs.
 *
 * @module
 */
import { Chan, type Receiver } from '@csp/channel';
import { channel, nonNegativeInteger, positiveInteger } from '../settings.js';
import { checkScope, joinAll, spawnStage } from '../pipeline/scope.js';
import type { FanOptions } from './merge.js';

/**
 * Returns `copies` channels (default 2) that each deliver every value of `input`, in order, then
 * close when `input` is closed and drained: the `tee` channel of "Concurrency in Go". Never blocks. A value is sent to all outputs at once
 * and the next one is received only when every output took it, so the slowest consumer sets the
 * pace (back-pressure; nothing is buffered beyond `capacity`). When `signal` aborts, the copying
 * stops at once and the outputs close; a value some outputs already took is not sent to the rest.
 *
 * @throws RangeError at once for a `copies` that is not a positive integer or a negative `capacity`.
 *
 * @example
 * ```ts
 * const [toDisk, toNetwork] = tee(events);
 * ```
 */
export function tee<T>(input: Receiver<T>, copies = 2, options?: FanOptions): Receiver<T>[] {
  channel('tee: input', input);
  positiveInteger('tee', 'copies', copies);
  checkScope('tee', options);
  const capacity = nonNegativeInteger('tee', 'capacity', options?.capacity ?? 0);
  const outputs: Chan<T>[] = [];
  for (let i = 0; i < copies; i++) outputs.push(new Chan<T>(capacity, { name: options?.name }));
  const closeAll = { close: () => outputs.forEach((output) => output.close()) };
  spawnStage(input, closeAll, options, async function tee(run) {
    for (;;) {
      const [value, ok] = await input.recvOk(run.receiving);
      if (!ok) return;
      await joinAll(outputs.map((output) => output.send(value as T)));
    }
  });
  return outputs;
}
