// RateLimiter (tokens on a ticker, bursts) and CircuitBreaker (open, half-open, closed).
import { expect } from 'chai';
import { recv, select, time } from '@csp/channel';
import { CircuitBreaker, CircuitOpenError, RateLimiter } from '@csp/patterns';
import { synctest } from '@csp/testing';
import { thrownBy, track } from './helpers.js';

describe('RateLimiter', () => {
  it('lets `burst` through at once, then one per interval', () =>
    synctest.test(async () => {
      using limiter = new RateLimiter({ interval: 10, burst: 3 });
      await synctest.wait();
      const started = time.now();
      for (let i = 0; i < 3; i++) expect(limiter.tryWait()).to.equal(true);
      expect(limiter.tryWait()).to.equal(false);
      await limiter.wait();
      await limiter.wait();
      expect(time.since(started)).to.equal(20);
    }));

  it('serves its tokens through a channel usable in select, and an aborted wait takes nothing', () =>
    synctest.test(async () => {
      const limiter = new RateLimiter({ interval: 5 });
      await synctest.wait();
      const chosen = await select([recv(limiter.tokens), recv(time.after(50))]);
      expect(chosen.index).to.equal(0);
      const controller = new AbortController();
      const waiting = track(limiter.wait({ signal: controller.signal }));
      controller.abort(new Error('no'));
      await synctest.wait();
      expect(waiting.state).to.equal('rejected');
      await time.sleep(8);
      expect(limiter.tryWait()).to.equal(true); // the token made meanwhile was not lost
      limiter.stop();
    }));

  it('makes no more tokens once stopped, and throws a RangeError naming interval or burst', () =>
    synctest.test(async () => {
      const limiter = new RateLimiter({ interval: 2 });
      await synctest.wait();
      expect(limiter.tryWait()).to.equal(true);
      limiter.stop();
      await time.sleep(8);
      expect(limiter.tryWait()).to.equal(false);
      expect((thrownBy(() => new RateLimiter({ interval: 0 })) as Error).message).to.contain('interval must be');
      expect((thrownBy(() => new RateLimiter({ interval: 1, burst: 0 })) as Error).message).to.contain(
        'burst must be a positive integer',
      );
    }));
});

describe('CircuitBreaker', () => {
  const fail = (): Promise<never> => Promise.reject(new Error('down'));

  it('opens after failureThreshold failures in a row and refuses calls without running them', () =>
    synctest.test(async () => {
      const breaker = new CircuitBreaker({ failureThreshold: 2, resetTimeout: 20 });
      await breaker.call(fail).catch(() => {});
      expect(breaker.state).to.equal('closed');
      await breaker.call(fail).catch(() => {});
      expect(breaker.state).to.equal('open');
      let ran = false;
      const refused = await breaker.call(() => (ran = true)).catch((e: unknown) => e);
      expect(refused).to.be.instanceOf(CircuitOpenError);
      expect((refused as CircuitOpenError).retryAfter).to.equal(20); // no time passed: the clock is the bubble's
      expect(ran).to.equal(false);
      expect(breaker.rejected).to.equal(1);
    }));

  it('half-opens after resetTimeout: a trial success closes it, a trial failure reopens it', () =>
    synctest.test(async () => {
      const breaker = new CircuitBreaker({ failureThreshold: 1, resetTimeout: 5 });
      await breaker.call(fail).catch(() => {});
      await time.sleep(8);
      expect(breaker.state).to.equal('half-open');
      await breaker.call(fail).catch(() => {});
      expect(breaker.state).to.equal('open');
      await time.sleep(8);
      let release!: () => void;
      const trial = breaker.call(() => new Promise<string>((resolve) => (release = () => resolve('ok'))));
      expect(await breaker.call(() => 'second').catch((e: unknown) => e)).to.be.instanceOf(CircuitOpenError); // one trial at a time
      release();
      expect(await trial).to.equal('ok');
      expect(breaker.state).to.equal('closed');
    }));

  it('counts only the errors isFailure accepts, and throws a RangeError naming a bad setting', async () => {
    const breaker = new CircuitBreaker({ failureThreshold: 1, isFailure: (e) => (e as Error).message !== 'not found' });
    await breaker.call(() => Promise.reject(new Error('not found'))).catch(() => {});
    expect(breaker.state).to.equal('closed');
    expect((thrownBy(() => new CircuitBreaker({ failureThreshold: 0 })) as Error).message).to.contain('failureThreshold must be');
    expect((thrownBy(() => new CircuitBreaker({ resetTimeout: Number.NaN })) as Error).message).to.contain(
      'resetTimeout must be',
    );
  });
});
