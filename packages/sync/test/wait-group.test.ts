// WaitGroup: Go's sync.WaitGroup, with Go 1.25's wg.Go.
import { expect } from 'chai';
import { NegativeWaitGroupCounterError, WaitGroup } from '@csp/sync';
import { time } from '@csp/channel';
import { synctest } from '@csp/testing';
import { abortedSignal, flush, queued, rejectionOf, stateOf, thrownBy, track } from './helpers.js';

describe('WaitGroup', () => {
  it('wait() on a zero counter resolves at once', async () => {
    const wg = new WaitGroup();
    const waited = track(wg.wait());
    await Promise.resolve();
    await Promise.resolve();
    expect(stateOf(waited)).to.equal('resolved');
  });

  it('wait() blocks until every add is matched by a done, then wakes every waiter', async () => {
    const wg = new WaitGroup();
    wg.add(2);
    wg.add();
    const waiters = [track(wg.wait()), track(wg.wait())];
    wg.done();
    wg.add(-1);
    await flush();
    expect(waiters.map(stateOf)).to.deep.equal(['pending', 'pending']);
    wg.done();
    await flush();
    expect(waiters.map(stateOf)).to.deep.equal(['resolved', 'resolved']);
    expect(queued(wg)).to.equal(0);
  });

  it("a negative counter throws Go's text and leaves the counter unchanged", async () => {
    const wg = new WaitGroup();
    const error = thrownBy(() => wg.done());
    expect(error).to.be.instanceOf(NegativeWaitGroupCounterError);
    expect((error as Error).message).to.equal('sync: negative WaitGroup counter');
    wg.add(1);
    expect(() => wg.add(-2)).to.throw(NegativeWaitGroupCounterError);
    const waited = track(wg.wait());
    await flush();
    expect(stateOf(waited)).to.equal('pending');
    wg.done();
    await flush();
    expect(stateOf(waited)).to.equal('resolved');
  });

  it('add rejects a delta that is not an integer', () => {
    const wg = new WaitGroup();
    for (const bad of [0.5, NaN, Infinity]) {
      expect(() => wg.add(bad)).to.throw(RangeError, /WaitGroup delta/);
    }
  });

  it('an aborted wait rejects with the reason and leaves no waiter behind', async () => {
    const wg = new WaitGroup();
    wg.add();
    const controller = new AbortController();
    const waited = track(wg.wait({ signal: controller.signal }));
    await flush();
    expect(queued(wg)).to.equal(1);
    const reason = new Error('stop waiting');
    controller.abort(reason);
    expect(queued(wg)).to.equal(0);
    await flush();
    expect(waited.outcome).to.deep.equal({ state: 'rejected', reason });
    expect(await rejectionOf(wg.wait({ signal: abortedSignal(reason) }))).to.equal(reason);
  });

  it('go(fn) counts fn in until it settles', () =>
    synctest.test(async () => {
      const wg = new WaitGroup();
      const finished: number[] = [];
      for (const i of [1, 2, 3]) {
        wg.go(async () => {
          await time.sleep(i * 2);
          finished.push(i);
        });
      }
      wg.go(() => finished.push(0));
      await wg.wait();
      expect(finished.sort()).to.deep.equal([0, 1, 2, 3]);
    }));

  it('go(fn) starts fn after the caller’s synchronous code, as a goroutine', async () => {
    const wg = new WaitGroup();
    const log: string[] = [];
    wg.go(() => log.push('fn'));
    log.push('caller');
    await wg.wait();
    expect(log).to.deep.equal(['caller', 'fn']);
  });
});
