// Which goroutines a bubble counts: the ones `go` starts, and so the ones WaitGroup.go and
// errgroup's Group.go start, each its own goroutine of the bubble (as in Go), so that a blocked
// one is reported as leaked and the clock waits for each of them.
import { expect } from 'chai';
import { Chan, time } from '@csp/channel';
import { Group, WaitGroup } from '@csp/sync';
import { GoroutineLeakError, synctest } from '@csp/testing';
import { rejection } from './helpers.js';

/** Starts `count` functions with `start`, each blocked forever on a receive from `stuck`. */
function leakTest(start: (fn: () => Promise<unknown>) => unknown, count: number): Promise<unknown> {
  return synctest.test(async () => {
    const stuck = new Chan<number>(0, { name: 'stuck' });
    for (let i = 0; i < count; i++) await start(() => stuck.recv());
    await synctest.wait();
  });
}

describe('the goroutines of a bubble', () => {
  for (const [name, start] of [
    ['WaitGroup.go', (fn: () => Promise<unknown>) => new WaitGroup().go(fn)],
    ['errgroup Group.go', (fn: () => Promise<unknown>) => new Group().go(fn)],
    ['errgroup Group.tryGo', (fn: () => Promise<unknown>) => new Group().tryGo(fn)],
  ] as const) {
    it(`${name} starts a goroutine of its own: each blocked one is reported as leaked`, async () => {
      const error = await rejection(leakTest(start, 3));
      expect(error).to.be.instanceOf(GoroutineLeakError);
      const leaked = (error as GoroutineLeakError).goroutines;
      const blockedOnStuck = leaked.filter((g) => g.operations.some((op) => op.subject === 'stuck'));
      expect(blockedOnStuck).to.have.length(3);
      expect(leaked.map((g) => g.id)).not.to.include(1); // the test function itself returned
    });
  }

  it('errgroup Group.go that waited for a slot starts a goroutine of its own too', async () => {
    const error = await rejection(
      synctest.test(async () => {
        const g = new Group();
        g.setLimit(1);
        const stuck = new Chan<number>(0, { name: 'stuck' });
        await g.go(() => time.sleep(1));
        await g.go(() => stuck.recv()); // waits 1 ms for the slot
        await synctest.wait();
      }),
    );
    expect(error).to.be.instanceOf(GoroutineLeakError);
    const leaked = (error as GoroutineLeakError).goroutines;
    expect(leaked).to.have.length(1);
    expect(leaked[0]!.id).not.to.equal(1);
    expect(leaked[0]!.operations.map((op) => op.subject)).to.deep.equal(['stuck']);
  });

  it('errgroup: the clock waits for a group goroutine that awaits something outside the bubble', async () => {
    const order = await synctest.test(async () => {
      const order: string[] = [];
      const g = new Group();
      await g.go(async () => {
        await new Promise((resolve) => setTimeout(resolve, 5)); // real I/O, not durable
        order.push('io done');
      });
      await g.go(async () => {
        await time.sleep(time.hour);
        order.push('hour slept');
      });
      await g.wait();
      return order;
    });
    expect(order).to.deep.equal(['io done', 'hour slept']);
  });
});
