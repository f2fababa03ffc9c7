/**
 * `toReadableStream`: a channel as a WHATWG `ReadableStream`, for `fetch` bodies, `Response`,
 * `pipeTo` and every API that takes web streams. Zero dependencies; Node ≥ 18 and browsers.
 *
 * @module
 */
import type { BlockingOptions, Receiver } from '@csp/channel';
import { describeValue, signalOf } from '@csp/channel/internal';
import { channel } from '../settings.js';
import { linkSignal } from '../signals.js';

/**
 * A `ReadableStream` of the values of `receiver`, read only when the stream's consumer pulls (its
 * high-water mark is 0: no value is taken from the channel before someone asked for it, so the
 * channel's back-pressure reaches the stream's consumer). The stream closes when the channel is
 * closed and drained. Cancelling the stream (`stream.cancel()`, a `break` out of `for await`, an
 * aborted `pipeTo`) stops reading: a receive in progress is withdrawn and consumed nothing, and
 * the channel is left as it is (Go's reader simply stops reading). When `signal` aborts, the
 * stream errors with `signal.reason` and stops reading the same way. Never blocks.
 *
 * Go has no streams; this is the bridge a Go `io.Reader` loop would be.
 *
 * @throws TypeError when `receiver` is not a channel or `signal` not an `AbortSignal`.
 *
 * @example
 * ```ts
 * const lines = new Chan<string>(16);
 * const response = new Response(toReadableStream(lines).pipeThrough(new TextEncoderStream()));
 * ```
 */
export function toReadableStream<T>(receiver: Receiver<T>, options?: BlockingOptions): ReadableStream<T> {
  channel('toReadableStream: receiver', receiver);
  const signal = signalOf(options, 'toReadableStream');
  if (typeof ReadableStream !== 'function') {
    throw new TypeError(`toReadableStream: this runtime has no ReadableStream (got ${describeValue(globalThis.ReadableStream)})`);
  }
  const stop = new AbortController();
  const receiving = { signal: stop.signal };
  let unlink = (): void => {};
  return new ReadableStream<T>(
    {
      start: (controller) => {
        unlink = linkSignal(signal, stop);
        stop.signal.addEventListener('abort', () => {
          if (signal?.aborted === true) controller.error(signal.reason);
        });
      },
      pull: async (controller) => {
        const [value, ok] = await receiver.recvOk(receiving);
        if (ok) controller.enqueue(value as T);
        else {
          unlink();
          controller.close();
        }
      },
      cancel: (reason) => {
        unlink();
        stop.abort(reason);
      },
    },
    { highWaterMark: 0 },
  );
}
