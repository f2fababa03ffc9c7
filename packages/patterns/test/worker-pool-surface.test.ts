// WorkerPool's surface beyond jobs: `await using` (graceful close), how it prints, and its timers
// running on the replaceable clock of @csp/channel (so a virtual-time harness drives them).
import { inspect } from 'node:util';
import { expect } from 'chai';
import { setClockProvider, type Clock, type TimerHandle } from '@csp/channel/internal';
import { CircuitBreaker, JobTimeoutError, WorkerPool } from '@csp/patterns';
import { deferred, flush, track } from './helpers.js';

/** A clock whose time moves only when the test says so. */
class ManualClock implements Clock {
  time = 0;
  private timers: { at: number; callback: () => void; handle: TimerHandle }[] = [];
  now(): number {
    return this.time;
  }
  monotonic(): number {
    return this.time;
  }
  setTimer(callback: () => void, delay: number): TimerHandle {
    const handle = {} as TimerHandle;
    this.timers.push({ at: this.time + delay, callback, handle });
    return handle;
  }
  clearTimer(handle: TimerHandle): void {
    this.timers = this.timers.filter((timer) => timer.handle !== handle);
  }
  get pending(): number {
    return this.timers.length;
  }
  advance(ms: number): void {
    this.time += ms;
    const due = this.timers.filter((timer) => timer.at <= this.time);
    this.timers = this.timers.filter((timer) => timer.at > this.time);
    for (const timer of due) timer.callback();
  }
}

describe('WorkerPool surface', () => {
  it('`await using` closes the pool gracefully at the end of the scope', async () => {
    const ran: number[] = [];
    let outside: WorkerPool | undefined;
    {
      await using pool = new WorkerPool({ concurrency: 2 });
      outside = pool;
      for (let i = 0; i < 5; i++) void pool.run(async () => ran.push(i));
    }
    expect(ran).to.deep.equal([0, 1, 2, 3, 4]);
    expect(outside.done().tryRecv()).to.deep.equal([undefined, false]); // finished
  });

  it('prints its public state, with its name, and tags itself', async () => {
    const pool = new WorkerPool({ concurrency: 2, name: 'resize' });
    const gate = deferred();
    for (let i = 0; i < 5; i++) pool.trySubmit(() => gate.promise);
    expect(inspect(pool)).to.equal('WorkerPool<resize> { workers: 2, queued: 3, inFlight: 2, closed: false }');
    expect(Object.prototype.toString.call(pool)).to.equal('[object WorkerPool]');
    expect(pool.name).to.equal('resize');
    gate.resolve();
    const closing = pool.close();
    expect(inspect(new WorkerPool({ max: 3 }))).to.equal('WorkerPool { workers: 1, queued: 0, inFlight: 0, closed: false }');
    await closing;
    expect(inspect(pool)).to.equal('WorkerPool<resize> { workers: 2, queued: 0, inFlight: 0, closed: true }');
  });

  describe('on a replaced clock', () => {
    let clock: ManualClock;
    beforeEach(() => {
      clock = new ManualClock();
      setClockProvider(() => clock);
    });
    afterEach(() => setClockProvider(null));

    it('job timeouts, idle shrink and metrics read the current clock', async () => {
      const pool = new WorkerPool({ min: 1, max: 3, idleTimeout: 500, timeout: 1000 });
      const gates = [deferred(), deferred(), deferred()];
      const results = gates.map((gate) => track(pool.run(() => gate.promise)));
      expect(pool.metrics().workers).to.equal(3);
      clock.advance(999);
      await flush();
      expect(results.map((r) => r.state)).to.deep.equal(['pending', 'pending', 'pending']);
      clock.advance(1); // the timeouts expire on the manual clock, not on the real one
      await flush();
      expect(results.map((r) => r.reason)).to.satisfy((reasons: unknown[]) => reasons.every((e) => e instanceof JobTimeoutError));
      gates.forEach((gate) => gate.resolve());
      await flush();
      expect(pool.metrics().workers).to.equal(3);
      clock.advance(500); // idle for idleTimeout: back to min
      expect(pool.metrics().workers).to.equal(1);
      expect(pool.metrics().uptime).to.equal(1500);
      await pool.close();
      expect(clock.pending).to.equal(0);
    });

    it("a circuit breaker's reset timeout runs on the current clock", async () => {
      const breaker = new CircuitBreaker({ failureThreshold: 1, resetTimeout: 100 });
      await breaker.call(() => Promise.reject(new Error('down'))).catch(() => {});
      expect(breaker.state).to.equal('open');
      clock.advance(100);
      expect(breaker.state).to.equal('half-open');
    });
  });
});
