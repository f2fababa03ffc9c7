// Mutex: Go's sync.Mutex, with FIFO hand-over, abortable lock and scoped forms.
import { expect } from 'chai';
import { Mutex, UnlockOfUnlockedMutexError } from '@csp/sync';
import { abortedSignal, flush, letsTimersRun, queued, rejectionOf, stateOf, thrownBy, track } from './helpers.js';

describe('Mutex', () => {
  it('locks a free mutex at once; tryLock fails while it is held and succeeds once unlocked', async () => {
    const mu = new Mutex();
    await mu.lock();
    expect(mu.tryLock()).to.equal(false);
    mu.unlock();
    expect(mu.tryLock()).to.equal(true);
    expect(mu.tryLock()).to.equal(false);
    mu.unlock();
  });

  it('tryLock is synchronous: it returns a boolean, not a promise', () => {
    const mu = new Mutex();
    const result: unknown = mu.tryLock();
    expect(result).to.equal(true);
  });

  it("unlock of an unlocked mutex throws Go's text synchronously", () => {
    const mu = new Mutex();
    const error = thrownBy(() => mu.unlock());
    expect(error).to.be.instanceOf(UnlockOfUnlockedMutexError);
    expect((error as Error).message).to.equal('sync: unlock of unlocked mutex');
    mu.tryLock();
    mu.unlock();
    expect(() => mu.unlock()).to.throw(UnlockOfUnlockedMutexError);
  });

  it('serves waiters first come, first served', async () => {
    const mu = new Mutex();
    await mu.lock();
    const order: number[] = [];
    const waiters = [1, 2, 3].map((i) => mu.lock().then(() => order.push(i)));
    await flush();
    expect(order).to.deep.equal([]);
    for (let i = 0; i < 3; i++) {
      mu.unlock();
      await flush();
    }
    await Promise.all(waiters);
    expect(order).to.deep.equal([1, 2, 3]);
    mu.unlock();
  });

  it('hands the lock to the first waiter at unlock time: nobody barges in before it resumes', async () => {
    const mu = new Mutex();
    await mu.lock();
    const waiter = track(mu.lock());
    await flush();
    mu.unlock();
    // The waiter has not resumed yet, but it owns the lock already.
    expect(stateOf(waiter)).to.equal('pending');
    expect(mu.tryLock()).to.equal(false);
    const newcomer = track(mu.lock());
    await flush();
    expect(stateOf(waiter)).to.equal('resolved');
    expect(stateOf(newcomer)).to.equal('pending');
    mu.unlock();
    await flush();
    expect(stateOf(newcomer)).to.equal('resolved');
    mu.unlock();
  });

  it('an aborted lock rejects with the reason, leaves the queue at once and never gets the lock', async () => {
    const mu = new Mutex();
    await mu.lock();
    const controller = new AbortController();
    const aborted = track(mu.lock({ signal: controller.signal }));
    const next = track(mu.lock());
    await flush();
    expect(queued(mu)).to.equal(2);
    const reason = new Error('gave up');
    controller.abort(reason);
    expect(queued(mu)).to.equal(1);
    await flush();
    expect(aborted.outcome).to.deep.equal({ state: 'rejected', reason });
    mu.unlock();
    await flush();
    expect(stateOf(next)).to.equal('resolved');
    mu.unlock();
    expect(mu.tryLock()).to.equal(true);
  });

  it('an already aborted signal rejects before anything happens, even on a free mutex', async () => {
    const mu = new Mutex();
    const reason = new Error('too late');
    expect(await rejectionOf(mu.lock({ signal: abortedSignal(reason) }))).to.equal(reason);
    expect(mu.tryLock()).to.equal(true);
  });

  it('a waiter aborted after the hand-over but before it resumed passes the lock on', async () => {
    const mu = new Mutex();
    await mu.lock();
    const controller = new AbortController();
    const handedOver = track(mu.lock({ signal: controller.signal }));
    const next = track(mu.lock());
    await flush();
    mu.unlock(); // hands the lock to `handedOver`...
    controller.abort(new Error('abort')); // ...which aborts before it resumes
    await flush();
    expect(stateOf(handedOver)).to.equal('rejected');
    expect(stateOf(next)).to.equal('resolved');
    mu.unlock();
    expect(mu.tryLock()).to.equal(true);
  });

  it('a lock with a signal that never aborts behaves like a plain lock and drops its listener', async () => {
    const mu = new Mutex();
    const controller = new AbortController();
    await mu.lock({ signal: controller.signal });
    const waiter = track(mu.lock({ signal: controller.signal }));
    mu.unlock();
    await flush();
    expect(stateOf(waiter)).to.equal('resolved');
    controller.abort(); // after the lock was taken: nothing happens
    await flush();
    expect(mu.tryLock()).to.equal(false);
    mu.unlock();
  });

  it('withLock runs fn under the lock, returns its value and unlocks, also when fn throws', async () => {
    const mu = new Mutex();
    let insideHeld = false;
    const value = await mu.withLock(async () => {
      insideHeld = !mu.tryLock();
      return 42;
    });
    expect(insideHeld).to.equal(true);
    expect(value).to.equal(42);
    expect(mu.tryLock()).to.equal(true);
    mu.unlock();
    const boom = new Error('boom');
    expect(
      await rejectionOf(
        mu.withLock(() => {
          throw boom;
        }),
      ),
    ).to.equal(boom);
    expect(mu.tryLock()).to.equal(true);
    mu.unlock();
  });

  it('withLock with an aborted signal does not run fn', async () => {
    const mu = new Mutex();
    let ran = false;
    await rejectionOf(mu.withLock(() => (ran = true), { signal: abortedSignal() }));
    expect(ran).to.equal(false);
    expect(mu.tryLock()).to.equal(true);
  });

  it('guard() unlocks at the end of a `using` scope, and on a throw', async () => {
    const mu = new Mutex();
    {
      using _held = await mu.guard();
      expect(mu.tryLock()).to.equal(false);
    }
    expect(mu.tryLock()).to.equal(true);
    mu.unlock();
    try {
      await using _held = await mu.guard();
      throw new Error('inside');
    } catch {
      // expected
    }
    expect(mu.tryLock()).to.equal(true);
    mu.unlock();
  });

  it('a guard disposed twice unlocks once', async () => {
    const mu = new Mutex();
    const guard = await mu.guard();
    guard[Symbol.dispose]();
    guard[Symbol.dispose]();
    await guard[Symbol.asyncDispose]();
    expect(mu.tryLock()).to.equal(true);
  });

  it('an uncontended lock/unlock loop does not starve timers', async () => {
    const mu = new Mutex();
    const step = async (): Promise<void> => {
      await mu.lock();
      mu.unlock();
    };
    expect(await letsTimersRun(step)).to.equal(true);
  });
});
