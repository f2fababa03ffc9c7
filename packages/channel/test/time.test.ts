// The time namespace: after, tick, sleep, timers and tickers (Go 1.23 semantics), and the rule
// that timers leave nothing behind.
import { expect } from 'chai';
import * as channel from '@csp/channel';
import { Chan, NonPositiveIntervalError, cap, len, recv, select, time } from '@csp/channel';
import { inspect } from 'node:util';
import { parkedOperations } from '@csp/channel/internal';
import { synctest } from '@csp/testing';
import { activeTimeouts, delay, flush, track } from './helpers.js';

/**
 * Runs `fn` in a virtual-time bubble (`@csp/testing`): its sleeps take no real time and every
 * time it reads is exact. `delay` (a plain `setTimeout`) stays for the tests about real timers.
 */
const virtual = (fn: () => Promise<void>) => (): Promise<void> => synctest.test(fn);

/** Mocha arms its own test timeout once a test function returns; count timers after that. */
async function timeoutsNow(): Promise<number> {
  await flush();
  return activeTimeouts();
}

/** Whether `c` delivers nothing within `ms` (raced against a plain timer). */
async function silentFor(c: channel.Receiver<Date>, ms: number): Promise<boolean> {
  const r = await select([recv(c), recv(time.after(ms))]);
  return r.index === 1;
}

describe('time', () => {
  it('has Go’s duration constants in milliseconds, also as plain exports', () => {
    expect(time.nanosecond).to.equal(1e-6);
    expect(time.microsecond).to.equal(1e-3);
    expect(time.millisecond).to.equal(1);
    expect(time.second).to.equal(1000);
    expect(time.minute).to.equal(60_000);
    expect(time.hour).to.equal(3_600_000);
    for (const name of ['after', 'tick', 'sleep', 'newTimer', 'newTicker', 'since', 'now', 'second'] as const) {
      expect(channel[name], name).to.equal(time[name]);
    }
  });

  it('now and since measure wall-clock milliseconds', async () => {
    const start = time.now();
    expect(start).to.be.instanceOf(Date);
    await delay(5);
    expect(time.since(start)).to.be.at.least(4);
    expect(time.since(start.getTime())).to.be.at.least(4);
  });

  describe('after', () => {
    it(
      'delivers creation time + ms, once, not before',
      virtual(async () => {
        const t0 = time.now().getTime();
        const c = time.after(15);
        const fired = await c.recv();
        expect(fired).to.be.instanceOf(Date);
        expect(fired!.getTime()).to.equal(t0 + 15);
        expect(time.now().getTime()).to.equal(t0 + 15);
        expect(c.tryRecv()).to.equal(undefined);
      }),
    );

    it('fires at creation + ms whenever the wait starts, and a late reader gets the firing time', async () => {
      const baseline = await timeoutsNow();
      const t0 = Date.now();
      const c = time.after(10);
      const t1 = Date.now();
      expect(activeTimeouts()).to.equal(baseline); // nobody waits: nothing armed
      await delay(40);
      const got = c.tryRecv();
      expect(got).to.not.equal(undefined);
      const [fired, ok] = got!;
      expect(ok).to.equal(true);
      expect(fired!.getTime()).to.be.within(t0 + 10, t1 + 10);
    });

    it(
      'a wait that starts before the deadline ends at creation + ms, not wait start + ms',
      virtual(async () => {
        const t0 = time.now().getTime();
        const c = time.after(40);
        await time.sleep(20);
        const fired = await c.recv();
        expect(fired!.getTime()).to.equal(t0 + 40); // not wait start + 40
        expect(time.now().getTime()).to.equal(t0 + 40);
      }),
    );

    it('is a timer channel: unbuffered, named, never closed', () => {
      const c = time.after(1);
      expect([len(c), cap(c)]).to.deep.equal([0, 0]);
      expect(c.name).to.equal('time.Timer.C');
    });
  });

  describe('timers leave nothing behind', () => {
    it('a timer case that loses an immediate select arms no setTimeout', async () => {
      const baseline = await timeoutsNow();
      const ready = new Chan<number>(1);
      for (let i = 0; i < 100; i++) {
        ready.trySend(i);
        expect((await select([recv(ready), recv(time.after(10_000))])).index).to.equal(0);
      }
      expect(activeTimeouts()).to.equal(baseline);
    });

    it('a timer case that loses a parked select disarms its setTimeout at once', async () => {
      const baseline = await timeoutsNow();
      const a = new Chan<number>();
      const timer = time.after(10_000) as Chan<Date>;
      const selected = select([recv(a), recv(timer)]);
      await flush();
      expect(activeTimeouts()).to.equal(baseline + 1);
      a.trySend(1);
      expect(activeTimeouts()).to.equal(baseline);
      expect(timer.receivers.size).to.equal(0);
      expect((await selected).index).to.equal(0);
    });

    it('a receiver waiting on a timer keeps it armed until it is aborted', async () => {
      const baseline = await timeoutsNow();
      const controller = new AbortController();
      const waiting = track(time.after(10_000).recv({ signal: controller.signal }));
      expect(activeTimeouts()).to.equal(baseline + 1);
      controller.abort('done');
      await flush();
      expect(waiting.outcome.state).to.equal('rejected');
      expect(activeTimeouts()).to.equal(baseline);
    });

    it('a ticker nobody waits on and a stopped ticker arm nothing', async () => {
      const baseline = await timeoutsNow();
      const ticker = time.newTicker(50);
      time.tick(50);
      expect(activeTimeouts()).to.equal(baseline);
      const waiting = track(ticker.c.recv());
      expect(activeTimeouts()).to.equal(baseline + 1);
      ticker.stop();
      expect(activeTimeouts()).to.equal(baseline);
      await flush();
      expect(waiting.outcome.state).to.equal('pending');
    });
  });

  describe('newTimer', () => {
    it('delivers once; stop then reports false', async () => {
      const timer = time.newTimer(5);
      const fired = await timer.c.recv();
      expect(fired).to.be.instanceOf(Date);
      expect(timer.stop()).to.equal(false);
    });

    it('fires at once for 0, a negative or a NaN duration', () => {
      for (const ms of [0, -5, Number.NaN]) {
        const got = time.newTimer(ms).c.tryRecv();
        expect(got?.[1], String(ms)).to.equal(true);
      }
    });

    it(
      'stop before it fires returns true, and no value comes',
      virtual(async () => {
        const timer = time.newTimer(10);
        expect(timer.stop()).to.equal(true);
        expect(timer.stop()).to.equal(false);
        expect(await silentFor(timer.c, time.hour)).to.equal(true);
      }),
    );

    it(
      'stop after it came due but before anyone received returns true and drops the value (Go 1.23)',
      virtual(async () => {
        const timer = time.newTimer(1);
        await time.sleep(15);
        expect(timer.stop()).to.equal(true);
        expect(timer.c.tryRecv()).to.equal(undefined);
        expect(await silentFor(timer.c, time.hour)).to.equal(true);
      }),
    );

    it('stop wakes no parked receiver; it stays parked', async () => {
      const baseline = await timeoutsNow();
      const timer = time.newTimer(50);
      const controller = new AbortController();
      const waiting = track(timer.c.recv({ signal: controller.signal }));
      timer.stop();
      expect(activeTimeouts()).to.equal(baseline);
      await delay(70);
      expect(waiting.outcome.state).to.equal('pending');
      controller.abort('end');
    });

    it(
      'reset reports whether the timer was active, and fires ms after the reset',
      virtual(async () => {
        const timer = time.newTimer(10_000);
        await time.sleep(10);
        const t0 = time.now().getTime();
        expect(timer.reset(15)).to.equal(true);
        const fired = await timer.c.recv();
        expect(fired!.getTime()).to.equal(t0 + 15);
        expect(timer.reset(5)).to.equal(false); // its value was received
        expect((await timer.c.recv())!.getTime()).to.equal(t0 + 20);
      }),
    );

    it(
      'reset after it came due drops the stale value (Go 1.23)',
      virtual(async () => {
        const timer = time.newTimer(1);
        await time.sleep(15);
        const t0 = time.now().getTime();
        expect(timer.reset(20)).to.equal(true);
        expect(timer.c.tryRecv()).to.equal(undefined);
        const fired = await timer.c.recv();
        expect(fired!.getTime()).to.equal(t0 + 20);
      }),
    );

    it(
      'reset of a stopped timer returns false and re-arms a parked receiver',
      virtual(async () => {
        const timer = time.newTimer(10_000);
        const waiting = track(timer.c.recv());
        expect(timer.stop()).to.equal(true);
        expect(timer.reset(5)).to.equal(false);
        await time.sleep(30);
        expect(waiting.outcome.state).to.equal('resolved');
        expect((await waiting.promise)!.getTime()).to.equal(time.now().getTime() - 25);
      }),
    );
  });

  describe('newTicker and tick', () => {
    it(
      'delivers a tick every period, on the grid of its start',
      virtual(async () => {
        const t0 = time.now().getTime();
        const ticker = time.newTicker(10);
        const ticks: number[] = [];
        for (let i = 0; i < 3; i++) ticks.push((await ticker.c.recv())!.getTime() - t0);
        ticker.stop();
        expect(ticks).to.deep.equal([10, 20, 30]);
      }),
    );

    it(
      'serves several parked receivers one tick each',
      virtual(async () => {
        const t0 = time.now().getTime();
        const ticker = time.newTicker(5);
        const [a, b] = await Promise.all([ticker.c.recv(), ticker.c.recv()]);
        ticker.stop();
        expect([a!.getTime() - t0, b!.getTime() - t0]).to.deep.equal([5, 10]);
      }),
    );

    it(
      'drops ticks for a slow receiver, as Go does',
      virtual(async () => {
        const t0 = time.now().getTime();
        const ticker = time.newTicker(10);
        await time.sleep(55);
        const [first] = ticker.c.tryRecv()!;
        expect(first!.getTime()).to.equal(t0 + 10); // the first tick, late
        const next = await ticker.c.recv();
        ticker.stop();
        // The ticks that came due while nobody read are gone: the next one is after the late read.
        expect(next!.getTime()).to.equal(t0 + 60);
      }),
    );

    it(
      'stop ends the ticks; reset restarts them with a new period',
      virtual(async () => {
        const ticker = time.newTicker(5);
        await ticker.c.recv();
        ticker.stop();
        expect(await silentFor(ticker.c, time.hour)).to.equal(true);
        const t0 = time.now().getTime();
        ticker.reset(8);
        const tick = await ticker.c.recv();
        expect(tick!.getTime()).to.equal(t0 + 8);
        ticker.stop();
      }),
    );

    it(
      'tick delivers ticks too',
      virtual(async () => {
        const c = time.tick(3);
        const first = await c.recv();
        const second = await c.recv();
        expect(second!.getTime() - first!.getTime()).to.equal(3);
      }),
    );

    it('throws NonPositiveIntervalError for a non-positive or non-finite interval', () => {
      for (const ms of [0, -1, Number.NaN, Number.POSITIVE_INFINITY]) {
        expect(() => time.newTicker(ms), String(ms)).to.throw(NonPositiveIntervalError, 'non-positive interval for NewTicker');
        expect(() => time.tick(ms), String(ms)).to.throw(NonPositiveIntervalError);
      }
      const ticker = time.newTicker(1000);
      expect(() => ticker.reset(0)).to.throw(NonPositiveIntervalError, 'non-positive interval for Ticker.Reset');
      ticker.stop();
      const error = new NonPositiveIntervalError();
      expect(error.name).to.equal('NonPositiveIntervalError');
    });
  });

  describe('sleep', () => {
    it('resolves after ms', async () => {
      const start = Date.now();
      await time.sleep(15);
      expect(Date.now() - start).to.be.at.least(14);
    });

    it(
      'resolves after exactly ms of virtual time, 30 days included',
      virtual(async () => {
        const start = time.now();
        await time.sleep(15);
        expect(time.since(start)).to.equal(15);
        await time.sleep(30 * 24 * time.hour);
        expect(time.since(start)).to.equal(15 + 30 * 24 * time.hour);
      }),
    );

    it('treats a negative duration as 0', async () => {
      await time.sleep(-1);
    });
  });

  describe('afterFunc', () => {
    it(
      'runs fn in its own goroutine after ms; stop afterwards returns false',
      virtual(async () => {
        const ran: number[] = [];
        const t0 = time.now().getTime();
        const timer = time.afterFunc(10, () => ran.push(time.now().getTime() - t0));
        expect(timer).to.be.instanceOf(time.Timer);
        await time.sleep(9);
        expect(ran).to.deep.equal([]);
        await time.sleep(1);
        await synctest.wait();
        expect(ran).to.deep.equal([10]);
        expect(timer.stop()).to.equal(false);
      }),
    );

    it('stop before it fires cancels the call and returns true; no timer is left', async () => {
      const ran: string[] = [];
      const before = await timeoutsNow();
      const timer = time.afterFunc(10, () => ran.push('ran'));
      expect(activeTimeouts()).to.equal(before + 1);
      expect(timer.stop()).to.equal(true);
      expect(activeTimeouts()).to.equal(before);
      expect(timer.stop()).to.equal(false);
      await delay(25);
      expect(ran).to.deep.equal([]);
    });

    it(
      'reset schedules fn again, after it ran or while pending',
      virtual(async () => {
        const runs: number[] = [];
        const t0 = time.now().getTime();
        const timer = time.afterFunc(5, () => runs.push(time.now().getTime() - t0));
        expect(timer.reset(20)).to.equal(true);
        await time.sleep(30);
        expect(runs).to.deep.equal([20]);
        expect(timer.reset(5)).to.equal(false);
        await time.sleep(20);
        expect(runs).to.deep.equal([20, 35]);
      }),
    );

    it('its channel never delivers; bad arguments throw at the call', async () => {
      const silent = await synctest.test(() => silentFor(time.afterFunc(0, () => {}).c, time.hour));
      expect(silent).to.equal(true);
      expect(() => time.afterFunc(1, 'f' as unknown as () => void)).to.throw(TypeError, /time\.afterFunc: fn must be a function/);
      expect(() => time.afterFunc('1' as unknown as number, () => {})).to.throw(TypeError, /time\.afterFunc: the duration/);
      expect(channel.afterFunc).to.equal(time.afterFunc);
    });
  });

  describe('Timer and Ticker as objects', () => {
    it('using stops them at the end of the scope', async () => {
      const before = await timeoutsNow();
      let timer: time.Timer;
      let ticker: time.Ticker;
      {
        using t = time.afterFunc(time.second, () => {});
        using k = time.newTicker(10);
        timer = t;
        ticker = k;
        expect(activeTimeouts()).to.equal(before + 1);
      }
      expect(activeTimeouts()).to.equal(before);
      expect(timer.stop()).to.equal(false);
      expect(await silentFor(ticker.c, 25)).to.equal(true);
    });

    it('show their tag and state, never their private fields', () => {
      const timer = time.newTimer(Infinity);
      const ticker = time.newTicker(500);
      expect(Object.prototype.toString.call(timer)).to.equal('[object Timer]');
      expect(Object.prototype.toString.call(ticker)).to.equal('[object Ticker]');
      expect(inspect(timer)).to.equal("Timer { active: true, next: 'never' }");
      expect(inspect(ticker)).to.match(/^Ticker \{ active: true, next: '\d{4}-.*Z', period: 500 \}$/);
      timer.stop();
      ticker.stop();
      expect(inspect(timer)).to.equal("Timer { active: false, next: 'none' }");
    });
  });

  it('a sleep is a parked operation (wait reason sleep) until it wakes or aborts', async () => {
    parkedOperations.enable();
    try {
      const sleeping = (): number => parkedOperations.list().filter((op) => op.reason === 'sleep').length;
      const controller = new AbortController();
      const slept = track(time.sleep(5));
      const aborted = track(time.sleep(time.hour, { signal: controller.signal }));
      expect(sleeping()).to.equal(2);
      await delay(15);
      expect(slept.outcome.state).to.equal('resolved');
      expect(sleeping()).to.equal(1);
      controller.abort();
      await flush();
      expect(aborted.outcome.state).to.equal('rejected');
      expect(sleeping()).to.equal(0);
    } finally {
      parkedOperations.disable();
    }
  });
});
