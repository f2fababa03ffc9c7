/**
 * `batch`: the seeds' "process jobs in batches" exercise as a pipeline stage. Groups values into
 * arrays of up to `size`, and with `interval` also sends a partial batch once its first value has
 * waited that long, so a slow trickle is not held back.
 *
 * @module
 */
import { Chan, newTimer, recv, select, type Receiver } from '@csp/channel';
import { channel, nonNegativeInteger, positiveDuration, positiveInteger, requiredOptions } from '../settings.js';
import { checkScope, spawnStage, type Scope, type Stage } from './scope.js';

/** Settings of {@link batch}. */
export interface BatchOptions {
  /** The largest batch; a batch is sent as soon as it has this many values. */
  size: number;
  /** Milliseconds after a batch's first value when it is sent even if not full; default: never. */
  interval?: number | undefined;
  /** The output channel's buffer; default 0. */
  capacity?: number | undefined;
  /** The output channel's name, for the deadlock report. */
  name?: string | undefined;
}

/**
 * A stage that sends its input as arrays: each holds up to `size` values in input order, and none
 * is empty. A batch is sent when it is full, when `interval` milliseconds have passed since its
 * first value arrived, and (partial) when the input closes; then the output closes. Sending
 * blocks until the consumer takes the batch (back-pressure). When the scope's signal aborts, the
 * stage stops at once and the batch being gathered is dropped. The timer is armed only while a
 * partial batch waits, so an idle stage holds no timer.
 *
 * Go's `select { case v := <-in: ...; case <-timer.C: flush() }` loop.
 *
 * @throws RangeError at once for a `size` that is not a positive integer, an `interval` that is
 *   not a positive number of milliseconds, or a negative `capacity`.
 *
 * @example
 * ```ts
 * for await (const rows of pipeline(events, batch({ size: 100, interval: 50 }))) await db.insert(rows);
 * ```
 */
export function batch<T>(options: BatchOptions): Stage<T, T[]> {
  requiredOptions('batch', options, 'batch({ size: 100, interval: 50 })');
  const size = positiveInteger('batch', 'size', options.size);
  const interval = options.interval === undefined ? undefined : positiveDuration('batch', 'interval', options.interval);
  const capacity = nonNegativeInteger('batch', 'capacity', options.capacity ?? 0);
  return (input: Receiver<T>, scope?: Scope): Receiver<T[]> => {
    channel('batch: input', input);
    checkScope('batch', scope);
    const output = new Chan<T[]>(capacity, { name: options.name });
    spawnStage(input, output, scope, async function batch(run) {
      const { receiving } = run;
      const timer = interval === undefined ? null : newTimer(interval);
      timer?.stop();
      let items: T[] = [];
      const flush = (): Promise<void> => {
        timer?.stop();
        const full = items;
        items = [];
        return output.send(full);
      };
      try {
        for (;;) {
          let value: T | undefined;
          let ok: boolean;
          if (timer === null || items.length === 0) {
            [value, ok] = await input.recvOk(receiving);
          } else {
            const chosen = await select([recv(input), recv(timer.c)], receiving);
            if (chosen.index === 1) {
              await flush();
              continue;
            }
            ({ value, ok } = chosen);
          }
          if (run.stopped) return;
          if (!ok) break;
          items.push(value as T);
          if (items.length === 1 && timer !== null && interval !== undefined) timer.reset(interval);
          if (items.length === size) await flush();
        }
        if (items.length > 0) await flush();
      } finally {
        timer?.stop();
      }
    });
    return output;
  };
}
