// Group: x/sync's errgroup.Group, with withContext, setLimit and tryGo.
import { expect } from 'chai';
import { CanceledError, Group, ModifyLimitWhileActiveError, Mutex, context } from '@csp/sync';
import { time } from '@csp/channel';
import { synctest } from '@csp/testing';
import { abortedSignal, flush, rejectionOf, stateOf, thrownBy, track } from './helpers.js';

describe('Group (errgroup)', () => {
  it('wait resolves once every function has finished', async () => {
    const g = new Group();
    const gates = [3, 1, 2].map(() => {
      let resolve!: () => void;
      const promise = new Promise<void>((settle) => (resolve = settle));
      return { promise, resolve };
    });
    const done: number[] = [];
    for (const [index, i] of [3, 1, 2].entries()) {
      await g.go(async () => {
        await gates[index]!.promise;
        done.push(i);
      });
    }
    const waiting = track(g.wait());
    for (const index of [1, 2]) {
      gates[index]!.resolve();
      await flush();
      expect(stateOf(waiting)).to.equal('pending');
    }
    gates[0]!.resolve();
    await waiting.promise;
    expect(done).to.deep.equal([1, 2, 3]);
  });

  it('wait on an empty group resolves at once', async () => {
    await new Group().wait();
  });

  it('go resolves once fn has started', () =>
    synctest.test(async () => {
      const g = new Group();
      let started = false;
      await g.go(async () => {
        started = true;
        await time.sleep(1);
      });
      expect(started).to.equal(true);
      await g.wait();
    }));

  it('wait rejects with the first error, after every function finished', () =>
    synctest.test(async () => {
      const g = new Group();
      const first = new Error('first');
      let slowFinished = false;
      await g.go(async () => {
        await time.sleep(1);
        throw first;
      });
      await g.go(async () => {
        await time.sleep(5);
        throw new Error('second');
      });
      await g.go(async () => {
        await time.sleep(10);
        slowFinished = true;
      });
      expect(await rejectionOf(g.wait())).to.equal(first);
      expect(slowFinished).to.equal(true);
    }));

  it('a synchronous throw counts as the error too', async () => {
    const g = new Group();
    const boom = new Error('sync boom');
    await g.go(() => {
      throw boom;
    });
    expect(await rejectionOf(g.wait())).to.equal(boom);
  });

  it('withContext: the context is cancelled at the first error, with the error as its cause', () =>
    synctest.test(async () => {
      const [g, ctx] = Group.withContext(context.background());
      const failure = new Error('failed');
      let sawCancel: Error | undefined;
      await g.go(async () => {
        await ctx.done()!.recv();
        sawCancel = ctx.err();
      });
      await g.go(async () => {
        await time.sleep(2);
        throw failure;
      });
      expect(await rejectionOf(g.wait())).to.equal(failure);
      expect(sawCancel).to.equal(context.Canceled);
      expect(context.cause(ctx)).to.equal(failure);
      expect(ctx.signal.reason).to.equal(context.Canceled);
    }));

  it('withContext: an operation aborted through ctx.signal rejects with context.Canceled, as in Go', async () => {
    const [g, ctx] = Group.withContext(context.background());
    const failure = new Error('failed');
    const mu = new Mutex();
    await mu.lock();
    let lockError: unknown;
    await g.go(async () => {
      try {
        await mu.lock({ signal: ctx.signal });
      } catch (error) {
        lockError = error;
        throw error;
      }
    });
    await g.go(() => {
      throw failure;
    });
    expect(await rejectionOf(g.wait())).to.equal(failure);
    expect(lockError).to.equal(context.Canceled);
    expect(lockError).to.be.instanceOf(CanceledError);
  });

  it('withContext: the context is cancelled when wait returns, even without error', () =>
    synctest.test(async () => {
      const [g, ctx] = Group.withContext(context.background());
      await g.go(() => time.sleep(1));
      expect(ctx.err()).to.equal(undefined);
      await g.wait();
      expect(ctx.err()).to.equal(context.Canceled);
      expect(context.cause(ctx)).to.equal(context.Canceled);
    }));

  it('withContext: the group context follows its parent', () => {
    const [parent, cancel] = context.withCancel(context.background());
    const [, ctx] = Group.withContext(parent);
    cancel();
    expect(ctx.err()).to.equal(context.Canceled);
  });

  it('setLimit bounds concurrency; go waits for a slot; tryGo returns false when full', async () => {
    const g = new Group();
    g.setLimit(2);
    let running = 0;
    let peak = 0;
    let release = (): void => {};
    const gate = new Promise<void>((resolve) => (release = resolve));
    const task = async (): Promise<void> => {
      running++;
      peak = Math.max(peak, running);
      await gate;
      running--;
    };
    await g.go(task);
    expect(g.tryGo(task)).to.equal(true);
    expect(g.tryGo(task)).to.equal(false);
    const third = track(g.go(task));
    await flush();
    expect(stateOf(third)).to.equal('pending');
    release();
    await third.promise;
    await g.wait();
    expect(peak).to.equal(2);
  });

  it("setLimit while functions run throws errgroup's text", () =>
    synctest.test(async () => {
      const g = new Group();
      g.setLimit(3);
      await g.go(() => time.sleep(5));
      await g.go(() => time.sleep(5));
      const error = thrownBy(() => g.setLimit(5));
      expect(error).to.be.instanceOf(ModifyLimitWhileActiveError);
      expect((error as Error).message).to.equal('errgroup: modify limit while 2 goroutines in the group are still active');
      await g.wait();
      g.setLimit(5);
      g.setLimit(-1);
    }));

  it('setLimit rejects a bad limit with a RangeError naming it', () => {
    const g = new Group();
    for (const bad of [1.5, NaN, -Infinity]) expect(() => g.setLimit(bad)).to.throw(RangeError, /errgroup limit/);
    expect(() => g.setLimit('2' as never)).to.throw(TypeError, /errgroup limit/);
  });

  it('setLimit with any negative n removes the limit, even while functions run, as in Go', () =>
    synctest.test(async () => {
      for (const negative of [-1, -2, -100]) {
        const g = new Group();
        g.setLimit(1);
        await g.go(() => time.sleep(5));
        expect(g.tryGo(() => {})).to.equal(false);
        g.setLimit(negative);
        expect(g.tryGo(() => {})).to.equal(true);
        expect(g.tryGo(() => {})).to.equal(true);
        await g.wait();
      }
    }));

  it('a go aborted while waiting for a slot rejects, never runs fn, and frees nothing it did not take', async () => {
    const g = new Group();
    g.setLimit(1);
    let release!: () => void;
    await g.go(() => new Promise<void>((resolve) => (release = resolve)));
    const controller = new AbortController();
    let ran = false;
    const waiting = track(g.go(() => (ran = true), { signal: controller.signal }));
    await flush();
    const reason = new Error('no slot in time');
    controller.abort(reason);
    await flush();
    expect(waiting.outcome).to.deep.equal({ state: 'rejected', reason });
    release();
    await g.wait();
    expect(ran).to.equal(false);
    expect(g.tryGo(() => {})).to.equal(true);
    await g.wait();
    await rejectionOf(g.go(() => {}, { signal: abortedSignal() }));
  });

  it('a go granted its slot but aborted before it resumed gives the slot back', async () => {
    const g = new Group();
    g.setLimit(1);
    // A thenable lets the test finish the first function synchronously, right before the abort.
    let finish!: () => void;
    await g.go(() => ({ then: (onFulfilled: () => void) => (finish = onFulfilled) }));
    const controller = new AbortController();
    let ran = false;
    const waiting = track(g.go(() => (ran = true), { signal: controller.signal }));
    await flush();
    finish(); // the first function's slot passes to the waiting go...
    controller.abort(); // ...which aborts before it resumes
    await g.wait();
    await flush();
    expect(stateOf(waiting)).to.equal('rejected');
    expect(ran).to.equal(false);
    expect(g.tryGo(() => {})).to.equal(true);
    await g.wait();
  });

  it('an aborted wait leaves the context alone', async () => {
    const [g, ctx] = Group.withContext(context.background());
    let release!: () => void;
    await g.go(() => new Promise<void>((resolve) => (release = resolve)));
    const controller = new AbortController();
    const waited = track(g.wait({ signal: controller.signal }));
    controller.abort();
    await flush();
    expect(stateOf(waited)).to.equal('rejected');
    expect(ctx.err()).to.equal(undefined);
    release();
    await g.wait();
  });
});
