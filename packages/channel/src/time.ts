/**
 * Go's `time` package, for what channels need: timers, tickers, `after`, `tick`, `sleep` and the
 * duration constants (in milliseconds). Timer channels follow Go 1.23: they are unbuffered
 * (`len` and `cap` are 0), and after `stop` or `reset` no stale value is received.
 *
 * Durations are numbers of milliseconds. A negative duration means 0, as in Go; `Infinity` means
 * never (a timer that never fires, a sleep that never ends); durations longer than `setTimeout`
 * takes (about 24.8 days) are chained, so `time.sleep(30 * 24 * time.hour)` sleeps 30 days. A
 * duration that is not a number throws a `TypeError` at the call; `NaN` counts as 0.
 *
 * Timers leave nothing behind: a timer's `setTimeout` is armed only while a receiver is parked on
 * its channel. A timer nobody waits on, a timer case that lost a select, and a stopped timer or
 * ticker hold no `setTimeout` and do not keep the process alive; a value that came due while
 * nobody waited is computed when someone receives, and carries the time it fired.
 *
 * @module
 */
import { Chan, type BlockingOptions, type Receiver, type TimeSource } from './chan.js';
import { NonPositiveIntervalError } from './errors.js';
import { currentClock, TimerOutsideBubbleError, type Clock, type TimerHandle } from './clock.js';
import { describeValue, func, signalOf } from './validate.js';
import { Waiter } from './waiter.js';
import { go } from './go.js';
import { formatState, inspectCustom } from './inspect.js';
import { tracer } from './trace-hooks.js';

/** Go's `time.Nanosecond`, in milliseconds. */
export const nanosecond = 1e-6;
/** Go's `time.Microsecond`, in milliseconds. */
export const microsecond = 1e-3;
/** Go's `time.Millisecond`: durations are numbers of milliseconds. */
export const millisecond = 1;
/** Go's `time.Second`: 1000 milliseconds. */
export const second = 1000;
/** Go's `time.Minute`. */
export const minute = 60 * second;
/** Go's `time.Hour`. */
export const hour = 60 * minute;

/**
 * A timer's or ticker's schedule, armed only while someone waits on its channel; an `afterFunc`
 * timer's schedule has no channel and stays armed until it fires or is stopped.
 */
class Schedule implements TimeSource<Date> {
  /** When the next value is due (epoch milliseconds). */
  when: number;
  /** Whether a value will still come (not stopped, and for a timer, not yet received). */
  active = true;
  private handle: TimerHandle | null = null;
  /** The clock in force when the timer was made (real, or a test's virtual one). */
  private readonly clock: Clock = currentClock();

  constructor(
    readonly chan: Chan<Date>,
    /** How long after it was (re)started the first value is due, in ms (traces show it). */
    public delay: number,
    /** The ticker's period; 0 for a one-shot timer. */
    public period: number,
    /** `afterFunc`'s action, run instead of a send; `null` for a channel timer. */
    private readonly action: (() => void) | null = null,
  ) {
    this.when = this.clock.now() + delay;
    if (action === null) chan.timeSource = this;
    else this.arm();
  }

  /** Whether the schedule waits for someone to receive before it arms its timer. */
  private get lazy(): boolean {
    return this.action === null;
  }

  /**
   * @throws TimerOutsideBubbleError when the schedule belongs to a test bubble and `call` is made
   *   from outside it (Go panics the same way).
   */
  checkOwner(call: 'stop' | 'reset'): void {
    if (this.clock.bubbled === true && currentClock() !== this.clock) throw new TimerOutsideBubbleError(call);
  }

  due(): boolean {
    return this.active && this.clock.now() >= this.when;
  }

  take(): Date {
    const fired = new Date(this.when);
    if (this.period === 0) {
      this.active = false;
    } else {
      // As Go's ticker drops ticks for a slow receiver: the next tick is the first one after now.
      const missed = Math.floor((this.clock.now() - this.when) / this.period);
      this.when += (missed + 1) * this.period;
    }
    return fired;
  }

  arm(): void {
    if (!this.active || this.handle !== null) return;
    this.handle = this.clock.setTimer(this.fire, this.when - this.clock.now());
  }

  disarm(): void {
    if (this.handle === null) return;
    this.clock.clearTimer(this.handle);
    this.handle = null;
  }

  /** Stops the schedule; returns whether a value was still to come. */
  stop(): boolean {
    const wasActive = this.active;
    this.active = false;
    this.disarm();
    return wasActive;
  }

  /** Restarts the schedule `delay` from now; returns whether a value was still to come. */
  restart(delay: number, period: number): boolean {
    const wasActive = this.stop();
    this.active = true;
    this.when = this.clock.now() + delay;
    this.delay = delay;
    this.period = period;
    if (!this.lazy || this.chan.receivers.size > 0) this.arm();
    return wasActive;
  }

  /** How it shows in `util.inspect`: whether a value will still come, and when. */
  describe(tag: string): string {
    const next = Number.isFinite(this.when) ? new Date(this.when).toISOString() : 'never';
    const state: Record<string, unknown> = { active: this.active, next: this.active ? next : 'none' };
    if (this.period > 0) state['period'] = this.period;
    return formatState(tag, undefined, state);
  }

  private readonly fire = (): void => {
    this.handle = null;
    if (this.action !== null) {
      if (!this.active) return;
      if (!this.due()) return this.arm(); // a timer may fire a little early
      this.active = false;
      this.action();
      return;
    }
    if (!this.active || this.chan.receivers.size === 0) return;
    if (!this.due()) {
      this.arm(); // a timer may fire a little early
      return;
    }
    this.chan.sendNow(this.take());
    if (this.chan.receivers.size > 0) this.arm();
  };
}

/**
 * The delay of a duration argument: negative or `NaN` means 0 (as in Go), `Infinity` means never.
 * @throws TypeError when `ms` is not a number (`time.sleep('50')` is a mistake, not a 0).
 */
function delayOf(ms: number, call: string): number {
  if (typeof ms !== 'number') {
    throw new TypeError(`${call}: the duration must be a number of milliseconds, got ${describeValue(ms)}`);
  }
  return ms > 0 ? ms : 0;
}

/** @throws NonPositiveIntervalError unless `ms` is a positive, finite number (TypeError if not a number). */
function checkInterval(ms: number, call: string, message?: string): void {
  delayOf(ms, call);
  if (!(ms > 0) || !Number.isFinite(ms)) throw new NonPositiveIntervalError(message);
}

/**
 * A single event: Go's `*time.Timer`. Its channel {@link Timer.c} delivers the firing time once,
 * unless the timer is stopped first.
 */
export class Timer implements Disposable {
  /**
   * Delivers the time the timer fired, once. Receiving blocks until then. For a timer made by
   * {@link afterFunc} nothing is ever sent on it (Go's is nil).
   */
  readonly c: Receiver<Date>;
  private readonly schedule: Schedule;

  /** Not meant to be called directly: use {@link newTimer} or {@link afterFunc}. */
  constructor(ms: number, action: (() => void) | null = null, call = 'time.newTimer') {
    const chan = new Chan<Date>(0, { name: action === null ? 'time.Timer.C' : 'time.AfterFunc.C' });
    this.c = chan;
    this.schedule = new Schedule(chan, delayOf(ms, call), 0, action);
  }

  /**
   * Go's `Timer.Stop`. Never blocks. Prevents the timer from firing; returns `true` if this call
   * stopped it, `false` if its value was already received (for {@link afterFunc}: its function
   * already started) or it was already stopped. After `stop`, no value is received from
   * {@link Timer.c} (until a `reset`).
   *
   * @throws TimerOutsideBubbleError when the timer was made inside a test bubble
   *   (`@csp/testing`) and this call is made outside it.
   */
  stop(): boolean {
    this.schedule.checkOwner('stop');
    return this.schedule.stop();
  }

  /**
   * Go's `Timer.Reset`. Never blocks. Makes the timer fire `ms` from now (a stale value is never
   * received; an {@link afterFunc} timer runs its function again then); returns whether the
   * timer had been active.
   *
   * @throws TimerOutsideBubbleError as {@link Timer.stop} does.
   */
  reset(ms: number): boolean {
    const delay = delayOf(ms, 'Timer.reset');
    this.schedule.checkOwner('reset');
    return this.schedule.restart(delay, 0);
  }

  /** Stops the timer: `using timer = time.newTimer(ms)` stops it when the scope ends. */
  [Symbol.dispose](): void {
    this.stop();
  }

  /** `[object Timer]`. */
  get [Symbol.toStringTag](): string {
    return 'Timer';
  }

  /** `Timer { active: true, next: '2000-01-01T00:00:01.000Z' }` in `console.log`. */
  [inspectCustom](): string {
    return this.schedule.describe('Timer');
  }
}

/**
 * A periodic event: Go's `*time.Ticker`. Its channel {@link Ticker.c} delivers a tick every
 * period; ticks are dropped for a slow receiver, as in Go.
 */
export class Ticker implements Disposable {
  /** Delivers the time of each tick. Receiving blocks until the next one. */
  readonly c: Receiver<Date>;
  private readonly schedule: Schedule;

  /** Not meant to be called directly: use {@link newTicker}. */
  constructor(ms: number) {
    checkInterval(ms, 'time.newTicker');
    const chan = new Chan<Date>(0, { name: 'time.Ticker.C' });
    this.c = chan;
    this.schedule = new Schedule(chan, ms, ms);
  }

  /**
   * Go's `Ticker.Stop`. Never blocks. No more ticks are delivered (until a `reset`).
   * @throws TimerOutsideBubbleError when the ticker was made inside a test bubble
   *   (`@csp/testing`) and this call is made outside it.
   */
  stop(): void {
    this.schedule.checkOwner('stop');
    this.schedule.stop();
  }

  /**
   * Go's `Ticker.Reset`. Never blocks. Stops the ticker and restarts it with period `ms`.
   * @throws NonPositiveIntervalError when `ms` is not positive.
   * @throws TimerOutsideBubbleError as {@link Ticker.stop} does.
   */
  reset(ms: number): void {
    checkInterval(ms, 'Ticker.reset', 'non-positive interval for Ticker.Reset');
    this.schedule.checkOwner('reset');
    this.schedule.restart(ms, ms);
  }

  /** Stops the ticker: `using ticker = time.newTicker(ms)` stops it when the scope ends. */
  [Symbol.dispose](): void {
    this.stop();
  }

  /** `[object Ticker]`. */
  get [Symbol.toStringTag](): string {
    return 'Ticker';
  }

  /** `Ticker { active: true, next: '...', period: 500 }` in `console.log`. */
  [inspectCustom](): string {
    return this.schedule.describe('Ticker');
  }
}

/**
 * Go's `time.NewTimer(d)`: a {@link Timer} that fires `ms` milliseconds from now (at once for 0
 * or less, never for `Infinity`). Never blocks.
 *
 * @throws TypeError when `ms` is not a number.
 *
 * @example
 * ```ts
 * const timer = time.newTimer(2 * time.second);
 * const r = await select([recv(done), recv(timer.c)]);
 * if (r.index === 0) timer.stop();
 * ```
 */
export function newTimer(ms: number): Timer {
  return new Timer(ms);
}

/**
 * Go's `time.NewTicker(d)`: a {@link Ticker} with period `ms`. Never blocks. Call `stop` when done
 * (a ticker nobody waits on holds no `setTimeout` anyway).
 *
 * @throws {@link NonPositiveIntervalError} when `ms` is not a positive, finite number.
 * @example
 * ```ts
 * const ticker = time.newTicker(500);
 * for (let i = 0; i < 3; i++) console.log('tick at', await ticker.c.recv());
 * ticker.stop();
 * ```
 */
export function newTicker(ms: number): Ticker {
  return new Ticker(ms);
}

/**
 * Go's `time.AfterFunc(d, f)`: calls `fn` in its own goroutine (as `go(fn)` does) `ms`
 * milliseconds from now (at once for 0 or less, never for `Infinity`). Never blocks. The
 * returned {@link Timer} cancels the call: `stop()` returns `true` if it stopped `fn` from
 * running, `false` if `fn` already started or the timer was stopped; `reset(ms)` schedules `fn`
 * again. Its `c` never delivers anything. Unlike a channel timer, the pending call holds its
 * timer (and keeps the process alive) until it runs or is stopped. An error thrown by `fn` is a
 * goroutine panic (see `go`).
 *
 * @throws TypeError when `ms` is not a number or `fn` is not a function.
 * @example
 * ```ts
 * const timer = time.afterFunc(time.second, () => console.log('one second later'));
 * if (timer.stop()) console.log('cancelled before it ran');
 * ```
 */
export function afterFunc(ms: number, fn: () => unknown): Timer {
  func(fn, 'time.afterFunc: fn');
  return new Timer(ms, () => go(fn), 'time.afterFunc');
}

/**
 * Go's `time.After(d)`: a channel that delivers the time `ms` milliseconds after this call, once
 * (at once for 0 or less). Never blocks. It fires at creation time + `ms` whenever the wait
 * starts, and a late reader receives that firing time; when nobody waits on it, it holds no
 * `setTimeout`, so it can be used freely in `select` loops.
 *
 * @example
 * ```ts
 * const r = await select([recv(results), recv(time.after(time.second))]);
 * if (r.index === 1) console.log('timeout');
 * ```
 */
export function after(ms: number): Receiver<Date> {
  return new Timer(ms).c;
}

/**
 * Go's `time.Tick(d)`: a channel that delivers a tick every `ms` milliseconds (ticks are dropped
 * for a slow receiver). Never blocks. It cannot be stopped, but it holds no `setTimeout` while
 * nobody waits on it. Where Go returns a nil channel for a non-positive `d`, this throws, so the
 * mistake is seen.
 *
 * @throws {@link NonPositiveIntervalError} when `ms` is not a positive, finite number.
 * @example
 * ```ts
 * for await (const t of time.tick(time.second)) console.log('tick at', t);
 * ```
 */
export function tick(ms: number): Receiver<Date> {
  return new Ticker(ms).c;
}

/**
 * Go's `time.Sleep(d)`. Blocks for `ms` milliseconds (0 for a negative or NaN `ms`, forever
 * for `Infinity`); the promise resolves then, and its timer keeps the process alive meanwhile. When `signal` aborts first, the
 * timer is cleared and the promise rejects with `signal.reason`; an already aborted signal
 * rejects at once. Never rejects otherwise.
 *
 * @example
 * ```ts
 * await time.sleep(time.second); // time.Sleep(time.Second)
 * ```
 */
export function sleep(ms: number, options?: BlockingOptions): Promise<void> {
  const delay = delayOf(ms, 'time.sleep');
  const signal = signalOf(options, 'time.sleep');
  if (signal?.aborted) return Promise.reject(signal.reason);
  const clock = currentClock();
  // A parked operation like any other (Go's wait reason `sleep`), so that the deadlock report
  // and a test bubble's durable-block detection see sleeping goroutines.
  const waiter = new Waiter<void>();
  const handle = clock.setTimer(() => waiter.resolve(undefined), delay);
  if (tracer !== null) tracer.sleep(waiter, delay);
  return waiter.park('sleep', undefined, signal, () => clock.clearTimer(handle));
}

/** Go's `time.Now()`: the current wall-clock time. Never blocks. */
export function now(): Date {
  return new Date(currentClock().now());
}

/**
 * Go's `time.Since(t)`: milliseconds elapsed since `start` (a `Date` or epoch milliseconds).
 * Never blocks.
 *
 * @example
 * ```ts
 * const start = time.now();
 * await work();
 * console.log(`took ${time.since(start)} ms`);
 * ```
 */
export function since(start: Date | number): number {
  return currentClock().now() - (typeof start === 'number' ? start : start.getTime());
}
