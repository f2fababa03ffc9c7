/**
 * The one place the three packages read the time and arm timers. Every timer of `@csp/channel`
 * (`time.*`), `@csp/sync` (context deadlines) and `@csp/patterns` (pool timeouts, idle shrink,
 * rate limits) goes through {@link currentClock}, so that a test harness can swap in a virtual
 * clock (see `setClockProvider`), and so that long delays work the same everywhere.
 *
 * `setTimeout` takes at most 2^31 - 1 ms (about 24.8 days) and fires after 1 ms for anything
 * longer, with a `TimeoutOverflowWarning`. The real clock chains such delays instead, and a delay
 * of `Infinity` never fires, while keeping the process alive as Go's endless sleep does.
 *
 * @module
 */

import { GoPanicError } from './panic-error.js';

/** A timer armed by a {@link Clock}; pass it back to {@link Clock.clearTimer}. */
export interface TimerHandle {
  /** @internal Brand: only a clock makes these. */
  readonly __timerHandle: true;
}

/** A source of time and timers. */
export interface Clock {
  /** The wall-clock time in epoch milliseconds: `Date.now()`. */
  now(): number;
  /** A monotonic time in milliseconds, for measuring durations: `performance.now()`. */
  monotonic(): number;
  /**
   * Calls `callback` once, `delay` milliseconds from now (at once for 0 or less). A delay of
   * `Infinity` never fires. The timer keeps the process alive until it fires or is cleared.
   */
  setTimer(callback: () => void, delay: number): TimerHandle;
  /** Clears a timer that has not fired yet; clearing it again, or after it fired, does nothing. */
  clearTimer(handle: TimerHandle): void;
  /**
   * Lets the process exit while this timer is pending (Node's `timeout.unref()`), for background
   * housekeeping such as a pool's idle shrink. Optional: a clock without it keeps timers as they are.
   */
  unrefTimer?(handle: TimerHandle): void;
  /**
   * `true` for the clock of a test bubble (`@csp/testing`): a timer or ticker made with it must
   * not be stopped or reset from outside the bubble, as in Go.
   */
  readonly bubbled?: boolean;
}

/**
 * Thrown by `Timer.stop`/`reset` and `Ticker.stop`/`reset` called from outside the test bubble
 * the timer belongs to: Go panics with `stop of synctest timer from outside bubble` (or `reset`).
 */
export class TimerOutsideBubbleError extends GoPanicError {
  constructor(call: 'stop' | 'reset') {
    super(`${call} of synctest timer from outside bubble`);
  }
}

/** The longest delay `setTimeout` takes. */
export const MAX_TIMEOUT = 2 ** 31 - 1;

/** A real timer, chained through several `setTimeout`s when its delay is longer than one takes. */
class ChainedTimeout implements TimerHandle {
  declare readonly __timerHandle: true;
  private handle: ReturnType<typeof setTimeout>;
  /** When it fires, on the monotonic clock; `Infinity` for never. */
  private readonly deadline: number;

  constructor(
    private readonly callback: () => void,
    delay: number,
  ) {
    this.deadline = delay > MAX_TIMEOUT ? performance.now() + delay : 0;
    this.handle = setTimeout(delay > MAX_TIMEOUT ? this.step : callback, Math.min(Math.max(delay, 0), MAX_TIMEOUT));
  }

  private unreferenced = false;

  private readonly step = (): void => {
    const remaining = this.deadline - performance.now();
    if (remaining > MAX_TIMEOUT) this.handle = setTimeout(this.step, MAX_TIMEOUT);
    else this.handle = setTimeout(this.callback, Math.max(remaining, 0));
    if (this.unreferenced) this.unref();
  };

  unref(): void {
    this.unreferenced = true;
    (this.handle as { unref?: () => void }).unref?.();
  }

  clear(): void {
    clearTimeout(this.handle);
  }
}

/** The clock of the host: `Date.now()`, `performance.now()` and `setTimeout`. */
export const realClock: Clock = {
  now: () => Date.now(),
  monotonic: () => performance.now(),
  setTimer: (callback, delay) => new ChainedTimeout(callback, Number.isNaN(delay) ? 0 : delay),
  clearTimer: (handle) => (handle as ChainedTimeout).clear(),
  unrefTimer: (handle) => (handle as ChainedTimeout).unref(),
};

let provider: (() => Clock) | null = null;

/**
 * The clock in force here and now: the real clock, unless a provider installed with
 * {@link setClockProvider} says otherwise (for instance inside a virtual-time test bubble). A
 * timer keeps the clock it was created with.
 */
export function currentClock(): Clock {
  return provider === null ? realClock : provider();
}

/**
 * Installs the function that {@link currentClock} asks (`null` restores the real clock). Meant
 * for test harnesses; not part of the stable API.
 */
export function setClockProvider(next: (() => Clock) | null): void {
  provider = next;
}
