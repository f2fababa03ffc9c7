// The real clock's chaining of delays longer than one setTimeout takes (2^31 - 1 ms), step by
// step, on a fake setTimeout and a fake monotonic clock: the behaviour mutation testing found
// no test for (see mutation/README.md).
import { expect } from 'chai';
import { currentClock, MAX_TIMEOUT, realClock, setClockProvider, type Clock } from '@csp/channel/internal';

interface Armed {
  readonly fn: () => void;
  readonly ms: number;
}

/** Runs `body` with setTimeout recording instead of arming, and performance.now() at `clock.now`. */
function withFakeTimers(body: (armed: Armed[], clock: { now: number }) => void): void {
  const armed: Armed[] = [];
  const clock = { now: 1_000 };
  const { setTimeout: realSetTimeout, clearTimeout: realClearTimeout } = globalThis;
  const realNow = performance.now;
  globalThis.setTimeout = ((fn: () => void, ms: number) => {
    armed.push({ fn, ms });
    return armed.length;
  }) as unknown as typeof setTimeout;
  globalThis.clearTimeout = (() => {}) as typeof clearTimeout;
  performance.now = () => clock.now;
  try {
    body(armed, clock);
  } finally {
    globalThis.setTimeout = realSetTimeout;
    globalThis.clearTimeout = realClearTimeout;
    performance.now = realNow;
  }
}

describe('realClock (mutants)', () => {
  it('arms a delay of at most 2^31 - 1 ms directly, with the callback itself', () => {
    withFakeTimers((armed) => {
      const callback = (): void => {};
      realClock.setTimer(callback, MAX_TIMEOUT);
      realClock.setTimer(callback, -5);
      realClock.setTimer(callback, Number.NaN);
      expect(armed).to.deep.equal([
        { fn: callback, ms: MAX_TIMEOUT },
        { fn: callback, ms: 0 },
        { fn: callback, ms: 0 },
      ]);
    });
  });

  it('chains a longer delay: full steps while more than 2^31 - 1 ms remain, then the rest', () => {
    withFakeTimers((armed, clock) => {
      let fired = 0;
      const callback = (): void => void fired++;
      realClock.setTimer(callback, 2 * MAX_TIMEOUT + 5);
      expect(armed.map((a) => a.ms)).to.deep.equal([MAX_TIMEOUT]);
      expect(armed[0]!.fn).to.not.equal(callback);

      clock.now += MAX_TIMEOUT;
      armed[0]!.fn(); // MAX_TIMEOUT + 5 remain: another full step
      expect(armed[1]!.ms).to.equal(MAX_TIMEOUT);
      expect(armed[1]!.fn).to.not.equal(callback);

      clock.now += MAX_TIMEOUT;
      armed[1]!.fn(); // 5 remain
      expect(armed[2]).to.deep.equal({ fn: callback, ms: 5 });
      expect(fired).to.equal(0);
    });
  });

  it('a step with exactly 2^31 - 1 ms left arms the callback; a late step arms it at once', () => {
    withFakeTimers((armed, clock) => {
      const callback = (): void => {};
      realClock.setTimer(callback, 2 * MAX_TIMEOUT);
      clock.now += MAX_TIMEOUT;
      armed[0]!.fn();
      expect(armed[1]).to.deep.equal({ fn: callback, ms: MAX_TIMEOUT });

      realClock.setTimer(callback, MAX_TIMEOUT + 1);
      clock.now += 2 * MAX_TIMEOUT; // the step itself ran very late
      armed[2]!.fn();
      expect(armed[3]).to.deep.equal({ fn: callback, ms: 0 });
    });
  });

  it('setClockProvider installs the clock currentClock returns, and null restores the real one', () => {
    const fake: Clock = { ...realClock, now: () => 42 };
    setClockProvider(() => fake);
    try {
      expect(currentClock()).to.equal(fake);
      expect(currentClock().now()).to.equal(42);
    } finally {
      setClockProvider(null);
    }
    expect(currentClock()).to.equal(realClock);
  });
});
