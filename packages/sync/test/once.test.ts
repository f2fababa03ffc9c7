// Once, onceFunc, onceValue, onceValues: Go's sync.Once and its Go 1.21 helpers.
import { expect } from 'chai';
import { Once, onceFunc, onceValue, onceValues } from '@csp/sync';
import { time } from '@csp/channel';
import { synctest } from '@csp/testing';
import { abortedSignal, flush, rejectionOf, stateOf, thrownBy, track } from './helpers.js';

describe('Once', () => {
  it('runs fn on the first call only', async () => {
    const once = new Once();
    let runs = 0;
    await once.do(() => runs++);
    await once.do(() => runs++);
    expect(runs).to.equal(1);
  });

  it('runs a synchronous fn at once, inside the first call', () => {
    const once = new Once();
    let ran = false;
    void once.do(() => (ran = true));
    expect(ran).to.equal(true);
  });

  it('concurrent callers wait for the running fn, and do not run theirs', () =>
    synctest.test(async () => {
      const once = new Once();
      let finished = false;
      let secondRan = false;
      const first = track(
        once.do(async () => {
          await time.sleep(5);
          finished = true;
        }),
      );
      const second = track(once.do(() => (secondRan = true)));
      await synctest.wait();
      expect(stateOf(second)).to.equal('pending');
      await second.promise;
      expect(finished).to.equal(true);
      expect(secondRan).to.equal(false);
      await synctest.wait();
      expect(stateOf(first)).to.equal('resolved');
    }));

  it('if fn throws, that call rejects and do is done', async () => {
    const once = new Once();
    const boom = new Error('boom');
    expect(
      await rejectionOf(
        once.do(() => {
          throw boom;
        }),
      ),
    ).to.equal(boom);
    let ran = false;
    await once.do(() => (ran = true));
    expect(ran).to.equal(false);
  });

  it('if an async fn rejects, that call rejects, waiters resolve, and do is done', () =>
    synctest.test(async () => {
      const once = new Once();
      const boom = new Error('async boom');
      const first = track(
        once.do(async () => {
          await time.sleep(2);
          throw boom;
        }),
      );
      const waiter = track(once.do(() => {}));
      await first.promise.catch(() => {});
      await synctest.wait();
      expect(first.outcome).to.deep.equal({ state: 'rejected', reason: boom });
      expect(stateOf(waiter)).to.equal('resolved');
      let ran = false;
      await once.do(() => (ran = true));
      expect(ran).to.equal(false);
    }));

  it('an aborted waiter rejects without disturbing the running fn or the other waiters', async () => {
    const once = new Once();
    let release!: () => void;
    const running = track(once.do(() => new Promise<void>((resolve) => (release = resolve))));
    const controller = new AbortController();
    const aborted = track(once.do(() => {}, { signal: controller.signal }));
    const other = track(once.do(() => {}));
    controller.abort(new Error('enough'));
    await flush();
    expect(stateOf(aborted)).to.equal('rejected');
    expect(stateOf(other)).to.equal('pending');
    release();
    await flush();
    expect(stateOf(running)).to.equal('resolved');
    expect(stateOf(other)).to.equal('resolved');
    await rejectionOf(once.do(() => {}, { signal: abortedSignal() }));
  });
});

describe('onceFunc / onceValue / onceValues', () => {
  it('onceFunc calls f once', () => {
    let calls = 0;
    const f = onceFunc(() => {
      calls++;
    });
    f();
    f();
    expect(calls).to.equal(1);
  });

  it('onceValue returns the first result on every call', () => {
    let calls = 0;
    const value = onceValue(() => ({ n: ++calls }));
    const first = value();
    expect(value()).to.equal(first);
    expect(calls).to.equal(1);
  });

  it('onceValue rethrows the same error on every call, without calling f again', () => {
    let calls = 0;
    const boom = new Error('boom');
    const value = onceValue((): number => {
      calls++;
      throw boom;
    });
    expect(thrownBy(value)).to.equal(boom);
    expect(thrownBy(value)).to.equal(boom);
    expect(calls).to.equal(1);
  });

  it('an async f: every call gets the same promise, rejecting with the same error', () =>
    synctest.test(async () => {
      let calls = 0;
      const boom = new Error('async boom');
      const load = onceValue(async (): Promise<number> => {
        calls++;
        await time.sleep(1);
        throw boom;
      });
      const [a, b] = [load(), load()];
      expect(a).to.equal(b);
      expect(await rejectionOf(a)).to.equal(boom);
      expect(await rejectionOf(load())).to.equal(boom);
      expect(calls).to.equal(1);
    }));

  it('onceValues returns the same pair every call', () => {
    let calls = 0;
    const read = onceValues((): [string, Error | undefined] => [`text ${++calls}`, undefined]);
    expect(read()).to.deep.equal(['text 1', undefined]);
    expect(read()).to.equal(read());
    expect(calls).to.equal(1);
  });
});
