// synctest bubbles: virtual time, durable blocking, wait, deadlock and leak reports, and Go's
// synctest examples (the Go blog's "Testing concurrent code with testing/synctest") ported.
import { expect } from 'chai';
import { Chan, go, recv, select, time } from '@csp/channel';
import { Mutex, WaitGroup, context } from '@csp/sync';
import { RateLimiter } from '@csp/patterns';
import { BubbleDeadlockError, EPOCH, GoroutineLeakError, TimerOutsideBubbleError, synctest } from '@csp/testing';
import { rejection } from './helpers.js';

describe('synctest.test', () => {
  it('sleeps 1 hour of virtual time in milliseconds, on a clock that starts at 2000-01-01', async () => {
    const realStart = performance.now();
    const [start, slept] = await synctest.test(async () => {
      const start = time.now();
      await time.sleep(time.hour);
      return [start, time.since(start)] as const;
    });
    expect(start.toISOString()).to.equal('2000-01-01T00:00:00.000Z');
    expect(start.getTime()).to.equal(EPOCH);
    expect(slept).to.equal(time.hour);
    expect(performance.now() - realStart).to.be.below(1000);
  });

  it('timers, tickers and after fire at their exact virtual times', async () => {
    const seen = await synctest.test(async () => {
      const seen: number[] = [];
      const ticker = time.newTicker(time.second);
      const deadline = time.after(3.5 * time.second);
      for (;;) {
        const r = await select([recv(ticker.c), recv(deadline)]);
        seen.push(time.since(EPOCH));
        if (r.index === 1) break;
      }
      ticker.stop();
      return seen;
    });
    expect(seen).to.deep.equal([1000, 2000, 3000, 3500]);
  });

  it('blocking on sync primitives is durable: a mutex held across a sleep', async () => {
    const order = await synctest.test(async () => {
      const mu = new Mutex();
      const wg = new WaitGroup();
      const order: string[] = [];
      await mu.lock();
      wg.go(async () => {
        await mu.lock();
        order.push(`locked at ${time.since(EPOCH)}`);
        mu.unlock();
      });
      await time.sleep(time.minute);
      mu.unlock();
      await wg.wait();
      return order;
    });
    expect(order).to.deep.equal(['locked at 60000']);
  });

  it('drives context deadlines: a 30-day withTimeout expires after exactly 30 days', async () => {
    const elapsed = await synctest.test(async () => {
      const [ctx, cancel] = context.withTimeout(context.background(), 30 * 24 * time.hour);
      await ctx.done()!.recv();
      cancel();
      expect(ctx.err()).to.equal(context.DeadlineExceeded);
      return time.since(EPOCH);
    });
    expect(elapsed).to.equal(30 * 24 * time.hour);
  });

  it('drives a RateLimiter of @csp/patterns on the virtual clock', async () => {
    const times = await synctest.test(async () => {
      const limiter = new RateLimiter({ interval: 100, burst: 2 });
      const times: number[] = [];
      for (let i = 0; i < 5; i++) {
        await limiter.wait();
        times.push(time.since(EPOCH));
      }
      limiter.stop();
      return times;
    });
    expect(times).to.deep.equal([0, 0, 100, 200, 300]);
  });

  it('time.afterFunc runs its function in a bubble goroutine at the virtual time', async () => {
    const ranAt = await synctest.test(async () => {
      const done = new Chan<number>(1);
      time.afterFunc(5 * time.second, () => done.trySend(time.since(EPOCH)));
      return done.recv();
    });
    expect(ranAt).to.equal(5000);
  });

  it('awaiting something outside the bubble is not durable: the clock waits for it', async () => {
    const seen = await synctest.test(async () => {
      const seen: string[] = [];
      const wg = new WaitGroup();
      wg.go(async () => {
        await new Promise((resolve) => setTimeout(resolve, 20)); // real I/O-like wait
        seen.push(`io done at ${time.since(EPOCH)}`);
      });
      wg.go(async () => {
        await time.sleep(time.second);
        seen.push(`slept until ${time.since(EPOCH)}`);
      });
      await wg.wait();
      return seen;
    });
    expect(seen).to.deep.equal(['io done at 0', 'slept until 1000']);
  });

  it('returns what fn returns; rejects with the first error of fn or of a goroutine', async () => {
    expect(await synctest.test(() => 42)).to.equal(42);
    const boom = new Error('boom');
    expect(await rejection(synctest.test(() => Promise.reject(boom)))).to.equal(boom);
    const panic = await rejection(
      synctest.test(async () => {
        go(() => {
          throw boom;
        });
        await time.sleep(time.second);
      }),
    );
    expect(panic).to.equal(boom);
  });

  it('fails with the deadlock report when everything is blocked and no timer is pending', async () => {
    const error = await rejection(
      synctest.test(async () => {
        const jobs = new Chan<number>(0, { name: 'jobs' });
        go(async () => {
          await jobs.recv();
        });
        const [ctx] = context.withTimeout(context.background(), Infinity);
        await ctx.done()!.recv(); // never done
      }),
    );
    expect(error).to.be.instanceOf(BubbleDeadlockError);
    const deadlock = error as BubbleDeadlockError;
    expect(deadlock.message).to.match(/^deadlock: all goroutines in bubble are blocked\n/);
    expect(deadlock.goroutines.map((g) => g.id)).to.deep.equal([1, 2]);
    expect(deadlock.message).to.include('goroutine 2 [chan receive] on jobs:');
    expect(deadlock.message).to.match(/goroutine 1 \[chan receive\].*:\n\tat .*synctest\.test\.ts:\d+/);
  });

  it('fails with the leak report when fn returns while goroutines are still blocked', async () => {
    const error = await rejection(
      synctest.test(() => {
        const results = new Chan<number>(0, { name: 'results' });
        go(async () => {
          await results.send(1); // nobody receives: leaked
        });
      }),
    );
    expect(error).to.be.instanceOf(GoroutineLeakError);
    expect(error.message).to.match(/^deadlock: main bubble goroutine has exited but blocked goroutines remain\n/);
    expect(error.message).to.include('goroutine 2 [chan send] on results:');
  });

  it('waits for goroutines that are still running when fn returns', async () => {
    let finished = false;
    await synctest
      .test(() => {
        go(async () => {
          await time.sleep(time.minute);
          finished = true;
        });
      })
      .catch(() => {});
    // A goroutine asleep when fn returns is blocked: it is reported as leaked (goleak's rule).
    expect(finished).to.equal(false);
    await synctest.test(() => {
      go(async () => {
        for (let i = 0; i < 100; i++) await Promise.resolve();
        finished = true;
      });
    });
    expect(finished).to.equal(true);
  });

  it('throws at the call for bad input, nesting, and wait outside a bubble', async () => {
    expect(() => synctest.test('f' as unknown as () => void)).to.throw(TypeError, /synctest\.test: fn must be a function/);
    expect(() => synctest.test(() => {}, { seed: -1 })).to.throw(RangeError, /seed/);
    expect(() => synctest.wait()).to.throw(Error, /not called from within a synctest bubble/);
    const nested = await rejection(synctest.test(() => synctest.test(() => {})));
    expect(nested.message).to.match(/called from within a synctest bubble/);
    expect(synctest.inBubble()).to.equal(false);
    expect(await synctest.test(() => synctest.inBubble())).to.equal(true);
  });

  it("stopping or resetting a bubble's timer from outside throws, as Go panics", async () => {
    const [timer, ticker] = await synctest.test(() => [time.newTimer(time.second), time.newTicker(time.second)] as const);
    expect(() => timer.stop()).to.throw(TimerOutsideBubbleError, 'stop of synctest timer from outside bubble');
    expect(() => timer.reset(1)).to.throw(TimerOutsideBubbleError, 'reset of synctest timer from outside bubble');
    expect(() => ticker.stop()).to.throw(TimerOutsideBubbleError);
  });
});

describe('outside every bubble', () => {
  it('after a bubble, go, time and select behave as without @csp/testing', async () => {
    await synctest.test(() => time.sleep(time.hour));
    const before = Date.now();
    expect(time.now().getTime()).to.be.within(before, Date.now());
    const ran = new Chan<string>(1);
    go(() => ran.trySend('ran'));
    expect(await ran.recv()).to.equal('ran');
    const start = performance.now();
    await time.sleep(5);
    expect(performance.now() - start).to.be.at.least(4);
  });
});

describe('synctest.wait', () => {
  it('returns once every other goroutine is durably blocked, without moving the clock', async () => {
    await synctest.test(async () => {
      const ch = new Chan<number>();
      let received = -1;
      go(async () => {
        for (let i = 0; i < 10; i++) await Promise.resolve();
        received = (await ch.recv())!;
      });
      await synctest.wait();
      expect(ch.length).to.equal(0);
      expect(received).to.equal(-1);
      await ch.send(7);
      await synctest.wait();
      expect(received).to.equal(7);
      expect(time.since(EPOCH)).to.equal(0);
    });
  });

  it('two goroutines may not wait at once', async () => {
    const error = await rejection(
      synctest.test(async () => {
        go(() => synctest.wait());
        await Promise.resolve();
        await Promise.resolve();
        await synctest.wait();
      }),
    );
    expect(error.message).to.match(/synctest\.wait: called concurrently/);
  });
});

// The examples of the Go blog post "Testing concurrent code with testing/synctest", ported.
describe("Go's synctest examples", () => {
  it('context.AfterFunc: not called before cancel, called after', async () => {
    await synctest.test(async () => {
      const [ctx, cancel] = context.withCancel(context.background());
      const calledCh = new Chan<void>(); // closed when AfterFunc is called
      context.afterFunc(ctx, () => calledCh.close());
      const funcCalled = (): boolean => calledCh.tryRecv() !== undefined;

      await synctest.wait();
      expect(funcCalled(), 'AfterFunc function called before context is canceled').to.equal(false);
      cancel();
      await synctest.wait();
      expect(funcCalled(), 'AfterFunc function not called after context is canceled').to.equal(true);
    });
  });

  // Go steps one nanosecond; a wall-clock time in epoch milliseconds resolves about 0.1 µs, so
  // the port steps one millisecond.
  it('context.WithTimeout: not done just before the timeout, done at it', async () => {
    await synctest.test(async () => {
      const timeout = 5 * time.second;
      const [ctx, cancel] = context.withTimeout(context.background(), timeout);
      try {
        await time.sleep(timeout - time.millisecond);
        await synctest.wait();
        expect(ctx.err(), 'before timeout').to.equal(undefined);
        await time.sleep(time.millisecond);
        await synctest.wait();
        expect(ctx.err(), 'after timeout').to.equal(context.DeadlineExceeded);
      } finally {
        cancel();
      }
    });
  });

  describe('HTTP-ish: Expect: 100-continue', () => {
    /** A client that sends its headers, waits for `100 Continue` or a timeout, then its body. */
    async function postWithExpectContinue(
      wire: Chan<string>,
      replies: Chan<string>,
      body: string,
      continueTimeout: number,
    ): Promise<string> {
      await wire.send('POST / HTTP/1.1\r\nExpect: 100-continue');
      const r = await select([recv(replies), recv(time.after(continueTimeout))]);
      if (r.index === 0 && r.value !== '100 Continue') return r.value!; // final answer, no body
      await wire.send(body);
      return (await replies.recv())!;
    }

    it('sends the body only once the server says 100 Continue', async () => {
      await synctest.test(async () => {
        const wire = new Chan<string>(10);
        const replies = new Chan<string>(10);
        const response = new Chan<string>(1);
        go(async () => response.trySend(await postWithExpectContinue(wire, replies, 'request body', 5 * time.second)));

        expect(await wire.recv()).to.match(/Expect: 100-continue/);
        await synctest.wait();
        expect(wire.length, 'body sent before 100 Continue').to.equal(0);
        await replies.send('100 Continue');
        await synctest.wait();
        expect(await wire.recv()).to.equal('request body');
        await replies.send('200 OK');
        expect(await response.recv()).to.equal('200 OK');
        expect(time.since(EPOCH)).to.equal(0);
      });
    });

    it('sends the body after the continue timeout when the server stays silent', async () => {
      await synctest.test(async () => {
        const wire = new Chan<string>(10);
        const replies = new Chan<string>(10);
        go(() => postWithExpectContinue(wire, replies, 'request body', 5 * time.second));
        await wire.recv();
        await time.sleep(5 * time.second - time.millisecond);
        await synctest.wait();
        expect(wire.length).to.equal(0);
        await time.sleep(time.millisecond);
        await synctest.wait();
        expect(await wire.recv()).to.equal('request body');
        await replies.send('200 OK');
      });
    });
  });
});
