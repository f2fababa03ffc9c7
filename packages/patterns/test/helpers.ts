// Shared test helpers for @csp/patterns: draining channels, letting the event loop turn, timing.
import type { Receiver } from '@csp/channel';

export { delay, flush } from '../../channel/test/helpers.js';

/** Receives every value of `channel` until it closes. */
export async function collect<T>(channel: AsyncIterable<T> | Receiver<T>): Promise<T[]> {
  const values: T[] = [];
  for await (const value of channel) values.push(value);
  return values;
}

/** What a promise has done so far, readable synchronously. */
export function track<T>(promise: Promise<T>): { state: 'pending' | 'resolved' | 'rejected'; value?: T; reason?: unknown } {
  const tracked: { state: 'pending' | 'resolved' | 'rejected'; value?: T; reason?: unknown } = { state: 'pending' };
  promise.then(
    (value) => Object.assign(tracked, { state: 'resolved', value }),
    (reason: unknown) => Object.assign(tracked, { state: 'rejected', reason }),
  );
  return tracked;
}

/** A promise with its resolve function, for jobs that finish when a test says so. */
export function deferred<T = void>(): { promise: Promise<T>; resolve: (value: T) => void } {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}

/** Runs `fn` and returns what it threw synchronously (fails when it throws nothing). */
export function thrownBy(fn: () => unknown): unknown {
  try {
    fn();
  } catch (error) {
    return error;
  }
  throw new Error('expected a throw');
}

/** Counts how many calls run at once, and the most at any time. */
export class Gauge {
  now = 0;
  peak = 0;
  enter(): void {
    this.now++;
    this.peak = Math.max(this.peak, this.now);
  }
  leave(): void {
    this.now--;
  }
}
