// What async-mutex and async-sema get wrong, and we must not: a timed-out waiter that stays
// queued and later takes the lock, asynchronous tryAcquire, silently ignored misuse, and an
// extra release that raises the capacity.
import { expect } from 'chai';
import { Mutex, ReleasedMoreThanHeldError, Semaphore, UnlockOfUnlockedMutexError } from '@csp/sync';
import { time } from '@csp/channel';
import { flush, rejectionOf, stateOf, track } from './helpers.js';

describe('the known bugs of our peers do not happen here', () => {
  it('a timed-out waiter never later takes the lock (async-mutex withTimeout)', async () => {
    const mu = new Mutex();
    await mu.lock();
    let timedOutGotLock = false;
    const timedOut = mu.lock({ signal: AbortSignal.timeout(2) }).then(() => (timedOutGotLock = true));
    const patient = track(mu.lock());
    const reason = await rejectionOf(timedOut);
    expect((reason as Error).name).to.equal('TimeoutError');
    mu.unlock();
    await flush();
    expect(stateOf(patient)).to.equal('resolved'); // the lock went straight to the live waiter
    mu.unlock();
    await time.sleep(2);
    expect(timedOutGotLock).to.equal(false);
    expect(mu.tryLock()).to.equal(true); // nobody holds or will take it: no phantom owner
  });

  it('a timed-out semaphore waiter never takes permits later', async () => {
    const sem = new Semaphore(1);
    await sem.acquire();
    await rejectionOf(sem.acquire(1, { signal: AbortSignal.timeout(2) }));
    sem.release();
    await flush();
    expect(sem.tryAcquire()).to.equal(true);
  });

  it('tryLock and tryAcquire answer synchronously (async-mutex: a promise)', () => {
    const tryLock: unknown = new Mutex().tryLock();
    const tryAcquire: unknown = new Semaphore(1).tryAcquire();
    expect(tryLock).to.equal(true);
    expect(tryAcquire).to.equal(true);
  });

  it('unlock of an unlocked mutex throws (async-mutex ignores it)', () => {
    expect(() => new Mutex().unlock()).to.throw(UnlockOfUnlockedMutexError);
  });

  it('an extra release throws and does not raise the capacity (async-sema)', () => {
    const sem = new Semaphore(2);
    expect(() => sem.release()).to.throw(ReleasedMoreThanHeldError);
    expect(sem.tryAcquire(2)).to.equal(true);
    expect(sem.tryAcquire(1)).to.equal(false);
  });
});
