/**
 * Sources: Go's generator goroutine, `go func() { defer close(out); for _, n := range nums
 * { out <- n } }()`, fed by any iterable or async iterable.
 *
 * @module
 */
import { Chan, type Receiver } from '@csp/channel';
import { nonNegativeInteger } from '../settings.js';
import { describeValue } from '@csp/channel/internal';
import { checkScope, spawnStage, type Scope } from './scope.js';

/** Settings of {@link fromIterable}. */
export interface SourceOptions extends Scope {
  /** The output channel's buffer; default 0 (unbuffered). */
  capacity?: number | undefined;
  /** The output channel's name, for the deadlock report. */
  name?: string | undefined;
}

/**
 * A channel that delivers every value of `source` (an array, a generator, an async generator, a
 * stream...) in order, then closes: Go's generator goroutine. Never blocks; the values are pulled
 * one at a time as the channel has room, so an endless or lazy source is fine (back-pressure).
 *
 * When `signal` aborts, the source stops at once: a value not yet received is dropped, the
 * iterator's `return()` runs (closing a file or a generator), and the channel closes. An error
 * thrown by the iterable closes the channel and goes to `onError`; without `onError` it is a
 * goroutine panic (it crashes the program, as in Go). Inside `pipeline()`, both are handled for you.
 *
 * @throws RangeError at once for a negative or fractional `capacity`.
 *
 * @example
 * ```ts
 * for await (const line of fromIterable(readLines(file), { signal })) console.log(line);
 * ```
 */
export function fromIterable<T>(source: Iterable<T> | AsyncIterable<T>, options?: SourceOptions): Receiver<T> {
  checkScope('fromIterable', options);
  if (!isIterable(source) && !isAsyncIterable(source)) {
    throw new TypeError(`fromIterable: source must be an iterable or an async iterable, got ${describeValue(source)}`);
  }
  const output = new Chan<T>(nonNegativeInteger('fromIterable', 'capacity', options?.capacity ?? 0), {
    name: options?.name,
  });
  spawnStage(null, output, options, async function fromIterable() {
    // Stopped: the output closes, so the send rejects and the loop's exit runs the iterator's return().
    if (isAsyncIterable(source)) {
      for await (const value of source) await output.send(value);
    } else {
      for (const value of source) await output.send(value);
    }
  });
  return output;
}

/**
 * A channel that delivers `values` in order, then closes: Go's
 * `func generate(nums ...int) <-chan int` from the pipelines article. Never blocks. The channel
 * is unbuffered, so the values are produced as they are received; nobody receiving means the
 * generator stays parked, as in Go. To stop it early, use {@link fromIterable} with a signal.
 */
export function generate<T>(...values: T[]): Receiver<T> {
  return fromIterable(values);
}

function isAsyncIterable<T>(source: Iterable<T> | AsyncIterable<T>): source is AsyncIterable<T> {
  return typeof (source as Partial<AsyncIterable<T>> | null)?.[Symbol.asyncIterator] === 'function';
}

function isIterable<T>(source: Iterable<T> | AsyncIterable<T>): source is Iterable<T> {
  return typeof (source as Partial<Iterable<T>> | null)?.[Symbol.iterator] === 'function';
}
