import { expect } from 'chai';
import { time } from '@csp/channel';
import { synctest } from '@csp/testing';
import { implementation, runMain, within } from '../support.js';
import * as solution from './solution.js';
import * as start from './start.js';

/** What the tests use of a limiter (the two classes differ in their private fields). */
interface LimiterLike {
  allow(): boolean;
  wait(): Promise<void>;
  stop(): void;
}

const { Limiter } = implementation<{ Limiter: new (everyMs: number, burst: number) => LimiterLike }>({ start, solution });
const blocked = 'the test bubble never finished';

/** How many requests in a row `allow()` lets through right now. */
function burst(limiter: LimiterLike): number {
  let allowed = 0;
  while (allowed < 100 && limiter.allow()) allowed++;
  return allowed;
}

describe('workshop 15: a rate limiter on a ticker', () => {
  // The tests run in a bubble (see exercise 09): the ticker follows its virtual clock, so the
  // times are exact, and a goroutine left blocked at the end fails the test with GoroutineLeakError.
  it('lets `burst` requests through at first, then sheds the rest', async () => {
    const allowed = await within(
      2000,
      synctest.test(() => {
        const limiter = new Limiter(100, 3);
        const allowed = burst(limiter);
        limiter.stop();
        return allowed;
      }),
      blocked,
    );
    expect(allowed, 'requests allowed in a row').to.equal(3);
  });

  it('after idling, lets no more than `burst` through: the bucket holds at most `burst` tokens', async () => {
    const allowed = await within(
      2000,
      synctest.test(async () => {
        const limiter = new Limiter(100, 3);
        await time.sleep(time.second); // ten ticks while nobody asks
        const allowed = burst(limiter);
        limiter.stop();
        return allowed;
      }),
      blocked,
    );
    expect(allowed, 'requests allowed in a row after an idle second').to.equal(3);
  });

  it('refills one token per interval: wait() resolves at the next ticks', async () => {
    const waited = await within(
      2000,
      synctest.test(async () => {
        const limiter = new Limiter(100, 2);
        await time.sleep(1050); // between two ticks
        burst(limiter);
        const before = time.now();
        await limiter.wait();
        await limiter.wait();
        limiter.stop();
        return time.since(before);
      }),
      blocked,
    );
    expect(waited, 'ms waited for two tokens after emptying the bucket at 1050 ms').to.equal(150);
  });

  it('stop() leaves no goroutine and no timer behind', async () => {
    const outcome = await within(
      2000,
      synctest
        .test(() => {
          new Limiter(10, 1).stop();
        })
        .then(
          () => 'nothing left behind',
          (error: Error) => `${error.name}: ${error.message.split('\n')[0]}`,
        ),
      blocked,
    );
    expect(outcome).to.equal('nothing left behind');
  });

  it('runs main() to the end without leaking', async () => {
    const run = await runMain('15-rate-limit');
    expect(run.exitCode, run.output).to.equal(0);
    expect(run.output).to.include('burst: ok ok ok shed shed shed shed shed shed shed');
    expect(run.output, 'goroutines left blocked after main() returned').not.to.include('leaked at exit');
  });
});
