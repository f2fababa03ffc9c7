// The errors thrown where Go panics are GoPanicErrors, with their own names and Go's messages.
import { expect } from 'chai';
import { time } from '@csp/channel';
import { GoPanicError } from '@csp/channel/internal';
import { synctest } from '@csp/testing';
import {
  CanceledError,
  Group,
  ModifyLimitWhileActiveError,
  Mutex,
  NegativeWaitGroupCounterError,
  ReleasedMoreThanHeldError,
  RUnlockOfUnlockedRWMutexError,
  RWMutex,
  Semaphore,
  UnlockOfUnlockedMutexError,
  UnlockOfUnlockedRWMutexError,
  WaitGroup,
  context,
} from '@csp/sync';
import { thrownBy } from './helpers.js';

describe('sync errors', () => {
  it("each is a GoPanicError named after its class, with Go's message", () =>
    synctest.test(async () => {
      const g = new Group();
      g.setLimit(1);
      await g.go(() => time.sleep(1));
      const cases: [unknown, new (...args: never[]) => Error, string][] = [
        [thrownBy(() => new Mutex().unlock()), UnlockOfUnlockedMutexError, 'sync: unlock of unlocked mutex'],
        [thrownBy(() => new RWMutex().rUnlock()), RUnlockOfUnlockedRWMutexError, 'sync: RUnlock of unlocked RWMutex'],
        [thrownBy(() => new RWMutex().unlock()), UnlockOfUnlockedRWMutexError, 'sync: Unlock of unlocked RWMutex'],
        [thrownBy(() => new WaitGroup().done()), NegativeWaitGroupCounterError, 'sync: negative WaitGroup counter'],
        [thrownBy(() => new Semaphore(1).release()), ReleasedMoreThanHeldError, 'semaphore: released more than held'],
        [
          thrownBy(() => g.setLimit(2)),
          ModifyLimitWhileActiveError,
          'errgroup: modify limit while 1 goroutines in the group are still active',
        ],
      ];
      for (const [error, type, message] of cases) {
        expect(error).to.be.instanceOf(type);
        expect(error).to.be.instanceOf(GoPanicError);
        expect((error as Error).name).to.equal(type.name);
        expect((error as Error).message).to.equal(message);
        expect(String(error)).to.equal(`${type.name}: ${message}`);
      }
      await g.wait();
    }));

  it('the context errors are errors, not panics', () => {
    expect(context.Canceled).to.be.instanceOf(CanceledError);
    expect(context.Canceled).not.to.be.instanceOf(GoPanicError);
    expect(context.DeadlineExceeded).not.to.be.instanceOf(GoPanicError);
  });
});
