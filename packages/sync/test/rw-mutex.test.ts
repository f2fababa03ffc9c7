// RWMutex: Go's sync.RWMutex: shared readers, exclusive writer, no writer starvation.
import { expect } from 'chai';
import { Cond, RUnlockOfUnlockedRWMutexError, RWMutex, UnlockOfUnlockedRWMutexError } from '@csp/sync';
import { abortedSignal, flush, queued, rejectionOf, stateOf, thrownBy, track } from './helpers.js';

describe('RWMutex', () => {
  it('lets any number of readers in together, and a writer only alone', async () => {
    const rw = new RWMutex();
    await rw.rLock();
    await rw.rLock();
    expect(rw.tryRLock()).to.equal(true);
    expect(rw.tryLock()).to.equal(false);
    rw.rUnlock();
    rw.rUnlock();
    rw.rUnlock();
    expect(rw.tryLock()).to.equal(true);
    expect(rw.tryRLock()).to.equal(false);
    expect(rw.tryLock()).to.equal(false);
    rw.unlock();
  });

  it("throws Go's texts for unlocks of what is not held", () => {
    const rw = new RWMutex();
    const unlockError = thrownBy(() => rw.unlock());
    expect(unlockError).to.be.instanceOf(UnlockOfUnlockedRWMutexError);
    expect((unlockError as Error).message).to.equal('sync: Unlock of unlocked RWMutex');
    const rUnlockError = thrownBy(() => rw.rUnlock());
    expect(rUnlockError).to.be.instanceOf(RUnlockOfUnlockedRWMutexError);
    expect((rUnlockError as Error).message).to.equal('sync: RUnlock of unlocked RWMutex');
    rw.tryLock();
    expect(() => rw.rUnlock()).to.throw(RUnlockOfUnlockedRWMutexError);
    rw.unlock();
    rw.tryRLock();
    expect(() => rw.unlock()).to.throw(UnlockOfUnlockedRWMutexError);
  });

  it('a waiting writer blocks new readers, and tryRLock fails while it waits', async () => {
    const rw = new RWMutex();
    await rw.rLock();
    const writer = track(rw.lock());
    await flush();
    expect(rw.tryRLock()).to.equal(false);
    const lateReader = track(rw.rLock());
    await flush();
    expect(stateOf(writer)).to.equal('pending');
    expect(stateOf(lateReader)).to.equal('pending');
    rw.rUnlock();
    await flush();
    expect(stateOf(writer)).to.equal('resolved');
    expect(stateOf(lateReader)).to.equal('pending');
    rw.unlock();
    await flush();
    expect(stateOf(lateReader)).to.equal('resolved');
    rw.rUnlock();
  });

  it('a writer unlock lets in every reader that waited, before the next writer', async () => {
    const rw = new RWMutex();
    await rw.lock();
    const readers = [track(rw.rLock()), track(rw.rLock())];
    const writer2 = track(rw.lock());
    const reader3 = track(rw.rLock());
    await flush();
    rw.unlock();
    await flush();
    expect(readers.map(stateOf)).to.deep.equal(['resolved', 'resolved']);
    // Readers that queued behind writer2 came in with the others, as in Go.
    expect(stateOf(reader3)).to.equal('resolved');
    expect(stateOf(writer2)).to.equal('pending');
    for (let i = 0; i < 3; i++) rw.rUnlock();
    await flush();
    expect(stateOf(writer2)).to.equal('resolved');
    rw.unlock();
  });

  it('writers are served in order and each excludes the others', async () => {
    const rw = new RWMutex();
    await rw.lock();
    const order: number[] = [];
    const writers = [1, 2, 3].map((i) => rw.lock().then(() => order.push(i)));
    for (let i = 0; i < 3; i++) {
      await flush();
      expect(order.length).to.equal(i);
      rw.unlock();
    }
    await Promise.all(writers);
    expect(order).to.deep.equal([1, 2, 3]);
    rw.unlock();
  });

  it('an aborted writer leaves no trace and lets in the readers it held back', async () => {
    const rw = new RWMutex();
    await rw.rLock();
    const controller = new AbortController();
    const writer = track(rw.lock({ signal: controller.signal }));
    const reader = track(rw.rLock());
    await flush();
    expect(stateOf(reader)).to.equal('pending');
    controller.abort(new Error('writer gave up'));
    await flush();
    expect(stateOf(writer)).to.equal('rejected');
    expect(stateOf(reader)).to.equal('resolved');
    expect(queued(rw, 'waitingWriters')).to.equal(0);
    rw.rUnlock();
    rw.rUnlock();
    expect(rw.tryLock()).to.equal(true);
  });

  it('an aborted writer behind another waiting writer keeps readers out', async () => {
    const rw = new RWMutex();
    await rw.rLock();
    const first = track(rw.lock());
    const controller = new AbortController();
    const second = track(rw.lock({ signal: controller.signal }));
    const reader = track(rw.rLock());
    await flush();
    controller.abort();
    await flush();
    expect(stateOf(second)).to.equal('rejected');
    expect(stateOf(reader)).to.equal('pending');
    rw.rUnlock();
    await flush();
    expect(stateOf(first)).to.equal('resolved');
    rw.unlock();
    await flush();
    expect(stateOf(reader)).to.equal('resolved');
    rw.rUnlock();
  });

  it('an aborted reader leaves no trace', async () => {
    const rw = new RWMutex();
    await rw.lock();
    const controller = new AbortController();
    const reader = track(rw.rLock({ signal: controller.signal }));
    await flush();
    controller.abort();
    await flush();
    expect(stateOf(reader)).to.equal('rejected');
    expect(queued(rw, 'waitingReaders')).to.equal(0);
    rw.unlock();
    expect(rw.tryLock()).to.equal(true);
  });

  it('already aborted signals reject at once and take nothing', async () => {
    const rw = new RWMutex();
    await rejectionOf(rw.lock({ signal: abortedSignal() }));
    await rejectionOf(rw.rLock({ signal: abortedSignal() }));
    expect(rw.tryLock()).to.equal(true);
  });

  it('a reader aborted after the hand-over gives its read lock back', async () => {
    const rw = new RWMutex();
    await rw.lock();
    const controller = new AbortController();
    const reader = track(rw.rLock({ signal: controller.signal }));
    await flush();
    rw.unlock();
    controller.abort();
    await flush();
    expect(stateOf(reader)).to.equal('rejected');
    expect(rw.tryLock()).to.equal(true);
  });

  it('rLocker() is a Locker over rLock/rUnlock, the same object every time, usable by Cond', async () => {
    const rw = new RWMutex();
    const locker = rw.rLocker();
    expect(rw.rLocker()).to.equal(locker);
    await locker.lock();
    expect(rw.tryLock()).to.equal(false);
    expect(rw.tryRLock()).to.equal(true);
    rw.rUnlock();
    locker.unlock();
    expect(() => locker.unlock()).to.throw(RUnlockOfUnlockedRWMutexError);
    const cond = new Cond(locker);
    expect(await rejectionOf(cond.wait())).to.be.instanceOf(RUnlockOfUnlockedRWMutexError);
  });

  it('withLock / withRLock and the guards hold the right lock while the scope runs', async () => {
    const rw = new RWMutex();
    expect(await rw.withRLock(() => rw.tryRLock() && !rw.tryLock())).to.equal(true);
    rw.rUnlock();
    expect(await rw.withLock(() => !rw.tryRLock())).to.equal(true);
    {
      using _read = await rw.rGuard();
      expect(rw.tryLock()).to.equal(false);
    }
    {
      using _write = await rw.guard();
      expect(rw.tryRLock()).to.equal(false);
    }
    expect(rw.tryLock()).to.equal(true);
  });
});
