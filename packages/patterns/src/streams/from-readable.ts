/**
 * `fromReadable`: a stream as a channel. Takes a WHATWG `ReadableStream`, a Node `Readable`, or
 * any `AsyncIterable` (a Node `Readable` is one). Zero dependencies; Node ≥ 18 and browsers.
 *
 * @module
 */
import { Chan, type Receiver } from '@csp/channel';
import { describeValue } from '@csp/channel/internal';
import { checkScope, spawnStage, type Scope } from '../pipeline/scope.js';
import { nonNegativeInteger } from '../settings.js';
import { offer, overflowPolicy, type OverflowPolicy } from './overflow.js';

/** Settings of {@link fromReadable}. */
export interface FromReadableOptions extends Scope {
  /** The channel's buffer: how many chunks are read ahead of the reader; default 0. */
  capacity?: number | undefined;
  /**
   * What happens when the channel is full (see {@link OverflowPolicy}); default `'block'`: stop
   * reading the stream until there is room, which is the stream's own back-pressure.
   */
  overflow?: OverflowPolicy | undefined;
  /** The channel's name, for the deadlock report. */
  name?: string | undefined;
}

/** A readable source: a WHATWG `ReadableStream` or an `AsyncIterable` (such as a Node `Readable`). */
export type ReadableSource<T> = ReadableStream<T> | AsyncIterable<T>;

/**
 * A channel that delivers the chunks of `stream` in order and closes at its end: Go's
 * `go func() { defer close(ch); for { n, err := r.Read(buf); ...; ch <- chunk } }()`. Never blocks.
 *
 * - The stream is read only as fast as the channel is (`overflow: 'block'`), or ahead with a
 *   drop or error policy.
 * - **Errors** surface at once and loudly: a stream that errors closes the channel and calls
 *   `onError(error)`; without `onError` the error is a goroutine panic and crashes the program,
 *   as in Go (a silent end would look like a complete read). With `overflow: 'error'`, a full
 *   channel is a `ChannelOverflowError` the same way.
 * - When `signal` aborts, reading stops: the stream is cancelled (a Node `Readable` destroyed)
 *   and the channel closes; nothing is reported.
 *
 * @throws TypeError when `stream` is not a `ReadableStream` or an `AsyncIterable`, or for a bad
 *   `signal`, `onError` or `overflow`; RangeError for a bad `capacity`.
 *
 * @example
 * ```ts
 * for await (const chunk of fromReadable(response.body!)) process(chunk);
 * ```
 */
export function fromReadable<T>(stream: ReadableSource<T>, options?: FromReadableOptions): Receiver<T> {
  const owner = 'fromReadable';
  checkScope(owner, options);
  const capacity = nonNegativeInteger(owner, 'capacity', options?.capacity ?? 0);
  const policy = overflowPolicy(owner, options?.overflow ?? 'block', capacity);
  const iterator = iterate(stream);
  const output = new Chan<T>(capacity, { name: options?.name });
  spawnStage(null, output, options, async function fromReadable(run) {
    const cancel = (): void => void iterator.return?.()?.catch?.(() => {});
    run.signal.addEventListener('abort', cancel, { once: true });
    try {
      for (;;) {
        const next = await iterator.next();
        if (next.done === true || run.stopped) return;
        const waiting = offer(owner, output, next.value, policy);
        if (waiting !== null) await waiting;
      }
    } catch (error) {
      if (!run.stopped) throw error;
    } finally {
      run.signal.removeEventListener('abort', cancel);
      if (!run.stopped) cancel();
    }
  });
  return output;
}

/** An iterator over `stream`: its reader for a `ReadableStream` (cancelled by `return`), else its async iterator. */
function iterate<T>(stream: ReadableSource<T>): AsyncIterator<T> {
  const web = stream as ReadableStream<T>;
  if (typeof web?.getReader === 'function') {
    const reader = web.getReader();
    return {
      next: () => reader.read() as Promise<IteratorResult<T>>,
      return: async () => {
        await reader.cancel();
        return { done: true, value: undefined };
      },
    };
  }
  const iterable = stream as AsyncIterable<T>;
  if (typeof iterable?.[Symbol.asyncIterator] === 'function') return iterable[Symbol.asyncIterator]();
  throw new TypeError(
    `fromReadable: stream must be a ReadableStream, a Node Readable or an AsyncIterable, got ${describeValue(stream)}`,
  );
}
