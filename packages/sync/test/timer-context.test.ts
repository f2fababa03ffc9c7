// context.withTimeout / withDeadline on the shared clock: long delays, Infinity, and a swapped
// clock (the one a virtual-time test bubble installs) seen the same way as by `time`.
import { expect } from 'chai';
import { time } from '@csp/channel';
import { setClockProvider, type Clock, type TimerHandle } from '@csp/channel/internal';
import { context, type Context } from '@csp/sync';
import { flush } from './helpers.js';

const thirtyDays = 30 * 24 * time.hour;

/** Whether `ctx.done()` is closed, without blocking. */
function isDone(ctx: Context): boolean {
  return ctx.done()?.tryRecv()?.[1] === false;
}

/** A hand-driven clock: time moves only through `advance`. */
class ManualClock implements Clock {
  private current = Date.UTC(2000, 0, 1);
  private readonly timers = new Map<TimerHandle, { at: number; callback: () => void }>();
  armed = 0;

  now(): number {
    return this.current;
  }
  monotonic(): number {
    return this.current;
  }
  setTimer(callback: () => void, delay: number): TimerHandle {
    const handle = {} as TimerHandle;
    this.armed++;
    this.timers.set(handle, { at: this.current + Math.max(delay, 0), callback });
    return handle;
  }
  clearTimer(handle: TimerHandle): void {
    this.timers.delete(handle);
  }
  advance(ms: number): void {
    this.current += ms;
    for (const [handle, timer] of this.timers) {
      if (timer.at > this.current) continue;
      this.timers.delete(handle);
      timer.callback();
    }
  }
  get pending(): number {
    return this.timers.size;
  }
}

describe('context deadlines on the shared clock', () => {
  afterEach(() => setClockProvider(null));

  it('a 30-day withTimeout does not expire early', async () => {
    const [ctx, cancel] = context.withTimeout(context.background(), thirtyDays);
    await time.sleep(30);
    expect(isDone(ctx)).to.equal(false);
    const [deadline, ok] = ctx.deadline();
    expect(ok).to.equal(true);
    expect(deadline!.getTime() - Date.now()).to.be.greaterThan(thirtyDays - time.minute);
    cancel();
  });

  it('withTimeout(parent, Infinity) never expires and has no deadline', async () => {
    const [ctx, cancel] = context.withTimeout(context.background(), Infinity);
    await time.sleep(20);
    expect(isDone(ctx)).to.equal(false);
    expect(ctx.deadline()).to.deep.equal([undefined, false]);
    cancel();
    expect(ctx.err()).to.equal(context.Canceled);
  });

  it('withTimeout still rejects NaN and non-numbers', () => {
    expect(() => context.withTimeout(context.background(), NaN)).to.throw(RangeError);
    expect(() => context.withTimeout(context.background(), '5' as unknown as number)).to.throw(RangeError);
  });

  it('reads the time and arms its timer through currentClock(), like time does', async () => {
    const clock = new ManualClock();
    setClockProvider(() => clock);
    const [ctx, cancel] = context.withTimeout(context.background(), 10 * time.second);
    expect(ctx.deadline()[0]!.getTime()).to.equal(Date.UTC(2000, 0, 1, 0, 0, 10));
    expect(clock.pending).to.equal(1);
    clock.advance(9 * time.second);
    await flush();
    expect(isDone(ctx)).to.equal(false);
    clock.advance(time.second);
    await flush();
    expect(ctx.err()).to.equal(context.DeadlineExceeded);
    expect(clock.pending).to.equal(0);
    cancel();
  });

  it('withDeadline in the past of the swapped clock is done at once; cancel clears its timer', () => {
    const clock = new ManualClock();
    setClockProvider(() => clock);
    const [past] = context.withDeadline(context.background(), new Date(Date.UTC(1999, 11, 31)));
    expect(past.err()).to.equal(context.DeadlineExceeded);
    const [live, cancel] = context.withDeadline(context.background(), new Date(Date.UTC(2000, 0, 2)));
    expect(clock.pending).to.equal(1);
    cancel();
    expect(clock.pending).to.equal(0);
    expect(live.err()).to.equal(context.Canceled);
  });
});
