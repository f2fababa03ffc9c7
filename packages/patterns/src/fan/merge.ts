/**
 * `merge`: fan-in, Go's `merge(cs ...<-chan int) <-chan int` from the pipelines article: one
 * goroutine per input copies its values to a shared output, which closes when all inputs have.
 *
 * @module
 */
import { Chan, type Receiver } from '@csp/channel';
import { describeValue } from '@csp/channel/internal';
import { channel, nonNegativeInteger } from '../settings.js';
import { checkScope, joinAll, spawnStage, type Scope } from '../pipeline/scope.js';

/** Settings of {@link merge}, {@link fanOut} and {@link tee}. */
export interface FanOptions extends Scope {
  /** The buffer of each output channel; default 0 (unbuffered). */
  capacity?: number | undefined;
  /** The output channel's name, for the deadlock report. */
  name?: string | undefined;
}

/**
 * One channel that delivers every value of every input, then closes once all inputs are closed
 * and drained: fan-in, Go's `merge(cs ...<-chan int) <-chan int`. Never blocks. Values of one input keep their order; values of different inputs
 * interleave as they arrive. Each input is read only as fast as the output is consumed
 * (back-pressure). When `signal` aborts, reading stops at once (no value is consumed and then
 * lost) and the output closes.
 *
 * @throws RangeError at once for a negative `capacity`.
 *
 * @example
 * ```ts
 * for await (const result of merge([worker(jobs), worker(jobs), worker(jobs)])) console.log(result);
 * ```
 */
export function merge<T>(inputs: readonly Receiver<T>[], options?: FanOptions): Receiver<T> {
  if (!Array.isArray(inputs)) throw new TypeError(`merge: inputs must be an array of channels, got ${describeValue(inputs)}`);
  inputs.forEach((input, i) => channel(`merge: inputs[${i}]`, input));
  checkScope('merge', options);
  const output = new Chan<T>(nonNegativeInteger('merge', 'capacity', options?.capacity ?? 0), { name: options?.name });
  spawnStage(null, output, options, async function merge(run) {
    const copy = async (input: Receiver<T>): Promise<void> => {
      for (;;) {
        const [value, ok] = await input.recvOk(run.receiving);
        if (!ok) return;
        await output.send(value as T);
      }
    };
    await joinAll(inputs.map(copy));
  });
  return output;
}
