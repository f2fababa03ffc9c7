// Cond: Go's sync.Cond over a Locker.
import { expect } from 'chai';
import { Cond, Mutex, UnlockOfUnlockedMutexError } from '@csp/sync';
import { abortedSignal, flush, queued, rejectionOf, stateOf, track } from './helpers.js';

describe('Cond', () => {
  it('exposes its locker as c.l', () => {
    const mu = new Mutex();
    expect(new Cond(mu).l).to.equal(mu);
  });

  it('wait() unlocks, blocks until signal, then holds the lock again before resolving', async () => {
    const mu = new Mutex();
    const cond = new Cond(mu);
    await mu.lock();
    const waited = track(cond.wait());
    expect(mu.tryLock()).to.equal(true); // wait released the lock
    cond.signal();
    await flush();
    expect(stateOf(waited)).to.equal('pending'); // woken, but the lock is ours
    mu.unlock();
    await flush();
    expect(stateOf(waited)).to.equal('resolved');
    expect(mu.tryLock()).to.equal(false); // the waiter holds it again
    mu.unlock();
  });

  it("wait() without holding the lock rejects with 'sync: unlock of unlocked mutex'", async () => {
    const cond = new Cond(new Mutex());
    const error = await rejectionOf(cond.wait());
    expect(error).to.be.instanceOf(UnlockOfUnlockedMutexError);
    expect((error as Error).message).to.equal('sync: unlock of unlocked mutex');
    expect(queued(cond)).to.equal(0);
  });

  it('signal wakes the longest waiting, broadcast wakes them all', async () => {
    const mu = new Mutex();
    const cond = new Cond(mu);
    const woken: number[] = [];
    const waiters = [1, 2, 3].map(async (i) => {
      await mu.lock();
      await cond.wait();
      woken.push(i);
      mu.unlock();
    });
    await flush();
    expect(queued(cond)).to.equal(3);
    cond.signal();
    await flush();
    expect(woken).to.deep.equal([1]);
    cond.broadcast();
    await Promise.all(waiters);
    expect(woken).to.deep.equal([1, 2, 3]);
  });

  it('signal and broadcast with nobody waiting do nothing', () => {
    const cond = new Cond(new Mutex());
    cond.signal();
    cond.broadcast();
    expect(queued(cond)).to.equal(0);
  });

  it('an aborted wait leaves the queue, re-acquires the lock, and only then rejects', async () => {
    const mu = new Mutex();
    const cond = new Cond(mu);
    await mu.lock();
    const controller = new AbortController();
    const waited = track(cond.wait({ signal: controller.signal }));
    await mu.lock(); // someone else holds the lock when the abort comes
    const reason = new Error('no longer interested');
    controller.abort(reason);
    expect(queued(cond)).to.equal(0);
    await flush();
    expect(stateOf(waited)).to.equal('pending'); // waiting for the lock
    mu.unlock();
    await flush();
    expect(waited.outcome).to.deep.equal({ state: 'rejected', reason });
    expect(mu.tryLock()).to.equal(false); // the aborted waiter holds the lock
    mu.unlock();
    cond.signal(); // nobody to wake: the aborted wait is gone
    expect(mu.tryLock()).to.equal(true);
  });

  it('an already aborted signal rejects at once and keeps the lock held', async () => {
    const mu = new Mutex();
    const cond = new Cond(mu);
    await mu.lock();
    await rejectionOf(cond.wait({ signal: abortedSignal() }));
    expect(mu.tryLock()).to.equal(false);
    mu.unlock();
  });
});
