import { expect } from 'chai';
import { recv, select, time } from '@csp/channel';
import { MAX_TIMEOUT, realClock } from '@csp/channel/internal';
import { BubbleDeadlockError, synctest } from '@csp/testing';

const thirtyDays = 30 * 24 * time.hour;

/** Collects the process warnings emitted while `fn` runs. */
async function warningsDuring(fn: () => Promise<void>): Promise<string[]> {
  const seen: string[] = [];
  const onWarning = (warning: Error): void => void seen.push(warning.name);
  process.on('warning', onWarning);
  try {
    await fn();
    await new Promise((resolve) => setImmediate(resolve));
  } finally {
    process.off('warning', onWarning);
  }
  return seen;
}

describe('durations longer than setTimeout takes, and Infinity', () => {
  it('time.sleep(30 days) does not return after a few milliseconds', async () => {
    const controller = new AbortController();
    const slept = time.sleep(thirtyDays, { signal: controller.signal }).then(
      () => 'woke',
      () => 'aborted',
    );
    const first = await Promise.race([slept, time.sleep(30).then(() => 'still asleep')]);
    controller.abort();
    expect(first).to.equal('still asleep');
    expect(await slept).to.equal('aborted');
  });

  it('time.after(Infinity) never fires, and time.after(30 days) does not fire early', async () => {
    for (const ms of [Infinity, thirtyDays]) {
      const r = await select([recv(time.after(ms)), recv(time.after(30))]);
      expect(r.index, `after(${ms})`).to.equal(1);
    }
  });

  it('parking on a 30-day timer arms no overflowing setTimeout (no TimeoutOverflowWarning)', async () => {
    const warnings = await warningsDuring(async () => {
      const timer = time.newTimer(thirtyDays);
      const controller = new AbortController();
      const parked = timer.c.recv({ signal: controller.signal }).catch(() => 'aborted');
      await time.sleep(30);
      controller.abort();
      expect(await parked).to.equal('aborted');
      timer.stop();
    });
    expect(warnings).to.not.include('TimeoutOverflowWarning');
  });

  it('the real clock chains a long delay through setTimeouts of at most 2^31 - 1 ms', () => {
    const delays: number[] = [];
    const original = globalThis.setTimeout;
    globalThis.setTimeout = ((fn: () => void, ms: number) => {
      delays.push(ms);
      return original(fn, 0);
    }) as typeof setTimeout;
    let handle;
    try {
      handle = realClock.setTimer(() => {}, thirtyDays);
    } finally {
      globalThis.setTimeout = original;
    }
    realClock.clearTimer(handle);
    expect(delays).to.deep.equal([MAX_TIMEOUT]);
  });

  it('a duration that is not a number throws a TypeError at the call', () => {
    expect(() => time.sleep('50' as unknown as number)).to.throw(TypeError, /time\.sleep: the duration must be a number/);
    expect(() => time.after('50' as unknown as number)).to.throw(TypeError, /time\.newTimer/);
    expect(() => time.newTicker(undefined as unknown as number)).to.throw(TypeError, /time\.newTicker/);
  });

  it('time.sleep rejects a signal that is not an AbortSignal before arming anything', () => {
    expect(() => time.sleep(10, { signal: {} as AbortSignal })).to.throw(
      TypeError,
      /time\.sleep: \{ signal \} must be an AbortSignal/,
    );
  });

  it('in virtual time, a 30-day timer fires after exactly 30 days and after(Infinity) never', async () => {
    const elapsed = await synctest.test(async () => {
      const start = time.now();
      const r = await select([recv(time.after(Infinity)), recv(time.after(thirtyDays))]);
      expect(r.index).to.equal(1);
      return time.since(start);
    });
    expect(elapsed).to.equal(thirtyDays);
    const never = await synctest.test(() => time.sleep(Infinity)).catch((error: unknown) => error);
    expect(never).to.be.instanceOf(BubbleDeadlockError);
    expect((never as Error).message).to.include('goroutine 1 [sleep]');
  });
});
