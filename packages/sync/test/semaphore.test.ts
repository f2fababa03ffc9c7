// Semaphore: x/sync's semaphore.Weighted, strictly FIFO.
import { expect } from 'chai';
import { ReleasedMoreThanHeldError, Semaphore } from '@csp/sync';
import { abortedSignal, flush, letsTimersRun, queued, rejectionOf, stateOf, thrownBy, track } from './helpers.js';

describe('Semaphore', () => {
  it('grants permits while they last; tryAcquire is synchronous', async () => {
    const sem = new Semaphore(3);
    await sem.acquire(2);
    expect(sem.tryAcquire(2)).to.equal(false);
    expect(sem.tryAcquire()).to.equal(true);
    expect(sem.tryAcquire(0)).to.equal(true);
    expect(sem.tryAcquire()).to.equal(false);
    sem.release(3);
    expect(sem.tryAcquire(3)).to.equal(true);
  });

  it("over-release throws x/sync's text and releases nothing", () => {
    const sem = new Semaphore(2);
    expect(thrownBy(() => sem.release())).to.be.instanceOf(ReleasedMoreThanHeldError);
    sem.tryAcquire(1);
    const error = thrownBy(() => sem.release(2));
    expect(error).to.be.instanceOf(ReleasedMoreThanHeldError);
    expect((error as Error).message).to.equal('semaphore: released more than held');
    expect(sem.tryAcquire(2)).to.equal(false); // the one permit is still held
    sem.release(1);
  });

  it('throws a RangeError naming the setting for a bad size or weight', () => {
    for (const bad of [-1, 1.5, NaN, Infinity]) {
      expect(() => new Semaphore(bad)).to.throw(RangeError, /semaphore size/);
    }
    const sem = new Semaphore(2);
    expect(() => sem.tryAcquire(-1)).to.throw(RangeError, /tryAcquire weight/);
    expect(() => sem.release(0.5)).to.throw(RangeError, /release weight/);
    expect(() => sem.acquire(-2)).to.throw(RangeError, /acquire weight/);
  });

  it('is strict FIFO: a large request at the head blocks smaller ones behind it', async () => {
    const sem = new Semaphore(4);
    await sem.acquire(3);
    const large = track(sem.acquire(3));
    const small = track(sem.acquire(1));
    await flush();
    expect(stateOf(small)).to.equal('pending'); // 1 permit is free, but the large one is first
    expect(sem.tryAcquire(1)).to.equal(false); // tryAcquire fails while anyone waits
    sem.release(3);
    await flush();
    expect(stateOf(large)).to.equal('resolved');
    expect(stateOf(small)).to.equal('resolved');
    sem.release(4);
  });

  it('hands permits to waiters at release time: nobody barges in', async () => {
    const sem = new Semaphore(1);
    await sem.acquire();
    const waiter = track(sem.acquire());
    await flush();
    sem.release();
    expect(sem.tryAcquire()).to.equal(false);
    await flush();
    expect(stateOf(waiter)).to.equal('resolved');
  });

  it('a request larger than the size waits only for its signal, holding up nobody', async () => {
    const sem = new Semaphore(2);
    const controller = new AbortController();
    const huge = track(sem.acquire(3, { signal: controller.signal }));
    const normal = track(sem.acquire(2));
    await flush();
    expect(stateOf(normal)).to.equal('resolved');
    expect(queued(sem)).to.equal(0);
    sem.release(2);
    await flush();
    expect(stateOf(huge)).to.equal('pending');
    const reason = new Error('never fits');
    controller.abort(reason);
    await flush();
    expect(huge.outcome).to.deep.equal({ state: 'rejected', reason });
    expect(sem.tryAcquire(2)).to.equal(true);
  });

  it('an aborted waiter leaves at once; if it was the head, the ones behind it may go', async () => {
    const sem = new Semaphore(4);
    await sem.acquire(2);
    const controller = new AbortController();
    const head = track(sem.acquire(4, { signal: controller.signal }));
    const behind = track(sem.acquire(2));
    await flush();
    expect(stateOf(behind)).to.equal('pending');
    controller.abort(new Error('head gives up'));
    expect(queued(sem)).to.equal(0);
    await flush();
    expect(stateOf(head)).to.equal('rejected');
    expect(stateOf(behind)).to.equal('resolved');
    sem.release(4);
    expect(sem.tryAcquire(4)).to.equal(true);
  });

  it('a waiter aborted after being granted gives the permits back', async () => {
    const sem = new Semaphore(2);
    await sem.acquire(2);
    const controller = new AbortController();
    const granted = track(sem.acquire(2, { signal: controller.signal }));
    const next = track(sem.acquire(1));
    await flush();
    sem.release(2); // grants `granted` its 2 permits...
    controller.abort(new Error('too late')); // ...but it aborts before resuming
    await flush();
    expect(stateOf(granted)).to.equal('rejected');
    expect(stateOf(next)).to.equal('resolved');
    expect(sem.tryAcquire(1)).to.equal(true);
    expect(sem.tryAcquire(1)).to.equal(false);
  });

  it('an already aborted signal rejects before anything happens', async () => {
    const sem = new Semaphore(1);
    const reason = new Error('before');
    expect(await rejectionOf(sem.acquire(1, { signal: abortedSignal(reason) }))).to.equal(reason);
    expect(sem.tryAcquire()).to.equal(true);
  });

  it('a semaphore of size 0 grants only weight 0', async () => {
    const sem = new Semaphore(0);
    await sem.acquire(0);
    expect(sem.tryAcquire(1)).to.equal(false);
    sem.release(0);
  });

  it('an uncontended acquire/release loop does not starve timers', async () => {
    const sem = new Semaphore(1);
    const step = async (): Promise<void> => {
      await sem.acquire();
      sem.release();
    };
    expect(await letsTimersRun(step)).to.equal(true);
  });
});
